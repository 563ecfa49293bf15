// otactl bench ... end to end: against `otactl bench simulate` processes on UDP loopback and on a
// pseudo-terminal — the full update (upload, test, reset, confirm), the revert case, packet loss and a device
// reset in the middle of an upload, a bad image refused before any upload, an unreachable device, v1 devices,
// the scan, and the exit codes of docs/bench.md.
#include "../unit/TestData.h"
#include "core/bench/sim/SimImage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

using namespace otadesk;

namespace {

struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
    QJsonArray jsonArray() const { return QJsonDocument::fromJson(out).array(); }
};

// One `otactl bench simulate` process; address() is "127.0.0.1:PORT" or "/dev/pts/N".
class Simulator
{
public:
    Simulator(const QString &transport, const QStringList &extra, const QString &stateDir)
    {
        QStringList args{QStringLiteral("bench"), QStringLiteral("simulate"), QStringLiteral("--state"), stateDir};
        if (transport == QStringLiteral("udp"))
            args << QStringLiteral("--udp") << QStringLiteral("0");
        else
            args << QStringLiteral("--serial");
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start(QStringLiteral(OTACTL_PATH), args + extra);
        QByteArray line;
        QElapsedTimer clock;
        clock.start();
        while (!line.contains('\n') && clock.elapsed() < 10000 && m_process.state() != QProcess::NotRunning) {
            m_process.waitForReadyRead(200);
            line += m_process.readAllStandardOutput();
        }
        const QByteArray first = line.left(line.indexOf('\n')).trimmed();
        m_serial = first.startsWith("serial: ");
        if (first.startsWith("udp: ") || m_serial)
            m_address = QString::fromUtf8(first.mid(first.indexOf(' ') + 1));
    }
    ~Simulator()
    {
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(2000);
    }
    bool ok() const { return !m_address.isEmpty(); }
    QStringList deviceArgs() const
    {
        return m_serial ? QStringList{QStringLiteral("--serial"), m_address}
                        : QStringList{QStringLiteral("--udp"), m_address};
    }
    QString log() { return QString::fromUtf8(m_process.readAllStandardError()); }

private:
    QProcess m_process;
    QString m_address;
    bool m_serial = false;
};

} // namespace

class TestOtactlBench : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void fullUpdate_data();
    void fullUpdate();
    void revertIsReported();
    void notConfirmedRevertsAfterReset();
    void packetLossRecovers();
    void resetDuringUploadRecovers();
    void serialResetDuringUploadRecovers();
    void badImageRefusedBeforeUpload();
    void unreachableDevice();
    void v1Device();
    void infoShowsCapabilities();
    void eraseSlot();
    void scanFindsSimulator();
    void usageErrors();

private:
    Run run(const QStringList &args, int timeoutMs = 120000);
    QString writeImage(const QString &version, int size);
    QTemporaryDir m_dir;
    int m_images = 0;
};

void TestOtactlBench::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

Run TestOtactlBench::run(const QStringList &args, int timeoutMs)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("OTADESK_WORKSPACE"), m_dir.filePath(QStringLiteral("workspace")));
    p.setProcessEnvironment(env);
    p.setStandardInputFile(QProcess::nullDevice());
    p.start(QStringLiteral(OTACTL_PATH), args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.code = -3;
    } else {
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    }
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString TestOtactlBench::writeImage(const QString &version, int size)
{
    auto image = bench::SimImage::make(version, bench::SimImage::demoBody(version, size));
    if (!image)
        return {};
    const QString path = m_dir.filePath(QStringLiteral("image%1.bin").arg(++m_images));
    return test::writeFile(path, *image) ? path : QString();
}

void TestOtactlBench::fullUpdate_data()
{
    QTest::addColumn<QString>("transport");
    QTest::addColumn<QString>("image");
    QTest::newRow("udp, MCUboot .bin") << "udp" << "mcuboot/zephyr_hello_world.signed-rsa2048.bin";
    QTest::newRow("udp, Intel HEX") << "udp" << "mcuboot/payload.signed-ecdsa-p256.hex";
    QTest::newRow("serial, MCUboot .bin") << "serial" << "mcuboot/zephyr_hello_world.signed-rsa2048.bin";
}

