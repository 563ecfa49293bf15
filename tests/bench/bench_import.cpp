// The CSV import of issue 5 (benchmark (c)) in one process, without HTTP: where the time of an import goes.
//   bench_import [--devices N] [--chunk N] [--database URL] [--tokens] [--sql STATEMENT]... [--keep]
// Generates bench_fleet's fleet (FleetGenerator), then per chunk of rows (as otactl devices import and the server
// route see them) times fleet::DeviceImport::readCsv (parse + validate) and store::DeviceImporter::import (SQL)
// separately, on a fresh SQLite file (default) or a fresh schema of a PostgreSQL database (--database URL).
// bench_fleet --only c measures the same import end to end through the server; docs/benchmarks.md.
#include "FleetServer.h"

#include "core/fleet/DeviceImport.h"
#include "core/store/Database.h"
#include "core/store/DeviceImporter.h"
#include "core/store/TenantRepository.h"

#include <cstdio>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <unistd.h>

using namespace otadesk;

namespace {
int failWith(const QString &message)
{
    std::fprintf(stderr, "bench_import: %s\n", qPrintable(message));
    return 1;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times the CSV device import in process (parse vs SQL)."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("devices"), QStringLiteral("Devices to import (default 1000000)."), QStringLiteral("N")},
        {QStringLiteral("chunk"), QStringLiteral("Rows per import call (default 20000)."), QStringLiteral("N")},
        {QStringLiteral("database"), QStringLiteral("PostgreSQL URL (a fresh schema is used and dropped); default: "
                                                    "a temporary SQLite file."), QStringLiteral("URL")},
        {QStringLiteral("tokens"), QStringLiteral("Issue a device token for every device.")},
        {QStringLiteral("keep"), QStringLiteral("Keep the temporary folder.")},
        {QStringLiteral("sql"), QStringLiteral("Run STATEMENT on the migrated database before importing (repeatable; "
                                               "e.g. to try an index or a pragma)."), QStringLiteral("STATEMENT")},
    });
    parser.process(app);
    bool ok = true;
    const qint64 devices = parser.isSet(QStringLiteral("devices"))
                               ? parser.value(QStringLiteral("devices")).toLongLong(&ok) : 1000000;
    bool chunkOk = true;
    const qint64 chunk = parser.isSet(QStringLiteral("chunk")) ? parser.value(QStringLiteral("chunk")).toLongLong(&chunkOk)
                                                               : 20000;
    if (!ok || !chunkOk || devices < 1 || chunk < 1)
        return failWith(QStringLiteral("bad number for an option; see --help"));

    QTemporaryDir tmp(QDir::tempPath() + QStringLiteral("/otadesk-bench-import-XXXXXX"));
    if (!tmp.isValid())
        return failWith(QStringLiteral("cannot create a temporary folder: %1").arg(tmp.errorString()));
    tmp.setAutoRemove(!parser.isSet(QStringLiteral("keep")));
    QString url = QStringLiteral("sqlite:") + tmp.path() + QStringLiteral("/server.sqlite");
    QString schema;
    if (parser.isSet(QStringLiteral("database"))) {
        schema = QStringLiteral("bench_import_%1").arg(getpid());
        url = parser.value(QStringLiteral("database"));
        url += (url.contains(u'?') ? QStringLiteral("&schema=") : QStringLiteral("?schema=")) + schema;
    }
    auto db = store::Database::open(url);
    if (!db)
        return failWith(db.error().message());
    auto dropSchema = qScopeGuard([&] {
        if (!schema.isEmpty())
            (void)(*db)->exec(QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(schema));
    });
    if (auto st = (*db)->migrate(); !st)
        return failWith(st.error().message());
    auto tenant = store::TenantRepository(**db).create(QStringLiteral("bench"));
    if (!tenant)
        return failWith(tenant.error().message());

    for (const QString &sql : parser.values(QStringLiteral("sql"))) {
        if (auto q = (*db)->exec(sql); !q)
            return failWith(q.error().message());
    }
    QList<QByteArray> chunks;
    for (qint64 first = 1; first <= devices; first += chunk) {
        QByteArray csv = bench::FleetGenerator::header();
        for (qint64 i = first; i < first + chunk && i <= devices; ++i)
            csv += bench::FleetGenerator::row(i);
        chunks.append(csv);
    }
    store::ImportOptions options;
    options.issueTokens = parser.isSet(QStringLiteral("tokens"));
    options.allOrNothing = true;
    qint64 parseNs = 0, sqlNs = 0, created = 0, tokens = 0;
    QElapsedTimer total, t;
    total.start();
    for (const QByteArray &csv : std::as_const(chunks)) {
        t.start();
        auto file = fleet::DeviceImport::readCsv(csv);
        parseNs += t.nsecsElapsed();
        if (!file)
            return failWith(file.error().message());
        if (!file->problems.isEmpty())
            return failWith(QStringLiteral("line %1: %2").arg(file->problems[0].line).arg(file->problems[0].message));
        t.start();
        auto outcome = store::DeviceImporter(**db).import(tenant->id, file->rows, options);
        sqlNs += t.nsecsElapsed();
        if (!outcome)
            return failWith(outcome.error().message());
        created += outcome->created;
        tokens += outcome->tokens.size();
    }
    const double seconds = total.nsecsElapsed() / 1e9;
    if (created != devices || (options.issueTokens && tokens != devices))
        return failWith(QStringLiteral("%1 devices created, %2 tokens, expected %3").arg(created).arg(tokens).arg(devices));
    std::printf("%s: %lld devices in %lld calls of %lld rows%s: %.2f s (%.0f rows/s); parse+validate %.2f s, "
                "SQL %.2f s\n",
                (*db)->dialect() == store::Dialect::Sqlite ? "SQLite" : "PostgreSQL", static_cast<long long>(devices),
                static_cast<long long>(chunks.size()), static_cast<long long>(chunk),
                options.issueTokens ? " with tokens" : "", seconds, devices / seconds, parseNs / 1e9, sqlNs / 1e9);
    return 0;
}
