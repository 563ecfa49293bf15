#include "FleetQueries.h"

#include "core/fleet/Version.h"
#include "core/store/Database.h"

#include <algorithm>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>

namespace otadesk::bench {

namespace {
// main firmware of device i (i even): kMain[(i / 2) % 6]; bootloader 1.4.2+20 when i % 3 == 0, else 1.4.2+17;
// region kRegions[(i / 2) % 4].
const char *const kMain[] = {"2.1.0", "2.1.3", "2.2.0", "2.3.0", "2.3.1", "2.10.0"};
const char *const kRegions[] = {"eu-west", "eu-central", "us-east", "ap-south"};

QString sqlText(const QString &s)
{
    return QLatin1Char('\'') + QString(s).replace(QLatin1Char('\''), QStringLiteral("''")) + QLatin1Char('\'');
}

QString versionCase(const QString &expr, const QStringList &versions, bool key)
{
    QString sql = QStringLiteral("CASE ") + expr;
    for (int n = 0; n < versions.size(); ++n)
        sql += QStringLiteral(" WHEN %1 THEN %2").arg(n).arg(sqlText(key ? fleet::Version::parse(versions[n]).sortKey()
                                                                          : versions[n]));
    return sql + QStringLiteral(" END");
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

bool even(qint64 i)
{
    return i % 2 == 0;
}
qint64 batchOf(qint64 i)
{
    return (i - 1) / 20000 + 1;
}
qint64 yearOf(qint64 i)
{
    return 2019 + (i / 7) % 8;
}
} // namespace

bool QueryBench::addReports(store::Database &db, qint64 *rows, QString *error)
{
    QStringList main;
    for (const char *v : kMain)
        main << QString::fromLatin1(v);
    const QStringList boot{QStringLiteral("1.4.2+17"), QStringLiteral("1.4.2+20")};
    QStringList regions;
    for (const char *r : kRegions)
        regions << QString::fromLatin1(r);
    const QString mainIndex = QStringLiteral("(id / 2) % 6");
    const QString bootIndex = QStringLiteral("(CASE WHEN id % 3 = 0 THEN 1 ELSE 0 END)");
    const QStringList statements{
        QStringLiteral("INSERT INTO device_components (device_id, name, version, version_key, digest, slot, tenant_id) "
                       "SELECT id, 'main', %1, %2, '', 0, tenant_id FROM devices WHERE id % 2 = 0")
            .arg(versionCase(mainIndex, main, false), versionCase(mainIndex, main, true)),
        QStringLiteral("INSERT INTO device_components (device_id, name, version, version_key, digest, slot, tenant_id) "
                       "SELECT id, 'bootloader', %1, %2, '', -1, tenant_id FROM devices WHERE id % 2 = 0")
            .arg(versionCase(bootIndex, boot, false), versionCase(bootIndex, boot, true)),
        QStringLiteral("INSERT INTO device_attributes (device_id, kind, name, value, tenant_id) "
                       "SELECT id, 'a', 'region', %1, tenant_id FROM devices WHERE id % 2 = 0")
            .arg(versionCase(QStringLiteral("(id / 2) % 4"), regions, false)),
    };
    if (auto st = db.begin(); !st) {
        *error = st.error().message();
        return false;
    }
    for (const QString &sql : statements) {
        auto q = db.exec(sql);
        if (!q) {
            *error = QStringLiteral("%1: %2").arg(sql.left(120), q.error().message());
            return false;
        }
        *rows += q->numRowsAffected();
    }
    if (auto st = db.commit(); !st) {
        *error = st.error().message();
        return false;
    }
    return true;
}

QList<QueryBench::Filter> QueryBench::filters()
{
    return {
        {QString(), [](qint64) { return true; }},
        {QStringLiteral("model==GW-200"), [](qint64 i) { return i % 8 == 1; }},
        {QStringLiteral("batch=in=(B17,B18);year=ge=2024"),
         [](qint64 i) { return (batchOf(i) == 17 || batchOf(i) == 18) && yearOf(i) >= 2024; }},
        {QStringLiteral("serial=ge=SN-0100000;serial=lt=SN-0200000"),
         [](qint64 i) { return i >= 100000 && i < 200000; }},
        {QStringLiteral("fw.main=lt=2.3.0"), [](qint64 i) { return even(i) && (i / 2) % 6 < 3; }},
        {QStringLiteral("tag==beta"), [](qint64 i) { return FleetGenerator::hasTag(i, "beta"); }},
        {QStringLiteral("attr.region==eu*"), [](qint64 i) { return even(i) && (i / 2) % 4 < 2; }},
        {QStringLiteral("hwrev==C and year==2021"),
         [](qint64 i) { return "ABCD"[(i / 3) % 4] == 'C' && yearOf(i) == 2021; }},
        {QStringLiteral("model==GW-300;batch=in=(B17,B18);year=ge=2024;serial=ge=SN-0300000;serial=lt=SN-0400000;"
                        "fw.main=lt=2.3.0"),
         [](qint64 i) {
             return i % 8 == 2 && (batchOf(i) == 17 || batchOf(i) == 18) && yearOf(i) >= 2024 && i >= 300000 &&
                    i < 400000 && even(i) && (i / 2) % 6 < 3;
         }},
        {QStringLiteral("model==CAM-1,tag==beta,fw.main=ge=2.10.0"),
         [](qint64 i) { return i % 8 == 5 || FleetGenerator::hasTag(i, "beta") || (even(i) && (i / 2) % 6 == 5); }},
        // What else people type: a range over half the fleet, negations, another component, an attribute next
        // to a model.
        {QStringLiteral("year=ge=2023"), [](qint64 i) { return yearOf(i) >= 2023; }},
        {QStringLiteral("model!=GW-200"), [](qint64 i) { return i % 8 != 1; }},
        {QStringLiteral("not(tag==beta)"), [](qint64 i) { return !FleetGenerator::hasTag(i, "beta"); }},
        {QStringLiteral("fw.bootloader==1.4.2+20"), [](qint64 i) { return even(i) && i % 3 == 0; }},
        {QStringLiteral("model==GW-100;attr.region==eu-west"), [](qint64 i) { return i % 8 == 0; }},
    };
}

bool QueryBench::run(FleetServer &server, qint64 devices, FleetReport &report, QString *error)
{
    FleetSection &sec = report.section(
        QStringLiteral("queries"),
        QStringLiteral("(b) Counting and listing over %1 devices (SQLite), median of %2 runs").arg(devices).arg(m_runs),
        {{QStringLiteral("request"), QStringLiteral("request")},
         {QStringLiteral("result"), QStringLiteral("count/items")},
         {QStringLiteral("expected"), QStringLiteral("expected")},
         {QStringLiteral("server_ms"), QStringLiteral("server elapsed_ms"), 1},
         {QStringLiteral("round_trip_ms"), QStringLiteral("round trip ms"), 1},
         {QStringLiteral("max_round_trip_ms"), QStringLiteral("max ms"), 1}});
    auto timed = [&](const QString &path, const QString &query, QJsonObject *last, QList<double> *serverMs,
                     QList<double> *trip) -> bool {
        QUrl url = server.url().resolved(QUrl(path));
        url.setQuery(query);
        for (int n = 0; n < m_runs; ++n) {
            QElapsedTimer t;
            t.start();
            const HttpResult r = server.http().request("GET", url);
            trip->append(t.nsecsElapsed() / 1e6);
            if (r.status != 200) {
                *error = QStringLiteral("GET %1?%2: %3").arg(path, query, r.describe());
                return false;
            }
            *last = QJsonDocument::fromJson(r.body).object();
            serverMs->append(last->value(QStringLiteral("elapsed_ms")).toDouble(-1));
        }
        return true;
    };
    for (const Filter &f : filters()) {
        qint64 expected = 0;
        for (qint64 i = 1; i <= devices; ++i)
            expected += f.matches(i) ? 1 : 0;
        QJsonObject last;
        QList<double> serverMs, tripMs;
        if (!timed(QStringLiteral("/api/v1/devices/count"),
                   QStringLiteral("filter=") + QString::fromLatin1(QUrl::toPercentEncoding(f.text)), &last, &serverMs,
                   &tripMs))
            return false;
        const qint64 count = qint64(last.value(QStringLiteral("count")).toDouble(-1));
        if (count != expected) {
            *error = QStringLiteral("count of \"%1\" is %2; the generator made %3 matching devices")
                         .arg(f.text)
                         .arg(count)
                         .arg(expected);
            return false;
        }
        m_worstCountMs = std::max(m_worstCountMs, median(tripMs));
        sec.rows.append({QString(QStringLiteral("count ") + (f.text.isEmpty() ? QStringLiteral("(all)") : f.text)), count,
                         expected, median(serverMs), median(tripMs), *std::max_element(tripMs.begin(), tripMs.end())});
    }
    const QList<QPair<QString, qint64>> pages{{QStringLiteral("limit=200&offset=0"), 200},
                                              {QStringLiteral("limit=200&offset=%1").arg(devices / 2), 200},
                                              {QStringLiteral("limit=200&offset=%1&total=0").arg(devices / 2), 200},
                                              {QStringLiteral("filter=model%3D%3DGW-200&limit=200&offset=%1").arg(devices / 16), 200}};
    for (const auto &[query, items] : pages) {
        QJsonObject last;
        QList<double> serverMs, tripMs;
        if (!timed(QStringLiteral("/api/v1/devices"), query, &last, &serverMs, &tripMs))
            return false;
        const qsizetype got = last.value(QStringLiteral("items")).toArray().size();
        if (got != items) {
            *error = QStringLiteral("GET /api/v1/devices?%1 gave %2 items, not %3").arg(query).arg(got).arg(items);
            return false;
        }
        sec.rows.append({QString(QStringLiteral("list ") + QUrl::fromPercentEncoding(query.toLatin1())), qint64(got), items,
                         QStringLiteral("-"), median(tripMs), *std::max_element(tripMs.begin(), tripMs.end())});
    }
    return true;
}

} // namespace otadesk::bench
