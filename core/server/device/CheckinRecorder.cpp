#include "core/server/device/CheckinRecorder.h"

#include "core/common/Logging.h"

namespace otadesk::server {

CheckinRecorder::CheckinRecorder(const store::Database &db, QObject *parent) : QObject(parent), m_db(db)
{
    m_timer.setInterval(kFlushMs);
    connect(&m_timer, &QTimer::timeout, this, &CheckinRecorder::flush);
}

CheckinRecorder::~CheckinRecorder()
{
    flush();
}

void CheckinRecorder::record(qint64 deviceId, qint64 at, const QString &address)
{
    auto it = m_pending.find(deviceId);
    if (it == m_pending.end()) {
        m_pending.insert(deviceId, {deviceId, at, address, 1});
    } else {
        it->at = std::max(it->at, at);
        it->address = address;
        ++it->checkins;
    }
    if (m_pending.size() >= kMaxPending)
        flush();
    else if (!m_timer.isActive())
        m_timer.start();
}

void CheckinRecorder::flush()
{
    m_timer.stop();
    if (m_pending.isEmpty())
        return;
    const QList<store::DeviceTouch> touches = m_pending.values();
    m_pending.clear();
    if (auto st = store::DeviceCheckins(m_db).touch(touches); !st)
        qCWarning(lcServer).noquote() << "cannot record" << touches.size() << "check-ins:" << st.error().message();
}

} // namespace otadesk::server
