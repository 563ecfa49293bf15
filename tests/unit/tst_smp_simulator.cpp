// The simulated MCUboot device (core/bench/sim) driven packet by packet: upload (with resume after a power loss),
// test, reset (swap), confirm, revert, boot failure, erase, invalid images, v1-only and version negotiation,
// persistence across restarts; then the real hosts: UDP over loopback and a pseudo-terminal read and written with
// plain POSIX I/O, including the accuracy of the emulated baud rate.
#include "core/bench/sim/SimImage.h"
#include "core/bench/sim/SimSerialHost.h"
#include "core/bench/sim/SimUdpHost.h"
#include "core/crypto/Digest.h"
#include "core/firmware/McubootImage.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QEventLoop>
#include <QNetworkDatagram>
#include <QSocketNotifier>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUdpSocket>

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

using namespace otadesk;
using namespace otadesk::bench;

namespace {
QByteArray imageOf(const QString &version, int size = 6000, quint32 flags = 0)
{
    return *SimImage::make(version, SimImage::demoBody(version, size), flags);
}

QByteArray tlvHash(const QByteArray &image) { return firmware::inspectMcuboot(image)->storedHash; }

// Sends requests straight into a SimulatedDevice and decodes its answers.
class Driver
{
public:
    explicit Driver(SimulatedDevice *device, SmpVersion version = SmpVersion::V2) : m_device(device), m_version(version)
    {
    }
    // One request, exactly one answer expected (nullopt if the device gave none).
    std::optional<SmpPacket> call(SmpOp op, quint16 group, quint8 command, const CborValue &body)
    {
        const quint8 seq = m_seq++;
        const QList<QByteArray> out = m_device->handle(SmpPacket::encode(op, m_version, group, command, seq, body));
        if (out.size() != 1)
            return std::nullopt;
        auto packet = SmpPacket::decode(out.first());
        if (!packet || packet->header.sequence != seq || packet->header.group != group
            || packet->header.command != command || packet->header.op != SmpHeader::responseOp(op))
            return std::nullopt;
        return *packet;
    }
    QList<ImageSlotState> state()
    {
        auto r = call(SmpOp::Read, SmpGroup::Image, ImageCommand::State, SmpCommands::empty());
        return r ? SmpCommands::parseState(r->body).value_or(QList<ImageSlotState>{}) : QList<ImageSlotState>{};
    }
    SmpStatus setState(const QByteArray &hash, bool confirm)
    {
        auto r = call(SmpOp::Write, SmpGroup::Image, ImageCommand::State, SmpCommands::stateWrite(hash, confirm));
        return r ? SmpStatus::fromBody(r->body) : SmpStatus::mgmt(-1);
    }
    std::optional<SmpPacket> uploadChunk(const QByteArray &image, qint64 offset, int size, bool withSha = true)
    {
        UploadRequest r;
        r.offset = offset;
        if (offset == 0) {
            r.image = 0;
            r.length = image.size();
            if (withSha)
                r.sha256 = crypto::sha256(image);
        }
        r.data = image.mid(offset, size);
        return call(SmpOp::Write, SmpGroup::Image, ImageCommand::Upload, SmpCommands::upload(r));
    }
    // A whole upload with chunks sized from buf_size, following the offsets the device reports.
    std::optional<SmpPacket> upload(const QByteArray &image, bool withSha = true)
    {
        qint64 offset = 0;
        for (int guard = 0; guard < 100000; ++guard) {
            UploadRequest base;
            base.offset = offset;
            base.image = 0;
            base.length = image.size();
            base.sha256 = withSha ? crypto::sha256(image) : QByteArray();
            const int chunk = SmpCommands::maxUploadData(base, m_device->options().bufSize, m_version);
            auto r = uploadChunk(image, offset, chunk, withSha);
            if (!r || !SmpStatus::fromBody(r->body).ok())
                return r;
            auto parsed = SmpCommands::parseUpload(r->body);
            if (!parsed)
                return std::nullopt;
            if (parsed->offset >= image.size())
                return r;
            offset = parsed->offset;
        }
        return std::nullopt;
    }
    void reset()
    {
        (void)call(SmpOp::Write, SmpGroup::Os, OsCommand::Reset, SmpCommands::reset(false));
        if (m_device->takeRebootRequest())
            m_device->reboot();
    }

private:
    SimulatedDevice *m_device;
    SmpVersion m_version;
    quint8 m_seq = 0;
};

const ImageSlotState *slot(const QList<ImageSlotState> &states, int number)
{
    for (const ImageSlotState &s : states) {
        if (s.slot == number)
            return &s;
    }
    return nullptr;
}

std::unique_ptr<SimulatedDevice> openDevice(const QString &dir, const SimOptions &o = {}, const QByteArray &image = {})
{
    auto d = SimulatedDevice::open(dir, o, image);
    if (!d)
        qWarning("%s", qPrintable(d.error().message()));
    return d ? std::move(*d) : nullptr;
}
} // namespace

