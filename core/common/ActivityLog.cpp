#include "core/common/ActivityLog.h"

namespace otadesk {

ActivityLog::ActivityLog(qsizetype capacity, QObject *parent)
    : QObject(parent), m_capacity(qMax<qsizetype>(1, capacity))
{
    qRegisterMetaType<otadesk::ActivityEntry>();
}

ActivityLog *ActivityLog::instance()
{
    static ActivityLog log;
    return &log;
}

void ActivityLog::append(ActivityEntry::Level level, const QString &source, const QString &text)
{
    ActivityEntry e;
    e.time = QDateTime::currentDateTime();
    e.level = level;
    e.source = source;
    e.text = text;
    {
        QMutexLocker lock(&m_mutex);
        e.id = m_nextId++;
        if (m_ring.size() < m_capacity) {
            m_ring.append(e);
        } else {
            m_ring[m_head] = e;
            m_head = (m_head + 1) % m_capacity;
        }
    }
    Q_EMIT entryAdded(e);
}

QList<ActivityEntry> ActivityLog::entries() const
{
    QMutexLocker lock(&m_mutex);
    QList<ActivityEntry> out;
    out.reserve(m_ring.size());
    for (qsizetype i = 0; i < m_ring.size(); ++i)
        out.append(m_ring.at((m_head + i) % m_ring.size()));
    return out;
}

void ActivityLog::clear()
{
    {
        QMutexLocker lock(&m_mutex);
        m_ring.clear();
        m_head = 0;
    }
    Q_EMIT cleared();
}

} // namespace otadesk
