// otactl remote ... as a process against a real otadesk-server (loopback, SQLite file): exit codes, --json,
// the server's reason in error messages, upload/download of payloads, keys and signed manifests (accepted,
// rollback, unknown key, not an envelope), tokens, accounts, audit, the event stream, --insecure's warning.
#include "../unit/tst_client_util.h"
#include "app/otactl/ExitCodes.h"
#include "core/crypto/Digest.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
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
};
} // namespace

class TestOtactlRemote : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void connectionOptions();
    void whoami();
    void payloads();
    void permissions();
    void keysAndManifests();
    void tokens();
    void accounts();
    void auditAndEvents();

private:
    Run run(const QStringList &args, const QString &token = QString(), bool withServer = true);
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QProcessEnvironment env() const;

    test::TestServer m_server;
    QTemporaryDir m_dir;
    QString m_admin;
};

QProcessEnvironment TestOtactlRemote::env() const
{
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.remove(QStringLiteral("OTADESK_SERVER"));
    e.remove(QStringLiteral("OTADESK_TOKEN"));
    e.remove(QStringLiteral("OTADESK_CA_CERT"));
    e.insert(QStringLiteral("OTADESK_WORKSPACE"), path(QStringLiteral("ws")));
    e.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("config")));
    e.insert(QStringLiteral("OTADESK_PASSPHRASE"), QStringLiteral("pw"));
    return e;
}

