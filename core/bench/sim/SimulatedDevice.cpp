#include "core/bench/sim/SimulatedDevice.h"

#include "core/bench/sim/SimImage.h"
#include "core/firmware/McubootImage.h"

#include <QSysInfo>

namespace otadesk::bench {

int legacyRc(const SmpStatus &status)
{
    if (!status.group)
        return status.rc;
    if (*status.group != SmpGroup::Image)
        return status.rc == 0 ? MgmtErr::Ok : MgmtErr::Invalid;
    switch (status.rc) {
    case ImgMgmtErr::Ok: return MgmtErr::Ok;
    case ImgMgmtErr::NoImage:
    case ImgMgmtErr::NoTlvs:
    case ImgMgmtErr::InvalidTlv:
    case ImgMgmtErr::TlvInvalidSize:
    case ImgMgmtErr::HashNotFound: return MgmtErr::NoEntry;
    case ImgMgmtErr::NoFreeSlot:
    case ImgMgmtErr::NoFreeMemory: return MgmtErr::NoMemory;
    case ImgMgmtErr::ImageAlreadyPending:
    case ImgMgmtErr::ImageSettingTestToActiveDenied:
    case ImgMgmtErr::ImageConfirmationDenied: return MgmtErr::BadState;
    case ImgMgmtErr::InvalidSlot:
    case ImgMgmtErr::InvalidOffset:
    case ImgMgmtErr::InvalidLength:
    case ImgMgmtErr::InvalidImageHeader:
    case ImgMgmtErr::InvalidImageHeaderMagic:
    case ImgMgmtErr::InvalidHash:
    case ImgMgmtErr::InvalidImageTooLarge:
    case ImgMgmtErr::InvalidImageDataOverrun:
    case ImgMgmtErr::CurrentVersionIsNewer: return MgmtErr::Invalid;
    default: break;
    }
    return MgmtErr::Unknown;
}

Result<std::unique_ptr<SimulatedDevice>> SimulatedDevice::open(const QString &stateDir, const SimOptions &options,
                                                               const QByteArray &slot0Image)
{
    if (options.bufSize < 64 || options.bufSize > 0xffff + 8)
        return fail(ErrorCode::InvalidArgument, tr("The buffer size must be from 64 to 65543 bytes."));
    auto store = SimStore::open(stateDir);
    if (!store)
        return std::unexpected(store.error());
    const bool replace = !slot0Image.isEmpty();
    if (replace || store->isFresh() || store->slot(0).isEmpty()) {
        const QByteArray image = replace ? slot0Image : SimImage::defaultImage();
        auto info = firmware::inspectMcuboot(image);
        if (!info || !info->hashValid)
            return fail(ErrorCode::Format,
                        tr("The image for slot 0 is not a bootable MCUboot image (%1). Build it with imgtool (or "
                           "west sign) and try again.")
                            .arg(info ? tr("its SHA-256 TLV is missing or wrong") : info.error().message()));
        if (image.size() > options.slotSize)
            return fail(ErrorCode::InvalidArgument, tr("The image (%1 bytes) does not fit the %2-byte slot.")
                                                        .arg(image.size())
                                                        .arg(options.slotSize));
        if (auto st = store->setSlot(0, image); !st)
            return std::unexpected(st.error());
        if (auto st = store->setSlot(1, {}); !st)
            return std::unexpected(st.error());
        if (auto st = store->setFlags({}); !st)
            return std::unexpected(st.error());
    }
    std::unique_ptr<SimulatedDevice> device(new SimulatedDevice(std::move(*store), options));
    return device;
}

SimulatedDevice::SimulatedDevice(SimStore store, const SimOptions &options)
    : m_store(std::move(store)), m_options(options)
{
    const auto zero = inspectSlot(0);
    log(QStringLiteral("*** Booting MCUboot ***"));
    log(QStringLiteral("*** Booting Zephyr OS build v3.7.0 (simulated) ***"));
    log(QStringLiteral("<inf> main: running image %1").arg(zero ? zero->version : QStringLiteral("?")));
}

void SimulatedDevice::log(const QString &line)
{
    m_log.append(line);
    if (m_log.size() > 1000)
        m_log.removeFirst();
}

QStringList SimulatedDevice::takeLog()
{
    QStringList lines = std::move(m_log);
    m_log.clear();
    return lines;
}

bool SimulatedDevice::takeRebootRequest() { return std::exchange(m_rebootRequested, false); }

bool SimulatedDevice::setFlags(const SimFlags &flags)
{
    if (auto st = m_store.setFlags(flags); !st) {
        log(QStringLiteral("<err> flash: %1").arg(st.error().message()));
        return false;
    }
    return true;
}

QList<QByteArray> SimulatedDevice::handle(QByteArrayView request)
{
    if (request.size() > m_options.bufSize) {
        log(QStringLiteral("<wrn> smp: dropped a %1-byte packet, larger than buf_size %2")
                .arg(request.size())
                .arg(m_options.bufSize));
        return {};
    }
    auto header = SmpHeader::parse(request);
    if (!header || header->isResponse() || request.size() != SmpHeader::Size + header->length)
        return {};
    // Which shape the answer has: a v1-only server answers everything as v1; a v2 server answers a request
    // with an unknown (newer) version with its own version and rc 13.
    const bool legacy = m_options.v1Only || header->version == SmpVersion::V1;
    const SmpVersion answerVersion = legacy ? SmpVersion::V1 : SmpVersion::V2;
    if (!m_options.v1Only && quint8(header->version) > quint8(SmpVersion::V2))
        return {SmpPacket::encodeResponse(*header, SmpVersion::V2, SmpStatus::mgmt(MgmtErr::UnsupportedTooNew).toBody())};
    auto packet = SmpPacket::decode(request);
    Reply reply = packet ? dispatch(*packet) : Reply(std::unexpected(SmpStatus::mgmt(MgmtErr::Invalid)));
    if (std::exchange(m_dropResponse, false))
        return {};
    CborValue body;
    if (reply) {
        body = std::move(*reply);
    } else {
        SmpStatus status = reply.error();
        if (legacy)
            status = SmpStatus::mgmt(legacyRc(status));
        body = status.toBody();
    }
    return {SmpPacket::encodeResponse(*header, answerVersion, body)};
}

SimulatedDevice::Reply SimulatedDevice::dispatch(const SmpPacket &request)
{
    switch (request.header.group) {
    case SmpGroup::Os: return osGroup(request);
    case SmpGroup::Image: return imageGroup(request);
    default: break;
    }
    return std::unexpected(SmpStatus::mgmt(MgmtErr::NotSupported));
}

SimulatedDevice::Reply SimulatedDevice::osGroup(const SmpPacket &request)
{
    const bool read = request.header.op == SmpOp::Read;
    const CborValue &body = request.body;
    switch (request.header.command) {
    case OsCommand::Echo: {
        auto text = SmpCommands::parseEchoRequest(body);
        if (!text)
            return std::unexpected(SmpStatus::mgmt(MgmtErr::Invalid));
        return SmpCommands::echoResponse(*text);
    }
    case OsCommand::Reset:
        if (read)
            break;
        log(QStringLiteral("<inf> os_mgmt: reset requested"));
        m_rebootRequested = true;
        return SmpCommands::empty();
    case OsCommand::McumgrParams:
        if (!read)
            break;
        return SmpCommands::paramsResponse({m_options.bufSize, m_options.bufCount});
    case OsCommand::OsInfo:
        if (!read)
            break;
        return osInfo(body);
    case OsCommand::BootloaderInfo:
        if (!read)
            break;
        return bootloaderInfo(body);
    default: break;
    }
    return std::unexpected(SmpStatus::mgmt(MgmtErr::NotSupported));
}

SimulatedDevice::Reply SimulatedDevice::osInfo(const CborValue &body) const
{
    QString format = QStringLiteral("s");
    if (const CborValue *f = body.find(QStringLiteral("format")); f && f->isText())
        format = f->text();
    if (format.contains(QLatin1Char('a')))
        format = QStringLiteral("snrvbmpio");
    const auto zero = inspectSlot(0);
    QStringList parts;
    for (QChar c : format) {
        switch (c.toLatin1()) {
        case 's': parts << QStringLiteral("Zephyr"); break;
        case 'n': parts << QStringLiteral("otadesk-sim"); break;
        case 'r': parts << QStringLiteral("3.7.0"); break;
        case 'v': parts << (zero ? zero->version : QStringLiteral("unknown")); break;
        case 'b': parts << QStringLiteral("2026-01-01T00:00:00"); break;
        case 'm': parts << QStringLiteral("sim"); break;
        case 'p': parts << QStringLiteral("host"); break;
        case 'i': parts << QStringLiteral("otadesk_sim"); break;
        case 'o': parts << QStringLiteral("Zephyr"); break;
        default: return std::unexpected(SmpStatus::inGroup(SmpGroup::Os, OsMgmtErr::InvalidFormat));
        }
    }
    return SmpCommands::osInfoResponse(parts.join(QLatin1Char(' ')));
}

SimulatedDevice::Reply SimulatedDevice::bootloaderInfo(const CborValue &body) const
{
    const CborValue *query = body.find(QStringLiteral("query"));
    if (!query)
        return SmpCommands::bootloaderResponse({QStringLiteral("MCUboot"), std::nullopt, std::nullopt});
    if (query->isText() && query->text() == QLatin1String("mode"))
        return SmpCommands::bootloaderResponse({QString(), 3 /* swap using move */, std::nullopt});
    return std::unexpected(SmpStatus::inGroup(SmpGroup::Os, OsMgmtErr::QueryYieldsNoAnswer));
}

void SimulatedDevice::reboot()
{
    m_sessionActive = false;
    SimFlags f = m_store.flags();
    ++m_bootCount;
    log(QStringLiteral("*** Booting MCUboot ***"));
    bool ok = true;
    if (f.testing) {
        log(QStringLiteral("<wrn> mcuboot: image in slot 0 was not confirmed, reverting"));
        ok = bool(m_store.swapSlots());
        f.testing = false;
        f.uploadLength = -1;
        f.uploadComplete = true;
    } else if (f.pending) {
        const auto candidate = inspectSlot(1);
        if (!candidate || !candidate->bootable) {
            log(QStringLiteral("<err> mcuboot: image in the secondary slot is not valid, erasing it"));
            ok = bool(m_store.setSlot(1, {}));
            f = SimFlags{};
        } else {
            log(QStringLiteral("<inf> mcuboot: swapping in image %1 (%2)")
                    .arg(candidate->version, f.permanent ? QStringLiteral("permanent") : QStringLiteral("test")));
            ok = bool(m_store.swapSlots());
            f.testing = !f.permanent;
            f.pending = f.permanent = false;
            f.uploadLength = -1;
            f.uploadComplete = true;
            if (ok && m_options.failBoot) {
                log(QStringLiteral("<err> app: fatal error, the new image crashed (simulated boot failure)"));
                log(QStringLiteral("*** Booting MCUboot ***"));
                log(QStringLiteral("<wrn> mcuboot: image in slot 0 was not confirmed, reverting"));
                ++m_bootCount;
                ok = bool(m_store.swapSlots());
                f.testing = false;
            }
        }
    }
    if (!ok)
        log(QStringLiteral("<err> mcuboot: flash error while swapping"));
    setFlags(f);
    const auto zero = inspectSlot(0);
    log(QStringLiteral("*** Booting Zephyr OS build v3.7.0 (simulated) ***"));
    log(QStringLiteral("<inf> main: running image %1").arg(zero ? zero->version : QStringLiteral("?")));
}

SimulatedDevice::Reply SimulatedDevice::flashError(const Error &error)
{
    log(QStringLiteral("<err> flash: %1").arg(error.message()));
    return std::unexpected(SmpStatus::inGroup(SmpGroup::Image, ImgMgmtErr::FlashWriteFailed));
}

} // namespace otadesk::bench
