#include "core/server/device/CheckinRecorder.h"

#include "core/common/Logging.h"
#include "core/store/StoreTypes.h"

namespace otadesk::server {

CheckinRecorder::CheckinRecorder(const store::Database &db, qint64 minIntervalMs, QObject *parent)
    : QObject(parent), m_db(db), m_minIntervalMs(std::max<qint64>(0, minIntervalMs))
{
    m_timer.setInterval(kFlushMs);
    connect(&m_timer, &QTimer::timeout, this, &CheckinRecorder::flush);
}

CheckinRecorder::~CheckinRecorder()
{
    flushAll();
}

void CheckinRecorder::record(qint64 deviceId, qint64 at, const QHostAddress &address)
{
    Pending &p = m_pending[deviceId];
    p.at = std::max(p.at, at);
    p.address = address;
    ++p.checkins;
    if (!m_timer.isActive())
        m_timer.start();
}

qint64 CheckinRecorder::unwritten() const
{
    return std::count_if(m_pending.cbegin(), m_pending.cend(), [](const Pending &p) { return p.checkins > 0; });
}

void CheckinRecorder::flush()
{
    write(false);
}

void CheckinRecorder::flushAll()
{
    write(true);
}

void CheckinRecorder::write(bool all)
{
    const qint64 now = store::nowMs();
    QList<store::DeviceTouch> touches;
    bool more = false; // rows left for another turn of the event loop
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        const bool quiet = now - it->writtenAt >= m_minIntervalMs;
        if (it->checkins > 0 && (all || quiet) && !all && touches.size() >= kMaxRowsPerWrite) {
            more = true;
            ++it;
        } else if (it->checkins > 0 && (all || quiet)) {
            touches.append({it.key(), it->at, it->address.toString(), it->checkins});
            it->checkins = 0;
            it->writtenAt = now;
            ++it;
        } else if (it->checkins == 0 && quiet) {
            it = m_pending.erase(it); // nothing to write and its interval is over: forget it
        } else {
            ++it;
        }
    }
    if (m_pending.isEmpty())
        m_timer.stop();
    if (more) // a burst (e.g. every device back after a restart): the rest after the requests waiting now
        QTimer::singleShot(0, this, &CheckinRecorder::flush);
    if (touches.isEmpty())
        return;
    if (auto st = store::DeviceCheckins(m_db).touch(touches); !st) {
        qCWarning(lcServer).noquote() << "cannot record" << touches.size() << "check-ins (kept for the next try):"
                                      << st.error().message();
        for (const store::DeviceTouch &t : std::as_const(touches)) {
            Pending &p = m_pending[t.deviceId];
            p.checkins += t.checkins;
            p.writtenAt = 0;
        }
        if (!m_timer.isActive())
            m_timer.start();
    }
}

} // namespace otadesk::server