class TestSmpSimulator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void generatedImages();
    void initialState();
    void osGroup();
    void uploadTestResetConfirm();
    void revertWhenNotConfirmed();
    void permanentSwap();
    void bootFailureReverts();
    void resumeAfterPowerLoss();
    void wrongOffsetGetsExpectedOffset();
    void persistenceAcrossRestarts();
    void invalidUploads();
    void nonBootableImage();
    void eraseRules();
    void shaMismatch();
    void versionNegotiation();
    void v1OnlyServer();
    void droppedPackets();
    void slot0ImageOption();
    void udpRoundTrip();
    void udpLinkPacing();
    void ptyRoundTripAndBaudPacing();
};

void TestSmpSimulator::generatedImages()
{
    const QByteArray image = SimImage::defaultImage();
    auto info = firmware::inspectMcuboot(image);
    QVERIFY(info);
    QVERIFY(info->hashValid);
    QCOMPARE(info->version(), QStringLiteral("1.0.0+0"));
    QCOMPARE(info->hashAlgorithm, QStringLiteral("SHA256"));
    auto v = SimImage::make(QStringLiteral("2.3.4+5"), "body");
    QVERIFY(v);
    QCOMPARE(firmware::inspectMcuboot(*v)->version(), QStringLiteral("2.3.4+5"));
    QVERIFY(!SimImage::make(QStringLiteral("256.0.0"), "x"));
    QVERIFY(!SimImage::make(QStringLiteral("1.0"), "x"));
    QVERIFY(SimImage::demoBody(QStringLiteral("1.0.0")) != SimImage::demoBody(QStringLiteral("2.0.0")));
}

void TestSmpSimulator::initialState()
{
    QTemporaryDir dir;
    auto device = openDevice(dir.path());
    QVERIFY(device);
    Driver d(device.get());
    const auto states = d.state();
    QCOMPARE(states.size(), 1);
    QCOMPARE(states[0].slot, 0);
    QCOMPARE(states[0].version, QStringLiteral("1.0.0"));
    QCOMPARE(states[0].hash, tlvHash(SimImage::defaultImage()));
    QVERIFY(states[0].active && states[0].confirmed && states[0].bootable && !states[0].pending);
    QVERIFY(device->takeLog().join(QLatin1Char('\n')).contains(QStringLiteral("running image 1.0.0")));
}

void TestSmpSimulator::osGroup()
{
    QTemporaryDir dir;
    SimOptions o;
    o.bufSize = 1024;
    o.bufCount = 3;
    auto device = openDevice(dir.path(), o);
    Driver d(device.get());
    auto echo = d.call(SmpOp::Write, SmpGroup::Os, OsCommand::Echo, SmpCommands::echo(QStringLiteral("ping")));
    QVERIFY(echo);
    QCOMPARE(*SmpCommands::parseEcho(echo->body), QStringLiteral("ping"));
    auto params = d.call(SmpOp::Read, SmpGroup::Os, OsCommand::McumgrParams, SmpCommands::empty());
    QVERIFY(params);
    QCOMPARE(SmpCommands::parseParams(params->body)->bufSize, 1024);
    QCOMPARE(SmpCommands::parseParams(params->body)->bufCount, 3);
    auto info = d.call(SmpOp::Read, SmpGroup::Os, OsCommand::OsInfo, SmpCommands::osInfo(QStringLiteral("sv")));
    QCOMPARE(*SmpCommands::parseOsInfo(info->body), QStringLiteral("Zephyr 1.0.0"));
    auto badFormat = d.call(SmpOp::Read, SmpGroup::Os, OsCommand::OsInfo, SmpCommands::osInfo(QStringLiteral("sX")));
    QCOMPARE(SmpStatus::fromBody(badFormat->body).group, std::optional<int>(0));
    QCOMPARE(SmpStatus::fromBody(badFormat->body).rc, OsMgmtErr::InvalidFormat);
    auto boot = d.call(SmpOp::Read, SmpGroup::Os, OsCommand::BootloaderInfo, SmpCommands::empty());
    QCOMPARE(*SmpCommands::parseBootloader(boot->body), QStringLiteral("MCUboot"));
    auto mode = d.call(SmpOp::Read, SmpGroup::Os, OsCommand::BootloaderInfo, SmpCommands::bootloaderInfo(QStringLiteral("mode")));
    QCOMPARE(SmpCommands::parseBootloaderInfo(mode->body)->mode, std::optional<int>(3));
    auto slots = d.call(SmpOp::Read, SmpGroup::Image, ImageCommand::SlotInfo, SmpCommands::empty());
    auto parsed = SmpCommands::parseSlotInfo(slots->body);
    QVERIFY(parsed);
    QCOMPARE(parsed->size(), 2);
    QCOMPARE(parsed->at(1).size, o.slotSize);
    QCOMPARE(parsed->at(1).uploadImageId, std::optional<int>(0));
    // Unknown group, a read of a write-only command: ENOTSUP.
    auto unknown = d.call(SmpOp::Read, 64, 0, SmpCommands::empty());
    QCOMPARE(SmpStatus::fromBody(unknown->body).rc, MgmtErr::NotSupported);
    auto readUpload = d.call(SmpOp::Read, SmpGroup::Image, ImageCommand::Upload, SmpCommands::empty());
    QCOMPARE(SmpStatus::fromBody(readUpload->body).rc, MgmtErr::NotSupported);
    // Reset answers first, then asks its host for a reboot.
    auto reset = d.call(SmpOp::Write, SmpGroup::Os, OsCommand::Reset, SmpCommands::reset(false));
    QVERIFY(reset && SmpStatus::fromBody(reset->body).ok());
    QVERIFY(device->takeRebootRequest());
    QVERIFY(!device->takeRebootRequest());
}

