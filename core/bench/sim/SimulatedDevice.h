#pragma once
// A simulated MCUboot + MCUmgr device, pure logic: SMP request packets in, response packets out. Two slots
// (slot 0 runs, uploads go to slot 1) kept in a state folder (SimStore); image state read/write with test,
// confirm and permanent; swap at reset when pending, revert at the next reset when the test image was not
// confirmed; optional "new image fails to boot"; erase, slot info, mcumgr params, echo, OS and bootloader info.
// SMP v2 server that also answers legacy v1 requests (as Zephyr with SUPPORT_ORIGINAL_PROTOCOL), or a v1-only
// server. Transports live in SimUdpHost / SimSerialHost; they call reboot() after a reset request.
#include "core/bench/sim/SimOptions.h"
#include "core/bench/sim/SimStore.h"
#include "core/bench/smp/SmpCommands.h"

#include <QStringList>
#include <expected>
#include <memory>

namespace otadesk::bench {

class SimulatedDevice
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::bench::SimulatedDevice)
public:
    // Opens (or creates) the state folder. A non-empty slot0Image (a valid MCUboot image) replaces slot 0 and
    // clears slot 1 and the flags; a fresh folder without it starts with SimImage::defaultImage() (1.0.0).
    static Result<std::unique_ptr<SimulatedDevice>> open(const QString &stateDir, const SimOptions &options,
                                                        const QByteArray &slot0Image = {});

    // Responses to one request packet: none for packets a device drops (malformed header, length mismatch,
    // a response op, larger than buf_size, or a simulated power loss), otherwise one.
    QList<QByteArray> handle(QByteArrayView request);
    // True once after a reset command (after its response) or a simulated power loss: call reboot() (after
    // the reboot time).
    bool takeRebootRequest();
    // What MCUboot does at boot: revert an unconfirmed test image, or swap in a pending one (and, with
    // failBoot, revert it again); the upload session in RAM is forgotten (the bytes in slot 1 stay).
    void reboot();

    QList<ImageSlotState> slotStates() const;
    QStringList takeLog();        // device log lines ("<inf> img_mgmt: ..."), for the console / stderr
    int bootCount() const { return m_bootCount; }
    const SimOptions &options() const { return m_options; }
    const SimStore &store() const { return m_store; }

private:
    using Reply = std::expected<CborValue, SmpStatus>;
    SimulatedDevice(SimStore store, const SimOptions &options);
    Reply dispatch(const SmpPacket &request);
    Reply osGroup(const SmpPacket &request);
    Reply imageGroup(const SmpPacket &request);
    Reply imageState(const SmpPacket &request);
    Reply upload(const SmpPacket &request);
    Reply finishUpload();
    Reply erase(const SmpPacket &request);
    Reply slotInfo() const;
    Reply osInfo(const CborValue &body) const;
    Reply bootloaderInfo(const CborValue &body) const;
    Reply flashError(const Error &error);
    bool setFlags(const SimFlags &flags);
    void log(const QString &line);
    // Slot-1 image as MCUboot sees it: parsed and hash-checked; nullopt if no complete upload / not an image.
    struct SlotImage
    {
        QString version;
        QByteArray hash;
        bool valid = false;    // hash TLV present and correct
        bool bootable = false; // valid and not NON_BOOTABLE
    };
    std::optional<SlotImage> inspectSlot(int slot) const;

    SimStore m_store;
    SimOptions m_options;
    bool m_sessionActive = false; // an upload session in RAM (lost at reboot)
    bool m_rebootRequested = false;
    bool m_dropResponse = false;
    bool m_resetFaultDone = false;
    int m_bootCount = 1;
    QStringList m_log;
};

// Legacy (v1) rc for a group error, as Zephyr's img_mgmt_translate_error_code.
int legacyRc(const SmpStatus &status);

} // namespace otadesk::bench
