// The fleet through a real otadesk-server process on SQLite and PostgreSQL: provisioning (CSV/JSON, dry run,
// per-row problems, all-or-nothing), device check-in and its security (own device only, unknown/revoked
// credentials, malformed reports change nothing, rejected devices), batched last-seen, lists/counts over
// filters, groups, enrolment with acceptance, export.
#include "ApiFixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

class TestFleetApi : public QObject
{
    Q_OBJECT

    std::unique_ptr<ApiFixture> fx;

    Response importCsv(const QByteArray &csv, const QString &params)
    {
        return fx->call("POST", QStringLiteral("/api/v1/devices/import?") + params, fx->adminToken, csv,
                      {qMakePair(QByteArray("Content-Type"), QByteArray("text/csv"))});
    }
    Response checkin(const QByteArray &token, const QJsonObject &report)
    {
        return fx->call("POST", QStringLiteral("/device/v1/checkin"), token,
                      QJsonDocument(report).toJson(QJsonDocument::Compact));
    }
    qint64 count(const QString &filter)
    {
        const Response r = fx->call("GET", QStringLiteral("/api/v1/devices/count?filter=") +
                                              QString::fromLatin1(QUrl::toPercentEncoding(filter)),
                                  fx->adminToken);
        if (r.status != 200)
            return -1 - r.status;
        return qint64(r.json().value(QStringLiteral("count")).toDouble());
    }
    static QJsonObject report(const QString &mainVersion, const QString &region = QStringLiteral("eu-west"))
    {
        return {{QStringLiteral("components"),
                 QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("main")},
                                        {QStringLiteral("version"), mainVersion},
                                        {QStringLiteral("slot"), 0}}}},
                {QStringLiteral("attributes"), QJsonObject{{QStringLiteral("region"), region}}}};
    }
    QHash<QString, QByteArray> tokensOf(const Response &r)
    {
        QHash<QString, QByteArray> out;
        for (const QJsonValue &v : r.json().value(QStringLiteral("tokens")).toArray())
            out.insert(v[QStringLiteral("serial")].toString(), v[QStringLiteral("device_token")].toString().toLatin1());
        return out;
    }

