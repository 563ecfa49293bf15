#include "core/agent/TimerQueue.h"

namespace otadesk::agent {

TimerQueue::TimerQueue(QObject *parent) : QObject(parent)
{
    m_clock.start();
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &TimerQueue::run);
}

void TimerQueue::schedule(qint64 delayMs, std::function<void()> task)
{
    const qint64 due = m_clock.elapsed() + qMax<qint64>(0, delayMs);
    m_heap.push(Entry{due, m_order++, std::move(task)});
    if (m_armedFor < 0 || due < m_armedFor)
        arm();
}

void TimerQueue::arm()
{
    if (m_heap.empty()) {
        m_timer.stop();
        m_armedFor = -1;
        return;
    }
    m_armedFor = m_heap.top().due;
    m_timer.start(int(qBound(qint64(0), m_armedFor - m_clock.elapsed(), qint64(24 * 3600 * 1000))));
}

void TimerQueue::run()
{
    m_armedFor = -1;
    const qint64 now = m_clock.elapsed();
    int budget = 20000; // keep the event loop (sockets) breathing under a burst
    while (!m_heap.empty() && m_heap.top().due <= now && budget-- > 0) {
        std::function<void()> task = std::move(const_cast<Entry &>(m_heap.top()).task);
        m_heap.pop();
        task();
    }
    arm();
}

} // namespace otadesk::agent