void TestOtactlBench::fullUpdate()
{
    QFETCH(QString, transport);
    QFETCH(QString, image);
    QTemporaryDir state;
    Simulator sim(transport, {}, state.path());
    QVERIFY2(sim.ok(), qPrintable(sim.log()));

    Run before = run(QStringList{QStringLiteral("bench"), QStringLiteral("info"), QStringLiteral("--json")} + sim.deviceArgs());
    QCOMPARE(before.code, 0);
    const QString oldHash = before.json().value(QStringLiteral("slots")).toArray().at(0).toObject()
                                .value(QStringLiteral("hash")).toString();
    QVERIFY(!oldHash.isEmpty());

    Run up = run(QStringList{QStringLiteral("bench"), QStringLiteral("upload"), QStringLiteral("--json"),
                             test::testData(image)} + sim.deviceArgs());
    QVERIFY2(up.code == 0, up.err.constData());
    const QJsonObject o = up.json();
    QCOMPARE(o.value(QStringLiteral("ok")).toBool(), true);
    const QString newHash = o.value(QStringLiteral("image")).toObject().value(QStringLiteral("hash")).toString();
    QCOMPARE(o.value(QStringLiteral("running")).toObject().value(QStringLiteral("hash")).toString(), newHash);
    QVERIFY(newHash != oldHash);
    QVERIFY(up.err.contains("uploading"));
    QVERIFY(up.err.contains("waiting for the device to restart"));

    // The device agrees: slot 0 active + confirmed with the new hash, and it survives another reset.
    QCOMPARE(run(QStringList{QStringLiteral("bench"), QStringLiteral("reset")} + sim.deviceArgs()).code, 0);
    QTest::qWait(800);
    Run after = run(QStringList{QStringLiteral("bench"), QStringLiteral("info"), QStringLiteral("--json")} + sim.deviceArgs());
    QCOMPARE(after.code, 0);
    const QJsonObject slot0 = after.json().value(QStringLiteral("slots")).toArray().at(0).toObject();
    QCOMPARE(slot0.value(QStringLiteral("slot")).toInt(), 0);
    QCOMPARE(slot0.value(QStringLiteral("hash")).toString(), newHash);
    QVERIFY(slot0.value(QStringLiteral("active")).toBool());
    QVERIFY(slot0.value(QStringLiteral("confirmed")).toBool());

    // Uploading the running image again: nothing to do.
    Run again = run(QStringList{QStringLiteral("bench"), QStringLiteral("upload"), test::testData(image)} + sim.deviceArgs());
    QCOMPARE(again.code, 0);
    QVERIFY(again.out.contains("nothing to do"));
}

void TestOtactlBench::revertIsReported()
{
    QTemporaryDir state;
    Simulator sim(QStringLiteral("udp"), {QStringLiteral("--fail-boot")}, state.path());
    QVERIFY(sim.ok());
    const QString path = writeImage(QStringLiteral("2.0.0"), 6000);
    Run up = run(QStringList{QStringLiteral("bench"), QStringLiteral("upload"), QStringLiteral("--json"), path} + sim.deviceArgs());
    QCOMPARE(up.code, 6);
    QCOMPARE(up.json().value(QStringLiteral("failure")).toString(), QStringLiteral("reverted"));
    QVERIFY2(up.err.contains("old image"), up.err.constData());
    Run info = run(QStringList{QStringLiteral("bench"), QStringLiteral("info"), QStringLiteral("--json")} + sim.deviceArgs());
    QCOMPARE(info.json().value(QStringLiteral("slots")).toArray().at(0).toObject().value(QStringLiteral("version")).toString(),
             QStringLiteral("1.0.0"));
}