void TestSmpSimulator::uploadTestResetConfirm()
{
    QTemporaryDir dir;
    auto device = openDevice(dir.path());
    Driver d(device.get());
    const QByteArray next = imageOf(QStringLiteral("2.0.0"), 20000);
    auto done = d.upload(next);
    QVERIFY(done);
    QVERIFY(SmpStatus::fromBody(done->body).ok());
    QCOMPARE(SmpCommands::parseUpload(done->body)->offset, next.size());
    QCOMPARE(SmpCommands::parseUpload(done->body)->match, std::optional<bool>(true));
    QCOMPARE(device->store().slot(1), next);
    auto states = d.state();
    QCOMPARE(states.size(), 2);
    QCOMPARE(slot(states, 1)->version, QStringLiteral("2.0.0"));
    QCOMPARE(slot(states, 1)->hash, tlvHash(next));
    QVERIFY(slot(states, 1)->bootable && !slot(states, 1)->pending && !slot(states, 1)->active);
    // Test
    QVERIFY(d.setState(tlvHash(next), false).ok());
    states = d.state();
    QVERIFY(slot(states, 1)->pending && !slot(states, 1)->permanent);
    QVERIFY(slot(states, 0)->confirmed && slot(states, 0)->active);
    // The active image cannot be marked for test.
    QCOMPARE(d.setState(tlvHash(SimImage::defaultImage()), false).rc, ImgMgmtErr::ImageSettingTestToActiveDenied);
    // Reset: swap; the new image runs unconfirmed, the old one is the confirmed fallback.
    d.reset();
    states = d.state();
    QCOMPARE(slot(states, 0)->version, QStringLiteral("2.0.0"));
    QVERIFY(slot(states, 0)->active && !slot(states, 0)->confirmed);
    QCOMPARE(slot(states, 1)->version, QStringLiteral("1.0.0"));
    QVERIFY(slot(states, 1)->confirmed && !slot(states, 1)->pending);
    QVERIFY(device->takeLog().join(QLatin1Char('\n')).contains(QStringLiteral("swapping in image 2.0.0")));
    // No upload while the fallback image must stay.
    auto blocked = d.uploadChunk(next, 0, 512);
    QCOMPARE(SmpStatus::fromBody(blocked->body).rc, ImgMgmtErr::NoFreeSlot);
    // Confirm (no hash = the running image); stays after another reset.
    QVERIFY(d.setState({}, true).ok());
    states = d.state();
    QVERIFY(slot(states, 0)->confirmed && slot(states, 0)->active);
    QVERIFY(!slot(states, 1)->confirmed && !slot(states, 1)->pending);
    d.reset();
    states = d.state();
    QCOMPARE(slot(states, 0)->version, QStringLiteral("2.0.0"));
    QVERIFY(slot(states, 0)->confirmed);
    QCOMPARE(device->bootCount(), 3);
}

void TestSmpSimulator::revertWhenNotConfirmed()
{
    QTemporaryDir dir;
    auto device = openDevice(dir.path());
    Driver d(device.get());
    const QByteArray next = imageOf(QStringLiteral("1.1.0"));
    QVERIFY(d.upload(next));
    QVERIFY(d.setState(tlvHash(next), false).ok());
    d.reset();
    QCOMPARE(slot(d.state(), 0)->version, QStringLiteral("1.1.0"));
    d.reset(); // not confirmed: MCUboot reverts
    const auto states = d.state();
    QCOMPARE(slot(states, 0)->version, QStringLiteral("1.0.0"));
    QVERIFY(slot(states, 0)->active && slot(states, 0)->confirmed);
    QCOMPARE(slot(states, 1)->version, QStringLiteral("1.1.0"));
    QVERIFY(!slot(states, 1)->pending && !slot(states, 1)->confirmed);
    QVERIFY(device->takeLog().join(QLatin1Char('\n')).contains(QStringLiteral("reverting")));
}

void TestSmpSimulator::permanentSwap()
{
    QTemporaryDir dir;
    auto device = openDevice(dir.path());
    Driver d(device.get());
    const QByteArray next = imageOf(QStringLiteral("3.0.0"));
    QVERIFY(d.upload(next));
    QVERIFY(d.setState(tlvHash(next), true).ok());
    QVERIFY(slot(d.state(), 1)->pending && slot(d.state(), 1)->permanent);
    d.reset();
    QCOMPARE(slot(d.state(), 0)->version, QStringLiteral("3.0.0"));
    QVERIFY(slot(d.state(), 0)->confirmed);
    d.reset();
    QCOMPARE(slot(d.state(), 0)->version, QStringLiteral("3.0.0"));
}

