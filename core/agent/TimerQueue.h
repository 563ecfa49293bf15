#pragma once
// One timer for any number of agents: a min-heap of (due time, task) served by a single QTimer, so 100,000
// sleeping devices cost 100,000 heap entries, not 100,000 QTimers. Tasks due at the same millisecond run in the
// order they were scheduled.
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <functional>
#include <queue>
#include <vector>

namespace otadesk::agent {

class TimerQueue : public QObject
{
    Q_OBJECT
public:
    explicit TimerQueue(QObject *parent = nullptr);
    void schedule(qint64 delayMs, std::function<void()> task);
    qint64 elapsedMs() const { return m_clock.elapsed(); }
    qsizetype size() const { return qsizetype(m_heap.size()); }

private:
    struct Entry
    {
        qint64 due;
        quint64 order;
        std::function<void()> task;
        bool operator>(const Entry &o) const { return due != o.due ? due > o.due : order > o.order; }
    };
    void run();
    void arm();

    QElapsedTimer m_clock;
    QTimer m_timer;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> m_heap;
    quint64 m_order = 0;
    qint64 m_armedFor = -1;
};

} // namespace otadesk::agent