void TestOtactlBench::notConfirmedRevertsAfterReset()
{
    QTemporaryDir state;
    Simulator sim(QStringLiteral("udp"), {}, state.path());
    QVERIFY(sim.ok());
    const QString path = writeImage(QStringLiteral("3.1.0"), 5000);
    QCOMPARE(run(QStringList{QStringLiteral("bench"), QStringLiteral("upload"), QStringLiteral("--upload-only"), path}
                 + sim.deviceArgs()).code, 0);
    Run test = run(QStringList{QStringLiteral("bench"), QStringLiteral("test"), QStringLiteral("--json")} + sim.deviceArgs());
    QCOMPARE(test.code, 0);
    QVERIFY(test.json().value(QStringLiteral("slots")).toArray().at(1).toObject().value(QStringLiteral("pending")).toBool());
    QCOMPARE(run(QStringList{QStringLiteral("bench"), QStringLiteral("reset")} + sim.deviceArgs()).code, 0);
    QTest::qWait(800);
    Run booted = run(QStringList{QStringLiteral("bench"), QStringLiteral("info"), QStringLiteral("--json")} + sim.deviceArgs());
    QJsonObject slot0 = booted.json().value(QStringLiteral("slots")).toArray().at(0).toObject();
    QCOMPARE(slot0.value(QStringLiteral("version")).toString(), QStringLiteral("3.1.0"));
    QVERIFY(!slot0.value(QStringLiteral("confirmed")).toBool());
    // Not confirmed: the next reset goes back to the old image.
    QCOMPARE(run(QStringList{QStringLiteral("bench"), QStringLiteral("reset")} + sim.deviceArgs()).code, 0);
    QTest::qWait(800);
    Run reverted = run(QStringList{QStringLiteral("bench"), QStringLiteral("info"), QStringLiteral("--json")} + sim.deviceArgs());
    slot0 = reverted.json().value(QStringLiteral("slots")).toArray().at(0).toObject();
    QCOMPARE(slot0.value(QStringLiteral("version")).toString(), QStringLiteral("1.0.0"));
    // Test + reset + confirm by hand keeps it.
    QCOMPARE(run(QStringList{QStringLiteral("bench"), QStringLiteral("test")} + sim.deviceArgs()).code, 0);
    QCOMPARE(run(QStringList{QStringLiteral("bench"), QStringLiteral("reset")} + sim.deviceArgs()).code, 0);
    QTest::qWait(800);
    Run confirm = run(QStringList{QStringLiteral("bench"), QStringLiteral("confirm"), QStringLiteral("--json")} + sim.deviceArgs());
    QCOMPARE(confirm.code, 0);
    slot0 = confirm.json().value(QStringLiteral("slots")).toArray().at(0).toObject();
    QCOMPARE(slot0.value(QStringLiteral("version")).toString(), QStringLiteral("3.1.0"));
    QVERIFY(slot0.value(QStringLiteral("confirmed")).toBool());
}

void TestOtactlBench::packetLossRecovers()
{
    QTemporaryDir state;
    Simulator sim(QStringLiteral("udp"), {QStringLiteral("--loss"), QStringLiteral("0.1")}, state.path());
    QVERIFY(sim.ok());
    const QString path = writeImage(QStringLiteral("4.0.0"), 60000);
    Run up = run(QStringList{QStringLiteral("bench"), QStringLiteral("upload"), QStringLiteral("--json"),
                             QStringLiteral("--timeout"), QStringLiteral("300"), QStringLiteral("--chunk-timeout"),
                             QStringLiteral("300"), path} + sim.deviceArgs());
    QVERIFY2(up.code == 0, up.err.constData());
    QCOMPARE(up.json().value(QStringLiteral("running")).toObject().value(QStringLiteral("version")).toString(),
             QStringLiteral("4.0.0"));
}

void TestOtactlBench::resetDuringUploadRecovers()
{
    QTemporaryDir state;
    Simulator sim(QStringLiteral("udp"), {QStringLiteral("--reset-at"), QStringLiteral("20000")}, state.path());
    QVERIFY(sim.ok());
    const QString path = writeImage(QStringLiteral("5.0.0"), 50000);
    Run up = run(QStringList{QStringLiteral("bench"), QStringLiteral("upload"), QStringLiteral("--json"),
                             QStringLiteral("--chunk-timeout"), QStringLiteral("500"), path} + sim.deviceArgs());
    QVERIFY2(up.code == 0, up.err.constData());
    QVERIFY(up.json().value(QStringLiteral("resumes")).toInt() >= 1);
    QVERIFY2(up.err.contains("Resuming the upload at offset 0"), up.err.constData());
}

