// otactl sim run: runs a simulated fleet of reference agents against a server (docs/simulator.md).
#include "app/otactl/SimCommands.h"

#include "app/otactl/CommandLine.h"
#include "core/agent/FleetSimulator.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace otadesk::cli {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("otactl", text); }

QCommandLineOption opt(const QString &name, const char *description, const char *valueName = nullptr)
{
    return valueName ? QCommandLineOption(name, tr(description), tr(valueName))
                     : QCommandLineOption(name, tr(description));
}

void printSummary(QTextStream &out, const QJsonObject &s)
{
    out << tr("%1 devices (%2 registered now, %3 resumed), %4 s, %5 check-ins (%6/s)\n")
               .arg(s.value(QStringLiteral("devices")).toInteger())
               .arg(s.value(QStringLiteral("registered")).toInteger())
               .arg(s.value(QStringLiteral("resumed")).toInteger())
               .arg(s.value(QStringLiteral("seconds")).toDouble(), 0, 'f', 1)
               .arg(s.value(QStringLiteral("checkins")).toInteger())
               .arg(s.value(QStringLiteral("checkins_per_second")).toDouble(), 0, 'f', 0);
    const QJsonObject outcomes = s.value(QStringLiteral("outcomes")).toObject();
    out << tr("updates finished this run:");
    if (outcomes.isEmpty())
        out << tr(" none");
    for (auto it = outcomes.begin(); it != outcomes.end(); ++it)
        out << ' ' << it.key() << ' ' << it.value().toInteger();
    out << '\n';
    out << tr("faults: %1 corrupt chunks re-fetched, %2 broken transfers resumed, %3 power cuts\n")
               .arg(s.value(QStringLiteral("corrupt_chunks")).toInteger())
               .arg(s.value(QStringLiteral("connections_lost")).toInteger())
               .arg(s.value(QStringLiteral("power_cuts")).toInteger());
    const QJsonObject running = s.value(QStringLiteral("running")).toObject();
    for (auto it = running.begin(); it != running.end(); ++it) {
        out << tr("component %1:").arg(it.key());
        const QJsonObject v = it.value().toObject();
        for (auto jt = v.begin(); jt != v.end(); ++jt)
            out << ' ' << jt.key() << " x" << jt.value().toInteger();
        out << '\n';
    }
    out << tr("devices without a bootable image: %1\n").arg(s.value(QStringLiteral("unbootable")).toInteger());
    out << tr("memory %1 MiB RSS, %2 CPU seconds\n")
               .arg(s.value(QStringLiteral("rss_mib")).toDouble(), 0, 'f', 1)
               .arg(s.value(QStringLiteral("cpu_seconds")).toDouble(), 0, 'f', 1);
}

int runSim(Context &ctx, const QCommandLineParser &p)
{
    agent::SimOptions o;
    o.server = QUrl(p.value(QStringLiteral("server")));
    o.token = p.value(QStringLiteral("token")).toLatin1();
    if (o.token.isEmpty())
        o.token = qgetenv("OTADESK_TOKEN");
    o.profilePath = p.value(QStringLiteral("profile"));
    o.stateDir = p.value(QStringLiteral("state"));
    if (p.value(QStringLiteral("server")).isEmpty() || o.profilePath.isEmpty() || o.stateDir.isEmpty())
        return ctx.usage(tr("sim run needs --server URL, --profile FILE and --state DIR."));
    if (o.token.isEmpty())
        return ctx.usage(tr("sim run needs a management token (--token or OTADESK_TOKEN) to register devices."));
    bool ok = true;
    if (p.isSet(QStringLiteral("devices"))) {
        o.devices = p.value(QStringLiteral("devices")).toLongLong(&ok);
        if (!ok || o.devices < 1 || o.devices > 10000000)
            return ctx.usage(tr("--devices must be a number between 1 and 10000000."));
    }
    if (p.isSet(QStringLiteral("duration"))) {
        o.durationS = p.value(QStringLiteral("duration")).toDouble(&ok);
        if (!ok || o.durationS <= 0)
            return ctx.usage(tr("--duration must be a positive number of seconds."));
    }
    o.untilIdle = p.isSet(QStringLiteral("until-idle"));
    if (!o.untilIdle && o.durationS <= 0)
        return ctx.usage(tr("Give --duration SECONDS or --until-idle (or both: --duration then caps the run)."));
    if (!p.isSet(QStringLiteral("quiet"))) {
        o.progress = [&ctx](const QString &line) {
            ctx.err() << line << Qt::endl;
        };
    }
    o.cancelled = [] { return Context::interrupted().load(); };
    agent::FleetSimulator sim(o);
    if (auto st = sim.prepare(); !st)
        return ctx.fail(st.error());
    if (o.progress)
        ctx.err() << tr("sim: %1 devices ready, running against %2").arg(sim.deviceCount()).arg(o.server.toString())
                  << Qt::endl;
    const QJsonObject summary = sim.run();
    if (ctx.json())
        ctx.printJson(summary);
    else
        printSummary(ctx.out(), summary);
    if (Context::interrupted().load())
        return ExitCancelled;
    return summary.value(QStringLiteral("unbootable")).toInteger() > 0 ? ExitInternal : ExitOk;
}
} // namespace

void registerSimCommands(CommandLine &cli)
{
    cli.setGroupHelp(QStringLiteral("sim"),
                     tr("otactl sim run: simulated devices (the reference agent) against a server; see "
                        "docs/simulator.md for the profile format."));
    cli.add({QStringLiteral("sim"), QStringLiteral("run"),
             tr("Run a simulated fleet against a server: register it on first run, resume it afterwards."),
             QStringLiteral("--server URL --token T --profile FILE --state DIR [--devices N] [--duration S | --until-idle]"),
             [](QCommandLineParser &p) {
                 p.addOptions({opt(QStringLiteral("server"), "Server URL (http://host:port).", "URL"),
                               opt(QStringLiteral("token"), "Management token that may import devices.", "T"),
                               opt(QStringLiteral("profile"), "Fleet profile (JSON, docs/simulator.md).", "FILE"),
                               opt(QStringLiteral("state"), "Folder with the fleet's files (created; reused to resume).", "DIR"),
                               opt(QStringLiteral("devices"), "Scale the profile to N devices.", "N"),
                               opt(QStringLiteral("duration"), "Run for S seconds.", "S"),
                               opt(QStringLiteral("until-idle"), "Stop when every device checked in with nothing to do."),
                               opt(QStringLiteral("quiet"), "No progress lines on stderr.")});
             },
             runSim});
}

} // namespace otadesk::cli
