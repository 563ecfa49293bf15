// otactl key ... as a process: every command, passphrases from the environment and from files (never from the
// command line), the JSON output, and the exit codes of the error paths.
#include "../unit/TestData.h"
#include "app/otactl/ExitCodes.h"
#include "core/crypto/Key.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using otadesk::test::readFile;
using otadesk::test::writeFile;

using namespace otadesk;
using namespace otadesk::cli;

namespace {
struct Run
{
    int code = -1;
    QString out;
    QString err;
    QByteArray rawOut;
    QJsonDocument json() const { return QJsonDocument::fromJson(rawOut); }
};
using Env = QList<std::pair<QString, QString>>;

const QString kPass = QStringLiteral("OTADESK_PASSPHRASE");
const QString kNewPass = QStringLiteral("OTADESK_NEW_PASSPHRASE");
} // namespace

class TestOtactlKeys : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void help();
    void generateListShow();
    void generateErrors();
    void exportForms();
    void importKeys();
    void passphraseChange();
    void defaults();
    void removeKey();

private:
    Run run(const QStringList &args, const Env &env = {});
    QString generate(const QString &name, const QString &type = QStringLiteral("ecdsa-p256"));
    QString path(const QString &name) const { return m_dir->filePath(name); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestOtactlKeys::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

Run TestOtactlKeys::run(const QStringList &args, const Env &extra)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("OTADESK_WORKSPACE"), path(QStringLiteral("ws")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("config")));
    for (const QString &var : {kPass, kNewPass, QStringLiteral("OTADESK_SOURCE_PASSPHRASE")})
        env.remove(var);
    for (const auto &[name, value] : extra)
        env.insert(name, value);
    p.setProcessEnvironment(env);
    p.setStandardInputFile(QProcess::nullDevice()); // never a terminal: no prompts
    p.start(QStringLiteral(OTACTL_PATH), args);
    Run r;
    if (!p.waitForFinished(60000))
        return r;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.rawOut = p.readAllStandardOutput();
    r.out = QString::fromUtf8(r.rawOut);
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString TestOtactlKeys::generate(const QString &name, const QString &type)
{
    const Run r = run({QStringLiteral("--json"), QStringLiteral("key"), QStringLiteral("generate"), name,
                       QStringLiteral("--type"), type},
                      {{kPass, QStringLiteral("pw")}});
    if (r.code != ExitOk)
        qWarning() << r.err;
    return r.json().object().value(QStringLiteral("id")).toString();
}