void TestOtactlBench::serialResetDuringUploadRecovers()
{
    QTemporaryDir state;
    Simulator sim(QStringLiteral("serial"), {QStringLiteral("--reset-at"), QStringLiteral("8000")}, state.path());
    QVERIFY(sim.ok());
    const QString path = writeImage(QStringLiteral("5.1.0"), 16000);
    Run up = run(QStringList{QStringLiteral("bench"), QStringLiteral("upload"), QStringLiteral("--json"),
                             QStringLiteral("--chunk-timeout"), QStringLiteral("1500"), path} + sim.deviceArgs());
    QVERIFY2(up.code == 0, up.err.constData());
    QVERIFY(up.json().value(QStringLiteral("resumes")).toInt() >= 1);
}

void TestOtactlBench::badImageRefusedBeforeUpload()
{
    QTemporaryDir state;
    Simulator sim(QStringLiteral("udp"), {}, state.path());
    QVERIFY(sim.ok());
    Run up = run(QStringList{QStringLiteral("bench"), QStringLiteral("upload"),
                             test::testData(QStringLiteral("mcuboot/payload.bin"))} + sim.deviceArgs());
    QCOMPARE(up.code, 2);
    QVERIFY2(up.err.contains("not an MCUboot image") && up.err.contains("imgtool"), up.err.constData());
    QVERIFY(!up.err.contains("uploading"));
    // A tampered image: hash mismatch, exit 2, nothing sent either.
    QByteArray bytes = test::readFile(test::testData(QStringLiteral("mcuboot/zephyr_hello_world.signed-rsa2048.bin")));
    bytes[1000] = char(bytes[1000] ^ 0x40);
    const QString tampered = m_dir.filePath(QStringLiteral("tampered.bin"));
    QVERIFY(test::writeFile(tampered, bytes));
    up = run(QStringList{QStringLiteral("bench"), QStringLiteral("upload"), tampered} + sim.deviceArgs());
    QCOMPARE(up.code, 2);
    QVERIFY(up.err.contains("does not match"));
    Run info = run(QStringList{QStringLiteral("bench"), QStringLiteral("info"), QStringLiteral("--json")} + sim.deviceArgs());
    const QJsonArray slots = info.json().value(QStringLiteral("slots")).toArray();
    for (const auto &s : slots)
        QVERIFY(s.toObject().value(QStringLiteral("slot")).toInt() != 1 || s.toObject().value(QStringLiteral("hash")).toString().isEmpty());
    // A missing file: exit 3.
    QCOMPARE(run(QStringList{QStringLiteral("bench"), QStringLiteral("upload"), QStringLiteral("/nonexistent.bin")} + sim.deviceArgs()).code, 3);
}

void TestOtactlBench::unreachableDevice()
{
    QUdpSocket unused; // a bound port nobody answers on
    QVERIFY(unused.bind(QHostAddress::LocalHost, 0));
    const QString address = QStringLiteral("127.0.0.1:%1").arg(unused.localPort());
    QElapsedTimer clock;
    clock.start();
    Run info = run({QStringLiteral("bench"), QStringLiteral("info"), QStringLiteral("--udp"), address,
                    QStringLiteral("--timeout"), QStringLiteral("200")});
    QCOMPARE(info.code, 8);
    QVERIFY2(info.err.contains("No answer"), info.err.constData());
    QVERIFY(clock.elapsed() < 10000);
    const QString path = writeImage(QStringLiteral("6.0.0"), 3000);
    Run up = run({QStringLiteral("bench"), QStringLiteral("upload"), path, QStringLiteral("--udp"), address,
                  QStringLiteral("--timeout"), QStringLiteral("200")});
    QCOMPARE(up.code, 8);
    Run serial = run({QStringLiteral("bench"), QStringLiteral("info"), QStringLiteral("--serial"),
                      QStringLiteral("/dev/ttyNONEXISTENT9")});
    QCOMPARE(serial.code, 8);
    QVERIFY(serial.err.contains("Cannot open serial port"));
}

void TestOtactlBench::v1Device()
{
    QTemporaryDir state;
    Simulator sim(QStringLiteral("udp"), {QStringLiteral("--v1")}, state.path());
    QVERIFY(sim.ok());
    Run info = run(QStringList{QStringLiteral("bench"), QStringLiteral("info"), QStringLiteral("--json")} + sim.deviceArgs());
    QCOMPARE(info.code, 0);
    QCOMPARE(info.json().value(QStringLiteral("smpVersion")).toInt(), 1);
    const QString path = writeImage(QStringLiteral("7.0.0"), 8000);
    Run up = run(QStringList{QStringLiteral("bench"), QStringLiteral("upload"), path} + sim.deviceArgs());
    QVERIFY2(up.code == 0, up.err.constData());
}

