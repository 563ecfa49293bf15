#pragma once
// Collects the check-ins that only move last_seen/address and writes them together in one transaction every
// kFlushMs — a busy fleet costs one write per interval, not one per check-in. A device's row is written at most
// once per `minIntervalMs` (ServerConfig::lastSeenIntervalSeconds): its first check-in after a quiet period is
// written within kFlushMs, further check-ins within the interval are counted here and written when it has passed.
// So last_seen in the database lags by at most minIntervalMs + kFlushMs, and every check-in is counted.
// flushAll() at shutdown.
#include "core/store/DeviceCheckins.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QTimer>

namespace otadesk::server {

class CheckinRecorder : public QObject
{
    Q_OBJECT
public:
    CheckinRecorder(const store::Database &db, qint64 minIntervalMs, QObject *parent = nullptr);
    ~CheckinRecorder() override;

    void record(qint64 deviceId, qint64 at, const QHostAddress &address);
    // Writes what is due (every kFlushMs by the timer).
    void flush();
    // Writes everything that was counted and not written yet.
    void flushAll();
    // Devices with check-ins counted but not written.
    qint64 unwritten() const;

    static constexpr int kFlushMs = 1000;
    // Rows per write: a larger burst is written over several turns of the event loop, so that requests are
    // answered in between (one transaction of 5000 rows takes a few tens of milliseconds).
    static constexpr qsizetype kMaxRowsPerWrite = 5000;

private:
    void write(bool all);

    struct Pending
    {
        qint64 at = 0;
        QHostAddress address; // made text only when written
        int checkins = 0;     // counted since the last write
        qint64 writtenAt = 0; // when this device's row was last written (0: not by this process)
    };
    const store::Database &m_db;
    const qint64 m_minIntervalMs;
    QHash<qint64, Pending> m_pending;
    QTimer m_timer;
};

} // namespace otadesk::server