Run TestOtactlRemote::run(const QStringList &args, const QString &token, bool withServer)
{
    QProcess p;
    QProcessEnvironment e = env();
    if (withServer)
        e.insert(QStringLiteral("OTADESK_SERVER"), m_server.url.toString());
    if (!token.isEmpty())
        e.insert(QStringLiteral("OTADESK_TOKEN"), token);
    p.setProcessEnvironment(e);
    p.setStandardInputFile(QProcess::nullDevice());
    p.start(QStringLiteral(OTACTL_PATH), args);
    Run r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

void TestOtactlRemote::initTestCase()
{
    m_admin = m_server.issueToken();
    QVERIFY(!m_admin.isEmpty());
    QVERIFY(m_server.start());
}

void TestOtactlRemote::cleanupTestCase()
{
    m_server.stop();
}

void TestOtactlRemote::connectionOptions()
{
    Run r = run({QStringLiteral("remote"), QStringLiteral("whoami")}, m_admin, false);
    QCOMPARE(r.code, int(ExitUsage));
    QVERIFY2(r.err.contains(QStringLiteral("--server")), qPrintable(r.err));
    r = run({QStringLiteral("remote"), QStringLiteral("whoami")});
    QCOMPARE(r.code, int(ExitUsage));
    QVERIFY2(r.err.contains(QStringLiteral("--token")), qPrintable(r.err));
    r = run({QStringLiteral("remote"), QStringLiteral("whoami"), QStringLiteral("--server"),
             QStringLiteral("ftp://x")},
            m_admin, false);
    QCOMPARE(r.code, int(ExitUsage));

    // Options before the command words, with separate values.
    r = run({QStringLiteral("--server"), m_server.url.toString(), QStringLiteral("--token"), m_admin,
             QStringLiteral("--json"), QStringLiteral("remote"), QStringLiteral("whoami")},
            QString(), false);
    QCOMPARE(r.code, int(ExitOk));
    QCOMPARE(r.json().value(QStringLiteral("account")).toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("alice"));

    // Unreachable server: exit 8, the reason named.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const QString dead = QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort());
    closed.close();
    r = run({QStringLiteral("remote"), QStringLiteral("whoami"), QStringLiteral("--server"), dead}, m_admin,
            false);
    QCOMPARE(r.code, int(ExitUnreachable));
    QVERIFY2(r.err.contains(QStringLiteral("Cannot reach")), qPrintable(r.err));

    // --insecure is loud even over http.
    r = run({QStringLiteral("remote"), QStringLiteral("whoami"), QStringLiteral("--insecure")}, m_admin);
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY2(r.err.contains(QStringLiteral("NOT verified")), qPrintable(r.err));

    // Bad token: exit 10 and the server's reason.
    r = run({QStringLiteral("remote"), QStringLiteral("whoami")}, QStringLiteral("otd_0123456789ab_wrong"));
    QCOMPARE(r.code, int(ExitUnauthorized));
    QVERIFY2(r.err.contains(QStringLiteral("(401 unauthenticated)")), qPrintable(r.err));

    // Sub-command errors.
    QCOMPARE(run({QStringLiteral("remote"), QStringLiteral("payload")}, m_admin).code, int(ExitUsage));
    QCOMPARE(
        run({QStringLiteral("remote"), QStringLiteral("payload"), QStringLiteral("bogus")}, m_admin).code,
        int(ExitUsage));
    QCOMPARE(run({QStringLiteral("remote"), QStringLiteral("payload"), QStringLiteral("show"),
                  QStringLiteral("abc")},
                 m_admin)
                 .code,
             int(ExitUsage));
    r = run({QStringLiteral("remote"), QStringLiteral("help")});
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY(r.out.contains(QStringLiteral("remote payload upload")));
}

void TestOtactlRemote::whoami()
{
    const Run r = run({QStringLiteral("remote"), QStringLiteral("whoami")}, m_admin);
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY2(r.out.contains(QStringLiteral("Tenant:      acme")), qPrintable(r.out));
    QVERIFY(r.out.contains(QStringLiteral("role admin, server administrator")));
    QVERIFY(r.out.contains(QStringLiteral("payloads.write")));
}

void TestOtactlRemote::payloads()
{
    QByteArray data(3 * 1024 * 1024 + 17, Qt::Uninitialized);
    QRandomGenerator gen(99);
    gen.fillRange(reinterpret_cast<quint32 *>(data.data()), data.size() / 4);
    const QString file = path(QStringLiteral("fw.bin"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
    f.close();
    const QString sha = QString::fromLatin1(crypto::sha256(data).toHex());

    Run r = run({QStringLiteral("--json"), QStringLiteral("remote"), QStringLiteral("payload"),
                 QStringLiteral("upload"), file, QStringLiteral("--name"), QStringLiteral("hub-7.27.bin")},
                m_admin);
    QCOMPARE(r.code, int(ExitOk));
    const QJsonObject payload = r.json();
    QCOMPARE(payload.value(QStringLiteral("sha256")).toString(), sha);
    QCOMPARE(payload.value(QStringLiteral("name")).toString(), QStringLiteral("hub-7.27.bin"));
    QCOMPARE(payload.value(QStringLiteral("existing")).toBool(), false);
    const QString id = QString::number(payload.value(QStringLiteral("id")).toInteger());

    r = run({QStringLiteral("remote"), QStringLiteral("payload"), QStringLiteral("upload"), file}, m_admin);
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY2(r.out.contains(QStringLiteral("had this content already")), qPrintable(r.out));

    r = run({QStringLiteral("--json"), QStringLiteral("remote"), QStringLiteral("payload"),
             QStringLiteral("list")},
            m_admin);
    QCOMPARE(r.code, int(ExitOk));
    QCOMPARE(r.json().value(QStringLiteral("total")).toInteger(), qint64(1));
    r = run({QStringLiteral("remote"), QStringLiteral("payload"), QStringLiteral("list")}, m_admin);
    QVERIFY(r.out.contains(QStringLiteral("hub-7.27.bin")));
    r = run({QStringLiteral("remote"), QStringLiteral("payload"), QStringLiteral("show"), id}, m_admin);
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY(r.out.contains(sha));

    const QString target = path(QStringLiteral("down.bin"));
    r = run({QStringLiteral("--json"), QStringLiteral("remote"), QStringLiteral("payload"),
             QStringLiteral("download"), id, target},
            m_admin);
    QCOMPARE(r.code, int(ExitOk));
    QCOMPARE(r.json().value(QStringLiteral("sha256")).toString(), sha);
    QFile d(target);
    QVERIFY(d.open(QIODevice::ReadOnly));
    QCOMPARE(d.readAll(), data);
    d.close();
    r = run({QStringLiteral("remote"), QStringLiteral("payload"), QStringLiteral("download"), id, target},
            m_admin);
    QCOMPARE(r.code, int(ExitIo));
    QVERIFY2(r.err.contains(QStringLiteral("--force")), qPrintable(r.err));
    QCOMPARE(run({QStringLiteral("remote"), QStringLiteral("payload"), QStringLiteral("download"), id, target,
                  QStringLiteral("--force")},
                 m_admin)
                 .code,
             int(ExitOk));

    QCOMPARE(run({QStringLiteral("remote"), QStringLiteral("payload"), QStringLiteral("upload"),
                  path(QStringLiteral("missing.bin"))},
                 m_admin)
                 .code,
             int(ExitNotFound));

    r = run({QStringLiteral("remote"), QStringLiteral("payload"), QStringLiteral("remove"), id}, m_admin);
    QCOMPARE(r.code, int(ExitOk));
    r = run({QStringLiteral("remote"), QStringLiteral("payload"), QStringLiteral("show"), id}, m_admin);
    QCOMPARE(r.code, int(ExitNotFound));
    QVERIFY2(r.err.contains(QStringLiteral("(404 not_found)")), qPrintable(r.err));
}

void TestOtactlRemote::permissions()
{
    const QString viewer =
        m_server.issueToken(QStringLiteral("acme"), QStringLiteral("vic"), store::Role::Viewer);
    const QString file = path(QStringLiteral("small.bin"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("tiny firmware");
    f.close();
    const Run r =
        run({QStringLiteral("remote"), QStringLiteral("payload"), QStringLiteral("upload"), file}, viewer);
    QCOMPARE(r.code, int(ExitUnauthorized));
    QVERIFY2(r.err.contains(QStringLiteral("(403 forbidden)")), qPrintable(r.err));
    QCOMPARE(run({QStringLiteral("remote"), QStringLiteral("payload"), QStringLiteral("list")}, viewer).code,
             int(ExitOk));
}

void TestOtactlRemote::keysAndManifests()
{
    QCOMPARE(run({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("release")}).code,
             int(ExitOk));
    const QString pub = path(QStringLiteral("release.pub.pem"));
    QCOMPARE(run({QStringLiteral("key"), QStringLiteral("export"), QStringLiteral("release"),
                  QStringLiteral("--out"), pub})
                 .code,
             int(ExitOk));
    const QString firmware = path(QStringLiteral("app.bin"));
    QFile fw(firmware);
    QVERIFY(fw.open(QIODevice::WriteOnly));
    fw.write(QByteArray(4096, '\x5a'));
    fw.close();
    const auto create = [&](const QString &out, int sequence) {
        return run({QStringLiteral("manifest"), QStringLiteral("create"), QStringLiteral("-o"), out,
                    QStringLiteral("--product"), QStringLiteral("HUB-1"), QStringLiteral("--vendor-domain"),
                    QStringLiteral("example.com"), QStringLiteral("--model"), QStringLiteral("hub"),
                    QStringLiteral("--sequence"), QString::number(sequence), QStringLiteral("--component"),
                    QStringLiteral("main=file:") + firmware, QStringLiteral("--uri"),
                    QStringLiteral("main=https://updates.example.com/hub.bin"), QStringLiteral("--sign"),
                    QStringLiteral("--key"), QStringLiteral("release")});
    };
    Run c = create(path(QStringLiteral("v1.suit")), 1);
    QVERIFY2(c.code == ExitOk, qPrintable(c.err));
    c = create(path(QStringLiteral("v2.suit")), 2);
    QVERIFY2(c.code == ExitOk, qPrintable(c.err));

    // Without the key registered: unknown_key -> exit 6.
    Run r = run({QStringLiteral("remote"), QStringLiteral("manifest"), QStringLiteral("publish"),
                 path(QStringLiteral("v2.suit"))},
                m_admin);
    QCOMPARE(r.code, int(ExitVerificationFailed));
    QVERIFY2(r.err.contains(QStringLiteral("unknown_key")), qPrintable(r.err));

    // A private key file is refused locally; the public one is registered.
    r = run({QStringLiteral("remote"), QStringLiteral("key"), QStringLiteral("add"), pub}, m_admin);
    QCOMPARE(r.code, int(ExitUsage)); // --name missing
    r = run({QStringLiteral("--json"), QStringLiteral("remote"), QStringLiteral("key"), QStringLiteral("add"),
             pub, QStringLiteral("--name"), QStringLiteral("release")},
            m_admin);
    QCOMPARE(r.code, int(ExitOk));
    const QString keyId = QString::number(r.json().value(QStringLiteral("id")).toInteger());
    r = run({QStringLiteral("remote"), QStringLiteral("key"), QStringLiteral("list")}, m_admin);
    QVERIFY(r.out.contains(QStringLiteral("release")));

    r = run({QStringLiteral("--json"), QStringLiteral("remote"), QStringLiteral("manifest"),
             QStringLiteral("publish"), path(QStringLiteral("v2.suit")), QStringLiteral("--product"),
             QStringLiteral("HUB-1")},
            m_admin);
    QVERIFY2(r.code == ExitOk, qPrintable(r.err));
    QCOMPARE(r.json().value(QStringLiteral("sequence_number")).toInteger(), qint64(2));
    QCOMPARE(r.json().value(QStringLiteral("product")).toString(), QStringLiteral("HUB-1"));
    QCOMPARE(r.json().value(QStringLiteral("existing")).toBool(), false);
    const QString manifestId = QString::number(r.json().value(QStringLiteral("id")).toInteger());
    r = run({QStringLiteral("--json"), QStringLiteral("remote"), QStringLiteral("manifest"),
             QStringLiteral("publish"), path(QStringLiteral("v2.suit")), QStringLiteral("--product"),
             QStringLiteral("HUB-1")},
            m_admin);
    QCOMPARE(r.code, int(ExitOk));
    QCOMPARE(r.json().value(QStringLiteral("existing")).toBool(), true);

    // An older sequence number: rollback -> exit 7.
    r = run({QStringLiteral("remote"), QStringLiteral("manifest"), QStringLiteral("publish"),
             path(QStringLiteral("v1.suit")), QStringLiteral("--product"), QStringLiteral("HUB-1")},
            m_admin);
    QCOMPARE(r.code, int(ExitRollback));
    QVERIFY2(r.err.contains(QStringLiteral("(409 rollback)")), qPrintable(r.err));

    // Not an envelope: exit 2.
    r = run({QStringLiteral("remote"), QStringLiteral("manifest"), QStringLiteral("publish"), firmware},
            m_admin);
    QCOMPARE(r.code, int(ExitInput));
    QVERIFY2(r.err.contains(QStringLiteral("invalid_envelope")), qPrintable(r.err));

    // A tampered signature: exit 6.
    QFile good(path(QStringLiteral("v2.suit")));
    QVERIFY(good.open(QIODevice::ReadOnly));
    QByteArray tampered = good.readAll();
    good.close();
    const qsizetype at = tampered.lastIndexOf("updates.example.com"); // inside the signed manifest
    QVERIFY(at > 0);
    tampered[at] = 'U';
    QFile bad(path(QStringLiteral("tampered.suit")));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write(tampered);
    bad.close();
    r = run({QStringLiteral("remote"), QStringLiteral("manifest"), QStringLiteral("publish"),
             path(QStringLiteral("tampered.suit")), QStringLiteral("--product"), QStringLiteral("HUB-2")},
            m_admin);
    QCOMPARE(r.code, int(ExitVerificationFailed));
    QVERIFY2(r.err.contains(QStringLiteral("(422 signature_invalid)")), qPrintable(r.err));

    r = run({QStringLiteral("remote"), QStringLiteral("manifest"), QStringLiteral("list")}, m_admin);
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY(r.out.contains(QStringLiteral("HUB-1")));
    r = run({QStringLiteral("remote"), QStringLiteral("manifest"), QStringLiteral("show"), manifestId},
            m_admin);
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY(r.out.contains(QStringLiteral("Sequence number: 2")));

    QCOMPARE(
        run({QStringLiteral("remote"), QStringLiteral("key"), QStringLiteral("remove"), keyId}, m_admin).code,
        int(ExitOk));
    QCOMPARE(
        run({QStringLiteral("remote"), QStringLiteral("key"), QStringLiteral("remove"), keyId}, m_admin).code,
        int(ExitNotFound));
}

void TestOtactlRemote::tokens()
{
    Run r = run({QStringLiteral("remote"), QStringLiteral("token"), QStringLiteral("create"),
                 QStringLiteral("--label"), QStringLiteral("ci")},
                m_admin);
    QCOMPARE(r.code, int(ExitOk));
    const QString secret = r.out.trimmed();
    QVERIFY2(secret.startsWith(QStringLiteral("otd_")) && !secret.contains(QLatin1Char('\n')),
             qPrintable(r.out));
    QVERIFY(r.err.contains(QStringLiteral("shown only once")));
    QCOMPARE(run({QStringLiteral("remote"), QStringLiteral("whoami")}, secret).code, int(ExitOk));

    r = run(
        {QStringLiteral("--json"), QStringLiteral("remote"), QStringLiteral("token"), QStringLiteral("list")},
        m_admin);
    QCOMPARE(r.code, int(ExitOk));
    qint64 id = 0;
    const QJsonArray items = r.json().value(QStringLiteral("items")).toArray();
    for (const QJsonValue &v : items) {
        if (v.toObject().value(QStringLiteral("label")).toString() == QStringLiteral("ci"))
            id = v.toObject().value(QStringLiteral("id")).toInteger();
        QVERIFY(!v.toObject().contains(QStringLiteral("token")));
    }
    QVERIFY(id > 0);
    QCOMPARE(run({QStringLiteral("remote"), QStringLiteral("token"), QStringLiteral("revoke"),
                  QString::number(id)},
                 m_admin)
                 .code,
             int(ExitOk));
    r = run({QStringLiteral("remote"), QStringLiteral("whoami")}, secret);
    QCOMPARE(r.code, int(ExitUnauthorized));
}

void TestOtactlRemote::accounts()
{
    Run r = run({QStringLiteral("--json"), QStringLiteral("remote"), QStringLiteral("account"),
                 QStringLiteral("create"), QStringLiteral("carol"), QStringLiteral("--role"),
                 QStringLiteral("author")},
                m_admin);
    QCOMPARE(r.code, int(ExitOk));
    QCOMPARE(r.json().value(QStringLiteral("role")).toString(), QStringLiteral("author"));
    const QString id = QString::number(r.json().value(QStringLiteral("id")).toInteger());
    r = run({QStringLiteral("remote"), QStringLiteral("account"), QStringLiteral("set-role"), id,
             QStringLiteral("release-manager")},
            m_admin);
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY2(r.out.contains(QStringLiteral("release-manager")), qPrintable(r.out));
    r = run({QStringLiteral("remote"), QStringLiteral("account"), QStringLiteral("list")}, m_admin);
    QVERIFY(r.out.contains(QStringLiteral("carol")));
    r = run({QStringLiteral("remote"), QStringLiteral("account"), QStringLiteral("create"),
             QStringLiteral("dave"), QStringLiteral("--role"), QStringLiteral("emperor")},
            m_admin);
    QCOMPARE(r.code, int(ExitRefused));
    QVERIFY2(r.err.contains(QStringLiteral("(400 invalid_request)")), qPrintable(r.err));
    r = run({QStringLiteral("remote"), QStringLiteral("account"), QStringLiteral("create"),
             QStringLiteral("carol"), QStringLiteral("--role"), QStringLiteral("viewer")},
            m_admin);
    QCOMPARE(r.code, int(ExitRefused));
    QVERIFY2(r.err.contains(QStringLiteral("409")), qPrintable(r.err));
}

void TestOtactlRemote::auditAndEvents()
{
    Run r = run({QStringLiteral("--json"), QStringLiteral("remote"), QStringLiteral("audit"),
                 QStringLiteral("--limit"), QStringLiteral("3")},
                m_admin);
    QCOMPARE(r.code, int(ExitOk));
    QCOMPARE(r.json().value(QStringLiteral("items")).toArray().size(), 3);
    r = run({QStringLiteral("remote"), QStringLiteral("audit")}, m_admin);
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY(r.out.contains(QStringLiteral("ACTION")));
    QCOMPARE(run({QStringLiteral("remote"), QStringLiteral("audit"), QStringLiteral("--limit"),
                  QStringLiteral("0")},
                 m_admin)
                 .code,
             int(ExitUsage));

    // The event stream as a process: one event, then exit 0.
    QProcess events;
    QProcessEnvironment e = env();
    e.insert(QStringLiteral("OTADESK_SERVER"), m_server.url.toString());
    e.insert(QStringLiteral("OTADESK_TOKEN"), m_admin);
    events.setProcessEnvironment(e);
    events.start(QStringLiteral(OTACTL_PATH),
                 {QStringLiteral("--json"), QStringLiteral("remote"), QStringLiteral("events"),
                  QStringLiteral("--count"), QStringLiteral("1")});
    QVERIFY(events.waitForStarted());
    QTest::qWait(1500); // let it connect
    QCOMPARE(run({QStringLiteral("remote"), QStringLiteral("account"), QStringLiteral("create"),
                  QStringLiteral("erin"), QStringLiteral("--role"), QStringLiteral("viewer")},
                 m_admin)
                 .code,
             int(ExitOk));
    QVERIFY(events.waitForFinished(20000));
    QCOMPARE(events.exitCode(), int(ExitOk));
    const QByteArray line = events.readAllStandardOutput().trimmed();
    const QJsonObject event = QJsonDocument::fromJson(line).object();
    QCOMPARE(event.value(QStringLiteral("event")).toString(), QStringLiteral("audit"));
    QVERIFY2(line.contains("erin"), line.constData());
}

QTEST_GUILESS_MAIN(TestOtactlRemote)
#include "tst_otactl_remote.moc"
