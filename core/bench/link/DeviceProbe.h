#pragma once
// DeviceProbe: what a device is and what it supports, read once after connecting.
//
//   auto *probe = new DeviceProbe(client, this);
//   connect(probe, &DeviceProbe::finished, this, [probe](bool ok, const Error &error) { probe->info() ... });
//   probe->start();
//
// Order: mcumgr params (0/6) → image state (1/0, required) → slot info (1/6) → bootloader info (0/8) → OS
// info (0/7). A command the device does not implement (rc 8 ENOTSUP, or a group error) clears its capability
// flag instead of failing, so the UI offers only what works. No answer at all to the first request fails
// with ErrorCode::Io ("no answer ... check port/address").
#include "core/bench/link/SmpClient.h"
#include "core/bench/smp/SmpCommands.h"

#include <optional>

namespace otadesk::bench {

struct DeviceCapabilities
{
    bool params = false;     // 0/6 mcumgr params (chunk sizing from buf_size/buf_count)
    bool osInfo = false;     // 0/7
    bool bootloaderInfo = false; // 0/8
    bool slotInfo = false;   // 1/6
    bool erase = true;       // 1/5 (not probed: probing would erase)
};

struct DeviceInfo
{
    SmpVersion smpVersion = SmpVersion::V2;
    std::optional<McumgrParams> params;
    QString osInfo;          // "Zephyr hello 3.6.0 ..." (0/7 with format "a"), empty if unsupported
    std::optional<BootloaderInfo> bootloader;
    QList<ImageSlotState> slots;
    QList<SlotInfo> slotInfo;
    DeviceCapabilities capabilities;

    const ImageSlotState *slot(int image, int slot) const;
    const ImageSlotState *activeSlot(int image = 0) const;
};

class DeviceProbe : public QObject
{
    Q_OBJECT
public:
    explicit DeviceProbe(SmpClient *client, QObject *parent = nullptr);
    void start();
    void cancel();
    const DeviceInfo &info() const { return m_info; }
    // True for a device answer that means "not implemented": ENOTSUP or any group-specific error.
    static bool isUnsupported(const SmpStatus &status);

Q_SIGNALS:
    // ok: info() holds the result; else `error` says why (ErrorCode::Io = no answer, Cancelled, ...).
    void finished(bool ok, const otadesk::Error &error);

private:
    void step(int index);
    void done(Result<DeviceInfo> result);

    SmpClient *m_client;
    DeviceInfo m_info;
    bool m_finished = false;
};

// Reads the slot table only (1/0): used after upload, reset and confirm.
void readImageState(SmpClient *client, int timeoutMs,
                    std::function<void(Result<QList<ImageSlotState>>)> done);

} // namespace otadesk::bench