void TestOtactlBench::infoShowsCapabilities()
{
    QTemporaryDir state;
    Simulator sim(QStringLiteral("serial"), {}, state.path());
    QVERIFY(sim.ok());
    Run info = run(QStringList{QStringLiteral("bench"), QStringLiteral("info"), QStringLiteral("--json")} + sim.deviceArgs());
    QCOMPARE(info.code, 0);
    const QJsonObject o = info.json();
    QCOMPARE(o.value(QStringLiteral("params")).toObject().value(QStringLiteral("bufSize")).toInt(), 2048);
    QCOMPARE(o.value(QStringLiteral("bootloader")).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("MCUboot"));
    QVERIFY(o.value(QStringLiteral("capabilities")).toObject().value(QStringLiteral("params")).toBool());
    Run text = run(QStringList{QStringLiteral("bench"), QStringLiteral("info")} + sim.deviceArgs());
    QCOMPARE(text.code, 0);
    QVERIFY(text.out.contains("MCUboot"));
    QVERIFY(text.out.contains("1.0.0"));
    QVERIFY(text.out.contains("active"));
}

void TestOtactlBench::eraseSlot()
{
    QTemporaryDir state;
    Simulator sim(QStringLiteral("udp"), {}, state.path());
    QVERIFY(sim.ok());
    const QString path = writeImage(QStringLiteral("8.0.0"), 4000);
    QCOMPARE(run(QStringList{QStringLiteral("bench"), QStringLiteral("upload"), QStringLiteral("--upload-only"), path}
                 + sim.deviceArgs()).code, 0);
    Run erase = run(QStringList{QStringLiteral("bench"), QStringLiteral("erase")} + sim.deviceArgs());
    QCOMPARE(erase.code, 0);
    Run info = run(QStringList{QStringLiteral("bench"), QStringLiteral("info"), QStringLiteral("--json")} + sim.deviceArgs());
    for (const auto &s : info.json().value(QStringLiteral("slots")).toArray())
        QVERIFY(s.toObject().value(QStringLiteral("version")).toString() != QStringLiteral("8.0.0"));
    // Nothing in slot 1 to test: a clear error.
    Run test = run(QStringList{QStringLiteral("bench"), QStringLiteral("test")} + sim.deviceArgs());
    QVERIFY(test.code != 0);
}

void TestOtactlBench::scanFindsSimulator()
{
    QTemporaryDir state;
    Simulator sim(QStringLiteral("udp"), {}, state.path());
    QVERIFY(sim.ok());
    const QString port = sim.deviceArgs().at(1).section(QLatin1Char(':'), 1);
    Run scan = run({QStringLiteral("bench"), QStringLiteral("scan"), QStringLiteral("127.0.0.0/29"), QStringLiteral("--port"),
                    port, QStringLiteral("--json")});
    QCOMPARE(scan.code, 0);
    const QJsonArray found = scan.jsonArray();
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.at(0).toObject().value(QStringLiteral("address")).toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(run({QStringLiteral("bench"), QStringLiteral("scan"), QStringLiteral("10.0.0.0/8")}).code, 1);
}

void TestOtactlBench::usageErrors()
{
    QCOMPARE(run({QStringLiteral("bench"), QStringLiteral("info")}).code, 1);
    QCOMPARE(run({QStringLiteral("bench"), QStringLiteral("info"), QStringLiteral("--udp"), QStringLiteral("a"),
                  QStringLiteral("--serial"), QStringLiteral("b")}).code, 1);
    QCOMPARE(run({QStringLiteral("bench"), QStringLiteral("test"), QStringLiteral("xyz"), QStringLiteral("--udp"),
                  QStringLiteral("127.0.0.1")}).code, 1);
    QCOMPARE(run({QStringLiteral("bench"), QStringLiteral("upload"), QStringLiteral("--udp"), QStringLiteral("127.0.0.1")}).code, 1);
    Run list = run({QStringLiteral("bench"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(list.code, 0);
    QVERIFY(QJsonDocument::fromJson(list.out).isArray());
}

QTEST_GUILESS_MAIN(TestOtactlBench)
#include "tst_otactl_bench.moc"