private Q_SLOTS:
    // A device's repeated check-ins are written at most every 2 s (the default is 30), so that the test sees the
    // held ones written.
    void initTestCase() { qputenv("OTADESK_SERVER_LAST_SEEN_INTERVAL_SECONDS", "2"); }
    void init() { fx = std::make_unique<ApiFixture>(); }
    void cleanup() { fx.reset(); }

    void provisioning_data() { addBackendRows(); }
    void provisioning()
    {
        API_SET_UP(*fx);
        const QByteArray good = "serial,model,hw_rev,batch,year,tags,meta.site\n"
                                "SN-1,GW-200,C,B17,2024,beta,Lyon\n"
                                "SN-2,GW-200,C,B18,2025,,Lyon\n"
                                "SN-10,GW-100,A,B17,2023,\"beta lab\",Oslo\n";
        // Dry run: counts, nothing written.
        Response r = importCsv(good, QStringLiteral("dry_run=1"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("created")).toInt(), 3);
        QCOMPARE(count(QString()), 0);
        // A file with bad rows: 422 naming each line and column, nothing written (all or nothing).
        const QByteArray bad = "serial,model,year\nSN-20,GW-200,2024\n,GW-200,2024\nSN-21,GW-200,19x\nSN-20,GW-1,2020\n";
        r = importCsv(bad, {});
        QCOMPARE(r.status, 422);
        const QJsonArray problems = r.json().value(QStringLiteral("error"))[QStringLiteral("problems")].toArray();
        QCOMPARE(problems.size(), 3);
        QCOMPARE(problems[0][QStringLiteral("line")].toInt(), 3);
        QCOMPARE(problems[0][QStringLiteral("column")].toString(), QStringLiteral("serial"));
        QCOMPARE(problems[1][QStringLiteral("line")].toInt(), 4);
        QCOMPARE(problems[1][QStringLiteral("column")].toString(), QStringLiteral("year"));
        QCOMPARE(problems[2][QStringLiteral("line")].toInt(), 5);
        QCOMPARE(count(QString()), 0);
        // Only the valid rows when asked to.
        r = importCsv(bad, QStringLiteral("all_or_nothing=0"));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().value(QStringLiteral("created")).toInt(), 1);
        QCOMPARE(count(QString()), 1);
        // The real import with tokens; a second run updates instead of duplicating.
        r = importCsv(good, QStringLiteral("issue_tokens=1"));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().value(QStringLiteral("created")).toInt(), 3);
        QCOMPARE(tokensOf(r).size(), 3);
        r = importCsv(good, {});
        QCOMPARE(r.json().value(QStringLiteral("created")).toInt(), 0);
        QCOMPARE(r.json().value(QStringLiteral("updated")).toInt() + r.json().value(QStringLiteral("unchanged")).toInt(), 3);
        QCOMPARE(count(QString()), 4);
        // --no-update refuses known serials.
        r = importCsv("serial\nSN-1\n", QStringLiteral("update=0"));
        QCOMPARE(r.status, 422);
        // JSON works too.
        r = fx->call("POST", QStringLiteral("/api/v1/devices/import"), fx->adminToken,
                   QByteArray(R"([{"serial":"SN-30","model":"GW-300","year":2026,"tags":["eol"]}])"));
        QVERIFY2(r.status == 201, r.body.constData());
        QCOMPARE(count(QStringLiteral("model==GW-300;tag==eol")), 1);
        // What was stored, and export back to CSV.
        r = fx->call("GET", QStringLiteral("/api/v1/devices/SN-10"), fx->adminToken);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("tags")).toArray().size(), 2);
        QCOMPARE(r.json().value(QStringLiteral("metadata")).toObject().value(QStringLiteral("site")).toString(),
                 QStringLiteral("Oslo"));
        r = fx->call("GET", QStringLiteral("/api/v1/devices/export?filter=batch%3D%3DB17"), fx->adminToken);
        QCOMPARE(r.status, 200);
        const QList<QByteArray> lines = r.body.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines[0].startsWith("serial,model,hw_rev,batch,year"), lines[0].constData());
        QVERIFY(lines[1].startsWith("SN-1,GW-200,C,B17,2024"));  // natural order: SN-1 before SN-10
        QVERIFY(lines[2].startsWith("SN-10,GW-100,A,B17,2023"));
        // A viewer may read but not import.
        const QByteArray viewer = fx->tokenFor(QStringLiteral("qa"), QStringLiteral("viewer"));
        QCOMPARE(fx->call("GET", QStringLiteral("/api/v1/devices"), viewer).status, 200);
        QCOMPARE(fx->call("POST", QStringLiteral("/api/v1/devices/import"), viewer, QByteArray("serial\nX\n"),
                        {qMakePair(QByteArray("Content-Type"), QByteArray("text/csv"))}).status, 403);
    }

    void checkin_data() { addBackendRows(); }
    void checkin()
    {
        API_SET_UP(*fx);
        Response r = importCsv("serial,model\nSN-A,GW-200\nSN-B,GW-200\n", QStringLiteral("issue_tokens=1"));
        QCOMPARE(r.status, 201);
        const auto tokens = tokensOf(r);
        const QByteArray a = tokens.value(QStringLiteral("SN-A")), b = tokens.value(QStringLiteral("SN-B"));
        // First check-in stores the report.
        r = checkin(a, report(QStringLiteral("2.1.0")));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("accepted"));
        QVERIFY(r.json().value(QStringLiteral("poll_seconds")).toInt() > 0);
        QCOMPARE(count(QStringLiteral("fw.main==2.1.0;attr.region==eu*")), 1);
        // Version-aware: 2.10.0 > 2.9.1.
        QCOMPARE(checkin(b, report(QStringLiteral("2.10.0"))).status, 200);
        QCOMPARE(count(QStringLiteral("fw.main=gt=2.9.1")), 1);
        QCOMPARE(count(QStringLiteral("fw.main=lt=2.3.0")), 1);
        // A token checks in only as its own device.
        QJsonObject other = report(QStringLiteral("9.9.9"));
        other.insert(QStringLiteral("serial"), QStringLiteral("SN-B"));
        r = checkin(a, other);
        QCOMPARE(r.status, 403);
        QCOMPARE(r.json().value(QStringLiteral("error"))[QStringLiteral("code")].toString(), QStringLiteral("wrong_device"));
        QCOMPARE(count(QStringLiteral("fw.main==9.9.9")), 0);
        // Unknown and malformed credentials, malformed reports: refused, nothing changes.
        QCOMPARE(checkin("otdd_000000000000_nope", report(QStringLiteral("1.0.0"))).status, 401);
        QCOMPARE(checkin(fx->adminToken, report(QStringLiteral("1.0.0"))).status, 401); // an account token is not a device
        QCOMPARE(checkin({}, report(QStringLiteral("1.0.0"))).status, 401);
        r = fx->call("POST", QStringLiteral("/device/v1/checkin"), a, QByteArray("{\"components\": 5}"));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(QStringLiteral("error"))[QStringLiteral("code")].toString(), QStringLiteral("invalid_report"));
        QCOMPARE(fx->call("POST", QStringLiteral("/device/v1/checkin"), a, QByteArray("not json")).status, 400);
        QJsonObject longDigest = report(QStringLiteral("3.0.0"));
        longDigest[QStringLiteral("components")] =
            QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("main")},
                                   {QStringLiteral("version"), QStringLiteral("3.0.0")},
                                   {QStringLiteral("digest"), QStringLiteral("abc")}}};
        QCOMPARE(checkin(a, longDigest).status, 400);
        QCOMPARE(count(QStringLiteral("fw.main==2.1.0")), 1);
        // The report is the truth: a device that reports an older version is stored as such, with history.
        QCOMPARE(checkin(a, report(QStringLiteral("2.0.5"), QStringLiteral("us-east"))).status, 200);
        r = fx->call("GET", QStringLiteral("/api/v1/devices/SN-A"), fx->adminToken);
        QCOMPARE(r.json().value(QStringLiteral("components")).toArray().at(0)[QStringLiteral("version")].toString(),
                 QStringLiteral("2.0.5"));
        QCOMPARE(r.json().value(QStringLiteral("attributes")).toObject().value(QStringLiteral("region")).toString(),
                 QStringLiteral("us-east"));
        const QJsonArray history = r.json().value(QStringLiteral("history")).toArray();
        QVERIFY(history.size() >= 2);
        QCOMPARE(history[0][QStringLiteral("details")][QStringLiteral("previous_components")].toString(),
                 QStringLiteral("main 2.1.0"));
        // Unchanged check-ins only move last_seen — written in batches, visible within ~1 s.
        const QString firstSeen = r.json().value(QStringLiteral("last_seen")).toString();
        QTest::qWait(20);
        QCOMPARE(checkin(a, report(QStringLiteral("2.0.5"), QStringLiteral("us-east"))).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(fx->call("GET", QStringLiteral("/api/v1/devices/SN-A"), fx->adminToken)
                                         .json().value(QStringLiteral("last_seen")).toString() > firstSeen,
                                 5000);
        // Another check-in right after that write is held (interval) and written later, not lost.
        const QString secondSeen =
            fx->call("GET", QStringLiteral("/api/v1/devices/SN-A"), fx->adminToken).json().value(QStringLiteral("last_seen")).toString();
        QTest::qWait(20);
        QCOMPARE(checkin(a, report(QStringLiteral("2.0.5"), QStringLiteral("us-east"))).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(fx->call("GET", QStringLiteral("/api/v1/devices/SN-A"), fx->adminToken)
                                         .json().value(QStringLiteral("last_seen")).toString() > secondSeen,
                                 8000);
        QCOMPARE(fx->call("GET", QStringLiteral("/api/v1/devices/SN-A"), fx->adminToken)
                     .json().value(QStringLiteral("history")).toArray().size(),
                 history.size()); // no new history entry for a report that says nothing new
        // A new token revokes the old one at once.
        r = fx->call("POST", QStringLiteral("/api/v1/devices/SN-A/token"), fx->adminToken, QJsonObject{});
        QCOMPARE(r.status, 201);
        QCOMPARE(checkin(a, report(QStringLiteral("2.0.5"))).status, 401);
        const QByteArray a2 = r.json().value(QStringLiteral("device_token")).toString().toLatin1();
        QCOMPARE(checkin(a2, report(QStringLiteral("2.0.5"))).status, 200);
        // A rejected device is refused.
        QCOMPARE(fx->call("PATCH", QStringLiteral("/api/v1/devices/SN-B"), fx->adminToken,
                        QJsonObject{{QStringLiteral("status"), QStringLiteral("rejected")}}).status, 200);
        r = checkin(b, report(QStringLiteral("2.10.0")));
        QCOMPARE(r.status, 403);
        QCOMPARE(r.json().value(QStringLiteral("error"))[QStringLiteral("code")].toString(), QStringLiteral("device_rejected"));
    }

    void enrolment_data() { addBackendRows(); }
    void enrolment()
    {
        API_SET_UP(*fx);
        Response r = fx->call("POST", QStringLiteral("/api/v1/enrolment-tokens"), fx->adminToken,
                            QJsonObject{{QStringLiteral("label"), QStringLiteral("line 3")}});
        QCOMPARE(r.status, 201);
        const QByteArray enrol = r.json().value(QStringLiteral("token")).toString().toLatin1();
        const qint64 id = qint64(r.json().value(QStringLiteral("id")).toDouble());
        auto enrolAs = [&](const QByteArray &token, const QString &serial) {
            return fx->call("POST", QStringLiteral("/device/v1/enrol"), token,
                          QJsonObject{{QStringLiteral("serial"), serial}, {QStringLiteral("model"), QStringLiteral("GW-9")}});
        };
        r = enrolAs(enrol, QStringLiteral("NEW-1"));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
        const QByteArray device = r.json().value(QStringLiteral("device_token")).toString().toLatin1();
        // Pending: check-ins are recorded and answered 202 until an operator accepts the device.
        QCOMPARE(checkin(device, report(QStringLiteral("1.0.0"))).status, 202);
        QCOMPARE(count(QStringLiteral("status==pending")), 1);
        QCOMPARE(fx->call("PATCH", QStringLiteral("/api/v1/devices/NEW-1"), fx->adminToken,
                        QJsonObject{{QStringLiteral("status"), QStringLiteral("accepted")}}).status, 200);
        QCOMPARE(checkin(device, report(QStringLiteral("1.0.0"))).status, 200);
        // A device cannot take over an existing serial; a revoked enrolment token stops working.
        QCOMPARE(enrolAs(enrol, QStringLiteral("NEW-1")).status, 409);
        QCOMPARE(fx->call("DELETE", QStringLiteral("/api/v1/enrolment-tokens/%1").arg(id), fx->adminToken).status, 204);
        QCOMPARE(enrolAs(enrol, QStringLiteral("NEW-2")).status, 401);
        QCOMPARE(enrolAs("otde_123456789012_forged", QStringLiteral("NEW-3")).status, 401);
        QCOMPARE(count(QString()), 1);
    }

    void filtersAndGroups_data() { addBackendRows(); }
    void filtersAndGroups()
    {
        API_SET_UP(*fx);
        QByteArray csv = "serial,model,batch,year,tags\n";
        for (int i = 1; i <= 300; ++i)
            csv += QStringLiteral("SN-%1,GW-%2,B%3,%4,%5\n")
                       .arg(i)
                       .arg(i % 3 == 0 ? 100 : 200)
                       .arg(15 + i % 4)
                       .arg(2022 + i % 5)
                       .arg(i % 10 == 0 ? QStringLiteral("beta") : QString())
                       .toLatin1();
        QCOMPARE(importCsv(csv, {}).status, 201);
        QCOMPARE(count(QStringLiteral("model==GW-200;batch=in=(B17,B18);year=ge=2024")), 60);
        QCOMPARE(count(QStringLiteral("serial=ge=SN-100;serial=lt=SN-200")), 100); // natural order
        QCOMPARE(count(QStringLiteral("tag==beta or model==GW-100")), 120);
        // A bad filter: 400 with the column.
        Response r = fx->call("GET", QStringLiteral("/api/v1/devices/count?filter=model%3D%3DGW-200%3Bbatch%3Dxx%3DB1"),
                            fx->adminToken);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(QStringLiteral("error"))[QStringLiteral("code")].toString(), QStringLiteral("invalid_filter"));
        QCOMPARE(r.json().value(QStringLiteral("error"))[QStringLiteral("column")].toInt(), 20);
        // Paging and sorting over a filter.
        r = fx->call("GET", QStringLiteral("/api/v1/devices?filter=tag%3D%3Dbeta&sort=serial&order=desc&limit=5&offset=2"),
                   fx->adminToken);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("total")).toInt(), 30);
        const QJsonArray items = r.json().value(QStringLiteral("items")).toArray();
        QCOMPARE(items.size(), 5);
        QCOMPARE(items[0][QStringLiteral("serial")].toString(), QStringLiteral("SN-280"));
        // Dynamic group = saved filter; static group = explicit members (also by filter snapshot).
        QCOMPARE(fx->call("POST", QStringLiteral("/api/v1/groups"), fx->adminToken,
                        QJsonObject{{QStringLiteral("name"), QStringLiteral("old-gw")},
                                    {QStringLiteral("filter"), QStringLiteral("model==GW-100;year=le=2023")}}).status, 201);
        QCOMPARE(count(QStringLiteral("group==old-gw")), count(QStringLiteral("model==GW-100;year=le=2023")));
        QCOMPARE(fx->call("POST", QStringLiteral("/api/v1/groups"), fx->adminToken,
                        QJsonObject{{QStringLiteral("name"), QStringLiteral("loop")},
                                    {QStringLiteral("filter"), QStringLiteral("group==loop")}}).status, 400);
        QCOMPARE(fx->call("POST", QStringLiteral("/api/v1/groups"), fx->adminToken,
                        QJsonObject{{QStringLiteral("name"), QStringLiteral("bench")},
                                    {QStringLiteral("kind"), QStringLiteral("static")}}).status, 201);
        r = fx->call("POST", QStringLiteral("/api/v1/groups/bench/members"), fx->adminToken,
                   QJsonObject{{QStringLiteral("serials"), QJsonArray{QStringLiteral("SN-1"), QStringLiteral("SN-2"),
                                                                      QStringLiteral("NOPE")}}});
        QCOMPARE(r.json().value(QStringLiteral("added")).toInt(), 2);
        QCOMPARE(r.json().value(QStringLiteral("unknown")).toArray().size(), 1);
        r = fx->call("POST", QStringLiteral("/api/v1/groups/bench/members"), fx->adminToken,
                   QJsonObject{{QStringLiteral("filter"), QStringLiteral("tag==beta")}});
        QCOMPARE(r.json().value(QStringLiteral("added")).toInt(), 30);
        QCOMPARE(count(QStringLiteral("group==bench")), 32);
        QCOMPARE(count(QStringLiteral("group==bench;group==old-gw")), count(QStringLiteral("group==bench;model==GW-100;year=le=2023")));
        r = fx->call("GET", QStringLiteral("/api/v1/groups/bench"), fx->adminToken);
        QCOMPARE(r.json().value(QStringLiteral("members")).toInt(), 32);
        // Facets for the filter builder.
        r = fx->call("GET", QStringLiteral("/api/v1/devices/facets"), fx->adminToken);
        QCOMPARE(r.json().value(QStringLiteral("model")).toArray().size(), 2);
        QCOMPARE(r.json().value(QStringLiteral("batch")).toArray().size(), 4);
        QCOMPARE(r.json().value(QStringLiteral("tag")).toArray(), QJsonArray{QStringLiteral("beta")});
    }
};

QTEST_GUILESS_MAIN(TestFleetApi)
#include "tst_fleet_api.moc"
