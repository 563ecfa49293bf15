// Upload throughput of the SMP client against the simulated MCUboot device (`otactl bench simulate`), as a
// fraction of the link's theoretical payload rate.
//   bench_smp [--serial-kib N] [--udp-kib N] [--baud N] [--udp-baud N]
// serial: a pseudo-terminal paced by the simulator at --baud (default 115200, 8N1 = baud/10 bytes/s). The
//         theoretical payload rate is baud/10 × image bytes / Σ SmpSerial::framedSize(packet) over the upload
//         requests actually sent (base64, line markers, length and CRC overhead included), so the fraction is
//         the share of the wire the upload keeps busy with its own request frames.
// udp:    loopback. With --udp-baud N the simulator paces datagrams at N/10 bytes/s, each counted as packet +
//         28 bytes of IPv4/UDP header, and the fraction is computed the same way. Without it the loopback has no
//         defined link rate: the figure printed is the absolute throughput (MiB/s) and packets per second.
// Each run: a fresh simulator state, mcumgr params → chunking as the bench workflow does (whole packet ≤
// buf_size, window = buf_count − 1, at most 4), then one upload of a generated MCUboot image; the time runs
// from the first request to the last acknowledgement. Exit code 1 if an upload fails.
#include "core/bench/link/DeviceProbe.h"
#include "core/bench/link/ImageUploader.h"
#include "core/bench/link/SerialTransport.h"
#include "core/bench/link/UdpTransport.h"
#include "core/bench/sim/SimImage.h"
#include "core/bench/smp/SmpSerial.h"
#include "core/crypto/Digest.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

using namespace otadesk;
using namespace otadesk::bench;

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

struct Figures
{
    bool ok = false;
    QString error;
    qint64 bytes = 0;
    double seconds = 0;
    qint64 wireBytes = 0; // of the upload requests
    int packets = 0;
    int maxPacket = 0;
    int window = 0;
    int chunkData = 0;
};

Figures measure(const QStringList &simArgs, bool serial, int kib, int baud)
{
    Figures f;
    QTemporaryDir state;
    QProcess sim;
    sim.start(QStringLiteral(OTACTL_PATH), QStringList{QStringLiteral("bench"), QStringLiteral("simulate"),
                                                       QStringLiteral("--state"), state.path()} + simArgs);
    QByteArray line;
    QElapsedTimer wait;
    wait.start();
    while (!line.contains('\n') && wait.elapsed() < 10000 && sim.state() != QProcess::NotRunning) {
        sim.waitForReadyRead(100);
        line += sim.readAllStandardOutput();
    }
    const QString address = QString::fromUtf8(line.left(line.indexOf('\n'))).section(QLatin1Char(' '), 1).trimmed();
    if (address.isEmpty()) {
        f.error = QStringLiteral("the simulator did not start: ") + QString::fromUtf8(sim.readAllStandardError());
        return f;
    }
    std::unique_ptr<SmpTransport> transport;
    if (serial) {
        transport = std::make_unique<SerialTransport>(address, baud);
    } else {
        auto hp = UdpTransport::parseHostPort(address);
        transport = std::make_unique<UdpTransport>(hp->first, hp->second);
    }
    if (auto opened = transport->open(); !opened) {
        f.error = opened.error().message();
        return f;
    }
    SmpClient client(transport.get());
    QEventLoop loop;
    DeviceProbe probe(&client);
    bool probed = false;
    QObject::connect(&probe, &DeviceProbe::finished, [&](bool ok, const Error &e) {
        probed = ok;
        if (!ok)
            f.error = e.message();
        loop.quit();
    });
    probe.start();
    loop.exec();
    if (!probed)
        return f;
    const DeviceInfo info = probe.info();

    auto image = SimImage::make(QStringLiteral("9.9.9"), SimImage::demoBody(QStringLiteral("9.9.9"), kib * 1024));
    if (!image) {
        f.error = image.error().message();
        return f;
    }
    UploadOptions o;
    o.maxPacket = qMin(info.params ? info.params->bufSize : 384, transport->mtu());
    o.window = info.params ? qBound(1, info.params->bufCount - 1, 4) : 1;
    f.maxPacket = o.maxPacket;
    f.window = o.window;
    QObject::connect(&client, &SmpClient::packetLogged,
                     [&f, &transport](SmpClient::Direction d, const QByteArray &packet, const QString &) {
                         if (d != SmpClient::Direction::Sent || packet.size() < 8 || quint8(packet[7]) != ImageCommand::Upload)
                             return;
                         f.wireBytes += transport->wireSize(packet.size());
                         ++f.packets;
                     });
    ImageUploader up(&client, *image, crypto::sha256(*image), o);
    QElapsedTimer clock;
    QObject::connect(&up, &ImageUploader::finished, [&](bool ok, const Error &e) {
        f.seconds = clock.nsecsElapsed() / 1e9;
        f.ok = ok;
        if (!ok)
            f.error = e.message();
        loop.quit();
    });
    clock.start();
    up.start();
    loop.exec();
    f.bytes = image->size();
    f.chunkData = up.chunkDataSize();
    sim.terminate();
    sim.waitForFinished(5000);
    return f;
}