void TestSmpSimulator::bootFailureReverts()
{
    QTemporaryDir dir;
    SimOptions o;
    o.failBoot = true;
    auto device = openDevice(dir.path(), o);
    Driver d(device.get());
    const QByteArray next = imageOf(QStringLiteral("2.0.0"));
    QVERIFY(d.upload(next));
    QVERIFY(d.setState(tlvHash(next), false).ok());
    d.reset();
    const auto states = d.state();
    QCOMPARE(slot(states, 0)->version, QStringLiteral("1.0.0"));
    QVERIFY(slot(states, 0)->confirmed && slot(states, 0)->active);
    QCOMPARE(slot(states, 1)->version, QStringLiteral("2.0.0"));
    QCOMPARE(device->bootCount(), 3); // the crash and the watchdog reset count as a boot
    QVERIFY(device->takeLog().join(QLatin1Char('\n')).contains(QStringLiteral("crashed")));
}

void TestSmpSimulator::resumeAfterPowerLoss()
{
    QTemporaryDir dir;
    SimOptions o;
    o.bufSize = 512;
    o.resetAtOffset = 5000;
    auto device = openDevice(dir.path(), o);
    Driver d(device.get());
    const QByteArray next = imageOf(QStringLiteral("2.0.0"), 12000);
    qint64 offset = 0;
    int chunk = 400;
    // Upload until the device goes silent.
    for (;;) {
        auto r = d.uploadChunk(next, offset, chunk);
        if (!r)
            break;
        offset = SmpCommands::parseUpload(r->body)->offset;
        QVERIFY(offset < 5000 + chunk);
    }
    QVERIFY(offset <= 5000 && offset > 4000);
    QVERIFY(device->takeRebootRequest());
    device->reboot();
    // The session is gone: the next chunk is answered with offset 0 ...
    auto r = d.uploadChunk(next, offset, chunk);
    QVERIFY(r);
    QCOMPARE(SmpCommands::parseUpload(r->body)->offset, 0);
    // ... and restarting with the same len and sha resumes where the flash stopped.
    r = d.uploadChunk(next, 0, chunk);
    QVERIFY(r);
    QCOMPARE(SmpCommands::parseUpload(r->body)->offset, offset);
    auto done = d.upload(next);
    QVERIFY(done);
    QCOMPARE(SmpCommands::parseUpload(done->body)->match, std::optional<bool>(true));
    QCOMPARE(device->store().slot(1), next);
    QCOMPARE(slot(d.state(), 1)->version, QStringLiteral("2.0.0"));
    // Without a sha there is nothing to resume against: the upload starts over.
    const QByteArray other = imageOf(QStringLiteral("2.1.0"), 3000);
    QVERIFY(d.upload(other, false));
    QCOMPARE(device->store().slot(1), other);
}

void TestSmpSimulator::wrongOffsetGetsExpectedOffset()
{
    QTemporaryDir dir;
    auto device = openDevice(dir.path());
    Driver d(device.get());
    const QByteArray next = imageOf(QStringLiteral("2.0.0"));
    auto first = d.uploadChunk(next, 0, 1000);
    QCOMPARE(SmpCommands::parseUpload(first->body)->offset, 1000);
    // A lost chunk: the client sends 2000 next; the device says "1000".
    auto skip = d.uploadChunk(next, 2000, 1000);
    QVERIFY(SmpStatus::fromBody(skip->body).ok());
    QCOMPARE(SmpCommands::parseUpload(skip->body)->offset, 1000);
    // A duplicate of the first chunk: same answer.
    auto again = d.uploadChunk(next, 0, 1000);
    QCOMPARE(SmpCommands::parseUpload(again->body)->offset, 1000);
    // More data than announced.
    const QByteArray small = imageOf(QStringLiteral("2.0.1"), 900);
    QCOMPARE(SmpCommands::parseUpload(d.uploadChunk(small, 0, 800)->body)->offset, 800);
    UploadRequest over;
    over.offset = 800;
    over.data = QByteArray(small.size(), 'x');
    auto overrun = d.call(SmpOp::Write, SmpGroup::Image, ImageCommand::Upload, SmpCommands::upload(over));
    QVERIFY(overrun);
    QCOMPARE(SmpStatus::fromBody(overrun->body).rc, ImgMgmtErr::InvalidImageDataOverrun);
}

void TestSmpSimulator::persistenceAcrossRestarts()
{
    QTemporaryDir dir;
    const QByteArray next = imageOf(QStringLiteral("2.0.0"));
    {
        auto device = openDevice(dir.path());
        Driver d(device.get());
        QVERIFY(d.upload(next));
        QVERIFY(d.setState(tlvHash(next), false).ok());
    }
    {
        auto device = openDevice(dir.path());
        Driver d(device.get());
        auto states = d.state();
        QVERIFY(slot(states, 1) && slot(states, 1)->pending);
        d.reset();
        QCOMPARE(slot(d.state(), 0)->version, QStringLiteral("2.0.0"));
        QVERIFY(!slot(d.state(), 0)->confirmed);
    }
    {
        auto device = openDevice(dir.path()); // still unconfirmed after a restart: the next reset reverts
        Driver d(device.get());
        QCOMPARE(slot(d.state(), 0)->version, QStringLiteral("2.0.0"));
        d.reset();
        QCOMPARE(slot(d.state(), 0)->version, QStringLiteral("1.0.0"));
    }
    // A partial upload survives a restart and resumes.
    {
        auto device = openDevice(dir.path());
        Driver d(device.get());
        QVERIFY(d.uploadChunk(next, 0, 1500));
    }
    auto device = openDevice(dir.path());
    Driver d(device.get());
    QCOMPARE(SmpCommands::parseUpload(d.uploadChunk(next, 0, 1500)->body)->offset, 1500);
}

