#include "FleetServer.h"

#include "core/server/Bootstrap.h"
#include "core/store/Database.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>
#include <unistd.h>

namespace otadesk::bench {

namespace {
constexpr const char *kModels[] = {"GW-100", "GW-200", "GW-300", "SENS-10", "SENS-20", "CAM-1", "CAM-2", "HUB-9"};
} // namespace

QByteArray FleetGenerator::model(qint64 i)
{
    return kModels[i % 8];
}

bool FleetGenerator::hasTag(qint64 i, QByteArrayView tag)
{
    if (tag == "beta")
        return i % 50 == 0;
    if (tag == "lab")
        return i % 1000 == 0;
    return false;
}

QByteArray FleetGenerator::row(qint64 i)
{
    char line[128];
    const char *tags = hasTag(i, "lab") ? "beta lab" : hasTag(i, "beta") ? "beta" : "";
    const int n = std::snprintf(line, sizeof line, "SN-%07lld,%s,%c,B%02lld,%lld,%s\n", static_cast<long long>(i),
                                kModels[i % 8], "ABCD"[(i / 3) % 4], static_cast<long long>((i - 1) / 20000 + 1),
                                static_cast<long long>(2019 + (i / 7) % 8), tags);
    return QByteArray(line, n);
}

FleetServer::FleetServer(QString name, QString dbUrl, QString dir, QStringList serverArgs)
    : m_name(std::move(name)), m_dbUrl(std::move(dbUrl)), m_dir(std::move(dir)), m_args(std::move(serverArgs))
{
}

FleetServer::~FleetServer()
{
    stop();
}

store::Database *FleetServer::database(QString *error)
{
    if (!m_db) {
        auto db = store::Database::open(m_dbUrl);
        if (!db) {
            *error = QStringLiteral("cannot open %1: %2").arg(m_dbUrl, db.error().message());
            return nullptr;
        }
        m_db = std::move(*db);
    }
    return m_db.get();
}

bool FleetServer::prepare(QString *error)
{
    QDir().mkpath(m_dir);
    store::Database *db = database(error);
    if (!db)
        return false;
    if (auto st = db->migrate(); !st) {
        *error = QStringLiteral("cannot migrate %1: %2").arg(m_dbUrl, st.error().message());
        return false;
    }
    auto issued = server::issueBootstrapToken(*db, QStringLiteral("bench"), QStringLiteral("root"), store::Role::Admin,
                                              QStringLiteral("bench_fleet"));
    if (!issued) {
        *error = QStringLiteral("cannot issue the admin token on %1: %2").arg(m_dbUrl, issued.error().message());
        return false;
    }
    m_http.setToken(issued->token.secret.toLatin1());
    return true;
}

bool FleetServer::start(QString *error)
{
    const QStringList args = QStringList{QStringLiteral("--listen"),     QStringLiteral("127.0.0.1"),
                                         QStringLiteral("--port"),       QStringLiteral("0"),
                                         QStringLiteral("--database"),   m_dbUrl,
                                         QStringLiteral("--data-dir"),   m_dir + QStringLiteral("/data"),
                                         QStringLiteral("--log-format"), QStringLiteral("json")} +
                             m_args;
    m_process = std::make_unique<ManagedProcess>(m_name, QStringLiteral(OTADESK_SERVER_PATH), args,
                                                 m_dir + QStringLiteral("/server.log"));
    return m_process->start(true, error);
}

void FleetServer::stop()
{
    if (m_process)
        m_process->stop();
}

bool FleetServer::importCsv(const QByteArray &csv, int chunkRows, bool issueTokens, ImportFigures *figures,
                            QString *error)
{
    const qsizetype headerEnd = csv.indexOf('\n') + 1;
    const QByteArray header = csv.left(headerEnd);
    QUrl url = this->url().resolved(QUrl(QStringLiteral("/api/v1/devices/import")));
    url.setQuery(issueTokens ? QStringLiteral("issue_tokens=1") : QString());
    QElapsedTimer timer;
    timer.start();
    qsizetype at = headerEnd;
    while (at < csv.size()) {
        qsizetype end = at;
        int rows = 0;
        while (end < csv.size() && rows < chunkRows) {
            const qsizetype nl = csv.indexOf('\n', end);
            end = nl < 0 ? csv.size() : nl + 1;
            ++rows;
        }
        const HttpResult r = m_http.request("POST", url, header + csv.mid(at, end - at), "text/csv");
        if (r.status != 201) {
            *error = QStringLiteral("%1: POST /api/v1/devices/import (rows %2..%3): %4")
                         .arg(m_name)
                         .arg(figures->rows + 1)
                         .arg(figures->rows + rows)
                         .arg(r.describe());
            return false;
        }
        const QJsonObject o = QJsonDocument::fromJson(r.body).object();
        figures->created += qint64(o.value(QStringLiteral("created")).toDouble());
        for (const QJsonValue &t : o.value(QStringLiteral("tokens")).toArray())
            figures->tokens.append(t[QStringLiteral("device_token")].toString().toLatin1());
        figures->rows += rows;
        ++figures->requests;
        at = end;
    }
    figures->seconds = timer.nsecsElapsed() / 1e9;
    if (issueTokens && figures->tokens.size() != figures->rows) {
        *error = QStringLiteral("%1: the import issued %2 device tokens for %3 rows")
                     .arg(m_name)
                     .arg(figures->tokens.size())
                     .arg(figures->rows);
        return false;
    }
    return true;
}

BenchPostgres::~BenchPostgres()
{
    dropSchemas();
    if (m_clusterDir.isEmpty())
        return;
    qputenv("OTADESK_PG_DIR", m_clusterDir.toUtf8());
    runTool(QStringLiteral("bash"), {QStringLiteral("-c"), QStringLiteral("source \"$1\" && stop_postgres"),
                                     QStringLiteral("_"), QStringLiteral(OTADESK_SOURCE_DIR "/scripts/lib.sh")});
    QDir(m_clusterDir).removeRecursively();
}

QString BenchPostgres::start(const QString &given)
{
    m_url = given.isEmpty() ? qEnvironmentVariable("OTADESK_TEST_POSTGRES") : given;
    if (!m_url.isEmpty())
        return {};
    // Not under the 0700 temporary folder: as root the cluster runs as the postgres user, which must reach it.
    m_clusterDir = QDir::tempPath() + QStringLiteral("/otadesk-bench-fleet-pg-%1").arg(getpid());
    qputenv("OTADESK_PG_DIR", m_clusterDir.toUtf8());
    QByteArray err;
    int code = -1;
    const QByteArray out = runTool(
        QStringLiteral("bash"),
        {QStringLiteral("-c"),
         QStringLiteral("source \"$1\" && start_postgres >&2 && printf '%s' \"$OTADESK_TEST_POSTGRES\""),
         QStringLiteral("_"), QStringLiteral(OTADESK_SOURCE_DIR "/scripts/lib.sh")},
        &err, &code, 120000);
    if (code != 0 || !out.startsWith("postgresql://")) {
        const QString why = QStringLiteral("scripts/lib.sh start_postgres failed (exit code %1): %2")
                                .arg(code)
                                .arg(QString::fromUtf8(err.right(600)).trimmed());
        if (!QFile::exists(m_clusterDir + QStringLiteral("/data/postmaster.pid")))
            m_clusterDir.clear();
        return why;
    }
    m_url = QString::fromUtf8(out);
    return {};
}

QString BenchPostgres::schemaUrl(const QString &name)
{
    const QString schema = QStringLiteral("bench_fleet_%1_%2").arg(name).arg(getpid());
    m_schemas.append(schema);
    return m_url + (m_url.contains(QLatin1Char('?')) ? QStringLiteral("&") : QStringLiteral("?")) +
           QStringLiteral("schema=") + schema;
}

void BenchPostgres::dropSchemas()
{
    if (m_schemas.isEmpty() || m_url.isEmpty())
        return;
    auto db = store::Database::open(m_url);
    for (const QString &s : std::as_const(m_schemas)) {
        if (db)
            (void)(*db)->exec(QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(s));
    }
    m_schemas.clear();
}

} // namespace otadesk::bench
