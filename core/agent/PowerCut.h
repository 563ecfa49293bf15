#pragma once
// Simulated power loss of one device: every file operation of its flash and state (write a block, write a
// temporary file, rename it into place) asks tick() first. Armed with N, the device loses power before its
// N+1-th operation: that operation and everything after it do not happen, exactly like a power cut between
// two writes. The simulator then throws the device's objects away and reloads them from their files.
#include <QtGlobal>

namespace otadesk::agent {

class PowerCut
{
public:
    void arm(qint64 operations) { m_left = operations; }
    void disarm() { m_left = -1; }
    bool isArmed() const { return m_left >= 0; }
    bool isDead() const { return m_dead; }
    // false: the power is gone, the caller must not touch its files.
    bool tick()
    {
        if (m_dead)
            return false;
        ++m_count;
        if (m_left == 0) {
            m_dead = true;
            return false;
        }
        if (m_left > 0)
            --m_left;
        return true;
    }
    qint64 operations() const { return m_count; }

private:
    qint64 m_left = -1;
    qint64 m_count = 0;
    bool m_dead = false;
};

} // namespace otadesk::agent
