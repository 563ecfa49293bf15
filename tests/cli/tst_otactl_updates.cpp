// otactl updates assign|list|summary|cancel and otactl devices updates SERIAL as processes against a real
// otadesk-server (loopback, SQLite) with a real signed manifest: text and --json output, a device driven
// through its update over HTTP in between, and exit codes for usage errors, unknown ids and refused changes.
#include "UpdateTestKit.h"
#include "app/otactl/ExitCodes.h"

#include <QProcess>
#include <QTest>

using namespace otadesk;
using namespace otadesk::cli;

namespace {
struct Run
{
    int code = -1;
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
    QJsonArray array() const { return QJsonDocument::fromJson(out.toUtf8()).array(); }
};
} // namespace

class TestOtactlUpdates : public QObject
{
    Q_OBJECT

    ApiFixture fx;

    Run run(const QStringList &args)
    {
        QProcess p;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("OTADESK_SERVER"), fx.server->url.toString());
        e.insert(QStringLiteral("OTADESK_TOKEN"), QString::fromLatin1(fx.adminToken));
        e.insert(QStringLiteral("XDG_CONFIG_HOME"), fx.dir.filePath(QStringLiteral("config")));
        p.setProcessEnvironment(e);
        p.setStandardInputFile(QProcess::nullDevice());
        p.start(QStringLiteral(OTACTL_PATH), args);
        Run r;
        if (!p.waitForFinished(60000)) {
            p.kill();
            return r;
        }
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

private Q_SLOTS:
    void updates()
    {
        QCOMPARE(fx.setUp(QStringLiteral("sqlite")), QString());
        UpdateKit kit(fx);
        const Firmware fw = Firmware::make();
        QVERIFY(kit.registerKey());
        QVERIFY(kit.upload(QStringLiteral("main.bin"), fw.main));
        QVERIFY(kit.upload(QStringLiteral("net.bin"), fw.net));
        const qint64 manifest = kit.publish(kit.envelope(7, fw.main, fw.net));
        QVERIFY(manifest > 0);
        const auto tokens = kit.importDevices("serial,model\nSN-1,GW-200\nSN-2,GW-200\nSN-3,GW-100\n");
        QCOMPARE(tokens.size(), 3);
        const QString m = QString::number(manifest);

        // Usage errors are caught before anything is sent.
        Run r = run({QStringLiteral("updates"), QStringLiteral("assign"), QStringLiteral("--manifest"), m});
        QCOMPARE(r.code, int(ExitUsage));
        QVERIFY2(r.err.contains(QStringLiteral("--filter")), qPrintable(r.err));
        r = run({QStringLiteral("updates"), QStringLiteral("assign"), QStringLiteral("--manifest"), QStringLiteral("x7"),
                 QStringLiteral("--filter"), QString()});
        QCOMPARE(r.code, int(ExitUsage));

        // Assign by filter (text), then by serials (--json) with an unknown one.
        r = run({QStringLiteral("updates"), QStringLiteral("assign"), QStringLiteral("--manifest"), m,
                 QStringLiteral("--filter"), QStringLiteral("model==GW-200")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("assigned to 2 devices")), qPrintable(r.out));
        r = run({QStringLiteral("updates"), QStringLiteral("assign"), QStringLiteral("--manifest"), m,
                 QStringLiteral("--serial"), QStringLiteral("SN-3"), QStringLiteral("--serial"), QStringLiteral("SN-9"),
                 QStringLiteral("--download-only"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.json().value(QStringLiteral("assigned")).toInt(), 1);
        QCOMPARE(r.json().value(QStringLiteral("unknown_serials")).toArray(), QJsonArray{QStringLiteral("SN-9")});
        r = run({QStringLiteral("updates"), QStringLiteral("assign"), QStringLiteral("--manifest"), QStringLiteral("999"),
                 QStringLiteral("--filter"), QString()});
        QCOMPARE(r.code, int(ExitNotFound));

        // List (text and JSON, by state).
        r = run({QStringLiteral("updates"), QStringLiteral("list"), QStringLiteral("--manifest"), m});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QStringLiteral("SN-1")) && r.out.contains(QStringLiteral("SN-3")));
        QVERIFY2(r.out.contains(QStringLiteral("of 3 updates")), qPrintable(r.out));
        r = run({QStringLiteral("updates"), QStringLiteral("list"), QStringLiteral("--state"), QStringLiteral("pending"),
                 QStringLiteral("--sort"), QStringLiteral("serial"), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        const QJsonArray items = r.json().value(QStringLiteral("items")).toArray();
        QCOMPARE(items.size(), 3);
        QCOMPARE(items[0][QStringLiteral("serial")].toString(), QStringLiteral("SN-1"));
        const qint64 u1 = items[0][QStringLiteral("id")].toInteger();
        const qint64 u2 = items[1][QStringLiteral("id")].toInteger();
        QCOMPARE(items[2][QStringLiteral("download_only")].toBool(), true);
        r = run({QStringLiteral("updates"), QStringLiteral("list"), QStringLiteral("--state"), QStringLiteral("sideways")});
        QCOMPARE(r.code, int(ExitRefused));

        // SN-1 goes through the update as a device would; SN-2 is canceled.
        const QByteArray t1 = tokens[QStringLiteral("SN-1")];
        Response http = fx.call("POST", QStringLiteral("/device/v1/checkin"), t1, UpdateKit::report(fw.oldMain, fw.net));
        QCOMPARE(http.json()[QStringLiteral("update")][QStringLiteral("id")].toInteger(), u1);
        QCOMPARE(fx.call("GET", QStringLiteral("/device/v1/updates/%1/manifest").arg(u1), t1).status, 200);
        QCOMPARE(fx.call("GET", QStringLiteral("/device/v1/updates/%1/payloads/0").arg(u1), t1).body, fw.main);
        for (const char *s : {"downloaded", "installing", "rebooting"})
            QCOMPARE(fx.call("POST", QStringLiteral("/device/v1/updates/%1/status").arg(u1), t1,
                             QJsonObject{{QStringLiteral("state"), QString::fromLatin1(s)}})
                         .status,
                     200);
        QCOMPARE(fx.call("POST", QStringLiteral("/device/v1/checkin"), t1, UpdateKit::report(fw.main, fw.net)).status, 200);
        r = run({QStringLiteral("updates"), QStringLiteral("cancel"), QString::number(u2)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("canceled")));
        r = run({QStringLiteral("updates"), QStringLiteral("cancel"), QString::number(u1)});
        QCOMPARE(r.code, int(ExitRefused)); // confirmed: over
        QVERIFY2(r.err.contains(QStringLiteral("over")), qPrintable(r.err));
        r = run({QStringLiteral("updates"), QStringLiteral("cancel"), QStringLiteral("424242")});
        QCOMPARE(r.code, int(ExitNotFound));

        // Summary and a device's history.
        r = run({QStringLiteral("updates"), QStringLiteral("summary"), QStringLiteral("--manifest"), m, QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        const QJsonObject states = r.json().value(QStringLiteral("states")).toObject();
        QCOMPARE(states.value(QStringLiteral("confirmed")).toInt(), 1);
        QCOMPARE(states.value(QStringLiteral("canceled")).toInt(), 1);
        QCOMPARE(states.value(QStringLiteral("pending")).toInt(), 1);
        r = run({QStringLiteral("updates"), QStringLiteral("summary"), QStringLiteral("--manifest"), m});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QStringLiteral("confirmed")) && r.out.contains(QStringLiteral("3 updates")), qPrintable(r.out));
        r = run({QStringLiteral("devices"), QStringLiteral("updates"), QStringLiteral("SN-1")});
        QCOMPARE(r.code, 0);
        for (const char *s : {"notified", "manifest_fetched", "downloading", "rebooting", "confirmed"})
            QVERIFY2(r.out.contains(QString::fromLatin1(s)), qPrintable(r.out));
        r = run({QStringLiteral("devices"), QStringLiteral("updates"), QStringLiteral("SN-1"), QStringLiteral("--json")});
        QCOMPARE(r.json()[QStringLiteral("items")][0][QStringLiteral("steps")].toArray().size(), 8);
        r = run({QStringLiteral("devices"), QStringLiteral("updates"), QStringLiteral("NOPE")});
        QCOMPARE(r.code, int(ExitNotFound));
    }
};

QTEST_GUILESS_MAIN(TestOtactlUpdates)
#include "tst_otactl_updates.moc"
