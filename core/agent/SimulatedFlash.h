#pragma once
// The A/B flash of one simulated device, per component: two slots, the slot the bootloader boots, an upgrade
// requested for the next boot, a trial slot (booted once in test mode, not yet confirmed) and the "upgrade in
// progress" flag (the slot being written). State file <base>.flash (compact JSON, replaced atomically); a slot
// holds only its image's digest, size and version — the bytes of a finished slot are in the process-wide
// ContentStore; only a slot being written has its own file, <base>.<component>.part.
//
// The flag is persisted before the first byte of a slot is written and cleared after the last, and the active
// slot is never the one being written, so a power cut at any point leaves a bootable image.
// Bootloader model (MCUboot "test" swap): boot() runs a requested upgrade once in trial mode; a trial that is
// not confirmed before the next boot, or an image that fails to boot, reverts to the previous slot.
#include "core/common/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <array>

namespace otadesk::agent {

class ContentStore;
class PowerCut;

struct FlashSlot
{
    QByteArray digest; // SHA-256 of the image; empty = slot holds no valid image
    qint64 size = 0;
    QString version;
    bool isValid() const { return !digest.isEmpty(); }
};

struct FlashComponent
{
    QString name;
    std::array<FlashSlot, 2> slots;
    int active = 0;    // the slot the bootloader boots
    int pending = -1;  // upgrade requested: boot this slot once in trial mode
    int trial = -1;    // running in trial mode (== active), not confirmed yet
    int fallback = -1; // where a failed or unconfirmed trial reverts to
    int writing = -1;  // "upgrade in progress": the slot being written (content not valid)
    int inactive() const { return 1 - active; }
    const FlashSlot &running() const { return slots[size_t(active)]; }
};

struct BootOutcome
{
    QStringList upgraded; // components now running a new image in trial mode
    QStringList reverted; // components whose new image failed or was not confirmed: back on the old slot
};

class SimulatedFlash
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::agent::SimulatedFlash)
public:
    SimulatedFlash(QString base, ContentStore *store, PowerCut *cut = nullptr);

    // A factory-fresh device: each component's image (already in the store) in slot A, slot B empty.
    Status create(const QList<FlashComponent> &components);
    Status load();
    static bool exists(const QString &base);

    const QList<FlashComponent> &components() const { return m_components; }
    const FlashComponent *component(const QString &name) const;

    // Starts (or, with resume and the flag already set for the inactive slot, continues) writing the inactive
    // slot; returns how many bytes of it are already written (0 for a fresh start).
    Result<qint64> beginWrite(const QString &name, bool resume);
    Status write(const QString &name, qint64 offset, QByteArrayView data);
    Status truncateWrite(const QString &name, qint64 size);
    QString partPath(const QString &name) const;
    // Checks the written slot against the signed digest and size, moves its bytes into the store and clears the
    // flag. A mismatch discards the slot (Checksum error) and clears the flag.
    Status finishWrite(const QString &name, const QByteArray &sha256, qint64 size, const QString &version);
    Status abortWrite(const QString &name);
    // Marks the inactive slot for a trial boot (it must hold a valid image).
    Status requestUpgrade(const QString &name);
    // The bootloader: newImageFails makes every image tried now fail to boot (fault injection).
    Result<BootOutcome> boot(bool newImageFails);
    Status confirm(const QString &name);
    bool inTrial() const;

    // Every component has a valid active slot whose image is in the store; *why says what is wrong otherwise.
    bool isBootable(QString *why = nullptr) const;
    QByteArray toJson() const;

private:
    FlashComponent *find(const QString &name);
    Status save();
    Error unknown(const QString &name) const;

    QString m_base;
    ContentStore *m_store;
    PowerCut *m_cut;
    QList<FlashComponent> m_components;
};

} // namespace otadesk::agent