void TestSmpSimulator::invalidUploads()
{
    QTemporaryDir dir;
    SimOptions o;
    o.slotSize = 64 * 1024;
    auto device = openDevice(dir.path(), o);
    Driver d(device.get());
    // Not an MCUboot image at all: refused at the first chunk.
    const QByteArray elf = QByteArray("\x7f" "ELF") + QByteArray(4000, '\x01');
    auto magic = d.uploadChunk(elf, 0, 512);
    QCOMPARE(SmpStatus::fromBody(magic->body).group, std::optional<int>(1));
    QCOMPARE(SmpStatus::fromBody(magic->body).rc, ImgMgmtErr::InvalidImageHeaderMagic);
    // Too large for the slot.
    const QByteArray huge = imageOf(QStringLiteral("2.0.0"), 70000);
    QCOMPARE(SmpStatus::fromBody(d.uploadChunk(huge, 0, 512)->body).rc, ImgMgmtErr::InvalidImageTooLarge);
    // No len at offset 0.
    UploadRequest noLen;
    noLen.data = imageOf(QStringLiteral("2.0.0")).left(100);
    auto r = d.call(SmpOp::Write, SmpGroup::Image, ImageCommand::Upload, SmpCommands::upload(noLen));
    QCOMPARE(SmpStatus::fromBody(r->body).rc, ImgMgmtErr::InvalidLength);
    // A corrupted image (body byte changed, hash TLV kept): refused at the end, and cannot be marked for test.
    QByteArray corrupt = imageOf(QStringLiteral("2.0.0"));
    corrupt[100] = char(corrupt[100] ^ 0x55);
    auto end = d.upload(corrupt);
    QVERIFY(end);
    QCOMPARE(SmpStatus::fromBody(end->body).rc, ImgMgmtErr::InvalidHash);
    const auto states = d.state();
    QVERIFY(slot(states, 1));
    QVERIFY(!slot(states, 1)->bootable);
    QCOMPARE(d.setState(slot(states, 1)->hash, false).rc, ImgMgmtErr::InvalidHash);
    // A hash that is nowhere on the device.
    QCOMPARE(d.setState(QByteArray(32, '\x42'), false).rc, ImgMgmtErr::HashNotFound);
    // Header magic right, no TLVs: refused at the end with NO_TLVS.
    QByteArray noTlv = imageOf(QStringLiteral("2.0.0"), 2000);
    noTlv.chop(40);
    QCOMPARE(SmpStatus::fromBody(d.upload(noTlv)->body).rc, ImgMgmtErr::NoTlvs);
    // The device still boots its good image.
    d.reset();
    QCOMPARE(slot(d.state(), 0)->version, QStringLiteral("1.0.0"));
}

void TestSmpSimulator::nonBootableImage()
{
    QTemporaryDir dir;
    auto device = openDevice(dir.path());
    Driver d(device.get());
    const QByteArray image = imageOf(QStringLiteral("2.0.0"), 3000, 0x10 /* NON_BOOTABLE */);
    auto done = d.upload(image);
    QVERIFY(SmpStatus::fromBody(done->body).ok());
    QVERIFY(!slot(d.state(), 1)->bootable);
    QCOMPARE(d.setState(tlvHash(image), false).rc, ImgMgmtErr::InvalidImageHeader);
    // "upgrade": only a newer version is taken.
    const QByteArray older = imageOf(QStringLiteral("0.9.0"));
    UploadRequest r;
    r.length = older.size();
    r.data = older.left(512);
    r.upgrade = true;
    auto refused = d.call(SmpOp::Write, SmpGroup::Image, ImageCommand::Upload, SmpCommands::upload(r));
    QCOMPARE(SmpStatus::fromBody(refused->body).rc, ImgMgmtErr::CurrentVersionIsNewer);
}

void TestSmpSimulator::eraseRules()
{
    QTemporaryDir dir;
    auto device = openDevice(dir.path());
    Driver d(device.get());
    const QByteArray next = imageOf(QStringLiteral("2.0.0"));
    QVERIFY(d.upload(next));
    QVERIFY(d.setState(tlvHash(next), false).ok());
    auto pending = d.call(SmpOp::Write, SmpGroup::Image, ImageCommand::Erase, SmpCommands::erase(std::nullopt));
    QCOMPARE(SmpStatus::fromBody(pending->body).rc, MgmtErr::BadState);
    auto active = d.call(SmpOp::Write, SmpGroup::Image, ImageCommand::Erase, SmpCommands::erase(0));
    QCOMPARE(SmpStatus::fromBody(active->body).rc, MgmtErr::BadState);
    d.reset();
    QVERIFY(d.setState({}, true).ok());
    auto ok = d.call(SmpOp::Write, SmpGroup::Image, ImageCommand::Erase, SmpCommands::erase(1));
    QVERIFY(SmpStatus::fromBody(ok->body).ok());
    QCOMPARE(d.state().size(), 1);
    QVERIFY(device->store().slot(1).isEmpty());
}

