#include "core/bench/link/BenchFlasher.h"

namespace otadesk::bench {

namespace {
constexpr int kDefaultPacket = 384; // Zephyr's default SMP buffer when the device does not say
constexpr int kPollIntervalMs = 500;
constexpr int kPollTimeoutMs = 1000;

QString shortHash(const QByteArray &hash)
{
    return QString::fromLatin1(hash.toHex().left(16));
}
} // namespace

QString phaseName(BenchPhase phase)
{
    switch (phase) {
    case BenchPhase::Idle: return BenchFlasher::tr("idle");
    case BenchPhase::Connecting: return BenchFlasher::tr("connecting");
    case BenchPhase::Probing: return BenchFlasher::tr("reading the device");
    case BenchPhase::Uploading: return BenchFlasher::tr("uploading");
    case BenchPhase::VerifyingUpload: return BenchFlasher::tr("verifying the upload");
    case BenchPhase::MarkingTest: return BenchFlasher::tr("marking the image for test");
    case BenchPhase::Resetting: return BenchFlasher::tr("resetting");
    case BenchPhase::WaitingForReboot: return BenchFlasher::tr("waiting for the device to restart");
    case BenchPhase::VerifyingBoot: return BenchFlasher::tr("checking the running image");
    case BenchPhase::Confirming: return BenchFlasher::tr("confirming");
    case BenchPhase::VerifyingConfirmed: return BenchFlasher::tr("checking the confirmation");
    case BenchPhase::Done: return BenchFlasher::tr("done");
    case BenchPhase::Failed: return BenchFlasher::tr("failed");
    }
    return {};
}

QString failureName(BenchFailure failure)
{
    switch (failure) {
    case BenchFailure::None: return QStringLiteral("none");
    case BenchFailure::Unreachable: return QStringLiteral("unreachable");
    case BenchFailure::DeviceRefused: return QStringLiteral("device-refused");
    case BenchFailure::BadImage: return QStringLiteral("bad-image");
    case BenchFailure::Verification: return QStringLiteral("verification");
    case BenchFailure::Reverted: return QStringLiteral("reverted");
    case BenchFailure::Cancelled: return QStringLiteral("cancelled");
    }
    return {};
}

BenchFlasher::BenchFlasher(SmpTransport *transport, QObject *parent)
    : QObject(parent), m_transport(transport), m_client(new SmpClient(transport, this))
{
    m_pollTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &BenchFlasher::pollReboot);
    connect(transport, &SmpTransport::transportError, this, [this](const QString &text) {
        if (m_phase == BenchPhase::Resetting || m_phase == BenchPhase::WaitingForReboot) {
            m_linkLost = true; // a USB serial port disappears while the device reboots: reopen later
            m_transport->close();
            return;
        }
        if (running())
            failWith(BenchFailure::Unreachable, ErrorCode::Io, text);
    });
}

BenchFlasher::~BenchFlasher()
{
    m_pollTimer.stop();
}

void BenchFlasher::setPhase(BenchPhase phase, const QString &description)
{
    m_phase = phase;
    Q_EMIT phaseChanged(phase, description.isEmpty() ? phaseName(phase) : description);
}

void BenchFlasher::start()
{
    m_outcome = {};
    if (m_image.bytes.isEmpty() || m_image.hash.isEmpty())
        return failWith(BenchFailure::BadImage, ErrorCode::InvalidArgument,
                        tr("No image to flash: prepare one with BenchImage first."));
    setPhase(BenchPhase::Connecting, tr("connecting to %1").arg(m_transport->name()));
    if (auto opened = m_transport->open(); !opened)
        return failWith(BenchFailure::Unreachable, opened.error());
    probe();
}

void BenchFlasher::cancel()
{
    if (!running())
        return;
    m_pollTimer.stop();
    const Error error(ErrorCode::Cancelled, tr("Cancelled while %1.").arg(phaseName(m_phase)));
    failWith(BenchFailure::Cancelled, error);
}

