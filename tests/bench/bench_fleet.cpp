// The fleet benchmarks of issue 5, all in one run; needs Debian nginx and wrk, PostgreSQL optionally.
//   bench_fleet [--quick] [--only a,b,c] [--postgres URL | --no-postgres] [--json] [--keep] ...  (--help)
// (a) check-ins per second with 100,000 registered devices on SQLite and PostgreSQL against nginx answering the
//     same POSTs with a static body of the same size (FleetCheckins.h); goal >= 0.4x nginx on SQLite.
// (b) counting filters and paging over 1,000,000 devices on SQLite (FleetQueries.h); goal <= 100 ms.
// (c) importing 1,000,000 devices from a generated CSV file through POST /api/v1/devices/import in chunks of
//     20,000 rows (as otactl devices import does), on SQLite and PostgreSQL; goal <= 30 s.
// PostgreSQL: --postgres URL, else $OTADESK_TEST_POSTGRES, else a throwaway cluster (scripts/lib.sh
// start_postgres); skipped with a note when none can be had. docs/benchmarks.md has the set-up and figures.
// Exit codes: 0 measured (goals met or not), 1 a step failed, 2 nginx or wrk missing.
#include "FleetCheckins.h"
#include "FleetQueries.h"
#include "FleetServer.h"

#include "core/store/Database.h"

#include <cstdio>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>

using namespace otadesk;
using namespace otadesk::bench;

namespace {

int failWith(const QString &message)
{
    std::fprintf(stderr, "bench_fleet: %s\n", qPrintable(message));
    return 1;
}

void progress(const QString &message)
{
    std::fprintf(stderr, "bench_fleet: %s\n", qPrintable(message));
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll().split(' ').mid(0, 3).join(' ')) : QString();
}

QByteArray generateCsv(qint64 devices)
{
    QByteArray csv = FleetGenerator::header();
    csv.reserve(devices * 40);
    for (qint64 i = 1; i <= devices; ++i)
        csv += FleetGenerator::row(i);
    return csv;
}

FleetSection &importSection(FleetReport &report, int chunk)
{
    return report.section(QStringLiteral("import"),
                          QStringLiteral("(c) CSV import through POST /api/v1/devices/import, %1 rows per request")
                              .arg(chunk),
                          {{QStringLiteral("backend"), QStringLiteral("backend")},
                           {QStringLiteral("what"), QStringLiteral("what")},
                           {QStringLiteral("rows"), QStringLiteral("rows")},
                           {QStringLiteral("requests"), QStringLiteral("requests")},
                           {QStringLiteral("seconds"), QStringLiteral("seconds"), 1},
                           {QStringLiteral("rows_per_second"), QStringLiteral("rows/s")},
                           {QStringLiteral("server_cpu_s"), QStringLiteral("server CPU s"), 1}});
}

