// The image-management group (1) of the simulated device: state read/write, upload, erase, slot info.
#include "core/bench/sim/SimulatedDevice.h"

#include "core/crypto/Digest.h"
#include "core/firmware/McubootImage.h"

namespace otadesk::bench {

namespace {
constexpr quint32 kNonBootable = 0x10;

SmpStatus imgErr(int rc) { return SmpStatus::inGroup(SmpGroup::Image, rc); }

// Version from the first bytes of an image header ("maj.min.rev+build" as the state response writes it).
std::optional<std::array<quint64, 4>> headerVersion(QByteArrayView header)
{
    if (header.size() < firmware::mcuboot::kHeaderSize)
        return std::nullopt;
    const auto u8 = [&](int i) { return quint64(quint8(header[i])); };
    return std::array<quint64, 4>{u8(20), u8(21), u8(22) | u8(23) << 8,
                                  u8(24) | u8(25) << 8 | u8(26) << 16 | u8(27) << 24};
}
} // namespace

std::optional<SimulatedDevice::SlotImage> SimulatedDevice::inspectSlot(int slot) const
{
    if (slot == 1 && !m_store.flags().uploadComplete)
        return std::nullopt;
    const QByteArray &bytes = m_store.slot(slot);
    if (bytes.isEmpty())
        return std::nullopt;
    auto info = firmware::inspectMcuboot(bytes);
    if (!info || info->storedHash.isEmpty())
        return std::nullopt;
    SlotImage image;
    // Zephyr prints the build number only when it is not 0.
    image.version = QStringLiteral("%1.%2.%3").arg(info->versionMajor).arg(info->versionMinor).arg(info->versionRevision);
    if (info->buildNumber != 0)
        image.version += QStringLiteral(".%1").arg(info->buildNumber);
    image.hash = info->storedHash;
    image.valid = info->hashValid;
    image.bootable = info->hashValid && !(info->flags & kNonBootable);
    return image;
}

QList<ImageSlotState> SimulatedDevice::slotStates() const
{
    // As Zephyr's img_mgmt_state_flags() derives them from MCUboot's swap type.
    const SimFlags &f = m_store.flags();
    enum class Swap { None, Test, Perm, Revert };
    const Swap swap = f.testing ? Swap::Revert : f.pending ? (f.permanent ? Swap::Perm : Swap::Test) : Swap::None;
    QList<ImageSlotState> states;
    for (int slot = 0; slot < 2; ++slot) {
        const auto image = inspectSlot(slot);
        if (!image)
            continue;
        ImageSlotState s;
        s.image = 0;
        s.slot = slot;
        s.version = image->version;
        s.hash = image->hash;
        s.bootable = image->bootable;
        s.active = slot == 0;
        if (slot == 0)
            s.confirmed = swap != Swap::Revert;
        else {
            s.pending = swap == Swap::Test || swap == Swap::Perm;
            s.permanent = swap == Swap::Perm;
            s.confirmed = swap == Swap::Revert;
        }
        states.append(s);
    }
    return states;
}

SimulatedDevice::Reply SimulatedDevice::imageGroup(const SmpPacket &request)
{
    const bool read = request.header.op == SmpOp::Read;
    switch (request.header.command) {
    case ImageCommand::State: return imageState(request);
    case ImageCommand::Upload:
        if (!read)
            return upload(request);
        break;
    case ImageCommand::Erase:
        if (!read)
            return erase(request);
        break;
    case ImageCommand::SlotInfo:
        if (read)
            return slotInfo();
        break;
    default: break;
    }
    return std::unexpected(SmpStatus::mgmt(MgmtErr::NotSupported));
}

SimulatedDevice::Reply SimulatedDevice::imageState(const SmpPacket &request)
{
    if (request.header.op == SmpOp::Read)
        return SmpCommands::stateResponse(slotStates());
    auto write = SmpCommands::parseStateWrite(request.body);
    if (!write)
        return std::unexpected(SmpStatus::mgmt(MgmtErr::Invalid));
    SimFlags f = m_store.flags();
    const auto active = inspectSlot(0);
    if (write->hash.isEmpty() || (active && write->hash == active->hash)) {
        if (!write->confirm)
            return std::unexpected(write->hash.isEmpty() ? SmpStatus::mgmt(MgmtErr::Invalid)
                                                         : imgErr(ImgMgmtErr::ImageSettingTestToActiveDenied));
        if (f.testing)
            log(QStringLiteral("<inf> img_mgmt: running image confirmed"));
        f.testing = false;
        if (!setFlags(f))
            return std::unexpected(imgErr(ImgMgmtErr::FlashWriteFailed));
        return SmpCommands::stateResponse(slotStates());
    }
    const auto secondary = inspectSlot(1);
    if (!secondary || secondary->hash != write->hash)
        return std::unexpected(imgErr(ImgMgmtErr::HashNotFound));
    if (!secondary->valid)
        return std::unexpected(imgErr(ImgMgmtErr::InvalidHash));
    if (!secondary->bootable)
        return std::unexpected(imgErr(ImgMgmtErr::InvalidImageHeader));
    if (f.testing) // slot 1 holds the confirmed image MCUboot reverts to
        return std::unexpected(imgErr(ImgMgmtErr::ImageAlreadyPending));
    f.pending = true;
    f.permanent = write->confirm;
    if (!setFlags(f))
        return std::unexpected(imgErr(ImgMgmtErr::FlashWriteFailed));
    log(QStringLiteral("<inf> img_mgmt: image %1 marked for %2 at the next reset")
            .arg(secondary->version, write->confirm ? QStringLiteral("permanent swap") : QStringLiteral("test")));
    return SmpCommands::stateResponse(slotStates());
}

SimulatedDevice::Reply SimulatedDevice::upload(const SmpPacket &request)
{
    auto req = SmpCommands::parseUploadRequest(request.body);
    if (!req)
        return std::unexpected(SmpStatus::mgmt(MgmtErr::Invalid));
    if (req->image.value_or(0) != 0)
        return std::unexpected(imgErr(ImgMgmtErr::InvalidSlot));
    SimFlags f = m_store.flags();
    const qint64 written = m_store.slot(1).size();
    if (req->offset == 0) {
        if (req->length < 0)
            return std::unexpected(imgErr(ImgMgmtErr::InvalidLength));
        if (f.pending || f.testing)
            return std::unexpected(imgErr(ImgMgmtErr::NoFreeSlot));
        // Resume: the same image (len and sha) whose bytes are partly in slot 1 already.
        if (!req->sha256.isEmpty() && req->sha256 == f.uploadSha && req->length == f.uploadLength
            && !f.uploadComplete && written > 0 && written < req->length) {
            m_sessionActive = true;
            log(QStringLiteral("<inf> img_mgmt: resuming the upload at offset %1").arg(written));
            return SmpCommands::uploadResponse({written, std::nullopt});
        }
        if (req->data.size() < firmware::mcuboot::kHeaderSize && req->length >= firmware::mcuboot::kHeaderSize)
            return std::unexpected(imgErr(ImgMgmtErr::InvalidImageHeader));
        if (req->data.size() >= 4 && !firmware::looksLikeMcuboot(req->data))
            return std::unexpected(imgErr(ImgMgmtErr::InvalidImageHeaderMagic));
        if (req->length > m_options.slotSize)
            return std::unexpected(imgErr(ImgMgmtErr::InvalidImageTooLarge));
        if (req->upgrade.value_or(false)) {
            const auto running = headerVersion(m_store.slot(0));
            const auto incoming = headerVersion(req->data);
            if (running && incoming && *incoming <= *running)
                return std::unexpected(imgErr(ImgMgmtErr::CurrentVersionIsNewer));
        }
        if (auto st = m_store.setSlot(1, {}); !st)
            return flashError(st.error());
        f.uploadLength = req->length;
        f.uploadSha = req->sha256;
        f.uploadComplete = false;
        if (!setFlags(f))
            return std::unexpected(imgErr(ImgMgmtErr::FlashWriteFailed));
        m_sessionActive = true;
        log(QStringLiteral("<inf> img_mgmt: upload of %1 bytes started").arg(req->length));
    } else if (!m_sessionActive || f.uploadComplete || req->offset != written) {
        // Not the offset the device expects (lost packet, restarted device): tell the client where to go on.
        return SmpCommands::uploadResponse({m_sessionActive && !f.uploadComplete ? written : 0, std::nullopt});
    }
    const qint64 at = m_store.slot(1).size();
    if (at + req->data.size() > f.uploadLength)
        return std::unexpected(imgErr(ImgMgmtErr::InvalidImageDataOverrun));
    if (m_options.resetAtOffset >= 0 && !m_resetFaultDone && at <= m_options.resetAtOffset
        && at + req->data.size() > m_options.resetAtOffset) {
        // Power loss while this chunk is written: no answer, the chunk is lost, the device reboots.
        m_resetFaultDone = true;
        m_dropResponse = true;
        m_rebootRequested = true;
        log(QStringLiteral("<err> power loss during the upload at offset %1 (simulated)").arg(at));
        return SmpCommands::empty();
    }
    if (auto st = m_store.appendToSlot(1, req->data); !st)
        return flashError(st.error());
    if (m_store.slot(1).size() == f.uploadLength)
        return finishUpload();
    return SmpCommands::uploadResponse({m_store.slot(1).size(), std::nullopt});
}

SimulatedDevice::Reply SimulatedDevice::finishUpload()
{
    SimFlags f = m_store.flags();
    f.uploadComplete = true;
    m_sessionActive = false;
    if (!setFlags(f))
        return std::unexpected(imgErr(ImgMgmtErr::FlashWriteFailed));
    const QByteArray &bytes = m_store.slot(1);
    std::optional<bool> match;
    if (!f.uploadSha.isEmpty())
        match = crypto::sha256(bytes) == f.uploadSha;
    auto info = firmware::inspectMcuboot(bytes);
    if (!info) {
        log(QStringLiteral("<err> img_mgmt: the uploaded data is not an MCUboot image: %1").arg(info.error().message()));
        // Header fine but the data ends where the TLV area should start: "no TLVs".
        if (bytes.size() >= firmware::mcuboot::kHeaderSize) {
            const auto le = [&](int at, int n) {
                quint64 v = 0;
                for (int i = n - 1; i >= 0; --i)
                    v = v << 8 | quint8(bytes[at + i]);
                return qint64(v);
            };
            if (bytes.size() <= le(8, 2) + le(12, 4) + le(10, 2))
                return std::unexpected(imgErr(ImgMgmtErr::NoTlvs));
        }
        return std::unexpected(imgErr(ImgMgmtErr::InvalidImageHeader));
    }
    if (info->storedHash.isEmpty()) {
        log(QStringLiteral("<err> img_mgmt: the uploaded image has no hash TLV"));
        return std::unexpected(imgErr(ImgMgmtErr::NoTlvs));
    }
    if (!info->hashValid) {
        log(QStringLiteral("<err> img_mgmt: the uploaded image's SHA-256 TLV does not match its content"));
        return std::unexpected(imgErr(ImgMgmtErr::InvalidHash));
    }
    log(QStringLiteral("<inf> img_mgmt: upload complete, image %1 in slot 1%2")
            .arg(info->version(), match == std::optional<bool>(false) ? QStringLiteral(" (sha mismatch)") : QString()));
    return SmpCommands::uploadResponse({bytes.size(), match});
}

SimulatedDevice::Reply SimulatedDevice::erase(const SmpPacket &request)
{
    auto slot = SmpCommands::parseEraseRequest(request.body);
    if (!slot)
        return std::unexpected(SmpStatus::mgmt(MgmtErr::Invalid));
    const int which = slot->value_or(1);
    if (which != 1 && which != 0)
        return std::unexpected(imgErr(ImgMgmtErr::InvalidSlot));
    const SimFlags &f = m_store.flags();
    if (which == 0 || f.pending || f.testing)
        return std::unexpected(SmpStatus::mgmt(MgmtErr::BadState));
    if (auto st = m_store.setSlot(1, {}); !st)
        return flashError(st.error());
    SimFlags cleared = f;
    cleared.uploadLength = -1;
    cleared.uploadSha.clear();
    cleared.uploadComplete = false;
    if (!setFlags(cleared))
        return std::unexpected(imgErr(ImgMgmtErr::FlashWriteFailed));
    m_sessionActive = false;
    log(QStringLiteral("<inf> img_mgmt: slot 1 erased"));
    return SmpCommands::empty();
}

SimulatedDevice::Reply SimulatedDevice::slotInfo() const
{
    const qint64 size = m_options.slotSize;
    const qint64 maxImage = size - 48; // room for the MCUboot trailer at the end of the slot
    return SmpCommands::slotInfoResponse({{0, 0, size, std::nullopt, maxImage}, {0, 1, size, 0, maxImage}});
}

} // namespace otadesk::bench