void TestOtactlKeys::help()
{
    const Run r = run({QStringLiteral("--help")});
    QCOMPARE(r.code, int(ExitOk));
    for (const char *cmd : {"key generate", "key import", "key export", "key list", "key show", "key passphrase",
                            "key default", "key remove"})
        QVERIFY2(r.out.contains(QString::fromLatin1(cmd)), cmd);
    const Run gen = run({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--help")});
    QCOMPARE(gen.code, int(ExitOk));
    QVERIFY(gen.out.contains(QStringLiteral("--passphrase-file")));
    // There is no option to give a passphrase itself on the command line.
    QVERIFY(!gen.out.contains(QStringLiteral("--passphrase ")));
    QCOMPARE(run({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("k"), QStringLiteral("--passphrase"),
                  QStringLiteral("x")})
                 .code,
             int(ExitUsage));
}

void TestOtactlKeys::generateListShow()
{
    Run r = run({QStringLiteral("key"), QStringLiteral("list")});
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY(r.out.contains(QStringLiteral("No keys yet")));

    r = run({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("release")}, {{kPass, QStringLiteral("pw")}});
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY(r.out.contains(QStringLiteral("ecdsa-p256")));
    const QString edId = generate(QStringLiteral("edkey"), QStringLiteral("ed25519"));
    QCOMPARE(edId.size(), 64);

    r = run({QStringLiteral("key"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(r.code, int(ExitOk));
    const QJsonArray keys = r.json().array();
    QCOMPARE(keys.size(), 2);
    QCOMPARE(keys[0].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("release"));
    QCOMPARE(keys[1].toObject().value(QStringLiteral("type")).toString(), QStringLiteral("ed25519"));
    r = run({QStringLiteral("key"), QStringLiteral("list")});
    QVERIFY(r.out.contains(QStringLiteral("release")) && r.out.contains(edId.left(16)));

    // show by name, full id and prefix.
    for (const QString &ref : {QStringLiteral("edkey"), edId, edId.left(7)}) {
        r = run({QStringLiteral("key"), QStringLiteral("show"), ref, QStringLiteral("--json")});
        QCOMPARE(r.code, int(ExitOk));
        const QJsonObject o = r.json().object();
        QCOMPARE(o.value(QStringLiteral("id")).toString(), edId);
        QCOMPARE(o.value(QStringLiteral("type")).toString(), QStringLiteral("ed25519"));
        QVERIFY(o.value(QStringLiteral("fingerprint")).toString().startsWith(edId.left(4) + QLatin1Char(' ')));
        // The id is SHA-256 of the public key's SPKI.
        auto pub = crypto::PublicKey::fromPem(o.value(QStringLiteral("publicKeyPem")).toString().toLatin1());
        QVERIFY(pub);
        QCOMPARE(QString::fromLatin1(pub->keyId().toHex()), edId);
    }
    r = run({QStringLiteral("key"), QStringLiteral("show"), QStringLiteral("release")});
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY(r.out.contains(QStringLiteral("Fingerprint")));
    QVERIFY(r.out.contains(QStringLiteral("ecdsa-p256")));

    r = run({QStringLiteral("key"), QStringLiteral("show"), QStringLiteral("nosuchkey")});
    QCOMPARE(r.code, int(ExitNotFound));
    QVERIFY(r.err.contains(QStringLiteral("nosuchkey")));
    QCOMPARE(run({QStringLiteral("key"), QStringLiteral("show")}).code, int(ExitUsage));
}

void TestOtactlKeys::generateErrors()
{
    // No terminal and no passphrase source: a clear message, nothing created.
    Run r = run({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("k")});
    QCOMPARE(r.code, int(ExitUsage));
    QVERIFY2(r.err.contains(QStringLiteral("OTADESK_PASSPHRASE")), qPrintable(r.err));
    QVERIFY(!QFile::exists(path(QStringLiteral("ws/keys/keys.json"))));
    r = run({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("k"), QStringLiteral("--type"),
             QStringLiteral("rsa")},
            {{kPass, QStringLiteral("pw")}});
    QCOMPARE(r.code, int(ExitUsage));
    QVERIFY(r.err.contains(QStringLiteral("rsa")));
    r = run({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("a/b")}, {{kPass, QStringLiteral("pw")}});
    QCOMPARE(r.code, int(ExitUsage));
    r = run({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("k")}, {{kPass, QString()}});
    QCOMPARE(r.code, int(ExitUsage));
    QVERIFY(r.err.contains(QStringLiteral("empty")));
    QVERIFY(!generate(QStringLiteral("k")).isEmpty());
    r = run({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("k")}, {{kPass, QStringLiteral("pw")}});
    QCOMPARE(r.code, int(ExitUsage));
    QVERIFY(r.err.contains(QStringLiteral("already")));
    // --passphrase-file: first line only.
    QVERIFY(writeFile(path(QStringLiteral("pass.txt")), "from file\nignored\n"));
    r = run({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("f"), QStringLiteral("--passphrase-file"),
             path(QStringLiteral("pass.txt"))});
    QCOMPARE(r.code, int(ExitOk));
    r = run({QStringLiteral("key"), QStringLiteral("export"), QStringLiteral("f"), QStringLiteral("--private"),
             QStringLiteral("--clear")},
            {{kPass, QStringLiteral("from file")}});
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY(r.out.startsWith(QStringLiteral("-----BEGIN PRIVATE KEY-----")));
    r = run({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("g"), QStringLiteral("--passphrase-file"),
             path(QStringLiteral("missing.txt"))});
    QCOMPARE(r.code, int(ExitIo));
}

void TestOtactlKeys::exportForms()
{
    const QString id = generate(QStringLiteral("k"));
    Run r = run({QStringLiteral("key"), QStringLiteral("export"), QStringLiteral("k")});
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY(r.out.startsWith(QStringLiteral("-----BEGIN PUBLIC KEY-----")));
    QCOMPARE(QString::fromLatin1(crypto::PublicKey::fromPem(r.rawOut)->keyId().toHex()), id);
    r = run({QStringLiteral("key"), QStringLiteral("export"), id.left(8), QStringLiteral("--public"),
             QStringLiteral("--out"), path(QStringLiteral("pub.pem"))});
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY(readFile(path(QStringLiteral("pub.pem"))).startsWith("-----BEGIN PUBLIC KEY-----"));

    // --private without --clear: the stored encrypted file; no passphrase needed.
    r = run({QStringLiteral("key"), QStringLiteral("export"), QStringLiteral("k"), QStringLiteral("--private"),
             QStringLiteral("--out"), path(QStringLiteral("enc.pem"))});
    QCOMPARE(r.code, int(ExitOk));
    const QByteArray enc = readFile(path(QStringLiteral("enc.pem")));
    QVERIFY(enc.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    QVERIFY(!(QFile::permissions(path(QStringLiteral("enc.pem"))) & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
    QCOMPARE(QString::fromLatin1(crypto::PrivateKey::fromPem(enc, "pw")->publicKey().keyId().toHex()), id);

    r = run({QStringLiteral("key"), QStringLiteral("export"), QStringLiteral("k"), QStringLiteral("--private"),
             QStringLiteral("--clear"), QStringLiteral("--out"), path(QStringLiteral("clear.pem"))},
            {{kPass, QStringLiteral("pw")}});
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY(readFile(path(QStringLiteral("clear.pem"))).startsWith("-----BEGIN PRIVATE KEY-----"));
    QVERIFY(!(QFile::permissions(path(QStringLiteral("clear.pem"))) & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));

    // Wrong passphrase: exit 2, clear message, no output file.
    r = run({QStringLiteral("key"), QStringLiteral("export"), QStringLiteral("k"), QStringLiteral("--private"),
             QStringLiteral("--clear"), QStringLiteral("--out"), path(QStringLiteral("clear2.pem"))},
            {{kPass, QStringLiteral("wrong")}});
    QCOMPARE(r.code, int(ExitInput));
    QVERIFY2(r.err.contains(QStringLiteral("The passphrase is wrong")), qPrintable(r.err));
    QVERIFY(!QFile::exists(path(QStringLiteral("clear2.pem"))));

    QCOMPARE(run({QStringLiteral("key"), QStringLiteral("export"), QStringLiteral("k"), QStringLiteral("--clear")}).code,
             int(ExitUsage));
    QCOMPARE(run({QStringLiteral("key"), QStringLiteral("export"), QStringLiteral("k"), QStringLiteral("--public"),
                  QStringLiteral("--private")})
                 .code,
             int(ExitUsage));
    QCOMPARE(run({QStringLiteral("key"), QStringLiteral("export"), QStringLiteral("zzz")}).code, int(ExitNotFound));
}

void TestOtactlKeys::importKeys()
{
    // A clear key made elsewhere, an encrypted one, a public-only one.
    auto clear = crypto::PrivateKey::generate(crypto::KeyType::Ed25519);
    QVERIFY(writeFile(path(QStringLiteral("clear.pem")), clear->toClearPem()));
    Run r = run({QStringLiteral("--json"), QStringLiteral("key"), QStringLiteral("import"), QStringLiteral("c"),
                 path(QStringLiteral("clear.pem")), QStringLiteral("--default-for"), QStringLiteral("sensor")},
                {{kPass, QStringLiteral("store")}});
    QCOMPARE(r.code, int(ExitOk));
    QCOMPARE(r.json().object().value(QStringLiteral("id")).toString(),
             QString::fromLatin1(clear->publicKey().keyId().toHex()));
    QCOMPARE(r.json().object().value(QStringLiteral("defaultFor")).toArray().at(0).toString(), QStringLiteral("sensor"));
    const QString keyFile = path(QStringLiteral("ws/keys/") + QString::fromLatin1(clear->publicKey().keyId().toHex())
                                 + QStringLiteral(".key.pem"));
    QVERIFY(!readFile(keyFile).contains("BEGIN PRIVATE KEY"));
    QVERIFY(readFile(keyFile).contains("BEGIN ENCRYPTED PRIVATE KEY"));

    auto encrypted = crypto::PrivateKey::generate(crypto::KeyType::EcdsaP256);
    QVERIFY(writeFile(path(QStringLiteral("enc.pem")), *encrypted->toEncryptedPem("src")));
    r = run({QStringLiteral("key"), QStringLiteral("import"), QStringLiteral("e"), path(QStringLiteral("enc.pem"))},
            {{kPass, QStringLiteral("store")}, {QStringLiteral("OTADESK_SOURCE_PASSPHRASE"), QStringLiteral("bad")}});
    QCOMPARE(r.code, int(ExitInput));
    QVERIFY(r.err.contains(QStringLiteral("The passphrase is wrong")));
    QVERIFY(writeFile(path(QStringLiteral("src.txt")), "src\n"));
    r = run({QStringLiteral("key"), QStringLiteral("import"), QStringLiteral("e"), path(QStringLiteral("enc.pem")),
             QStringLiteral("--source-passphrase-file"), path(QStringLiteral("src.txt"))},
            {{kPass, QStringLiteral("store")}});
    QCOMPARE(r.code, int(ExitOk));
    r = run({QStringLiteral("key"), QStringLiteral("export"), QStringLiteral("e"), QStringLiteral("--private"),
             QStringLiteral("--clear")},
            {{kPass, QStringLiteral("store")}});
    QCOMPARE(r.code, int(ExitOk));
    QCOMPARE(crypto::PrivateKey::fromPem(r.rawOut)->publicKey().keyId(), encrypted->publicKey().keyId());

    r = run({QStringLiteral("key"), QStringLiteral("import"), QStringLiteral("anchor"),
             test::testData(QStringLiteral("mcuboot/root-ec-p256.pub.pem"))});
    QCOMPARE(r.code, int(ExitOk));
    r = run({QStringLiteral("key"), QStringLiteral("show"), QStringLiteral("anchor"), QStringLiteral("--json")});
    QCOMPARE(r.json().object().value(QStringLiteral("hasPrivateKey")).toBool(true), false);
    QCOMPARE(run({QStringLiteral("key"), QStringLiteral("export"), QStringLiteral("anchor"), QStringLiteral("--private")})
                 .code,
             int(ExitUsage));

    // Unsupported and malformed inputs, a missing file.
    r = run({QStringLiteral("key"), QStringLiteral("import"), QStringLiteral("rsa"),
             test::testData(QStringLiteral("mcuboot/root-rsa-2048.pub.pem"))});
    QCOMPARE(r.code, int(ExitInput));
    QVERIFY(r.err.contains(QStringLiteral("RSA")));
    QVERIFY(writeFile(path(QStringLiteral("junk.pem")), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
    r = run({QStringLiteral("key"), QStringLiteral("import"), QStringLiteral("junk"), path(QStringLiteral("junk.pem"))},
            {{kPass, QStringLiteral("store")}});
    QCOMPARE(r.code, int(ExitInput));
    r = run({QStringLiteral("key"), QStringLiteral("import"), QStringLiteral("x"), path(QStringLiteral("none.pem"))});
    QCOMPARE(r.code, int(ExitNotFound));
    QCOMPARE(run({QStringLiteral("key"), QStringLiteral("list"), QStringLiteral("--json")}).json().array().size(), 3);
}

void TestOtactlKeys::passphraseChange()
{
    const QString id = generate(QStringLiteral("k"));
    const QString keyFile = path(QStringLiteral("ws/keys/") + id + QStringLiteral(".key.pem"));
    const QByteArray before = readFile(keyFile);
    Run r = run({QStringLiteral("key"), QStringLiteral("passphrase"), QStringLiteral("k")},
                {{kPass, QStringLiteral("wrong")}, {kNewPass, QStringLiteral("new")}});
    QCOMPARE(r.code, int(ExitInput));
    QVERIFY(r.err.contains(QStringLiteral("The passphrase is wrong")));
    QCOMPARE(readFile(keyFile), before);
    r = run({QStringLiteral("key"), QStringLiteral("passphrase"), QStringLiteral("k")}, {{kPass, QStringLiteral("pw")}});
    QCOMPARE(r.code, int(ExitUsage)); // no new passphrase given
    QVERIFY(r.err.contains(QStringLiteral("OTADESK_NEW_PASSPHRASE")));
    QCOMPARE(readFile(keyFile), before);

    QVERIFY(writeFile(path(QStringLiteral("new.txt")), "brand new\n"));
    r = run({QStringLiteral("key"), QStringLiteral("passphrase"), id.left(6), QStringLiteral("--new-passphrase-file"),
             path(QStringLiteral("new.txt"))},
            {{kPass, QStringLiteral("pw")}});
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY(readFile(keyFile) != before);
    QVERIFY(!crypto::PrivateKey::fromPem(readFile(keyFile), "pw"));
    QVERIFY(crypto::PrivateKey::fromPem(readFile(keyFile), "brand new"));
    QCOMPARE(run({QStringLiteral("key"), QStringLiteral("passphrase"), QStringLiteral("nope")},
                 {{kPass, QStringLiteral("pw")}, {kNewPass, QStringLiteral("x")}})
                 .code,
             int(ExitNotFound));
}

void TestOtactlKeys::defaults()
{
    generate(QStringLiteral("a"));
    generate(QStringLiteral("b"), QStringLiteral("ed25519"));
    Run r = run({QStringLiteral("key"), QStringLiteral("default"), QStringLiteral("a"), QStringLiteral("sensor")});
    QCOMPARE(r.code, int(ExitOk));
    r = run({QStringLiteral("key"), QStringLiteral("default"), QStringLiteral("b"), QStringLiteral("sensor"),
             QStringLiteral("--json")});
    QCOMPARE(r.code, int(ExitOk));
    QCOMPARE(r.json().object().value(QStringLiteral("name")).toString(), QStringLiteral("b"));
    r = run({QStringLiteral("key"), QStringLiteral("show"), QStringLiteral("a"), QStringLiteral("--json")});
    QVERIFY(r.json().object().value(QStringLiteral("defaultFor")).toArray().isEmpty());
    r = run({QStringLiteral("key"), QStringLiteral("show"), QStringLiteral("b")});
    QVERIFY(r.out.contains(QStringLiteral("sensor")));
    QCOMPARE(run({QStringLiteral("key"), QStringLiteral("default"), QStringLiteral("zzz"), QStringLiteral("p")}).code,
             int(ExitNotFound));
    QCOMPARE(run({QStringLiteral("key"), QStringLiteral("default"), QStringLiteral("a")}).code, int(ExitUsage));
}

void TestOtactlKeys::removeKey()
{
    const QString id = generate(QStringLiteral("k"));
    generate(QStringLiteral("other"));
    QCOMPARE(run({QStringLiteral("key"), QStringLiteral("default"), QStringLiteral("k"), QStringLiteral("p")}).code,
             int(ExitOk));
    // Without --yes and without a terminal: refused, nothing removed.
    Run r = run({QStringLiteral("key"), QStringLiteral("remove"), QStringLiteral("k")});
    QCOMPARE(r.code, int(ExitUsage));
    QVERIFY(r.err.contains(QStringLiteral("--yes")));
    QVERIFY(QFile::exists(path(QStringLiteral("ws/keys/") + id + QStringLiteral(".key.pem"))));
    r = run({QStringLiteral("key"), QStringLiteral("remove"), QStringLiteral("k"), QStringLiteral("--yes")});
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY(!QFile::exists(path(QStringLiteral("ws/keys/") + id + QStringLiteral(".key.pem"))));
    QCOMPARE(run({QStringLiteral("key"), QStringLiteral("show"), id}).code, int(ExitNotFound));
    QCOMPARE(run({QStringLiteral("key"), QStringLiteral("remove"), QStringLiteral("k"), QStringLiteral("--yes")}).code,
             int(ExitNotFound));
    r = run({QStringLiteral("key"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(r.json().array().size(), 1);
    QVERIFY(r.json().array().at(0).toObject().value(QStringLiteral("defaultFor")).toArray().isEmpty());
}

QTEST_GUILESS_MAIN(TestOtactlKeys)
#include "tst_otactl_keys.moc"