void report(const QString &name, const Figures &f, int baud)
{
    const double rate = f.bytes / f.seconds;
    out() << name << ": " << f.bytes << " bytes in " << QString::number(f.seconds, 'f', 2) << " s = "
          << QString::number(rate / 1024.0, 'f', 2) << " KiB/s; packet <= " << f.maxPacket << " B (" << f.chunkData
          << " B data), window " << f.window << ", " << f.packets << " upload requests, " << f.wireBytes
          << " bytes on the wire\n";
    if (baud > 0) {
        const double link = baud / 10.0;
        const double theoretical = link * double(f.bytes) / double(f.wireBytes);
        out() << "  link " << link << " B/s, theoretical payload rate " << QString::number(theoretical, 'f', 1)
              << " B/s (payload share of the wire " << QString::number(double(f.bytes) / f.wireBytes, 'f', 3)
              << "), achieved fraction " << QString::number(rate / theoretical, 'f', 3)
              << (rate / theoretical >= 0.9 ? "  (goal >= 0.9: met)" : "  (goal >= 0.9: NOT met)") << '\n';
    } else {
        out() << "  unpaced loopback: " << QString::number(f.packets / f.seconds, 'f', 0) << " requests/s, "
              << QString::number(rate / 1048576.0, 'f', 2) << " MiB/s\n";
    }
    out().flush();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int serialKib = 48, udpKib = 2048, baud = 115200, udpBaud = 0;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        const int v = args.at(i + 1).toInt();
        if (args.at(i) == QStringLiteral("--serial-kib")) serialKib = v;
        else if (args.at(i) == QStringLiteral("--udp-kib")) udpKib = v;
        else if (args.at(i) == QStringLiteral("--baud")) baud = v;
        else if (args.at(i) == QStringLiteral("--udp-baud")) udpBaud = v;
    }
    int failures = 0;
    if (udpKib > 0) {
        QStringList simArgs{QStringLiteral("--udp"), QStringLiteral("0"), QStringLiteral("--slot-size"),
                            QString::number((udpKib + 64) * 1024)};
        if (udpBaud > 0)
            simArgs << QStringLiteral("--baud") << QString::number(udpBaud);
        const Figures f = measure(simArgs, false, udpKib, udpBaud);
        if (!f.ok) {
            out() << "udp: FAILED: " << f.error << '\n';
            ++failures;
        } else {
            report(QStringLiteral("udp loopback"), f, udpBaud);
        }
    }
    if (serialKib > 0) {
        const Figures f = measure({QStringLiteral("--serial"), QStringLiteral("--baud"), QString::number(baud)}, true,
                                  serialKib, baud);
        if (!f.ok) {
            out() << "serial: FAILED: " << f.error << '\n';
            ++failures;
        } else {
            report(QStringLiteral("serial pty @ %1").arg(baud), f, baud);
        }
    }
    out().flush();
    return failures ? 1 : 0;
}