void TestSmpSimulator::shaMismatch()
{
    QTemporaryDir dir;
    auto device = openDevice(dir.path());
    Driver d(device.get());
    const QByteArray next = imageOf(QStringLiteral("2.0.0"), 1000);
    UploadRequest r;
    r.image = 0;
    r.length = next.size();
    r.sha256 = QByteArray(32, '\0');
    r.data = next;
    auto done = d.call(SmpOp::Write, SmpGroup::Image, ImageCommand::Upload, SmpCommands::upload(r));
    QCOMPARE(SmpCommands::parseUpload(done->body)->match, std::optional<bool>(false));
}

void TestSmpSimulator::versionNegotiation()
{
    QTemporaryDir dir;
    auto device = openDevice(dir.path());
    // A request with version 2 ("v3"): answered with version 1 and rc 13.
    QByteArray future = SmpPacket::encode(SmpOp::Read, SmpVersion::V2, 0, OsCommand::McumgrParams, 9, SmpCommands::empty());
    future[0] = char(0x10);
    auto out = device->handle(future);
    QCOMPARE(out.size(), 1);
    auto p = SmpPacket::decode(out.first());
    QCOMPARE(p->header.version, SmpVersion::V2);
    QCOMPARE(SmpStatus::fromBody(p->body).rc, MgmtErr::UnsupportedTooNew);
    // A legacy request gets a legacy answer, errors as bare rc.
    Driver v1(device.get(), SmpVersion::V1);
    auto params = v1.call(SmpOp::Read, SmpGroup::Os, OsCommand::McumgrParams, SmpCommands::empty());
    QVERIFY(params);
    QCOMPARE(params->header.version, SmpVersion::V1);
    auto missing = v1.call(SmpOp::Write, SmpGroup::Image, ImageCommand::State, SmpCommands::stateWrite(QByteArray(32, 'x'), false));
    QCOMPARE(missing->header.version, SmpVersion::V1);
    QCOMPARE(SmpStatus::fromBody(missing->body).rc, MgmtErr::NoEntry);
    QVERIFY(!SmpStatus::fromBody(missing->body).group);
    // The same error in v2 is a group error.
    Driver v2(device.get());
    auto groupError = v2.call(SmpOp::Write, SmpGroup::Image, ImageCommand::State, SmpCommands::stateWrite(QByteArray(32, 'x'), false));
    QCOMPARE(groupError->header.version, SmpVersion::V2);
    QCOMPARE(SmpStatus::fromBody(groupError->body).group, std::optional<int>(1));
    QCOMPARE(SmpStatus::fromBody(groupError->body).rc, ImgMgmtErr::HashNotFound);
}

void TestSmpSimulator::v1OnlyServer()
{
    QTemporaryDir dir;
    SimOptions o;
    o.v1Only = true;
    auto device = openDevice(dir.path(), o);
    Driver d(device.get()); // sends v2
    auto params = d.call(SmpOp::Read, SmpGroup::Os, OsCommand::McumgrParams, SmpCommands::empty());
    QVERIFY(params);
    QCOMPARE(params->header.version, SmpVersion::V1);
    QVERIFY(SmpCommands::parseParams(params->body));
    auto magic = d.uploadChunk(QByteArray(600, 'x'), 0, 512);
    QCOMPARE(magic->header.version, SmpVersion::V1);
    QCOMPARE(SmpStatus::fromBody(magic->body).rc, MgmtErr::Invalid);
    QVERIFY(!SmpStatus::fromBody(magic->body).group);
    // Everything else works the same.
    const QByteArray next = imageOf(QStringLiteral("2.0.0"));
    QVERIFY(SmpStatus::fromBody(d.upload(next)->body).ok());
    QVERIFY(d.setState(tlvHash(next), false).ok());
    d.reset();
    QCOMPARE(slot(d.state(), 0)->version, QStringLiteral("2.0.0"));
}

void TestSmpSimulator::droppedPackets()
{
    QTemporaryDir dir;
    SimOptions o;
    o.bufSize = 256;
    auto device = openDevice(dir.path(), o);
    const QByteArray big = SmpPacket::encode(SmpOp::Write, SmpVersion::V2, 0, 0, 1, SmpCommands::echo(QString(300, QLatin1Char('a'))));
    QVERIFY(device->handle(big).isEmpty());
    QVERIFY(device->takeLog().join(QLatin1Char('\n')).contains(QStringLiteral("larger than buf_size")));
    QVERIFY(device->handle(QByteArray::fromHex("0a0000")).isEmpty());                 // short header
    QVERIFY(device->handle(QByteArray::fromHex("0a00000500000000a0")).isEmpty());     // length mismatch
    QVERIFY(device->handle(QByteArray::fromHex("0b00000100000000a0")).isEmpty());     // a response
    auto bad = device->handle(QByteArray::fromHex("0a00000200000000ff00"));          // body not CBOR
    QCOMPARE(bad.size(), 1);
    QCOMPARE(SmpStatus::fromBody(SmpPacket::decode(bad.first())->body).rc, MgmtErr::Invalid);
}

