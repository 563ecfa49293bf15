// otactl bench simulate --serial [--link PATH] | --udp PORT [options]: a simulated MCUboot device for tests and
// demos. Prints one line "serial: /dev/pts/N" or "udp: 127.0.0.1:PORT" on stdout, the device log on stderr,
// and runs until SIGTERM / SIGINT.
#include "app/otactl/BenchSimulate.h"

#include "core/bench/sim/SimSerialHost.h"
#include "core/bench/sim/SimUdpHost.h"
#include "core/server/SignalWatcher.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>

namespace otadesk::cli {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("otactl", text); }

// Reads an integer option within [min, max]; false (and a usage message in *error) if it is not one.
bool intOption(const QCommandLineParser &p, const char *name, qint64 min, qint64 max, qint64 *value, QString *error)
{
    const QString key = QString::fromLatin1(name);
    if (!p.isSet(key))
        return true;
    bool ok = false;
    const qint64 v = p.value(key).toLongLong(&ok);
    if (!ok || v < min || v > max) {
        *error = tr("--%1 needs a whole number from %2 to %3.").arg(key).arg(min).arg(max);
        return false;
    }
    *value = v;
    return true;
}

int runSimulate(Context &ctx, const QCommandLineParser &p)
{
    if (!p.positionalArguments().isEmpty())
        return ctx.usage(tr("bench simulate takes no arguments."));
    const bool serial = p.isSet(QStringLiteral("serial"));
    const bool udp = p.isSet(QStringLiteral("udp"));
    if (serial == udp)
        return ctx.usage(tr("Choose one transport: --serial (a pseudo-terminal) or --udp PORT."));
    if (p.isSet(QStringLiteral("link")) && !serial)
        return ctx.usage(tr("--link only goes with --serial."));
    bench::SimOptions o;
    qint64 port = 1337, bufSize = o.bufSize, bufCount = o.bufCount, baud = o.baud, latency = o.latencyMs,
           rebootMs = o.rebootMs, resetAt = o.resetAtOffset, slotSize = o.slotSize;
    QString error;
    if (!intOption(p, "udp", 0, 65535, &port, &error) || !intOption(p, "buf-size", 64, 65535, &bufSize, &error)
        || !intOption(p, "buf-count", 1, 64, &bufCount, &error)
        || !intOption(p, "baud", 0, 100'000'000, &baud, &error)
        || !intOption(p, "latency", 0, 60'000, &latency, &error)
        || !intOption(p, "reboot-ms", 0, 600'000, &rebootMs, &error)
        || !intOption(p, "reset-at", 0, 1LL << 40, &resetAt, &error)
        || !intOption(p, "slot-size", 1024, 1LL << 32, &slotSize, &error))
        return ctx.usage(error);
    if (p.isSet(QStringLiteral("loss"))) {
        bool ok = false;
        o.loss = p.value(QStringLiteral("loss")).toDouble(&ok);
        if (!ok || o.loss < 0 || o.loss >= 1)
            return ctx.usage(tr("--loss needs a probability from 0 up to (not including) 1, e.g. 0.05."));
    }
    o.bufSize = int(bufSize);
    o.bufCount = int(bufCount);
    o.baud = serial || p.isSet(QStringLiteral("baud")) ? int(baud) : 0; // UDP is unpaced unless --baud is given
    o.latencyMs = int(latency);
    o.rebootMs = int(rebootMs);
    o.resetAtOffset = resetAt;
    o.slotSize = slotSize;
    o.v1Only = p.isSet(QStringLiteral("v1"));
    o.failBoot = p.isSet(QStringLiteral("fail-boot"));

    QByteArray image;
    if (p.isSet(QStringLiteral("image"))) {
        QFile f(p.value(QStringLiteral("image")));
        if (!f.open(QIODevice::ReadOnly))
            return ctx.fail(Error(ErrorCode::Io, tr("Cannot read %1: %2").arg(f.fileName(), f.errorString())));
        image = f.readAll();
    }
    QTemporaryDir temporary; // without --state every run starts afresh
    const QString stateDir = p.isSet(QStringLiteral("state")) ? p.value(QStringLiteral("state")) : temporary.path();
    if (stateDir.isEmpty())
        return ctx.fail(Error(ErrorCode::Io, tr("Cannot create a temporary folder; give one with --state DIR.")));
    auto device = bench::SimulatedDevice::open(stateDir, o, image);
    if (!device)
        return ctx.fail(device.error());

    server::SignalWatcher signals;
    QObject::connect(&signals, &server::SignalWatcher::received, qApp, [](int) { QCoreApplication::quit(); });
    const auto printLog = [&ctx](const QString &line) { ctx.err() << line << Qt::endl; };
    std::unique_ptr<QObject> host;
    QString address;
    if (serial) {
        auto h = std::make_unique<bench::SimSerialHost>(device->get());
        QObject::connect(h.get(), &bench::SimSerialHost::logLine, printLog);
        auto path = h->open(p.value(QStringLiteral("link")));
        if (!path)
            return ctx.fail(path.error());
        address = QStringLiteral("serial: %1").arg(*path);
        host = std::move(h);
    } else {
        auto h = std::make_unique<bench::SimUdpHost>(device->get());
        QObject::connect(h.get(), &bench::SimUdpHost::logLine, printLog);
        auto bound = h->listen(QHostAddress::LocalHost, quint16(port));
        if (!bound)
            return ctx.fail(bound.error());
        address = QStringLiteral("udp: 127.0.0.1:%1").arg(*bound);
        host = std::move(h);
    }
    if (ctx.json())
        ctx.printJson(QJsonObject{{QStringLiteral("address"), address.section(QStringLiteral(": "), 1)},
                                  {QStringLiteral("transport"), serial ? QStringLiteral("serial") : QStringLiteral("udp")},
                                  {QStringLiteral("state"), QDir(stateDir).absolutePath()}});
    else
        ctx.out() << address << Qt::endl;
    ctx.out().flush();
    QCoreApplication::exec();
    return ExitOk;
}
} // namespace

void registerBenchSimulateCommand(CommandLine &cli)
{
    cli.add({QStringLiteral("bench"), QStringLiteral("simulate"),
             tr("Run a simulated MCUboot device (SMP over a pseudo-terminal or UDP) until interrupted."), QString(),
             [](QCommandLineParser &p) {
                 p.addOptions({
                     {QStringLiteral("serial"), tr("Serve on a new pseudo-terminal; prints \"serial: /dev/pts/N\".")},
                     {QStringLiteral("link"), tr("With --serial: also create the symbolic link PATH to the terminal."),
                      tr("PATH")},
                     {QStringLiteral("udp"), tr("Serve SMP over UDP on 127.0.0.1:PORT (0: any free port); prints "
                                                "\"udp: 127.0.0.1:PORT\"."),
                      tr("PORT")},
                     {QStringLiteral("state"), tr("Keep the slots and flags in DIR across runs (default: a new "
                                                  "temporary folder)."),
                      tr("DIR")},
                     {QStringLiteral("image"), tr("Put this MCUboot image into slot 0 (default at the first start: "
                                                  "a generated image, version 1.0.0)."),
                      tr("FILE")},
                     {QStringLiteral("buf-size"), tr("SMP buffer size the device reports (default 2048)."), tr("N")},
                     {QStringLiteral("buf-count"), tr("SMP buffer count the device reports (default 4)."), tr("N")},
                     {QStringLiteral("slot-size"), tr("Size of each slot in bytes (default 524288)."), tr("N")},
                     {QStringLiteral("baud"), tr("Emulated line rate (N/10 bytes per second each way), 0 for none "
                                                 "(default: 115200 with --serial, none with --udp)."),
                      tr("N")},
                     {QStringLiteral("loss"), tr("Drop requests and responses with this probability (0 to 1)."),
                      tr("R")},
                     {QStringLiteral("latency"), tr("Delay every response by MS milliseconds."), tr("MS")},
                     {QStringLiteral("reboot-ms"), tr("Time the device needs to reboot (default 300)."), tr("MS")},
                     {QStringLiteral("reset-at"), tr("Reboot (power loss) once when an upload reaches OFFSET."),
                      tr("OFFSET")},
                     {QStringLiteral("fail-boot"), tr("A newly swapped-in image fails to boot; MCUboot reverts it.")},
                     {QStringLiteral("v1"), tr("Behave as an SMP v1-only (legacy) server.")},
                 });
             },
             runSimulate});
}

} // namespace otadesk::cli