// Imports `csv` into a fresh server and adds a row; the server keeps running.
bool importInto(FleetServer &server, const QString &backend, const QString &what, const QByteArray &csv, int chunk,
                bool tokens, FleetReport &report, ImportFigures *figures, QString *error)
{
    if (!server.prepare(error) || !server.start(error))
        return false;
    progress(QStringLiteral("%1: importing %2 (%3 MB of CSV)").arg(backend, what).arg(csv.size() / 1e6, 0, 'f', 1));
    const double cpu0 = cpuSeconds(server.pid());
    if (!server.importCsv(csv, chunk, tokens, figures, error))
        return false;
    if (figures->created != figures->rows) {
        *error = QStringLiteral("%1: %2 rows imported, but %3 devices created").arg(backend).arg(figures->rows).arg(figures->created);
        return false;
    }
    importSection(report, chunk).rows.append({backend, what, figures->rows, figures->requests, figures->seconds,
                                              figures->rows / figures->seconds, cpuSeconds(server.pid()) - cpu0});
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The fleet benchmarks of issue 5; see docs/benchmarks.md."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("quick"), QStringLiteral("Small fleets (20,000 / 100,000 devices), 3 s per case.")},
        {QStringLiteral("only"), QStringLiteral("Run only these parts (comma-separated: a,b,c)."), QStringLiteral("LIST")},
        {QStringLiteral("checkin-devices"), QStringLiteral("Registered devices for (a) (default 100000)."), QStringLiteral("N")},
        {QStringLiteral("fleet-devices"), QStringLiteral("Devices for (b) and (c) (default 1000000)."), QStringLiteral("N")},
        {QStringLiteral("duration"), QStringLiteral("Seconds per check-in case (default 10)."), QStringLiteral("S")},
        {QStringLiteral("rounds"), QStringLiteral("Check-in rounds; the best counts (default 1)."), QStringLiteral("N")},
        {QStringLiteral("connections"), QStringLiteral("wrk connections (default 32)."), QStringLiteral("N")},
        {QStringLiteral("last-seen-interval"),
         QStringLiteral("The servers' --last-seen-interval-seconds for (a) (default 30, the server's default)."),
         QStringLiteral("S")},
        {QStringLiteral("runs"), QStringLiteral("Runs per count/list request (default 5)."), QStringLiteral("N")},
        {QStringLiteral("chunk"), QStringLiteral("CSV rows per import request (default 20000)."), QStringLiteral("N")},
        {QStringLiteral("postgres"), QStringLiteral("PostgreSQL URL for the PostgreSQL rows."), QStringLiteral("URL")},
        {QStringLiteral("no-postgres"), QStringLiteral("Skip the PostgreSQL rows.")},
        {QStringLiteral("server-arg"), QStringLiteral("Pass ARG to every otadesk-server (repeatable)."), QStringLiteral("ARG")},
        {QStringLiteral("json"), QStringLiteral("Print the results as JSON instead of the table.")},
        {QStringLiteral("json-file"), QStringLiteral("Also write the JSON results to FILE."), QStringLiteral("FILE")},
        {QStringLiteral("keep"), QStringLiteral("Keep the temporary folder (databases, logs, scripts).")},
    });
    parser.process(app);
    const bool quick = parser.isSet(QStringLiteral("quick"));
    qint64 checkinDevices = quick ? 20000 : 100000, fleetDevices = quick ? 100000 : 1000000;
    int seconds = quick ? 3 : 10, rounds = 1, connections = 32, runs = 5, chunk = 20000, lastSeenInterval = 30;
    auto number = [&](const char *name, auto &target, qint64 min, qint64 max) {
        if (!parser.isSet(QLatin1String(name)))
            return true;
        bool ok = false;
        const qint64 v = parser.value(QLatin1String(name)).toLongLong(&ok);
        if (ok && v >= min && v <= max)
            target = static_cast<std::remove_reference_t<decltype(target)>>(v);
        return ok && v >= min && v <= max;
    };
    if (!number("checkin-devices", checkinDevices, 100, 10000000) || !number("fleet-devices", fleetDevices, 1000, 20000000) ||
        !number("duration", seconds, 1, 3600) || !number("rounds", rounds, 1, 100) ||
        !number("connections", connections, 1, 10000) || !number("runs", runs, 1, 1000) ||
        !number("chunk", chunk, 1, 1000000) || !number("last-seen-interval", lastSeenInterval, 0, 3600))
        return failWith(QStringLiteral("bad number for an option; see --help"));
    const QStringList only = parser.value(QStringLiteral("only")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    auto part = [&](const char *p) { return only.isEmpty() || only.contains(QLatin1String(p)); };
    const QStringList serverArgs = parser.values(QStringLiteral("server-arg"));

    const QString nginx = findTool(QStringLiteral("nginx"));
    const QString wrk = findTool(QStringLiteral("wrk"));
    if (part("a") && (nginx.isEmpty() || wrk.isEmpty())) {
        std::fprintf(stderr, "bench_fleet: nginx or wrk not found; install them: apt-get install -y nginx wrk\n");
        return 2;
    }
    QTemporaryDir tmp(QDir::tempPath() + QStringLiteral("/otadesk-bench-fleet-XXXXXX"));
    if (!tmp.isValid())
        return failWith(QStringLiteral("cannot create a temporary folder: %1").arg(tmp.errorString()));
    tmp.setAutoRemove(!parser.isSet(QStringLiteral("keep")));
    const QString root = tmp.path();
    if (!tmp.autoRemove())
        progress(QStringLiteral("keeping %1").arg(root));

    FleetReport report;
    report.options = {{QStringLiteral("checkin_devices"), double(checkinDevices)},
                      {QStringLiteral("fleet_devices"), double(fleetDevices)},
                      {QStringLiteral("seconds_per_case"), seconds},
                      {QStringLiteral("last_seen_interval_seconds"), lastSeenInterval},
                      {QStringLiteral("rounds"), rounds},
                      {QStringLiteral("wrk_threads"), 1},
                      {QStringLiteral("connections"), connections},
                      {QStringLiteral("runs"), runs},
                      {QStringLiteral("chunk_rows"), chunk},
                      {QStringLiteral("server_args"), serverArgs.join(QLatin1Char(' '))}};
    report.environment = {
        {QStringLiteral("server"),
         QString::fromUtf8(runTool(QStringLiteral(OTADESK_SERVER_PATH), {QStringLiteral("--version")}).trimmed())},
        {QStringLiteral("cpus"), QThread::idealThreadCount()},
        {QStringLiteral("load_before"), loadAverage()}};

    // PostgreSQL, when it can be had; declared before the servers so that it outlives them.
    BenchPostgres postgres;
    bool havePostgres = false;
    if (parser.isSet(QStringLiteral("no-postgres"))) {
        report.notes << QStringLiteral("PostgreSQL rows skipped (--no-postgres).");
    } else if (part("a") || part("c")) {
        const QString why = postgres.start(parser.value(QStringLiteral("postgres")));
        havePostgres = why.isEmpty();
        if (!havePostgres)
            report.notes << QStringLiteral("PostgreSQL rows skipped: %1").arg(why);
    }

    QString error;
    QElapsedTimer genTimer;
    genTimer.start();
    const QByteArray fleetCsv = part("b") || part("c") ? generateCsv(fleetDevices) : QByteArray();
    if (!fleetCsv.isEmpty()) {
        QFile f(root + QStringLiteral("/devices.csv"));
        if (!f.open(QIODevice::WriteOnly) || f.write(fleetCsv) != fleetCsv.size())
            return failWith(QStringLiteral("cannot write %1").arg(f.fileName()));
        report.notes << QStringLiteral("Generated %1 (%2 devices, %3 MB) in %4 s (not part of the import time).")
                            .arg(f.fileName())
                            .arg(fleetDevices)
                            .arg(fleetCsv.size() / 1e6, 0, 'f', 1)
                            .arg(genTimer.nsecsElapsed() / 1e9, 0, 'f', 2);
    }

    // (c) on SQLite, then (b) on the same database.
    if (part("b") || part("c")) {
        FleetServer server(QStringLiteral("otadesk-server (SQLite fleet)"),
                           QStringLiteral("sqlite:") + root + QStringLiteral("/fleet/server.sqlite"),
                           root + QStringLiteral("/fleet"), serverArgs);
        ImportFigures figures;
        if (!importInto(server, QStringLiteral("SQLite"), QStringLiteral("%1 devices").arg(fleetDevices), fleetCsv,
                        chunk, false, report, &figures, &error))
            return failWith(error);
        if (fleetDevices == 1000000)
            report.goals.append({QStringLiteral("(c) import of 1,000,000 devices, SQLite"), figures.seconds, 30, false,
                                 QStringLiteral("s")});
        if (part("b")) {
            server.stop();
            store::Database *db = server.database(&error);
            if (!db)
                return failWith(error);
            auto ids = db->exec(QStringLiteral("SELECT MIN(id), MAX(id), COUNT(*), MAX(CASE WHEN serial = "
                                               "'SN-0000002' THEN id END) FROM devices"));
            if (!ids || !ids->next() || ids->value(0).toLongLong() != 1 || ids->value(1).toLongLong() != fleetDevices ||
                ids->value(2).toLongLong() != fleetDevices || ids->value(3).toLongLong() != 2)
                return failWith(QStringLiteral("the device ids do not follow the CSV order (id 1..N); the expected "
                                               "counts of (b) would be wrong"));
            QElapsedTimer t;
            t.start();
            qint64 rows = 0;
            if (!QueryBench::addReports(*db, &rows, &error))
                return failWith(error);
            report.notes << QStringLiteral("(b) %1 component/attribute rows for the %2 devices with an even id were "
                                           "inserted with plain SQL in %3 s.")
                                .arg(rows)
                                .arg(fleetDevices / 2)
                                .arg(t.nsecsElapsed() / 1e9, 0, 'f', 1);
            if (!server.start(&error))
                return failWith(error);
            progress(QStringLiteral("(b) counting and listing"));
            QueryBench queries(runs);
            if (!queries.run(server, fleetDevices, report, &error))
                return failWith(error);
            report.goals.append({QStringLiteral("(b) slowest count over %1 devices (median round trip)").arg(fleetDevices),
                                 queries.worstCountMs(), 100, false, QStringLiteral("ms")});
        }
    }

    // (a) on SQLite and PostgreSQL.
    const QByteArray checkinCsv = part("a") ? generateCsv(checkinDevices) : QByteArray();
    CheckinBench checkins({wrk, nginx, root, seconds, connections, rounds, lastSeenInterval});
    QList<QPair<QString, QString>> backends{{QStringLiteral("SQLite"), QStringLiteral("sqlite:") + root +
                                                                            QStringLiteral("/checkin-sqlite/server.sqlite")}};
    if (havePostgres)
        backends.append({QStringLiteral("PostgreSQL"), postgres.schemaUrl(QStringLiteral("checkin"))});
    for (const auto &[backend, url] : part("a") ? backends : QList<QPair<QString, QString>>()) {
        FleetServer server(QStringLiteral("otadesk-server (%1 check-in)").arg(backend), url,
                           root + QStringLiteral("/checkin-") + backend.toLower(),
                           serverArgs + QStringList{QStringLiteral("--last-seen-interval-seconds"),
                                                    QString::number(lastSeenInterval)});
        ImportFigures figures;
        if (!importInto(server, backend, QStringLiteral("%1 devices with tokens").arg(checkinDevices), checkinCsv,
                        chunk, true, report, &figures, &error))
            return failWith(error);
        progress(QStringLiteral("(a) %1: check-ins").arg(backend));
        if (!checkins.run(backend, server, figures.tokens, report, &error))
            return failWith(error);
        if (backend == QLatin1String("SQLite"))
            report.goals.append({QStringLiteral("(a) check-ins/s ÷ nginx req/s, SQLite, nothing changed"),
                                 checkins.lastRatio(), 0.4, true, QString()});
    }

    // (c) on PostgreSQL.
    if (part("c") && havePostgres) {
        FleetServer server(QStringLiteral("otadesk-server (PostgreSQL fleet)"), postgres.schemaUrl(QStringLiteral("fleet")),
                           root + QStringLiteral("/fleet-pg"), serverArgs);
        ImportFigures figures;
        if (!importInto(server, QStringLiteral("PostgreSQL"), QStringLiteral("%1 devices").arg(fleetDevices), fleetCsv,
                        chunk, false, report, &figures, &error))
            return failWith(error);
    }

    report.environment.insert(QStringLiteral("load_after"), loadAverage());
    const QString jsonFile = parser.value(QStringLiteral("json-file"));
    if (!jsonFile.isEmpty()) {
        QFile f(jsonFile);
        if (!f.open(QIODevice::WriteOnly) || f.write(report.json()) < 0)
            return failWith(QStringLiteral("cannot write %1").arg(jsonFile));
    }
    const QByteArray text = parser.isSet(QStringLiteral("json")) ? report.json() : report.table();
    std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
    return 0;
}