void BenchFlasher::probe()
{
    setPhase(BenchPhase::Probing, {});
    m_client->setDefaultTimeout(m_options.requestTimeoutMs);
    m_probe = new DeviceProbe(m_client, this);
    connect(m_probe, &DeviceProbe::finished, this, [this](bool ok, const Error &error) {
        m_probe->deleteLater();
        const DeviceInfo info = m_probe->info();
        m_probe = nullptr;
        if (!running())
            return;
        if (!ok)
            return failRequest(error);
        m_info = info;
        Q_EMIT deviceInfoRead(m_info);
        if (const ImageSlotState *active = m_info.activeSlot(m_options.image)) {
            m_oldHash = active->hash;
            m_oldVersion = active->version;
        }
        const ImageSlotState *primary = findSlot(m_info.slots, 0);
        if (!m_options.uploadOnly && primary && primary->active && primary->confirmed && primary->hash == m_image.hash) {
            m_outcome.uploadSkipped = true;
            return succeed(tr("The device already runs image %1 (confirmed); nothing to do.").arg(m_image.version),
                           primary);
        }
        const ImageSlotState *secondary = findSlot(m_info.slots, 1);
        if (secondary && secondary->hash == m_image.hash) {
            m_outcome.uploadSkipped = true;
            Q_EMIT message(tr("Slot 1 already holds this image; skipping the upload."));
            return verifyUpload();
        }
        upload();
    });
    m_probe->start();
}

const ImageSlotState *BenchFlasher::findSlot(const QList<ImageSlotState> &slots, int slot) const
{
    for (const auto &s : slots)
        if (s.image == m_options.image && s.slot == slot)
            return &s;
    return nullptr;
}

void BenchFlasher::upload()
{
    setPhase(BenchPhase::Uploading, tr("uploading %1 (%2 bytes)").arg(m_image.name).arg(m_image.bytes.size()));
    UploadOptions up;
    up.image = m_options.image;
    const int bufSize = m_info.params ? m_info.params->bufSize : kDefaultPacket;
    up.maxPacket = m_options.maxPacket > 0 ? m_options.maxPacket : qMin(bufSize, m_transport->mtu());
    // Leave the device one buffer for its answer.
    up.window = m_info.params ? qBound(1, m_info.params->bufCount - 1, m_options.maxWindow) : 1;
    up.firstChunkTimeoutMs = m_options.firstChunkTimeoutMs;
    up.chunkTimeoutMs = m_options.chunkTimeoutMs;
    m_uploader = new ImageUploader(m_client, m_image.bytes, m_image.sha256, up, this);
    connect(m_uploader, &ImageUploader::progress, this, &BenchFlasher::progress);
    connect(m_uploader, &ImageUploader::resumed, this, [this](qint64 offset, const QString &why) {
        Q_EMIT message(tr("Resuming the upload at offset %1: %2").arg(offset).arg(why));
    });
    connect(m_uploader, &ImageUploader::finished, this, [this](bool ok, const Error &error) {
        m_outcome.uploadedBytes = m_uploader->acknowledged();
        m_outcome.resumes = m_uploader->resumes();
        m_uploader->deleteLater();
        m_uploader = nullptr;
        if (!running())
            return;
        if (!ok) {
            if (error.code() == ErrorCode::Checksum)
                return failWith(BenchFailure::Verification, error);
            return failRequest(error);
        }
        verifyUpload();
    });
    QElapsedTimer *clock = new QElapsedTimer;
    clock->start();
    connect(m_uploader, &QObject::destroyed, this, [this, clock] {
        m_outcome.uploadSeconds = clock->elapsed() / 1000.0;
        delete clock;
    });
    m_uploader->start();
}

void BenchFlasher::verifyUpload()
{
    setPhase(BenchPhase::VerifyingUpload, {});
    readSlots([this](const QList<ImageSlotState> &slots) {
        const ImageSlotState *secondary = findSlot(slots, 1);
        if (!secondary)
            return failWith(BenchFailure::Verification, ErrorCode::Format,
                            tr("After the upload the device lists no slot 1 for image %1; it cannot test the new "
                               "image.").arg(m_options.image));
        if (secondary->hash != m_image.hash)
            return failWith(BenchFailure::Verification, ErrorCode::Checksum,
                            tr("After the upload the device reports hash %1 for slot 1, but the image's hash is "
                               "%2. The upload did not arrive intact or the device rejected it; upload again.")
                                .arg(QString::fromLatin1(secondary->hash.toHex()),
                                     QString::fromLatin1(m_image.hash.toHex())));
        if (m_options.uploadOnly) {
            m_outcome.ok = true;
            m_outcome.summary = tr("Uploaded %1 (version %2) to slot 1; the device reports its hash %3. Run "
                                   "'otactl bench test' and 'reset' to boot it.")
                                    .arg(m_image.name, m_image.version, shortHash(m_image.hash));
            setPhase(BenchPhase::Done, {});
            Q_EMIT finished(m_outcome);
            return;
        }
        markTest();
    });
}

