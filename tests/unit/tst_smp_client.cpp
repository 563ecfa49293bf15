// SmpClient, ImageUploader, transports, BenchImage and subnet parsing, without the simulator: a scripted device
// behind an in-process transport, a real pseudo-terminal for the serial transport, and real UDP sockets on
// loopback.
#include "TestData.h"
#include "core/bench/link/BenchImage.h"
#include "core/bench/link/DeviceDiscovery.h"
#include "core/bench/link/ImageUploader.h"
#include "core/bench/link/SerialTransport.h"
#include "core/bench/link/SmpClient.h"
#include "core/bench/link/UdpTransport.h"
#include "core/bench/smp/SmpCommands.h"
#include "core/bench/smp/SmpSerial.h"
#include "core/crypto/Digest.h"

#include <QNetworkDatagram>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <fcntl.h>
#include <functional>
#include <stdlib.h>
#include <unistd.h>

using namespace otadesk;
using namespace otadesk::bench;

namespace {

// A device behind a function: each request packet yields the response packets (delivered asynchronously).
class ScriptedTransport : public SmpTransport
{
public:
    std::function<QList<QByteArray>(const QByteArray &)> device;
    bool lossy = false;
    bool open_ = false;
    int mtuBytes = 1024;
    QList<QByteArray> sent;

    Status open() override { open_ = true; return {}; }
    void close() override { open_ = false; }
    bool isOpen() const override { return open_; }
    void send(const QByteArray &packet) override
    {
        sent.append(packet);
        const QList<QByteArray> answers = device ? device(packet) : QList<QByteArray>();
        for (const QByteArray &a : answers)
            QTimer::singleShot(1, this, [this, a] { Q_EMIT packetReceived(a); });
    }
    int mtu() const override { return mtuBytes; }
    QString name() const override { return QStringLiteral("scripted"); }
    bool isLossy() const override { return lossy; }
    qsizetype wireSize(qsizetype packetSize) const override { return packetSize; }
};

SmpPacket decodeOrFail(const QByteArray &packet)
{
    auto p = SmpPacket::decode(packet);
    return p ? *p : SmpPacket{};
}

QByteArray answer(const QByteArray &request, const CborValue &body, std::optional<SmpVersion> version = {})
{
    const SmpPacket p = decodeOrFail(request);
    return SmpPacket::encodeResponse(p.header, version.value_or(p.header.version), body);
}

Result<SmpResponse> callSync(SmpClient &client, const SmpRequest &request, int waitMs = 5000)
{
    std::optional<Result<SmpResponse>> out;
    client.send(request, [&out](Result<SmpResponse> r) { out = std::move(r); });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, waitMs))
        return fail(ErrorCode::Internal, QStringLiteral("callback never ran"));
    return std::move(*out);
}

// A minimal upload server (Zephyr img_mgmt semantics): answers every chunk with the offset it expects next.
struct UploadDevice
{
    QByteArray received;
    qint64 expected = 0;
    qint64 length = -1;
    QByteArray sha;
    int requests = 0;
    int maxPacketSeen = 0;
    std::function<bool(int index, qint64 offset)> drop;   // lose this request (no answer)
    qint64 resetAt = -1;                                   // forget the session once this offset is reached
    bool didReset = false;
    QList<qint64> restartsAtZero;

    QList<QByteArray> handle(const QByteArray &packet)
    {
        const SmpPacket p = decodeOrFail(packet);
        maxPacketSeen = qMax(maxPacketSeen, int(packet.size()));
        auto req = SmpCommands::parseUploadRequest(p.body);
        const int index = requests++;
        if (!req || (drop && drop(index, req->offset)))
            return {};
        if (!didReset && resetAt >= 0 && expected >= resetAt) { // "reboot": session and request lost
            didReset = true;
            expected = 0;
            length = -1;
            received.clear();
            return {};
        }
        if (req->offset == 0) {
            if (req->length < 0)
                return {answer(packet, SmpStatus::mgmt(MgmtErr::Invalid).toBody())};
            restartsAtZero.append(index);
            length = req->length;
            sha = req->sha256;
            received.clear();
            expected = 0;
        }
        if (req->offset != expected || length < 0)
            return {answer(packet, SmpCommands::uploadResponse({expected, std::nullopt}))};
        received += req->data;
        expected += req->data.size();
        UploadResponse r{expected, std::nullopt};
        if (expected == length)
            r.match = crypto::sha256(received) == sha;
        return {answer(packet, SmpCommands::uploadResponse(r))};
    }
};

} // namespace

class TestSmpClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void echoRoundTripAndSequences();
    void timeoutGivesIoError();
    void lossyTransportRetransmits();
    void fallsBackToV1OnUnsupported();
    void acceptsV1ShapedReplies();
    void deviceErrorsInBothShapes();
    void strayResponsesAreDropped();
    void uploadWholeImage();
    void uploadResumesAfterLoss();
    void uploadRestartsAfterDeviceReset();
    void uploadFailsWhenDeviceGoesSilent();
    void uploadReportsShaMismatch();
    void serialTransportOverPty();
    void udpTransportOnLoopback();
    void hostPortParsing();
    void subnetHosts();
    void benchImageFromBinAndHex();
    void benchImageRefusesNonMcuboot();
    void benchImageRefusesTamperedImage();
};

void TestSmpClient::echoRoundTripAndSequences()
{
    ScriptedTransport t;
    t.open();
    t.device = [](const QByteArray &req) {
        auto text = SmpCommands::parseEchoRequest(decodeOrFail(req).body);
        return QList<QByteArray>{answer(req, SmpCommands::echoResponse(text.value_or(QString())))};
    };
    SmpClient client(&t);
    QSignalSpy log(&client, &SmpClient::packetLogged);
    for (int i = 0; i < 3; ++i) {
        auto r = callSync(client, {SmpOp::Read, SmpGroup::Os, OsCommand::Echo,
                                   SmpCommands::echo(QStringLiteral("hi %1").arg(i))});
        QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message()));
        QCOMPARE(SmpCommands::parseEcho(r->body).value_or(QString()), QStringLiteral("hi %1").arg(i));
        QCOMPARE(r->header.sequence, quint8(i));
        QCOMPARE(r->header.version, SmpVersion::V2);
    }
    QCOMPARE(log.size(), 6); // every packet both ways
    QVERIFY(log.at(0).at(2).toString().contains(QStringLiteral("os/echo")));
}

void TestSmpClient::timeoutGivesIoError()
{
    ScriptedTransport t;
    t.open();
    SmpClient client(&t); // the device never answers
    QElapsedTimer clock;
    clock.start();
    auto r = callSync(client, {SmpOp::Read, SmpGroup::Image, ImageCommand::State, {}, 150});
    QVERIFY(!r);
    QCOMPARE(r.error().code(), ErrorCode::Io);
    QVERIFY(r.error().message().contains(QStringLiteral("No answer")));
    QVERIFY(clock.elapsed() >= 140);
    QCOMPARE(t.sent.size(), 1); // not lossy: no retransmission
}

void TestSmpClient::lossyTransportRetransmits()
{
    ScriptedTransport t;
    t.open();
    t.lossy = true;
    int seen = 0;
    t.device = [&seen](const QByteArray &req) {
        if (++seen < 3)
            return QList<QByteArray>(); // first two copies lost
        return QList<QByteArray>{answer(req, SmpCommands::echoResponse(QStringLiteral("x")))};
    };
    SmpClient client(&t);
    auto r = callSync(client, {SmpOp::Read, SmpGroup::Os, OsCommand::Echo, SmpCommands::echo(QStringLiteral("x")), 80});
    QVERIFY(r.has_value());
    QCOMPARE(client.retransmissions(), 2);
    QCOMPARE(t.sent.size(), 3);
    QCOMPARE(t.sent.at(0), t.sent.at(2)); // the same packet, same sequence
}

void TestSmpClient::fallsBackToV1OnUnsupported()
{
    ScriptedTransport t;
    t.open();
    // A v1-only server: v2 requests get header version 0 + {"rc": 13} (Zephyr smp_version test).
    t.device = [](const QByteArray &req) {
        const SmpPacket p = decodeOrFail(req);
        if (p.header.version == SmpVersion::V2)
            return QList<QByteArray>{answer(req, SmpStatus::mgmt(MgmtErr::UnsupportedTooNew).toBody(), SmpVersion::V1)};
        return QList<QByteArray>{answer(req, SmpCommands::paramsResponse({512, 4}))};
    };
    SmpClient client(&t);
    QSignalSpy changed(&client, &SmpClient::versionChanged);
    auto r = callSync(client, {SmpOp::Read, SmpGroup::Os, OsCommand::McumgrParams});
    QVERIFY(r.has_value());
    QVERIFY(r->status.ok());
    QCOMPARE(SmpCommands::parseParams(r->body)->bufSize, 512);
    QCOMPARE(client.version(), SmpVersion::V1);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(t.sent.size(), 2);
    // Later requests go out as v1 right away.
    QVERIFY(callSync(client, {SmpOp::Read, SmpGroup::Os, OsCommand::McumgrParams}).has_value());
    QCOMPARE(t.sent.size(), 3);
    QCOMPARE(decodeOrFail(t.sent.last()).header.version, SmpVersion::V1);
}

