// Benchmark of the fleet simulator (issue 6): how many reference agents one process holds and how many
// check-ins per second it drives against a real otadesk-server (SQLite, loopback), with RSS (VmRSS) and CPU
// seconds (getrusage) per 10,000 agents. Goal: 100,000 agents in one process within 4 GiB.
//   bench_sim [--devices N] [--seconds S] [--poll S] [--connections C] [--dir DIR]
// Figures: docs/simulator.md.
#include "FleetServer.h"
#include "core/agent/Agent.h"
#include "core/agent/ProcessStats.h"
#include "core/agent/FleetSimulator.h"
#include "core/crypto/Key.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>

using namespace otadesk;

namespace {
double rssMiB()
{
    return agent::processRssMiB();
}

double cpuSeconds()
{
    return agent::processCpuSeconds();
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOptions({{QStringLiteral("devices"), QStringLiteral("Agents (default 10000)."), QStringLiteral("N"), QStringLiteral("10000")},
                  {QStringLiteral("seconds"), QStringLiteral("Measured run (default 30)."), QStringLiteral("S"), QStringLiteral("30")},
                  {QStringLiteral("poll"), QStringLiteral("Poll interval of every agent (default 10 s)."), QStringLiteral("S"), QStringLiteral("10")},
                  {QStringLiteral("connections"), QStringLiteral("HTTP connections of the pool (default 32)."), QStringLiteral("C"), QStringLiteral("32")},
                  {QStringLiteral("dir"), QStringLiteral("Work folder (default: temporary)."), QStringLiteral("DIR")}});
    p.process(app);
    QTextStream out(stdout);
    QTemporaryDir tmp;
    const QString dir = p.isSet(QStringLiteral("dir")) ? p.value(QStringLiteral("dir")) : tmp.path();
    const qint64 devices = p.value(QStringLiteral("devices")).toLongLong();

    bench::FleetServer server(QStringLiteral("otadesk-server"), QStringLiteral("sqlite:") + dir + QStringLiteral("/server.sqlite"),
                              dir, {});
    QString error;
    if (!server.prepare(&error) || !server.start(&error)) {
        out << "bench_sim: " << error << Qt::endl;
        return 1;
    }
    auto key = crypto::PrivateKey::generate(crypto::KeyType::EcdsaP256);
    const QJsonObject profile{
        {QStringLiteral("seed"), 1},
        {QStringLiteral("connections"), p.value(QStringLiteral("connections")).toInt()},
        {QStringLiteral("trust_anchor"), QString::fromLatin1(key->publicKey().toPem())},
        {QStringLiteral("groups"),
         QJsonArray{QJsonObject{{QStringLiteral("model"), QStringLiteral("GW-200")},
                                {QStringLiteral("hw_rev"), QStringLiteral("C")},
                                {QStringLiteral("batch"), QStringLiteral("B01")},
                                {QStringLiteral("year"), 2025},
                                {QStringLiteral("serials"), QJsonObject{{QStringLiteral("prefix"), QStringLiteral("SIM-")},
                                                                        {QStringLiteral("count"), devices},
                                                                        {QStringLiteral("digits"), 7}}},
                                {QStringLiteral("components"),
                                 QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("main")},
                                                        {QStringLiteral("version"), QStringLiteral("1.0.0")},
                                                        {QStringLiteral("image_size"), 65536}},
                                            QJsonObject{{QStringLiteral("name"), QStringLiteral("net")},
                                                        {QStringLiteral("version"), QStringLiteral("3.1.0")},
                                                        {QStringLiteral("image_size"), 16384}}}},
                                {QStringLiteral("attributes"), QJsonObject{{QStringLiteral("region"), QStringLiteral("eu")}}},
                                {QStringLiteral("poll_seconds"), p.value(QStringLiteral("poll")).toInt()},
                                {QStringLiteral("poll_jitter"), 0.2}}}}};
    QFile pf(dir + QStringLiteral("/profile.json"));
    if (!pf.open(QIODevice::WriteOnly) || pf.write(QJsonDocument(profile).toJson()) < 0)
        return 1;
    pf.close();

    const double rss0 = rssMiB(), cpu0 = cpuSeconds();
    agent::SimOptions o;
    o.server = server.url();
    o.token = server.http().token();
    o.profilePath = pf.fileName();
    o.stateDir = dir + QStringLiteral("/state");
    o.durationS = p.value(QStringLiteral("seconds")).toDouble();
    o.progress = [&out](const QString &line) { out << line << Qt::endl; };
    o.progressMs = 5000;
    agent::FleetSimulator sim(o);
    QElapsedTimer clock;
    clock.start();
    if (auto st = sim.prepare(); !st) {
        out << "bench_sim: " << st.error().toString() << Qt::endl;
        return 1;
    }
    const double prepareS = clock.nsecsElapsed() / 1e9;
    const double rssIdle = rssMiB(), cpuPrepare = cpuSeconds() - cpu0;
    const QJsonObject s = sim.run();
    const double cpuRun = cpuSeconds() - cpu0 - cpuPrepare;
    const double rssRun = rssMiB();
    const double per10k = 10000.0 / double(qMax<qint64>(1, devices));
    const double checkins = s.value(QStringLiteral("checkins_per_second")).toDouble();
    out << Qt::endl
        << QStringLiteral("agents                        %1").arg(devices) << Qt::endl
        << QStringLiteral("registration + provisioning   %1 s (%2 CPU s)").arg(prepareS, 0, 'f', 1).arg(cpuPrepare, 0, 'f', 1) << Qt::endl
        << QStringLiteral("RSS idle (agents loaded)      %1 MiB (%2 MiB per 10,000 agents, %3 bytes per agent)")
               .arg(rssIdle, 0, 'f', 1).arg((rssIdle - rss0) * per10k, 0, 'f', 1).arg((rssIdle - rss0) * 1048576.0 / double(qMax<qint64>(1, devices)), 0, 'f', 0)
        << Qt::endl
        << QStringLiteral("RSS after the run             %1 MiB (%2 MiB per 10,000 agents)").arg(rssRun, 0, 'f', 1).arg((rssRun - rss0) * per10k, 0, 'f', 1) << Qt::endl
        << QStringLiteral("check-ins                     %1 in %2 s = %3/s (failures %4)")
               .arg(s.value(QStringLiteral("checkins")).toInteger()).arg(s.value(QStringLiteral("seconds")).toDouble(), 0, 'f', 1)
               .arg(checkins, 0, 'f', 0).arg(s.value(QStringLiteral("checkin_failures")).toInteger())
        << Qt::endl
        << QStringLiteral("simulator CPU during the run  %1 s (%2 CPU s per 10,000 check-ins)")
               .arg(cpuRun, 0, 'f', 1).arg(cpuRun * 10000.0 / qMax(1.0, double(s.value(QStringLiteral("checkins")).toInteger())), 0, 'f', 2)
        << Qt::endl;
    out << QJsonDocument(QJsonObject{{QStringLiteral("agents"), devices},
                                     {QStringLiteral("prepare_seconds"), prepareS},
                                     {QStringLiteral("rss_idle_mib"), rssIdle},
                                     {QStringLiteral("rss_run_mib"), rssRun},
                                     {QStringLiteral("rss_baseline_mib"), rss0},
                                     {QStringLiteral("checkins_per_second"), checkins},
                                     {QStringLiteral("cpu_run_seconds"), cpuRun},
                                     {QStringLiteral("summary"), s}})
               .toJson(QJsonDocument::Compact)
        << Qt::endl;
    server.stop();
    return s.value(QStringLiteral("unbootable")).toInteger() == 0 ? 0 : 1;
}