void BenchFlasher::markTest()
{
    setPhase(BenchPhase::MarkingTest, {});
    SmpRequest request{SmpOp::Write, SmpGroup::Image, ImageCommand::State,
                       SmpCommands::stateWrite(m_image.hash, false)};
    m_client->send(request, [this](Result<SmpResponse> r) {
        if (!running())
            return;
        if (!r)
            return failRequest(r.error());
        if (auto ok = r->check(); !ok)
            return failWith(BenchFailure::DeviceRefused, ok.error());
        reset(false);
    });
}

void BenchFlasher::reset(bool force)
{
    setPhase(BenchPhase::Resetting, {});
    SmpRequest request{SmpOp::Write, SmpGroup::Os, OsCommand::Reset, SmpCommands::reset(force)};
    request.retries = 0; // a lost answer is normal: the device may reboot before it is sent
    m_client->send(request, [this, force](Result<SmpResponse> r) {
        if (!running())
            return;
        if (r && r->status.rc == MgmtErr::Busy && !r->status.group && !force) {
            Q_EMIT message(tr("The device is busy; forcing the reset."));
            return reset(true);
        }
        if (r && !r->status.ok())
            return failWith(BenchFailure::DeviceRefused, r->check().error());
        if (!r && r.error().code() == ErrorCode::Cancelled)
            return failRequest(r.error());
        waitForReboot();
    });
}

void BenchFlasher::waitForReboot()
{
    setPhase(BenchPhase::WaitingForReboot, {});
    m_rebootClock.start();
    m_lastPollError.clear();
    m_pollTimer.start(kPollIntervalMs);
}

void BenchFlasher::pollReboot()
{
    if (m_phase != BenchPhase::WaitingForReboot)
        return;
    if (m_rebootClock.elapsed() > m_options.rebootTimeoutMs)
        return failWith(BenchFailure::Unreachable, ErrorCode::Io,
                        tr("The device did not come back within %1 s after the reset (%2). Check that it boots "
                           "(serial log), that MCUboot can start the test image, and raise the reboot timeout "
                           "for slow swaps.")
                            .arg(m_options.rebootTimeoutMs / 1000)
                            .arg(m_lastPollError.isEmpty() ? tr("no answer") : m_lastPollError));
    if (!m_transport->isOpen()) {
        if (auto opened = m_transport->open(); !opened) {
            m_lastPollError = opened.error().message();
            m_pollTimer.start(kPollIntervalMs);
            return;
        }
        if (m_linkLost)
            Q_EMIT message(tr("Reconnected to %1.").arg(m_transport->name()));
        m_linkLost = false;
    }
    // The slot table tells a device that has not restarted yet (slot 1 still pending) from one that did.
    SmpRequest request{SmpOp::Read, SmpGroup::Image, ImageCommand::State, SmpCommands::empty(), kPollTimeoutMs, 0};
    m_client->send(request, [this](Result<SmpResponse> r) {
        if (m_phase != BenchPhase::WaitingForReboot)
            return;
        if (!r) {
            if (r.error().code() == ErrorCode::Cancelled)
                return;
            m_lastPollError = r.error().message();
            m_pollTimer.start(kPollIntervalMs);
            return;
        }
        auto slots = r->status.ok() ? SmpCommands::parseState(r->body) : Result<QList<ImageSlotState>>();
        if (!r->status.ok() || !slots) {
            m_lastPollError = r->status.ok() ? slots.error().message() : r->status.text();
            m_pollTimer.start(kPollIntervalMs);
            return;
        }
        const ImageSlotState *secondary = findSlot(*slots, 1);
        const ImageSlotState *primary = findSlot(*slots, 0);
        const bool notYet = secondary && secondary->pending && secondary->hash == m_image.hash
            && !(primary && primary->hash == m_image.hash);
        if (notYet) {
            m_pollTimer.start(kPollIntervalMs);
            return;
        }
        verifyBoot(*slots);
    });
}