void TestSmpClient::acceptsV1ShapedReplies()
{
    ScriptedTransport t;
    t.open();
    t.device = [](const QByteArray &req) {
        return QList<QByteArray>{answer(req, SmpCommands::echoResponse(QStringLiteral("old")), SmpVersion::V1)};
    };
    SmpClient client(&t);
    auto r = callSync(client, {SmpOp::Read, SmpGroup::Os, OsCommand::Echo, SmpCommands::echo(QStringLiteral("old"))});
    QVERIFY(r.has_value());
    QCOMPARE(SmpCommands::parseEcho(r->body).value_or(QString()), QStringLiteral("old"));
    QCOMPARE(client.version(), SmpVersion::V1);
    QCOMPARE(t.sent.size(), 1);
}

void TestSmpClient::deviceErrorsInBothShapes()
{
    ScriptedTransport t;
    t.open();
    bool v2Shape = false;
    t.device = [&v2Shape](const QByteArray &req) {
        const SmpStatus s = v2Shape ? SmpStatus::inGroup(SmpGroup::Image, ImgMgmtErr::HashNotFound)
                                    : SmpStatus::mgmt(MgmtErr::BadState);
        return QList<QByteArray>{answer(req, s.toBody())};
    };
    SmpClient client(&t);
    auto r = callSync(client, {SmpOp::Write, SmpGroup::Image, ImageCommand::State,
                               SmpCommands::stateWrite(QByteArray(32, 'a'), false)});
    QVERIFY(r.has_value());
    QCOMPARE(r->status.rc, MgmtErr::BadState);
    auto check = r->check();
    QVERIFY(!check);
    QCOMPARE(check.error().code(), ErrorCode::Conflict);
    QVERIFY2(check.error().message().contains(QStringLiteral("image/state")), qPrintable(check.error().message()));
    QVERIFY(check.error().message().contains(QStringLiteral("rc 6")));
    v2Shape = true;
    r = callSync(client, {SmpOp::Write, SmpGroup::Image, ImageCommand::State,
                          SmpCommands::stateWrite(QByteArray(32, 'a'), false)});
    QVERIFY(r.has_value());
    QCOMPARE(r->status.group, std::optional<int>(1));
    QVERIFY2(r->check().error().message().contains(QStringLiteral("rc 8")), qPrintable(r->check().error().message()));
}

void TestSmpClient::strayResponsesAreDropped()
{
    ScriptedTransport t;
    t.open();
    t.device = [](const QByteArray &req) {
        SmpPacket p = decodeOrFail(req);
        SmpHeader other = p.header;
        other.sequence = quint8(other.sequence + 7); // nobody asked
        return QList<QByteArray>{SmpPacket::encodeResponse(other, SmpVersion::V2, SmpCommands::echoResponse({})),
                                 QByteArray("\x01\x02garbage", 9),
                                 answer(req, SmpCommands::echoResponse(QStringLiteral("real")))};
    };
    SmpClient client(&t);
    auto r = callSync(client, {SmpOp::Read, SmpGroup::Os, OsCommand::Echo, SmpCommands::echo(QStringLiteral("real"))});
    QVERIFY(r.has_value());
    QCOMPARE(SmpCommands::parseEcho(r->body).value_or(QString()), QStringLiteral("real"));
    QCOMPARE(client.droppedResponses(), 2);
}

