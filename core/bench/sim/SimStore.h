#pragma once
// The simulated device's flash, kept in a state folder so that a restarted simulator keeps its slots and
// MCUboot flags: slot0.bin, slot1.bin (the image bytes written so far) and state.json (flags, upload session).
#include "core/common/Error.h"

#include <QByteArray>
#include <QString>

namespace otadesk::bench {

struct SimFlags
{
    bool testing = false;      // running a test-swapped image that is not confirmed: the next boot reverts
    bool pending = false;      // slot 1 marked for test (or permanent) swap at the next boot
    bool permanent = false;
    qint64 uploadLength = -1;  // announced length of the upload into slot 1 (-1: none)
    QByteArray uploadSha;      // "sha" of that upload (may be empty)
    bool uploadComplete = false;
};

class SimStore
{
public:
    static Result<SimStore> open(const QString &dir);
    bool isFresh() const { return m_fresh; } // no state.json yet
    const QString &dir() const { return m_dir; }
    const QByteArray &slot(int index) const { return m_slots[index & 1]; }
    Status setSlot(int index, const QByteArray &bytes);
    Status appendToSlot(int index, QByteArrayView bytes);
    Status swapSlots();
    const SimFlags &flags() const { return m_flags; }
    Status setFlags(const SimFlags &flags);

private:
    QString slotPath(int index) const;
    QString m_dir;
    QByteArray m_slots[2];
    SimFlags m_flags;
    bool m_fresh = true;
};

} // namespace otadesk::bench
