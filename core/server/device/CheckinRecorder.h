#pragma once
// Collects the check-ins that only move last_seen/address and writes them together, every kFlushMs or when
// kMaxPending have piled up, in one transaction — a busy fleet costs one write per interval, not one per
// check-in. A device checking in twice within an interval is one row update. flush() at shutdown.
#include "core/store/DeviceCheckins.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace otadesk::server {

class CheckinRecorder : public QObject
{
    Q_OBJECT
public:
    explicit CheckinRecorder(const store::Database &db, QObject *parent = nullptr);
    ~CheckinRecorder() override;

    void record(qint64 deviceId, qint64 at, const QString &address);
    void flush();
    qint64 pending() const { return m_pending.size(); }

    static constexpr int kFlushMs = 1000;
    static constexpr int kMaxPending = 20000;

private:
    const store::Database &m_db;
    QHash<qint64, store::DeviceTouch> m_pending;
    QTimer m_timer;
};

} // namespace otadesk::server