namespace {
struct UploadRun
{
    bool ok = false;
    Error error;
    int resumes = 0;
    QList<qint64> progress;
};

UploadRun runUpload(ScriptedTransport &t, UploadDevice &dev, const QByteArray &image, UploadOptions options)
{
    t.open();
    t.device = [&dev](const QByteArray &req) { return dev.handle(req); };
    SmpClient client(&t);
    client.setDefaultRetries(0);
    ImageUploader up(&client, image, crypto::sha256(image), options);
    UploadRun run;
    bool finished = false;
    QObject::connect(&up, &ImageUploader::progress, [&run](qint64 b, qint64, double, double) { run.progress.append(b); });
    QObject::connect(&up, &ImageUploader::finished, [&](bool ok, const Error &e) {
        run.ok = ok;
        run.error = e;
        finished = true;
    });
    up.start();
    if (!QTest::qWaitFor([&finished] { return finished; }, 30000))
        run.error = Error(ErrorCode::Internal, QStringLiteral("upload did not finish"));
    run.resumes = up.resumes();
    return run;
}

QByteArray pattern(int size)
{
    QByteArray b(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        b[i] = char((i * 31 + i / 256) & 0xff);
    return b;
}
} // namespace

void TestSmpClient::uploadWholeImage()
{
    ScriptedTransport t;
    UploadDevice dev;
    const QByteArray image = pattern(20000);
    UploadOptions o;
    o.maxPacket = 512;
    o.window = 3;
    const UploadRun run = runUpload(t, dev, image, o);
    QVERIFY2(run.ok, qPrintable(run.error.message()));
    QCOMPARE(dev.received, image);
    QVERIFY(dev.maxPacketSeen <= 512);
    QVERIFY(dev.maxPacketSeen >= 480); // chunks fill the packet
    QCOMPARE(run.resumes, 0);
    QCOMPARE(run.progress.last(), qint64(image.size()));
    QCOMPARE(dev.restartsAtZero.size(), 1);
}

void TestSmpClient::uploadResumesAfterLoss()
{
    ScriptedTransport t;
    UploadDevice dev;
    dev.drop = [](int index, qint64) { return index == 5 || index == 17 || index == 18; };
    const QByteArray image = pattern(30000);
    UploadOptions o;
    o.maxPacket = 700;
    o.window = 4;
    o.chunkTimeoutMs = 150;
    const UploadRun run = runUpload(t, dev, image, o);
    QVERIFY2(run.ok, qPrintable(run.error.message()));
    QCOMPARE(dev.received, image);
    QVERIFY(run.resumes >= 1);
    QCOMPARE(dev.restartsAtZero.size(), 1); // resumed, not restarted
}

void TestSmpClient::uploadRestartsAfterDeviceReset()
{
    ScriptedTransport t;
    UploadDevice dev;
    dev.resetAt = 9000;
    const QByteArray image = pattern(25000);
    UploadOptions o;
    o.maxPacket = 400;
    o.window = 2;
    o.chunkTimeoutMs = 150;
    const UploadRun run = runUpload(t, dev, image, o);
    QVERIFY2(run.ok, qPrintable(run.error.message()));
    QCOMPARE(dev.received, image);
    QCOMPARE(dev.restartsAtZero.size(), 2); // len/sha sent again at offset 0
    QVERIFY(run.resumes >= 1);              // the device asked for offset 0 again
}

void TestSmpClient::uploadFailsWhenDeviceGoesSilent()
{
    ScriptedTransport t;
    UploadDevice dev;
    dev.drop = [](int index, qint64) { return index >= 3; };
    UploadOptions o;
    o.maxPacket = 300;
    o.chunkTimeoutMs = 60;
    o.maxStalls = 2;
    const UploadRun run = runUpload(t, dev, pattern(5000), o);
    QVERIFY(!run.ok);
    QCOMPARE(run.error.code(), ErrorCode::Io);
    QVERIFY2(run.error.message().contains(QStringLiteral("stopped answering")), qPrintable(run.error.message()));
}

void TestSmpClient::uploadReportsShaMismatch()
{
    ScriptedTransport t;
    UploadDevice dev;
    const QByteArray image = pattern(3000);
    t.open();
    t.device = [&dev](const QByteArray &req) {
        // Corrupt one byte of the first chunk on its way.
        SmpPacket p = decodeOrFail(req);
        auto r = SmpCommands::parseUploadRequest(p.body);
        if (r && r->offset == 0) {
            r->data[10] = char(r->data[10] ^ 0x55);
            return dev.handle(SmpPacket::encode(p.header.op, p.header.version, p.header.group, p.header.command,
                                                p.header.sequence, SmpCommands::upload(*r)));
        }
        return dev.handle(req);
    };
    SmpClient client(&t);
    ImageUploader up(&client, image, crypto::sha256(image), UploadOptions{});
    QSignalSpy done(&up, &ImageUploader::finished);
    up.start();
    QVERIFY(done.wait(5000));
    QCOMPARE(done.first().at(0).toBool(), false);
    QCOMPARE(done.first().at(1).value<Error>().code(), ErrorCode::Checksum);
}

void TestSmpClient::serialTransportOverPty()
{
    const int master = posix_openpt(O_RDWR | O_NOCTTY);
    QVERIFY(master >= 0);
    QCOMPARE(grantpt(master), 0);
    QCOMPARE(unlockpt(master), 0);
    QCOMPARE(fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK), 0);
    const QString slave = QString::fromLocal8Bit(ptsname(master));
    SerialTransport t(slave, 115200);
    QVERIFY2(t.open().has_value(), qPrintable(slave));
    QSignalSpy packets(&t, &SmpTransport::packetReceived);
    QSignalSpy text(&t, &SmpTransport::consoleText);

