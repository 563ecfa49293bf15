#pragma once
// bench_fleet's building blocks: the generated fleet (device i of N as a CSV row, deterministic), an
// otadesk-server with its own database (a SQLite file, or a schema of its own on PostgreSQL) and an admin token
// issued on that database before the server starts (as "otactl server token" does), the CSV import through the
// API in chunks, and a throwaway PostgreSQL cluster (scripts/lib.sh start_postgres) when none is given.
#include "BenchHttp.h"
#include "BenchProcesses.h"

#include <memory>
#include <QByteArrayList>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace otadesk::store {
class Database;
}

namespace otadesk::bench {

// Device i (1-based) of the generated fleet: serial SN-0000001…, eight models, four hardware revisions, a batch
// per 20,000 devices (B01…), production years 2019…2026, tag "beta" on every 50th device, "lab" on every 1000th.
struct FleetGenerator
{
    static QByteArray header() { return "serial,model,hw_rev,batch,year,tags\n"; }
    static QByteArray row(qint64 i);
    static QByteArray model(qint64 i);
    static bool hasTag(qint64 i, QByteArrayView tag);
};

struct ImportFigures
{
    qint64 rows = 0;
    qint64 created = 0;
    int requests = 0;
    double seconds = 0; // wall time of all requests
    QByteArrayList tokens; // device tokens (issue_tokens=1), in row order
};

class FleetServer
{
public:
    // dbUrl: "sqlite:/path" or a PostgreSQL URL with ?schema=…; dir holds the data folder and the log.
    FleetServer(QString name, QString dbUrl, QString dir, QStringList serverArgs);
    ~FleetServer();

    bool prepare(QString *error); // migrates and issues the admin token; the server is not running yet
    bool start(QString *error);
    void stop();
    bool isRunning() const { return m_process && m_process->isRunning(); }
    QUrl url() const { return m_process ? m_process->url() : QUrl(); }
    qint64 pid() const { return m_process ? m_process->pid() : 0; }
    QString dbUrl() const { return m_dbUrl; }
    BenchHttp &http() { return m_http; }
    // A direct connection to the server's database (for set-up SQL and checks), opened on first use.
    store::Database *database(QString *error);

    // POSTs `csv` (a header line, then rows) in chunks of chunkRows rows to /api/v1/devices/import.
    bool importCsv(const QByteArray &csv, int chunkRows, bool issueTokens, ImportFigures *figures, QString *error);

private:
    QString m_name, m_dbUrl, m_dir;
    QStringList m_args;
    std::unique_ptr<ManagedProcess> m_process;
    std::unique_ptr<store::Database> m_db;
    BenchHttp m_http;
};

// A PostgreSQL server for the PostgreSQL rows: --postgres URL, else $OTADESK_TEST_POSTGRES, else a throwaway
// cluster started (and stopped again) with scripts/lib.sh's start_postgres / stop_postgres.
class BenchPostgres
{
public:
    ~BenchPostgres();
    // Empty string: ready (url() holds the URL); otherwise why there is no PostgreSQL.
    QString start(const QString &given);
    QString url() const { return m_url; }
    // The URL with a fresh schema of its own (dropped again by dropSchemas()).
    QString schemaUrl(const QString &name);
    void dropSchemas();

private:
    QString m_url;
    QString m_clusterDir; // non-empty when this class started the cluster
    QStringList m_schemas;
};

} // namespace otadesk::bench