void BenchFlasher::verifyBoot(const QList<ImageSlotState> &slots)
{
    setPhase(BenchPhase::VerifyingBoot, {});
    const ImageSlotState *primary = findSlot(slots, 0);
    if (primary && primary->active && primary->hash == m_image.hash) {
        Q_EMIT message(tr("The device runs the new image %1 (test).").arg(primary->version));
        return confirm();
    }
    const ImageSlotState *active = nullptr;
    for (const auto &s : slots)
        if (s.image == m_options.image && s.active)
            active = &s;
    if (active && !m_oldHash.isEmpty() && active->hash == m_oldHash)
        return failWith(BenchFailure::Reverted, ErrorCode::Conflict,
                        tr("The device restarted but runs the old image %1 again (hash %2): MCUboot did not boot "
                           "the new image %3 or reverted it. Check that it is signed with the key the bootloader "
                           "expects, fits the slot, is not a downgrade, and that the application starts.")
                            .arg(active->version, shortHash(active->hash), m_image.version));
    failWith(BenchFailure::Verification, ErrorCode::Conflict,
             tr("After the restart the device runs %1 (hash %2), neither the new image nor the old one.")
                 .arg(active ? active->version : tr("no active image"),
                      active ? shortHash(active->hash) : QStringLiteral("-")));
}

void BenchFlasher::confirm()
{
    setPhase(BenchPhase::Confirming, {});
    SmpRequest request{SmpOp::Write, SmpGroup::Image, ImageCommand::State, SmpCommands::stateWrite({}, true)};
    m_client->send(request, [this](Result<SmpResponse> r) {
        if (!running())
            return;
        if (!r)
            return failRequest(r.error());
        if (auto ok = r->check(); !ok)
            return failWith(BenchFailure::DeviceRefused, ok.error());
        verifyConfirmed();
    });
}

void BenchFlasher::verifyConfirmed()
{
    setPhase(BenchPhase::VerifyingConfirmed, {});
    readSlots([this](const QList<ImageSlotState> &slots) {
        const ImageSlotState *primary = findSlot(slots, 0);
        if (!primary || !primary->active || !primary->confirmed || primary->hash != m_image.hash)
            return failWith(BenchFailure::Verification, ErrorCode::Conflict,
                            tr("The device accepted the confirmation, but its primary slot is not the new image "
                               "active and confirmed (%1). MCUboot would revert it on the next reset.")
                                .arg(primary ? tr("slot 0: %1, hash %2%3%4")
                                                   .arg(primary->version, shortHash(primary->hash),
                                                        primary->active ? tr(", active") : QString(),
                                                        primary->confirmed ? tr(", confirmed") : QString())
                                             : tr("no slot 0")));
        succeed(tr("The device runs %1 (hash %2), active and confirmed.").arg(primary->version, shortHash(primary->hash)),
                primary);
    });
}

void BenchFlasher::succeed(const QString &summary, const ImageSlotState *running)
{
    m_outcome.ok = true;
    m_outcome.summary = summary;
    if (running) {
        m_outcome.version = running->version;
        m_outcome.hash = running->hash;
    }
    setPhase(BenchPhase::Done, {});
    Q_EMIT finished(m_outcome);
}

void BenchFlasher::readSlots(std::function<void(const QList<ImageSlotState> &)> then)
{
    readImageState(m_client, 0, [this, then = std::move(then)](Result<QList<ImageSlotState>> slots) {
        if (!running())
            return;
        if (!slots)
            return failRequest(slots.error());
        then(*slots);
    });
}

void BenchFlasher::failRequest(const Error &error)
{
    switch (error.code()) {
    case ErrorCode::Cancelled: return failWith(BenchFailure::Cancelled, error);
    case ErrorCode::Io: return failWith(BenchFailure::Unreachable, error);
    default: return failWith(BenchFailure::DeviceRefused, error);
    }
}

void BenchFlasher::failWith(BenchFailure failure, ErrorCode code, const QString &message)
{
    failWith(failure, Error(code, message));
}

void BenchFlasher::failWith(BenchFailure failure, const Error &error)
{
    if (m_phase == BenchPhase::Done || m_phase == BenchPhase::Failed)
        return;
    const BenchPhase during = m_phase;
    m_pollTimer.stop();
    m_phase = BenchPhase::Failed; // before cancelling: callbacks see that the run is over
    if (m_uploader)
        m_uploader->cancel();
    if (m_probe)
        m_probe->cancel();
    m_client->cancelAll();
    m_outcome.ok = false;
    m_outcome.failure = failure;
    m_outcome.error = error;
    m_outcome.summary = tr("Failed while %1: %2").arg(phaseName(during), error.message());
    Q_EMIT phaseChanged(BenchPhase::Failed, phaseName(BenchPhase::Failed));
    Q_EMIT finished(m_outcome);
}

} // namespace otadesk::bench