    // Device → host: log text, then a framed echo response split across writes.
    SmpHeader h;
    h.op = SmpOp::ReadResponse;
    h.sequence = 9;
    const QByteArray response = SmpPacket::encodeResponse(h, SmpVersion::V2, SmpCommands::echoResponse(QString(300, u'z')));
    const QByteArray wire = "[00:00:01.000] <inf> app: booted\n" + SmpSerial::frame(response);
    QVERIFY(::write(master, wire.constData(), 50) == 50);
    QTest::qWait(20);
    QVERIFY(::write(master, wire.constData() + 50, size_t(wire.size() - 50)) == wire.size() - 50);
    QVERIFY(packets.wait(3000) || packets.size() == 1);
    QCOMPARE(packets.first().first().toByteArray(), response);
    QVERIFY(!text.isEmpty());
    QVERIFY(text.first().first().toString().contains(QStringLiteral("booted")));

    // Host → device: frames on the wire.
    const QByteArray request = SmpPacket::encode(SmpOp::Read, SmpVersion::V2, 0, 0, 1, SmpCommands::echo(QStringLiteral("x")));
    t.send(request);
    QByteArray got;
    const bool gotLine = QTest::qWaitFor([&] {
        char buf[512];
        const ssize_t n = ::read(master, buf, sizeof buf);
        if (n > 0)
            got.append(buf, n);
        return got.endsWith('\n');
    }, 3000);
    QVERIFY(gotLine);
    SmpSerialDeframer d;
    d.feed(got);
    auto p = d.takePacket();
    QVERIFY(p.has_value());
    QCOMPARE(*p, request);
    QCOMPARE(t.wireSize(request.size()), SmpSerial::framedSize(request.size()));
    t.close();
    ::close(master);
}

void TestSmpClient::udpTransportOnLoopback()
{
    QUdpSocket device;
    QVERIFY(device.bind(QHostAddress::LocalHost, 0));
    QUdpSocket stranger;
    QVERIFY(stranger.bind(QHostAddress::LocalHost, 0));
    connect(&device, &QUdpSocket::readyRead, &device, [&] {
        while (device.hasPendingDatagrams()) {
            const QNetworkDatagram d = device.receiveDatagram();
            const QByteArray reply = answer(d.data(), SmpCommands::echoResponse(QStringLiteral("udp")));
            // A datagram from another port must be ignored by the client.
            stranger.writeDatagram(answer(d.data(), SmpCommands::echoResponse(QStringLiteral("spoof"))),
                                   d.senderAddress(), quint16(d.senderPort()));
            device.writeDatagram(reply, d.senderAddress(), quint16(d.senderPort()));
        }
    });
    UdpTransport t(QStringLiteral("127.0.0.1"), device.localPort());
    QVERIFY(t.open().has_value());
    QCOMPARE(t.mtu(), 1472);
    SmpClient client(&t);
    auto r = callSync(client, {SmpOp::Read, SmpGroup::Os, OsCommand::Echo, SmpCommands::echo(QStringLiteral("udp"))});
    QVERIFY(r.has_value());
    QCOMPARE(SmpCommands::parseEcho(r->body).value_or(QString()), QStringLiteral("udp"));
}

