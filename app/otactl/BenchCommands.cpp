// otactl bench list | scan, and the registration of every bench command (BenchDeviceCommands.cpp,
// BenchUpload.cpp). "otactl bench simulate" comes from the simulator (core/bench/sim).
#include "app/otactl/BenchCommands.h"
#include "app/otactl/Arguments.h"
#include "app/otactl/Output.h"
#include "core/bench/link/DeviceDiscovery.h"
#include "core/bench/link/UdpTransport.h"

namespace otadesk::cli {

namespace {
using namespace otadesk::cli::bench;

QString hex4(std::optional<quint16> v)
{
    return v ? QStringLiteral("%1").arg(*v, 4, 16, QLatin1Char('0')) : QString();
}

int runList(Context &ctx, const QCommandLineParser &)
{
    const QList<SerialPortEntry> ports = DeviceDiscovery::serialPorts();
    if (ctx.json()) {
        QJsonArray a;
        for (const auto &p : ports) {
            QJsonObject o{{QStringLiteral("port"), p.systemLocation},
                          {QStringLiteral("name"), p.portName},
                          {QStringLiteral("description"), p.description},
                          {QStringLiteral("manufacturer"), p.manufacturer},
                          {QStringLiteral("serialNumber"), p.serialNumber}};
            if (p.vendorId)
                o.insert(QStringLiteral("vid"), hex4(p.vendorId));
            if (p.productId)
                o.insert(QStringLiteral("pid"), hex4(p.productId));
            a.append(o);
        }
        ctx.printJson(a);
        return ExitOk;
    }
    if (ports.isEmpty()) {
        ctx.out() << tr("No serial ports found. Plug the board in (USB) and check 'dmesg' for its port.") << '\n';
        return ExitOk;
    }
    QList<QStringList> rows;
    for (const auto &p : ports)
        rows.append({p.systemLocation, p.vendorId ? hex4(p.vendorId) + QLatin1Char(':') + hex4(p.productId) : QString(),
                     p.serialNumber, p.manufacturer, p.description});
    printTable(ctx.out(), {tr("PORT"), tr("VID:PID"), tr("SERIAL NUMBER"), tr("MANUFACTURER"), tr("DESCRIPTION")},
               rows);
    return ExitOk;
}

int runScan(Context &ctx, const QCommandLineParser &parser)
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1)
        return ctx.usage(tr("Give the subnet to scan, e.g. 'otactl bench scan 192.168.1.0/24'."));
    quint16 port = UdpTransport::DefaultPort;
    int timeout = 500;
    int concurrency = 64;
    if (parser.isSet(QStringLiteral("port"))) {
        auto p = parseInt(parser.value(QStringLiteral("port")), QStringLiteral("--port"), 1, 65535);
        if (!p)
            return ctx.fail(p.error());
        port = quint16(*p);
    }
    if (parser.isSet(QStringLiteral("timeout"))) {
        auto t = parseInt(parser.value(QStringLiteral("timeout")), QStringLiteral("--timeout"), 50, 60000);
        if (!t)
            return ctx.fail(t.error());
        timeout = *t;
    }
    if (parser.isSet(QStringLiteral("concurrency"))) {
        auto c = parseInt(parser.value(QStringLiteral("concurrency")), QStringLiteral("--concurrency"), 1, 1024);
        if (!c)
            return ctx.fail(c.error());
        concurrency = *c;
    }
    DeviceDiscovery scan;
    std::optional<Status> result;
    QObject::connect(&scan, &DeviceDiscovery::finished, [&result](bool ok, const Error &e) {
        result = ok ? Status() : Status(std::unexpected(e));
    });
    if (!ctx.json())
        QObject::connect(&scan, &DeviceDiscovery::deviceFound, [&ctx](const UdpDeviceEntry &d) {
            ctx.err() << tr("found %1:%2 (%3 ms)").arg(d.address.toString()).arg(d.port).arg(d.roundTripMs) << '\n';
            ctx.err().flush();
        });
    if (auto started = scan.startUdpScan(args.first(), port, timeout, concurrency); !started)
        return ctx.fail(started.error());
    waitUntil([&result] { return result.has_value(); }, [&scan] { scan.cancel(); });
    if (!*result)
        return failRequest(ctx, result->error());
    if (ctx.json()) {
        QJsonArray a;
        for (const auto &d : scan.found())
            a.append(QJsonObject{{QStringLiteral("address"), d.address.toString()},
                                 {QStringLiteral("port"), d.port},
                                 {QStringLiteral("roundTripMs"), d.roundTripMs},
                                 {QStringLiteral("smpVersion"), d.smpVersion}});
        ctx.printJson(a);
        return ExitOk;
    }
    if (scan.found().isEmpty()) {
        ctx.out() << tr("No SMP device answered on UDP port %1 in %2.").arg(port).arg(args.first()) << '\n';
        return ExitOk;
    }
    QList<QStringList> rows;
    for (const auto &d : scan.found())
        rows.append({d.address.toString(), QString::number(d.port), QString::number(d.roundTripMs),
                     QStringLiteral("v%1").arg(d.smpVersion)});
    printTable(ctx.out(), {tr("ADDRESS"), tr("PORT"), tr("RTT MS"), tr("SMP")}, rows);
    return ExitOk;
}
} // namespace

void registerBenchCommands(CommandLine &cli)
{
    cli.setGroupHelp(QStringLiteral("bench"),
                     tr("otactl bench: update devices on the bench over MCUmgr/SMP (MCUboot), by USB serial or "
                        "UDP.\n\n"
                        "  list                     serial ports with USB VID:PID and serial number\n"
                        "  scan CIDR                find SMP devices on a subnet (UDP)\n"
                        "  info                     slot table, buffer sizes, bootloader, capabilities\n"
                        "  upload FILE|--entry REF  upload, test, reset, verify, confirm\n"
                        "  test [HASH]              mark slot 1 (or HASH) to boot once\n"
                        "  confirm [HASH]           make the running image (or HASH) permanent\n"
                        "  reset                    reboot the device\n"
                        "  erase                    erase slot 1\n"
                        "  simulate                 run a simulated MCUboot device\n\n"
                        "Reach the device with --serial PORT [--baud N] or --udp HOST[:PORT]. Exit codes: 0 ok, "
                        "1 usage, 2 bad image, 3 file/entry not found, 6 verification failed or device reverted, "
                        "8 no answer / link error, 9 the device refused, 130 cancelled. See docs/bench.md.\n"));
    cli.add({QStringLiteral("bench"), QStringLiteral("list"), tr("List serial ports (USB VID:PID, serial number)."),
             {}, [](QCommandLineParser &) {}, runList});
    cli.add({QStringLiteral("bench"), QStringLiteral("scan"), tr("Find SMP devices on a subnet over UDP."),
             tr("CIDR"),
             [](QCommandLineParser &p) {
                 p.addOption({QStringLiteral("port"), tr("UDP port (default 1337)."), tr("N")});
                 p.addOption({QStringLiteral("timeout"), tr("Milliseconds to wait for each address (default 500)."),
                              tr("MS")});
                 p.addOption({QStringLiteral("concurrency"), tr("Addresses probed at once (default 64)."), tr("N")});
             },
             runScan});
    registerDeviceCommands(cli);
    registerUpload(cli);
}

} // namespace otadesk::cli