void TestSmpSimulator::slot0ImageOption()
{
    QTemporaryDir dir;
    const QByteArray mine = imageOf(QStringLiteral("4.5.6+7"));
    auto device = openDevice(dir.path(), {}, mine);
    QVERIFY(device);
    Driver d(device.get());
    QCOMPARE(slot(d.state(), 0)->version, QStringLiteral("4.5.6.7"));
    QCOMPARE(device->store().slot(0), mine);
    // The shared Zephyr hello-world image works as slot 0 too.
    QTemporaryDir dir2;
    QFile zephyr(QStringLiteral(OTADESK_TESTDATA "/mcuboot/zephyr_hello_world.signed-rsa2048.bin"));
    QVERIFY(zephyr.open(QIODevice::ReadOnly));
    auto z = SimulatedDevice::open(dir2.path(), {}, zephyr.readAll());
    QVERIFY2(z, z ? "" : qPrintable(z.error().message()));
    // Not an MCUboot image: a clear error.
    QTemporaryDir dir3;
    auto bad = SimulatedDevice::open(dir3.path(), {}, QByteArray(100, 'x'));
    QVERIFY(!bad);
    QVERIFY2(bad.error().message().contains(QStringLiteral("MCUboot")), qPrintable(bad.error().message()));
}

void TestSmpSimulator::udpRoundTrip()
{
    QTemporaryDir dir;
    SimOptions o;
    o.rebootMs = 300;
    auto device = openDevice(dir.path(), o);
    SimUdpHost host(device.get());
    auto port = host.listen(QHostAddress::LocalHost, 0);
    QVERIFY(port);
    QUdpSocket client;
    QVERIFY(client.bind(QHostAddress::LocalHost, 0));
    const auto exchange = [&](const QByteArray &request, int timeoutMs) -> std::optional<SmpPacket> {
        client.writeDatagram(request, QHostAddress::LocalHost, *port);
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            if (client.hasPendingDatagrams() || client.waitForReadyRead(10)) {
                auto p = SmpPacket::decode(client.receiveDatagram().data());
                return p ? std::optional<SmpPacket>(*p) : std::nullopt;
            }
            QCoreApplication::processEvents();
        }
        return std::nullopt;
    };
    auto echo = exchange(SmpPacket::encode(SmpOp::Write, SmpVersion::V2, 0, 0, 7, SmpCommands::echo(QStringLiteral("udp"))), 2000);
    QVERIFY(echo);
    QCOMPARE(echo->header.sequence, quint8(7));
    QCOMPARE(*SmpCommands::parseEcho(echo->body), QStringLiteral("udp"));
    // Reset: answered, then silent for the reboot time, then back.
    QElapsedTimer clock;
    clock.start();
    auto reset = exchange(SmpPacket::encode(SmpOp::Write, SmpVersion::V2, 0, 5, 8, SmpCommands::reset(false)), 2000);
    QVERIFY(reset);
    QVERIFY(host.isRebooting());
    QVERIFY(!exchange(SmpPacket::encode(SmpOp::Read, SmpVersion::V2, 0, 6, 9, SmpCommands::empty()), 100));
    QTRY_VERIFY_WITH_TIMEOUT(!host.isRebooting(), 2000);
    QVERIFY(clock.elapsed() >= 290);
    auto params = exchange(SmpPacket::encode(SmpOp::Read, SmpVersion::V2, 0, 6, 10, SmpCommands::empty()), 2000);
    QVERIFY(params);
    QCOMPARE(SmpCommands::parseParams(params->body)->bufSize, 2048);
    QCOMPARE(device->bootCount(), 2);
}

void TestSmpSimulator::udpLinkPacing()
{
    QTemporaryDir dir;
    SimOptions o;
    o.baud = 115200; // a paced link: (datagram + 28) bytes at 11520 bytes/s each way
    auto device = openDevice(dir.path(), o);
    SimUdpHost host(device.get());
    auto port = host.listen(QHostAddress::LocalHost, 0);
    QVERIFY(port);
    QUdpSocket client;
    QVERIFY(client.bind(QHostAddress::LocalHost, 0));
    const QByteArray request =
        SmpPacket::encode(SmpOp::Write, SmpVersion::V2, 0, 0, 1, SmpCommands::echo(QString(1500, QLatin1Char('u'))));
    // Three requests back to back: they queue on the link.
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < 3; ++i)
        client.writeDatagram(request, QHostAddress::LocalHost, *port);
    int answers = 0;
    qint64 answerBytes = 0;
    while (answers < 3 && clock.elapsed() < 5000) {
        if (client.hasPendingDatagrams() || client.waitForReadyRead(5)) {
            answerBytes += client.receiveDatagram().data().size() + 28;
            ++answers;
        }
        QCoreApplication::processEvents();
    }
    QCOMPARE(answers, 3);
    const double seconds = clock.nsecsElapsed() / 1e9;
    // The last answer leaves when all three requests have crossed and the answers queued behind each other;
    // the first answer overlaps the later requests, so the line time is 3 requests + 1 answer at least and
    // 3 + 3 at most.
    const double per = 10.0 / 115200;
    const double lower = (3.0 * (request.size() + 28) + answerBytes / 3.0) * per;
    const double upper = (3.0 * (request.size() + 28) + answerBytes) * per;
    qInfo("3 x %lld-byte echo over UDP paced at 115200: %.3f s (line %.3f..%.3f s)", qlonglong(request.size()), seconds,
          lower, upper);
    QVERIFY2(seconds >= lower * 0.97 && seconds <= upper * 1.10, qPrintable(QString::number(seconds)));
}

