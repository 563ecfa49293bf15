// otactl devices / groups as processes against a real otadesk-server (loopback, SQLite): import with local
// row checks (nothing sent while a row is wrong), dry run, tokens written once, chunked import keeping the
// file's line numbers, list/count/show/export over filters, tags, acceptance, groups and enrolment tokens,
// exit codes for a bad filter and an unknown device.
#include "../unit/tst_client_util.h"
#include "app/otactl/ExitCodes.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
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

class TestOtactlDevices : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_token = m_server.issueToken();
        QVERIFY(!m_token.isEmpty());
        QVERIFY(m_server.start());
    }
    void cleanupTestCase() { m_server.stop(); }

    void importChecksRowsFirst()
    {
        write(QStringLiteral("bad.csv"), "serial,model,year\nSN-1,GW-200,2024\nSN-2,GW-200,twenty\n,GW-200,2024\n");
        Run r = run({QStringLiteral("devices"), QStringLiteral("import"), path(QStringLiteral("bad.csv"))});
        QCOMPARE(r.code, int(ExitInput));
        QVERIFY2(r.err.contains(QStringLiteral("line 3 year")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("line 4 serial")), qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("--skip-invalid")));
        QCOMPARE(count(QString()), 0); // nothing was sent
        r = run({QStringLiteral("devices"), QStringLiteral("import"), path(QStringLiteral("bad.csv")),
                 QStringLiteral("--skip-invalid")});
        QCOMPARE(r.code, 0);
        QCOMPARE(count(QString()), 1);
        r = run({QStringLiteral("devices"), QStringLiteral("import"), path(QStringLiteral("missing.csv"))});
        QCOMPARE(r.code, int(ExitNotFound));
    }

    void importInChunksWithTokens()
    {
        QByteArray csv = "serial,model,batch,year,tags\n";
        for (int i = 100; i < 350; ++i)
            csv += QStringLiteral("SN-%1,GW-%2,B%3,%4,%5\n")
                       .arg(i)
                       .arg(i % 2 ? 100 : 200)
                       .arg(i % 3)
                       .arg(2020 + i % 6)
                       .arg(i % 7 == 0 ? QStringLiteral("beta") : QString())
                       .toLatin1();
        write(QStringLiteral("fleet.csv"), csv);
        Run r = run({QStringLiteral("devices"), QStringLiteral("import"), path(QStringLiteral("fleet.csv")),
                     QStringLiteral("--dry-run"), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(QStringLiteral("created")).toInt(), 250);
        QCOMPARE(count(QString()), 1);
        const QString tokens = path(QStringLiteral("tokens.csv"));
        r = run({QStringLiteral("devices"), QStringLiteral("import"), path(QStringLiteral("fleet.csv")),
                 QStringLiteral("--tokens-out"), tokens, QStringLiteral("--chunk-rows"), QStringLiteral("64")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QStringLiteral("Created 250")), qPrintable(r.out));
        QFile t(tokens);
        QVERIFY(t.open(QIODevice::ReadOnly));
        QCOMPARE(t.permissions() & (QFile::ReadGroup | QFile::ReadOther), QFileDevice::Permissions());
        const QList<QByteArray> lines = t.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 251);
        // Such a token checks in as its device.
        const QList<QByteArray> first = lines.at(1).split(',');
        QCOMPARE(checkin(first.at(1), R"({"components":[{"name":"main","version":"2.4.1"}]})"), 200);
        // --no-update: a serial that exists is refused by the server with its line in the whole file (here in
        // the third chunk); the chunks before it were imported and the message says so.
        QByteArray more = "serial,model\n";
        for (int i = 0; i < 150; ++i)
            more += (i == 138 ? QByteArray("SN-100") : "SN-" + QByteArray::number(1000 + i)) + ",GW-300\n";
        write(QStringLiteral("more.csv"), more);
        r = run({QStringLiteral("devices"), QStringLiteral("import"), path(QStringLiteral("more.csv")),
                 QStringLiteral("--no-update"), QStringLiteral("--chunk-rows"), QStringLiteral("64")});
        QCOMPARE(r.code, int(ExitRefused));
        QVERIFY2(r.err.contains(QStringLiteral("line 140 serial")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("128 rows")), qPrintable(r.err));
        QCOMPARE(count(QStringLiteral("model==GW-300")), 128);
    }

    void listCountShowExport()
    {
        QCOMPARE(count(QStringLiteral("model==GW-100")), 125);
        QCOMPARE(run({QStringLiteral("devices"), QStringLiteral("remove"), QStringLiteral("SN-1000")}).code, 0);
        QCOMPARE(count(QStringLiteral("model==GW-300")), 127);
        Run r = run({QStringLiteral("devices"), QStringLiteral("list"), QStringLiteral("--filter"),
                     QStringLiteral("tag==beta;year=ge=2023"), QStringLiteral("--limit"), QStringLiteral("5"),
                     QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        const QJsonArray items = r.json().value(QStringLiteral("items")).toArray();
        QCOMPARE(items.size(), 5);
        for (const QJsonValue &v : items)
            QVERIFY(v[QStringLiteral("tags")].toArray().contains(QStringLiteral("beta")));
        r = run({QStringLiteral("devices"), QStringLiteral("list"), QStringLiteral("--filter"), QStringLiteral("fw.main==2.4.1")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QStringLiteral("main 2.4.1")), qPrintable(r.out));
        r = run({QStringLiteral("devices"), QStringLiteral("count"), QStringLiteral("--filter"), QStringLiteral("model=oops=1")});
        QCOMPARE(r.code, int(ExitRefused));
        QVERIFY2(r.err.contains(QStringLiteral("Column 6")), qPrintable(r.err));
        r = run({QStringLiteral("devices"), QStringLiteral("show"), QStringLiteral("SN-100")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QStringLiteral("GW-200")));
        QCOMPARE(run({QStringLiteral("devices"), QStringLiteral("show"), QStringLiteral("NOPE")}).code, int(ExitNotFound));
        const QString out = path(QStringLiteral("export.csv"));
        r = run({QStringLiteral("devices"), QStringLiteral("export"), QStringLiteral("--filter"), QStringLiteral("batch==B1"),
                 QStringLiteral("-o"), out});
        QCOMPARE(r.code, 0);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll().trimmed().split('\n').size(), 1 + count(QStringLiteral("batch==B1")));
    }

    void editAndGroups()
    {
        QCOMPARE(run({QStringLiteral("devices"), QStringLiteral("tag"), QStringLiteral("field-test"), QStringLiteral("SN-101"),
                      QStringLiteral("SN-102")}).code,
                 0);
        QCOMPARE(count(QStringLiteral("tag==field-test")), 2);
        QCOMPARE(run({QStringLiteral("devices"), QStringLiteral("untag"), QStringLiteral("field-test"), QStringLiteral("SN-101")}).code, 0);
        QCOMPARE(count(QStringLiteral("tag==field-test")), 1);
        QCOMPARE(run({QStringLiteral("groups"), QStringLiteral("create"), QStringLiteral("gw100-old"), QStringLiteral("--filter"),
                      QStringLiteral("model==GW-100;year=le=2022")}).code,
                 0);
        QCOMPARE(count(QStringLiteral("group==gw100-old")), count(QStringLiteral("model==GW-100;year=le=2022")));
        QCOMPARE(run({QStringLiteral("groups"), QStringLiteral("create"), QStringLiteral("lab")}).code, 0);
        Run r = run({QStringLiteral("groups"), QStringLiteral("add"), QStringLiteral("lab"), QStringLiteral("SN-110"),
                     QStringLiteral("SN-111"), QStringLiteral("NOPE")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.err.contains(QStringLiteral("NOPE")));
        QCOMPARE(run({QStringLiteral("groups"), QStringLiteral("add"), QStringLiteral("lab"), QStringLiteral("--filter"),
                      QStringLiteral("tag==beta")}).code,
                 0);
        QCOMPARE(count(QStringLiteral("group==lab")), 2 + count(QStringLiteral("tag==beta;serial!=SN-110;serial!=SN-111")));
        r = run({QStringLiteral("groups"), QStringLiteral("list")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QStringLiteral("gw100-old")) && r.out.contains(QStringLiteral("lab")));
        QCOMPARE(run({QStringLiteral("groups"), QStringLiteral("delete"), QStringLiteral("lab")}).code, 0);
        QCOMPARE(run({QStringLiteral("groups"), QStringLiteral("show"), QStringLiteral("lab")}).code, int(ExitNotFound));
        // Enrolment: a token prints once; a device registers and waits until accepted.
        r = run({QStringLiteral("devices"), QStringLiteral("enrolment"), QStringLiteral("create"), QStringLiteral("--label"),
                 QStringLiteral("line 1")});
        QCOMPARE(r.code, 0);
        const QByteArray enrol = r.out.trimmed().toLatin1();
        QVERIFY(enrol.startsWith("otde_"));
        QCOMPARE(post("/device/v1/enrol", enrol, R"({"serial":"FACTORY-1","model":"GW-9"})"), 201);
        QCOMPARE(count(QStringLiteral("status==pending")), 1);
        QCOMPARE(run({QStringLiteral("devices"), QStringLiteral("accept"), QStringLiteral("FACTORY-1")}).code, 0);
        QCOMPARE(count(QStringLiteral("status==pending")), 0);
    }

private:
    Run run(const QStringList &args)
    {
        QProcess p;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("OTADESK_SERVER"), m_server.url.toString());
        e.insert(QStringLiteral("OTADESK_TOKEN"), m_token);
        e.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("config")));
        p.setProcessEnvironment(e);
        p.setStandardInputFile(QProcess::nullDevice());
        p.start(QStringLiteral(OTACTL_PATH), args);
        Run r;
        if (!p.waitForFinished(120000)) {
            p.kill();
            return r;
        }
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }
    qint64 count(const QString &filter)
    {
        QStringList args{QStringLiteral("devices"), QStringLiteral("count")};
        if (!filter.isEmpty())
            args << QStringLiteral("--filter") << filter;
        const Run r = run(args);
        return r.code == 0 ? r.out.trimmed().toLongLong() : -100 - r.code;
    }
    int post(const char *path, const QByteArray &token, const QByteArray &body)
    {
        QNetworkRequest req(m_server.url.resolved(QUrl(QString::fromLatin1(path))));
        req.setRawHeader("Authorization", "Bearer " + token);
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        std::unique_ptr<QNetworkReply> reply(m_nam.post(req, body));
        QSignalSpy done(reply.get(), &QNetworkReply::finished);
        done.wait(10000);
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }
    int checkin(const QByteArray &token, const QByteArray &body) { return post("/device/v1/checkin", token, body); }
    void write(const QString &name, const QByteArray &data)
    {
        QFile f(path(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(data);
    }
    QString path(const QString &name) const { return m_dir.filePath(name); }

    test::TestServer m_server;
    QTemporaryDir m_dir;
    QString m_token;
    QNetworkAccessManager m_nam;
};

QTEST_GUILESS_MAIN(TestOtactlDevices)
#include "tst_otactl_devices.moc"
