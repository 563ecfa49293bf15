#pragma once
// The activity log the user sees (not the developer log): a bounded ring buffer of what the application did,
// shared by the GUI panel and, later, the server's event stream. Thread-safe; emits entryAdded in the thread
// that appended (connect with Qt::QueuedConnection from the GUI).
#include <QDateTime>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>

namespace otadesk {

struct ActivityEntry
{
    enum class Level { Info, Warning, Error };
    qint64 id = 0;
    QDateTime time;
    Level level = Level::Info;
    QString source; // "firmware", "library", ...
    QString text;
};

class ActivityLog : public QObject
{
    Q_OBJECT
public:
    explicit ActivityLog(qsizetype capacity = 2000, QObject *parent = nullptr);
    static ActivityLog *instance();

    void info(const QString &source, const QString &text) { append(ActivityEntry::Level::Info, source, text); }
    void warning(const QString &source, const QString &text)
    {
        append(ActivityEntry::Level::Warning, source, text);
    }
    void error(const QString &source, const QString &text) { append(ActivityEntry::Level::Error, source, text); }
    void append(ActivityEntry::Level level, const QString &source, const QString &text);

    QList<ActivityEntry> entries() const;
    qsizetype capacity() const { return m_capacity; }
    void clear();

Q_SIGNALS:
    void entryAdded(const otadesk::ActivityEntry &entry);
    void cleared();

private:
    mutable QMutex m_mutex;
    QList<ActivityEntry> m_ring;
    qsizetype m_capacity;
    qsizetype m_head = 0; // index of the oldest entry once the ring is full
    qint64 m_nextId = 1;
};

} // namespace otadesk
Q_DECLARE_METATYPE(otadesk::ActivityEntry)