namespace {
// Reads from a POSIX fd on the Qt event loop until `done` says so or the time is up.
bool readUntil(int fd, QByteArray &buffer, const std::function<bool()> &done, int timeoutMs)
{
    QSocketNotifier notifier(fd, QSocketNotifier::Read);
    QEventLoop loop;
    QObject::connect(&notifier, &QSocketNotifier::activated, &loop, [&] {
        char chunk[4096];
        for (;;) {
            const ssize_t n = ::read(fd, chunk, sizeof chunk);
            if (n <= 0)
                break;
            buffer.append(chunk, n);
        }
        if (done())
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (!done())
        loop.exec();
    return done();
}
} // namespace

void TestSmpSimulator::ptyRoundTripAndBaudPacing()
{
    QTemporaryDir dir;
    SimOptions o;
    o.bufSize = 4096;
    o.baud = 115200;
    auto device = openDevice(dir.path(), o);
    SimSerialHost host(device.get());
    const QString link = dir.filePath(QStringLiteral("ttySIM"));
    auto path = host.open(link);
    QVERIFY2(path, path ? "" : qPrintable(path.error().message()));
    QVERIFY(path->startsWith(QStringLiteral("/dev/pts/")));
    QCOMPARE(QFileInfo(link).symLinkTarget(), *path);
    const int fd = ::open(QFile::encodeName(link).constData(), O_RDWR | O_NOCTTY | O_NONBLOCK);
    QVERIFY(fd >= 0);
    termios tio{};
    QCOMPARE(::tcgetattr(fd, &tio), 0);
    ::cfmakeraw(&tio);
    QCOMPARE(::tcsetattr(fd, TCSANOW, &tio), 0);

    // The boot banner arrives as console text.
    QByteArray received;
    SmpSerialDeframer deframer;
    QVERIFY(readUntil(fd, received, [&] { return received.contains("running image 1.0.0\n"); }, 3000));
    deframer.feed(received);
    QVERIFY(deframer.takeConsoleText().contains("*** Booting Zephyr OS"));
    received.clear();

    // Echo round trip with ~2 KiB each way, timed against the emulated line.
    const QString text(2000, QLatin1Char('e'));
    const QByteArray request = SmpPacket::encode(SmpOp::Write, SmpVersion::V2, 0, 0, 42, SmpCommands::echo(text));
    const QByteArray framed = SmpSerial::frame(request);
    const QByteArray expectedResponse = SmpPacket::encodeResponse(SmpPacket::decode(request)->header, SmpVersion::V2,
                                                                  SmpCommands::echoResponse(text));
    QElapsedTimer clock;
    clock.start();
    QCOMPARE(::write(fd, framed.constData(), size_t(framed.size())), ssize_t(framed.size()));
    std::optional<QByteArray> response;
    QVERIFY(readUntil(fd, received, [&] {
        deframer.feed(received);
        received.clear();
        if (!response)
            response = deframer.takePacket();
        return response.has_value();
    }, 5000));
    const double seconds = clock.nsecsElapsed() / 1e9;
    QCOMPARE(*response, expectedResponse);
    const double expected = double(framed.size() + SmpSerial::framedSize(expectedResponse.size())) * 10 / 115200;
    qInfo("2 x %lld framed bytes at 115200 baud: %.3f s (line time %.3f s)", qlonglong(framed.size()), seconds, expected);
    QVERIFY2(qAbs(seconds - expected) / expected < 0.10,
             qPrintable(QStringLiteral("took %1 s, the line needs %2 s").arg(seconds).arg(expected)));
    QCOMPARE(deframer.crcErrors() + deframer.framingErrors(), 0);

    // An upload chunk through the PTY, then the device's state shows the progress.
    const QByteArray next = imageOf(QStringLiteral("2.0.0"), 1000);
    UploadRequest up;
    up.image = 0;
    up.length = next.size();
    up.sha256 = crypto::sha256(next);
    up.data = next;
    QByteArray uploadFrame = SmpSerial::frame(SmpPacket::encode(SmpOp::Write, SmpVersion::V2, 1, 1, 43, SmpCommands::upload(up)));
    QCOMPARE(::write(fd, uploadFrame.constData(), size_t(uploadFrame.size())), ssize_t(uploadFrame.size()));
    response.reset();
    QVERIFY(readUntil(fd, received, [&] {
        deframer.feed(received);
        received.clear();
        if (!response)
            response = deframer.takePacket();
        return response.has_value();
    }, 5000));
    auto packet = SmpPacket::decode(*response);
    QVERIFY(packet);
    QCOMPARE(packet->header.sequence, quint8(43));
    QCOMPARE(SmpCommands::parseUpload(packet->body)->match, std::optional<bool>(true));
    // The device logged the upload on the console between the frames.
    QTRY_VERIFY_WITH_TIMEOUT((readUntil(fd, received, [&] { return received.contains("upload complete"); }, 100),
                              received.contains("upload complete")),
                             3000);
    ::close(fd);
}

QTEST_GUILESS_MAIN(TestSmpSimulator)
#include "tst_smp_simulator.moc"