void TestSmpClient::hostPortParsing()
{
    auto a = UdpTransport::parseHostPort(QStringLiteral("192.168.1.20"));
    QVERIFY(a.has_value());
    QCOMPARE(a->first, QStringLiteral("192.168.1.20"));
    QCOMPARE(a->second, quint16(1337));
    a = UdpTransport::parseHostPort(QStringLiteral("10.0.0.1:5683"));
    QCOMPARE(a->second, quint16(5683));
    a = UdpTransport::parseHostPort(QStringLiteral("[fe80::1]:99"));
    QCOMPARE(a->first, QStringLiteral("fe80::1"));
    QCOMPARE(a->second, quint16(99));
    a = UdpTransport::parseHostPort(QStringLiteral("fe80::1"));
    QCOMPARE(a->first, QStringLiteral("fe80::1"));
    QVERIFY(!UdpTransport::parseHostPort(QStringLiteral("host:0")));
    QVERIFY(!UdpTransport::parseHostPort(QStringLiteral("host:99999")));
    QVERIFY(!UdpTransport::parseHostPort(QStringLiteral(":1337")));
}

void TestSmpClient::subnetHosts()
{
    auto h = DeviceDiscovery::subnetHosts(QStringLiteral("192.168.7.0/24"));
    QVERIFY(h.has_value());
    QCOMPARE(h->size(), 254);
    QCOMPARE(h->first(), QHostAddress(QStringLiteral("192.168.7.1")));
    QCOMPARE(h->last(), QHostAddress(QStringLiteral("192.168.7.254")));
    h = DeviceDiscovery::subnetHosts(QStringLiteral("127.0.0.1"));
    QCOMPARE(h->size(), 1);
    h = DeviceDiscovery::subnetHosts(QStringLiteral("fd00::/126"));
    QCOMPARE(h->size(), 4);
    QCOMPARE(h->last(), QHostAddress(QStringLiteral("fd00::3")));
    auto big = DeviceDiscovery::subnetHosts(QStringLiteral("10.0.0.0/8"));
    QVERIFY(!big);
    QVERIFY(big.error().message().contains(QStringLiteral("too many")));
    QVERIFY(!DeviceDiscovery::subnetHosts(QStringLiteral("not-a-subnet/24")));
}

void TestSmpClient::benchImageFromBinAndHex()
{
    auto bin = BenchImage::fromFile(test::testData(QStringLiteral("mcuboot/payload.signed-ecdsa-p256.bin")));
    QVERIFY2(bin.has_value(), qPrintable(bin ? QString() : bin.error().message()));
    QCOMPARE(bin->hash.size(), 32);
    QCOMPARE(bin->sha256, crypto::sha256(bin->bytes));
    auto hex = BenchImage::fromFile(test::testData(QStringLiteral("mcuboot/payload.signed-ecdsa-p256.hex")));
    QVERIFY2(hex.has_value(), qPrintable(hex ? QString() : hex.error().message()));
    QCOMPARE(hex->sourceFormat, QStringLiteral("ihex"));
    QCOMPARE(hex->hash.size(), 32);
    QVERIFY(hex->info.hashValid);
    QCOMPARE(qint64(hex->bytes.size()), hex->info.endOfTlvs); // exactly header .. end of the TLVs
    QCOMPARE(hex->bytes.left(4), QByteArray("\x3d\xb8\xf3\x96", 4));
    auto zephyr = BenchImage::fromFile(test::testData(QStringLiteral("mcuboot/zephyr_hello_world.signed-rsa2048.bin")));
    QVERIFY(zephyr.has_value());
    QVERIFY(!zephyr->version.isEmpty());
}

void TestSmpClient::benchImageRefusesNonMcuboot()
{
    auto raw = BenchImage::fromFile(test::testData(QStringLiteral("mcuboot/payload.bin")));
    QVERIFY(!raw);
    QCOMPARE(raw.error().code(), ErrorCode::Format);
    QVERIFY2(raw.error().message().contains(QStringLiteral("imgtool")), qPrintable(raw.error().message()));
    auto missing = BenchImage::fromFile(QStringLiteral("/nonexistent/app.bin"));
    QVERIFY(!missing);
    QCOMPARE(missing.error().code(), ErrorCode::Io);
}

void TestSmpClient::benchImageRefusesTamperedImage()
{
    QByteArray bytes = test::readFile(test::testData(QStringLiteral("mcuboot/payload.signed-ecdsa-p256.bin")));
    QVERIFY(bytes.size() > 0x300);
    bytes[0x220] = char(bytes[0x220] ^ 1); // a body byte
    auto r = BenchImage::fromData(bytes, QStringLiteral("tampered.bin"), QStringLiteral("bin"));
    QVERIFY(!r);
    QCOMPARE(r.error().code(), ErrorCode::Checksum);
    QVERIFY(r.error().message().contains(QStringLiteral("does not match")));
}

QTEST_GUILESS_MAIN(TestSmpClient)
#include "tst_smp_client.moc"
