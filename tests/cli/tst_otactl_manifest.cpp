// otactl manifest create | sign | verify | show as a process against a temporary workspace: real firmware
// from the shared test data, the official SUIT examples, tampered envelopes, sequence-number rollback,
// passphrases, the JSON output and the exit codes.
#include "../unit/TestData.h"
#include "app/otactl/ExitCodes.h"
#include "app/otactl/ExitCodes.h"
#include "core/crypto/Digest.h"
#include "core/manifest/CborDecoder.h"
#include "core/manifest/CborEncoder.h"

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
using namespace otadesk::manifest;

namespace {
struct Run
{
    int code = -1;
    QString out;
    QString err;
    QByteArray rawOut;
    QJsonObject json() const { return QJsonDocument::fromJson(rawOut).object(); }
};
using Env = QList<std::pair<QString, QString>>;

const QString kPass = QStringLiteral("OTADESK_PASSPHRASE");
const QString kProduct = QStringLiteral("HUB-1");

QString firmwarePath()
{
    return test::testData(QStringLiteral("firmware/pybricks/7.27.0/cityhub/firmware-base.bin"));
}

// Flips one bit of the first occurrence of `pattern` (at pattern offset `delta`).
QByteArray flipBit(QByteArray data, const QByteArray &pattern, qsizetype delta = 0)
{
    const qsizetype at = data.indexOf(pattern);
    if (at < 0)
        return {};
    data[at + delta] = char(data.at(at + delta) ^ 0x01);
    return data;
}

// Re-encodes the envelope with the COSE_Sign1 signature of the first authentication block changed by
// `change`.
QByteArray withSignature(const QByteArray &envelope, const std::function<QByteArray(QByteArray)> &change)
{
    auto root = CborDecoder::decode(envelope);
    if (!root || !root->isTag())
        return {};
    CborValue map = root->tagContent();
    for (CborMapEntry &e : map.entries()) {
        if (e.key.toInt64() != 2)
            continue;
        auto auth = CborDecoder::decode(e.value.bytes());
        if (!auth || auth->size() < 2)
            return {};
        CborValue wrapper = *auth;
        auto block = CborDecoder::decode(wrapper.items()[1].bytes());
        if (!block || !block->isTag())
            return {};
        CborValue sign1 = block->tagContent();
        sign1.items()[3] = CborValue::fromBytes(change(sign1.items()[3].bytes()));
        wrapper.items()[1] = CborValue::fromBytes(CborEncoder::encode(CborValue::tagged(18, sign1)));
        e.value = CborValue::fromBytes(CborEncoder::encode(wrapper));
    }
    return CborEncoder::encode(CborValue::tagged(107, map));
}
} // namespace

class TestOtactlManifest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void help();
    void roundTrip();
    void showJson();
    void libraryFirmware();
    void abSlots();
    void multiComponentSevered();
    void verifyFailures();
    void unreadableInput();
    void rollbackRefused();
    void wrongPassphrase();
    void validationProblems();
    void officialExamples_data();
    void officialExamples();
    void extensionExamples();

private:
    Run run(const QStringList &args, const Env &env = {});
    QString generateKey(const QString &name, const QString &type = QStringLiteral("ecdsa-p256"),
                        const QString &defaultFor = QString());
    Run create(const QString &out, const QStringList &extra = {});
    Run sign(const QString &in, const QString &out, const QStringList &extra = {}, const Env &env = {});
    QString path(const QString &name) const { return m_dir->filePath(name); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestOtactlManifest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY2(QFile::exists(firmwarePath()), qPrintable(firmwarePath()));
}

Run TestOtactlManifest::run(const QStringList &args, const Env &extra)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("OTADESK_WORKSPACE"), path(QStringLiteral("ws")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("config")));
    env.insert(kPass, QStringLiteral("pw"));
    for (const auto &[name, value] : extra) {
        if (value.isNull())
            env.remove(name);
        else
            env.insert(name, value);
    }
    p.setProcessEnvironment(env);
    p.setStandardInputFile(QProcess::nullDevice()); // never a terminal: no prompts
    p.start(QStringLiteral(OTACTL_PATH), args);
    Run r;
    if (!p.waitForFinished(120000))
        return r;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.rawOut = p.readAllStandardOutput();
    r.out = QString::fromUtf8(r.rawOut);
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString TestOtactlManifest::generateKey(const QString &name, const QString &type, const QString &defaultFor)
{
    QStringList args{QStringLiteral("--json"),   QStringLiteral("key"),
                     QStringLiteral("generate"), name,
                     QStringLiteral("--type"),   type};
    if (!defaultFor.isEmpty())
        args << QStringLiteral("--default-for") << defaultFor;
    const Run r = run(args);
    if (r.code != ExitOk)
        qWarning() << r.err;
    return r.json().value(QStringLiteral("id")).toString();
}

Run TestOtactlManifest::create(const QString &out, const QStringList &extra)
{
    QStringList args{QStringLiteral("--json"),
                     QStringLiteral("manifest"),
                     QStringLiteral("create"),
                     QStringLiteral("-o"),
                     out,
                     QStringLiteral("--product"),
                     kProduct,
                     QStringLiteral("--vendor-domain"),
                     QStringLiteral("example.com"),
                     QStringLiteral("--model"),
                     QStringLiteral("cityhub"),
                     QStringLiteral("--version"),
                     QStringLiteral("7.27.0"),
                     QStringLiteral("--component"),
                     QStringLiteral("main=file:") + firmwarePath(),
                     QStringLiteral("--uri"),
                     QStringLiteral("main=https://updates.example.com/cityhub.bin")};
    const Run r = run(args + extra);
    if (r.code != ExitOk)
        qWarning() << r.err;
    return r;
}

Run TestOtactlManifest::sign(const QString &in, const QString &out, const QStringList &extra, const Env &env)
{
    return run(QStringList{QStringLiteral("--json"), QStringLiteral("manifest"), QStringLiteral("sign"), in,
                           QStringLiteral("-o"), out, QStringLiteral("--product"), kProduct} +
                   extra,
               env);
}

void TestOtactlManifest::help()
{
    for (const QStringList &args : {QStringList{QStringLiteral("manifest"), QStringLiteral("help")},
                                    QStringList{QStringLiteral("manifest"), QStringLiteral("--help")}}) {
        const Run r = run(args);
        QCOMPARE(r.code, int(ExitOk));
        for (const char *cmd : {"manifest create", "manifest sign", "manifest verify", "manifest show"})
            QVERIFY2(r.out.contains(QString::fromLatin1(cmd)), cmd);
    }
    const Run overview = run({QStringLiteral("--help")});
    QVERIFY(overview.out.contains(QStringLiteral("manifest verify")));
    const Run createHelp =
        run({QStringLiteral("manifest"), QStringLiteral("create"), QStringLiteral("--help")});
    QCOMPARE(createHelp.code, int(ExitOk));
    for (const char *option : {"--component", "--template", "--spec", "--save-spec", "--sequence",
                               "--integrate", "--characteristic", "--sever-install", "--dependency", "--sign",
                               "--alg", "--passphrase-file", "problems"})
        QVERIFY2(createHelp.out.contains(QString::fromLatin1(option)), option);
    const Run showHelp = run({QStringLiteral("manifest"), QStringLiteral("show"), QStringLiteral("--help")});
    QVERIFY(showHelp.out.contains(QStringLiteral("signatures [{index")));
    const Run verifyHelp =
        run({QStringLiteral("manifest"), QStringLiteral("verify"), QStringLiteral("--help")});
    QVERIFY(verifyHelp.out.contains(QStringLiteral("checks: [{id, passed, message}]")));
    QCOMPARE(run({QStringLiteral("manifest"), QStringLiteral("bogus")}).code, int(ExitUsage));
}

void TestOtactlManifest::roundTrip()
{
    const QString keyId = generateKey(QStringLiteral("release"), QStringLiteral("ecdsa-p256"), kProduct);
    QVERIFY(!keyId.isEmpty());
    const Run created = create(path(QStringLiteral("unsigned.suit")),
                               {QStringLiteral("--sequence"), QStringLiteral("auto"),
                                QStringLiteral("--save-spec"), path(QStringLiteral("spec.json"))});
    QCOMPARE(created.code, int(ExitOk));
    const QJsonObject c = created.json();
    QCOMPARE(c.value(QStringLiteral("signed")).toBool(), false);
    QCOMPARE(c.value(QStringLiteral("sequenceNumber")).toInteger(), qint64(1)); // nothing published yet
    const QByteArray firmware = readFile(firmwarePath());
    const QJsonObject component = c.value(QStringLiteral("components")).toArray().first().toObject();
    QCOMPARE(component.value(QStringLiteral("digest")).toString(),
             QString::fromLatin1(crypto::sha256(firmware).toHex()));
    QCOMPARE(component.value(QStringLiteral("size")).toInteger(), qint64(firmware.size()));
    QVERIFY(QFile::exists(path(QStringLiteral("spec.json"))));

    // Unsigned: verify fails (no signature), exit 6.
    const Run unsignedVerify =
        run({QStringLiteral("manifest"), QStringLiteral("verify"), path(QStringLiteral("unsigned.suit"))});
    QCOMPARE(unsignedVerify.code, int(ExitVerificationFailed));
    QVERIFY(unsignedVerify.out.contains(QStringLiteral("FAIL authentication")));

    // Sign with the product's default key (no --key).
    const Run s = sign(path(QStringLiteral("unsigned.suit")), path(QStringLiteral("signed.suit")));
    QCOMPARE(s.code, int(ExitOk));
    QCOMPARE(s.json().value(QStringLiteral("key")).toObject().value(QStringLiteral("id")).toString(), keyId);
    QCOMPARE(s.json().value(QStringLiteral("algorithm")).toString(), QStringLiteral("ESP256"));
    QCOMPARE(s.json().value(QStringLiteral("manifestDigest")).toString(),
             c.value(QStringLiteral("manifestDigest")).toString());

    // Verify with the default trust (every workspace key), by key name, and by public key file.
    const Run v =
        run({QStringLiteral("manifest"), QStringLiteral("verify"), path(QStringLiteral("signed.suit"))});
    QCOMPARE(v.code, int(ExitOk));
    QVERIFY(v.out.contains(QStringLiteral("PASS signature")));
    QVERIFY(v.out.contains(QStringLiteral("PASS manifest-digest")));
    QVERIFY(!v.out.contains(QStringLiteral("FAIL")));
    const Run vj =
        run({QStringLiteral("--json"), QStringLiteral("manifest"), QStringLiteral("verify"),
             path(QStringLiteral("signed.suit")), QStringLiteral("--key"), QStringLiteral("release")});
    QCOMPARE(vj.code, int(ExitOk));
    QCOMPARE(vj.json().value(QStringLiteral("ok")).toBool(), true);
    QCOMPARE(vj.json().value(QStringLiteral("signer")).toString(), QStringLiteral("release"));
    QCOMPARE(vj.json().value(QStringLiteral("sequenceNumber")).toInteger(), qint64(1));
    QVERIFY(vj.json().value(QStringLiteral("checks")).toArray().size() >= 5);
    QCOMPARE(run({QStringLiteral("key"), QStringLiteral("export"), QStringLiteral("release"),
                  QStringLiteral("--out"), path(QStringLiteral("release.pem"))})
                 .code,
             int(ExitOk));
    QCOMPARE(run({QStringLiteral("manifest"), QStringLiteral("verify"), path(QStringLiteral("signed.suit")),
                  QStringLiteral("--public-key"), path(QStringLiteral("release.pem"))})
                 .code,
             int(ExitOk));

    // The saved spec rebuilds the very same manifest.
    const Run again = run({QStringLiteral("--json"), QStringLiteral("manifest"), QStringLiteral("create"),
                           QStringLiteral("-o"), path(QStringLiteral("again.suit")), QStringLiteral("--spec"),
                           path(QStringLiteral("spec.json"))});
    QCOMPARE(again.code, int(ExitOk));
    QCOMPARE(readFile(path(QStringLiteral("again.suit"))), readFile(path(QStringLiteral("unsigned.suit"))));

    // create --sign in one go: sequence auto is now 2; Ed25519 signs with its default algorithm.
    generateKey(QStringLiteral("ed"), QStringLiteral("ed25519"));
    const Run oneStep = create(path(QStringLiteral("one-step.suit")),
                               {QStringLiteral("--sign"), QStringLiteral("--key"), QStringLiteral("ed")});
    QCOMPARE(oneStep.code, int(ExitOk));
    QCOMPARE(oneStep.json().value(QStringLiteral("sequenceNumber")).toInteger(), qint64(2));
    QCOMPARE(oneStep.json()
                 .value(QStringLiteral("signature"))
                 .toObject()
                 .value(QStringLiteral("algorithm"))
                 .toString(),
             QStringLiteral("Ed25519"));
    QCOMPARE(run({QStringLiteral("manifest"), QStringLiteral("verify"), path(QStringLiteral("one-step.suit")),
                  QStringLiteral("--key"), QStringLiteral("ed")})
                 .code,
             int(ExitOk));
    // A key that does not fit the algorithm is a usage error.
    QCOMPARE(create(path(QStringLiteral("x.suit")),
                    {QStringLiteral("--sign"), QStringLiteral("--key"), QStringLiteral("ed"),
                     QStringLiteral("--alg"), QStringLiteral("es256")})
                 .code,
             int(ExitUsage));
}

void TestOtactlManifest::showJson()
{
    const QString keyId = generateKey(QStringLiteral("release"), QStringLiteral("ecdsa-p256"), kProduct);
    QCOMPARE(create(path(QStringLiteral("u.suit")),
                    {QStringLiteral("--sequence"), QStringLiteral("7"), QStringLiteral("--description"),
                     QStringLiteral("Spring release"), QStringLiteral("--characteristic"),
                     QStringLiteral("serial"), QStringLiteral("--characteristic"),
                     QStringLiteral("component-version:main"), QStringLiteral("--resource-uri"),
                     QStringLiteral("https://updates.example.com/report")})
                 .code,
             int(ExitOk));
    QCOMPARE(sign(path(QStringLiteral("u.suit")), path(QStringLiteral("s.suit")),
                  {QStringLiteral("--alg"), QStringLiteral("es256")})
                 .code,
             int(ExitOk));
    const Run r = run({QStringLiteral("--json"), QStringLiteral("manifest"), QStringLiteral("show"),
                       path(QStringLiteral("s.suit"))});
    QCOMPARE(r.code, int(ExitOk));
    const QJsonObject s = r.json();
    QCOMPARE(s.value(QStringLiteral("sequenceNumber")).toInteger(), qint64(7));
    QCOMPARE(s.value(QStringLiteral("manifestVersion")).toInteger(), qint64(1));
    QCOMPARE(s.value(QStringLiteral("tagged")).toBool(), true);
    QCOMPARE(s.value(QStringLiteral("size")).toInteger(),
             qint64(readFile(path(QStringLiteral("s.suit"))).size()));
    const QJsonArray components = s.value(QStringLiteral("components")).toArray();
    QCOMPARE(components.size(), qsizetype(1));
    const QJsonObject main = components.first().toObject();
    QCOMPARE(main.value(QStringLiteral("name")).toString(), QStringLiteral("[main]"));
    QCOMPARE(main.value(QStringLiteral("identifier")).toArray().first().toString(),
             QStringLiteral("6d61696e"));
    QCOMPARE(main.value(QStringLiteral("version")).toString(), QStringLiteral("7.27.0"));
    QCOMPARE(main.value(QStringLiteral("vendorId")).toString().size(), qsizetype(36));
    const QJsonObject image = main.value(QStringLiteral("images")).toArray().first().toObject();
    const QByteArray firmware = readFile(firmwarePath());
    QCOMPARE(image.value(QStringLiteral("digest")).toObject().value(QStringLiteral("hex")).toString(),
             QString::fromLatin1(crypto::sha256(firmware).toHex()));
    QCOMPARE(image.value(QStringLiteral("digest")).toObject().value(QStringLiteral("algorithm")).toString(),
             QStringLiteral("SHA-256"));
    QCOMPARE(image.value(QStringLiteral("size")).toInteger(), qint64(firmware.size()));
    QCOMPARE(image.value(QStringLiteral("uri")).toString(),
             QStringLiteral("https://updates.example.com/cityhub.bin"));
    const QJsonObject text =
        s.value(QStringLiteral("text")).toObject().value(QStringLiteral("en-US")).toObject();
    QCOMPARE(text.value(QStringLiteral("manifest-description")).toString(), QStringLiteral("Spring release"));
    const QJsonObject ch = s.value(QStringLiteral("characteristics")).toObject();
    QCOMPARE(ch.value(QStringLiteral("resourceRequestUri")).toString(),
             QStringLiteral("https://updates.example.com/report"));
    QCOMPARE(ch.value(QStringLiteral("names")).toArray().size(), qsizetype(2));
    QCOMPARE(ch.value(QStringLiteral("names")).toArray().at(0).toString(), QStringLiteral("serial"));
    QCOMPARE(ch.value(QStringLiteral("names")).toArray().at(1).toString(),
             QStringLiteral("component-version:[main]"));
    const QJsonArray sigs = s.value(QStringLiteral("signatures")).toArray();
    QCOMPARE(sigs.size(), qsizetype(1));
    const QJsonObject sig = sigs.first().toObject();
    QCOMPARE(sig.value(QStringLiteral("type")).toString(), QStringLiteral("COSE_Sign1"));
    QCOMPARE(sig.value(QStringLiteral("algorithm")).toString(), QStringLiteral("ES256"));
    QCOMPARE(sig.value(QStringLiteral("algorithmId")).toInteger(), qint64(-7));
    QCOMPARE(sig.value(QStringLiteral("keyId")).toString(), keyId);
    QCOMPARE(sig.value(QStringLiteral("keyName")).toString(), QStringLiteral("release"));
    QCOMPARE(sig.value(QStringLiteral("signature")).toString().size(), qsizetype(128));
    QVERIFY(s.value(QStringLiteral("sequences")).toArray().contains(QStringLiteral("install")));

    const Run text2 =
        run({QStringLiteral("manifest"), QStringLiteral("show"), path(QStringLiteral("s.suit"))});
    QCOMPARE(text2.code, int(ExitOk));
    QVERIFY(text2.out.contains(QStringLiteral("Sequence number:  7")));
    QVERIFY(text2.out.contains(QString::fromLatin1(crypto::sha256(firmware).toHex())));
    const Run diag = run({QStringLiteral("manifest"), QStringLiteral("show"), QStringLiteral("--diag"),
                          path(QStringLiteral("s.suit"))});
    QCOMPARE(diag.code, int(ExitOk));
    QVERIFY(diag.out.startsWith(QStringLiteral("107(")));
    QVERIFY(diag.out.contains(QStringLiteral("<<")));
    QVERIFY(diag.out.contains(QStringLiteral("Spring release")));
}

void TestOtactlManifest::libraryFirmware()
{
    // A HEX file in the library: the manifest describes its flattened image (what `firmware export x.bin`
    // writes).
    const QString hexFile =
        test::testData(QStringLiteral("formats/smpclient-zephyr-hello_world/hello_world.hex"));
    const Run imported =
        run({QStringLiteral("--json"), QStringLiteral("firmware"), QStringLiteral("import"), hexFile});
    QCOMPARE(imported.code, int(ExitOk));
    const QJsonObject entry = QJsonDocument::fromJson(imported.rawOut)
                                  .array()
                                  .first()
                                  .toObject()
                                  .value(QStringLiteral("entries"))
                                  .toArray()
                                  .first()
                                  .toObject();
    const QString id = QString::number(entry.value(QStringLiteral("id")).toInteger());
    const Run exported =
        run({QStringLiteral("firmware"), QStringLiteral("export"), id, path(QStringLiteral("image.bin"))});
    QCOMPARE(exported.code, int(ExitOk));
    const QByteArray image = readFile(path(QStringLiteral("image.bin")));
    QVERIFY(!image.isEmpty());

    for (const QString &ref : {id, QStringLiteral("hello_world.hex")}) {
        const Run r =
            run({QStringLiteral("--json"), QStringLiteral("manifest"), QStringLiteral("create"),
                 QStringLiteral("-o"), path(QStringLiteral("lib.suit")), QStringLiteral("--product"),
                 QStringLiteral("ZEPHYR"), QStringLiteral("--vendor-domain"), QStringLiteral("example.org"),
                 QStringLiteral("--model"), QStringLiteral("nrf52"), QStringLiteral("--component"),
                 QStringLiteral("app=") + ref, QStringLiteral("--integrate"), QStringLiteral("app")});
        QCOMPARE(r.code, int(ExitOk));
        const QJsonObject c = r.json().value(QStringLiteral("components")).toArray().first().toObject();
        QCOMPARE(c.value(QStringLiteral("name")).toString(), QStringLiteral("app"));
        QCOMPARE(c.value(QStringLiteral("firmware")).toString(), id);
        QCOMPARE(c.value(QStringLiteral("digest")).toString(),
                 QString::fromLatin1(crypto::sha256(image).toHex()));
        QCOMPARE(c.value(QStringLiteral("digest")).toString(),
                 entry.value(QStringLiteral("imageSha256")).toString());
        QCOMPARE(c.value(QStringLiteral("integrated")).toBool(), true);
    }
    const Run shown = run({QStringLiteral("--json"), QStringLiteral("manifest"), QStringLiteral("show"),
                           path(QStringLiteral("lib.suit"))});
    const QJsonArray payloads = shown.json().value(QStringLiteral("integratedPayloads")).toArray();
    QCOMPARE(payloads.size(), qsizetype(1));
    QCOMPARE(payloads.first().toObject().value(QStringLiteral("size")).toInteger(), qint64(image.size()));
    QCOMPARE(run({QStringLiteral("manifest"), QStringLiteral("create"), QStringLiteral("-o"),
                  path(QStringLiteral("x.suit")), QStringLiteral("--component"),
                  QStringLiteral("app=no-such-firmware")})
                 .code,
             int(ExitNotFound));
}

void TestOtactlManifest::abSlots()
{
    const QString other =
        test::testData(QStringLiteral("firmware/pybricks/7.28.0/cityhub/firmware-base.bin"));
    const Run r = create(path(QStringLiteral("ab.suit")),
                         {QStringLiteral("--template"), QStringLiteral("ab-slots"),
                          QStringLiteral("--component"), QStringLiteral("main=file:") + other,
                          QStringLiteral("--uri"), QStringLiteral("main=https://updates.example.com/b.bin")});
    QCOMPARE(r.code, int(ExitOk));
    const QJsonArray planned = r.json().value(QStringLiteral("components")).toArray();
    QCOMPARE(planned.size(), qsizetype(2));
    QCOMPARE(planned.at(0).toObject().value(QStringLiteral("slot")).toInteger(), qint64(0));
    QCOMPARE(planned.at(1).toObject().value(QStringLiteral("slot")).toInteger(), qint64(1));
    const Run shown = run({QStringLiteral("--json"), QStringLiteral("manifest"), QStringLiteral("show"),
                           path(QStringLiteral("ab.suit"))});
    QCOMPARE(shown.code, int(ExitOk));
    const QJsonArray components = shown.json().value(QStringLiteral("components")).toArray();
    QCOMPARE(components.size(), qsizetype(1));
    const QJsonArray images = components.first().toObject().value(QStringLiteral("images")).toArray();
    QCOMPARE(images.size(), qsizetype(2));
    QCOMPARE(images.at(0).toObject().value(QStringLiteral("slot")).toInteger(), qint64(0));
    QCOMPARE(images.at(1).toObject().value(QStringLiteral("uri")).toString(),
             QStringLiteral("https://updates.example.com/b.bin"));
    QCOMPARE(images.at(1)
                 .toObject()
                 .value(QStringLiteral("digest"))
                 .toObject()
                 .value(QStringLiteral("hex"))
                 .toString(),
             QString::fromLatin1(crypto::sha256(readFile(other)).toHex()));
}

void TestOtactlManifest::multiComponentSevered()
{
    // multi-component template with two of its three components given: the third is dropped; install severed,
    // text kept in the manifest; a dependency manifest; the result signs and verifies with every check
    // passing.
    generateKey(QStringLiteral("release"), QStringLiteral("ecdsa-p256"), kProduct);
    const QString net = test::testData(QStringLiteral("firmware/pybricks/7.27.0/primehub/firmware-base.bin"));
    const QString dependency = QString::fromLatin1(QByteArray(32, '\x5a').toHex());
    const Run r = create(
        path(QStringLiteral("multi.suit")),
        {QStringLiteral("--template"), QStringLiteral("multi-component"), QStringLiteral("--component"),
         QStringLiteral("net=file:") + net, QStringLiteral("--uri"),
         QStringLiteral("net=https://updates.example.com/net.bin"), QStringLiteral("--component-version"),
         QStringLiteral("net=1.2.3"), QStringLiteral("--sever-install"), QStringLiteral("--no-sever-text"),
         QStringLiteral("--dependency"), dependency + QStringLiteral("=https://updates.example.com/dep.suit"),
         QStringLiteral("--sign")});
    QCOMPARE(r.code, int(ExitOk));
    QStringList names;
    for (const QJsonValue &c : r.json().value(QStringLiteral("components")).toArray())
        names << c.toObject().value(QStringLiteral("name")).toString();
    QCOMPARE(names, (QStringList{QStringLiteral("main"), QStringLiteral("net")}));
    const Run v = run({QStringLiteral("--json"), QStringLiteral("manifest"), QStringLiteral("verify"),
                       path(QStringLiteral("multi.suit"))});
    QVERIFY2(v.code == ExitOk, qPrintable(v.out + v.err));
    const Run shown = run({QStringLiteral("--json"), QStringLiteral("manifest"), QStringLiteral("show"),
                           path(QStringLiteral("multi.suit"))});
    QStringList severed;
    for (const QJsonValue &sv : shown.json().value(QStringLiteral("severed")).toArray())
        severed << sv.toObject().value(QStringLiteral("member")).toString();
    QVERIFY2(severed.contains(QStringLiteral("install")), qPrintable(severed.join(QLatin1Char(' '))));
    QVERIFY(!severed.contains(QStringLiteral("text")));
    bool foundNet = false;
    bool foundDependency = false;
    for (const QJsonValue &cv : shown.json().value(QStringLiteral("components")).toArray()) {
        const QJsonObject c = cv.toObject();
        foundDependency = foundDependency || c.value(QStringLiteral("dependency")).toBool();
        if (c.value(QStringLiteral("name")).toString() != QLatin1String("[net]"))
            continue;
        foundNet = true;
        QCOMPARE(c.value(QStringLiteral("version")).toString(), QStringLiteral("1.2.3"));
        QCOMPARE(c.value(QStringLiteral("images"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("size"))
                     .toInteger(),
                 qint64(readFile(net).size()));
    }
    QVERIFY(foundNet);
    QVERIFY(foundDependency);
}

void TestOtactlManifest::verifyFailures()
{
    generateKey(QStringLiteral("release"), QStringLiteral("ecdsa-p256"), kProduct);
    generateKey(QStringLiteral("other"));
    QCOMPARE(create(path(QStringLiteral("u.suit"))).code, int(ExitOk));
    QCOMPARE(sign(path(QStringLiteral("u.suit")), path(QStringLiteral("s.suit"))).code, int(ExitOk));
    const QByteArray good = readFile(path(QStringLiteral("s.suit")));
    const auto verify = [&](const QByteArray &bytes, const QString &key) {
        if (!writeFile(path(QStringLiteral("t.suit")), bytes))
            return Run{};
        return run({QStringLiteral("--json"), QStringLiteral("manifest"), QStringLiteral("verify"),
                    path(QStringLiteral("t.suit")), QStringLiteral("--key"), key});
    };
    const auto failed = [](const Run &r) {
        QStringList ids;
        for (const QJsonValue &c : r.json().value(QStringLiteral("checks")).toArray()) {
            if (!c.toObject().value(QStringLiteral("passed")).toBool())
                ids << c.toObject().value(QStringLiteral("id")).toString();
        }
        return ids;
    };
    QCOMPARE(verify(good, QStringLiteral("release")).code, int(ExitOk));

    // Wrong key.
    const Run wrongKey = verify(good, QStringLiteral("other"));
    QCOMPARE(wrongKey.code, int(ExitVerificationFailed));
    QCOMPARE(wrongKey.json().value(QStringLiteral("ok")).toBool(), false);
    QCOMPARE(failed(wrongKey), QStringList{QStringLiteral("signature")});

    // Truncated signature (63 of 64 bytes, the envelope otherwise well-formed).
    const QByteArray truncated = withSignature(good, [](QByteArray s) { return s.chopped(1); });
    QVERIFY(!truncated.isEmpty());
    QCOMPARE(withSignature(good, [](QByteArray s) { return s; }), good); // the re-encoding itself is exact
    const Run t = verify(truncated, QStringLiteral("release"));
    QCOMPARE(t.code, int(ExitVerificationFailed));
    QCOMPARE(failed(t), QStringList{QStringLiteral("signature")});

    // A flipped bit in the manifest digest (authentication wrapper).
    const Run shown = run({QStringLiteral("--json"), QStringLiteral("manifest"), QStringLiteral("show"),
                           path(QStringLiteral("s.suit"))});
    const QByteArray manifestDigest = QByteArray::fromHex(shown.json()
                                                              .value(QStringLiteral("manifestDigest"))
                                                              .toObject()
                                                              .value(QStringLiteral("hex"))
                                                              .toString()
                                                              .toLatin1());
    QCOMPARE(manifestDigest.size(), qsizetype(32));
    const Run d = verify(flipBit(good, manifestDigest, 5), QStringLiteral("release"));
    QCOMPARE(d.code, int(ExitVerificationFailed));
    QVERIFY(failed(d).contains(QStringLiteral("manifest-digest")));
    QVERIFY(failed(d).contains(QStringLiteral("signature")));

    // A flipped bit in the payload (image) digest inside the manifest.
    const QByteArray payloadDigest = crypto::sha256(readFile(firmwarePath()));
    QCOMPARE(good.count(payloadDigest), qsizetype(1));
    const Run pd = verify(flipBit(good, payloadDigest, 31), QStringLiteral("release"));
    QCOMPARE(pd.code, int(ExitVerificationFailed));
    QVERIFY(failed(pd).contains(QStringLiteral("manifest-digest")));

    // A flipped bit in the signature itself.
    const Run sb = verify(withSignature(good,
                                        [](QByteArray s) {
                                            s[40] = char(s.at(40) ^ 0x80);
                                            return s;
                                        }),
                          QStringLiteral("release"));
    QCOMPARE(sb.code, int(ExitVerificationFailed));
    QCOMPARE(failed(sb), QStringList{QStringLiteral("signature")});
}

void TestOtactlManifest::unreadableInput()
{
    const Run missing =
        run({QStringLiteral("manifest"), QStringLiteral("verify"), path(QStringLiteral("none.suit"))});
    QCOMPARE(missing.code, int(ExitNotFound));
    QVERIFY(writeFile(path(QStringLiteral("garbage.suit")), QByteArray("not cbor at all \xff\xff", 18)));
    const Run garbage =
        run({QStringLiteral("manifest"), QStringLiteral("verify"), path(QStringLiteral("garbage.suit"))});
    QCOMPARE(garbage.code, int(ExitInput));
    QVERIFY(garbage.out.contains(QStringLiteral("FAIL structure")));
    QCOMPARE(
        run({QStringLiteral("manifest"), QStringLiteral("show"), path(QStringLiteral("garbage.suit"))}).code,
        int(ExitInput));
    QCOMPARE(
        run({QStringLiteral("manifest"), QStringLiteral("show"), path(QStringLiteral("none.suit"))}).code,
        int(ExitNotFound));
    QCOMPARE(
        run({QStringLiteral("manifest"), QStringLiteral("sign"), path(QStringLiteral("garbage.suit")),
             QStringLiteral("-o"), path(QStringLiteral("out.suit")), QStringLiteral("--product"), kProduct})
            .code,
        int(ExitInput));
    QCOMPARE(run({QStringLiteral("manifest"), QStringLiteral("verify")}).code, int(ExitUsage));
}

void TestOtactlManifest::rollbackRefused()
{
    generateKey(QStringLiteral("release"), QStringLiteral("ecdsa-p256"), kProduct);
    QCOMPARE(
        create(path(QStringLiteral("five.suit")), {QStringLiteral("--sequence"), QStringLiteral("5")}).code,
        int(ExitOk));
    QCOMPARE(sign(path(QStringLiteral("five.suit")), path(QStringLiteral("five.signed.suit"))).code,
             int(ExitOk));
    // Signing the very same manifest again only adds a signature.
    QCOMPARE(sign(path(QStringLiteral("five.suit")), path(QStringLiteral("five.again.suit"))).code,
             int(ExitOk));

    for (const char *number : {"3", "5"}) {
        const QString out = path(QStringLiteral("old-%1.signed.suit").arg(QLatin1String(number)));
        QCOMPARE(create(path(QStringLiteral("old.suit")),
                        {QStringLiteral("--sequence"), QString::fromLatin1(number),
                         QStringLiteral("--description"), QStringLiteral("different manifest")})
                     .code,
                 int(ExitOk));
        const Run r = sign(path(QStringLiteral("old.suit")), out);
        QCOMPARE(r.code, int(ExitRollback));
        QVERIFY2(r.err.contains(QStringLiteral("is not above 5")), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
        // create --sign refuses it the same way.
        const Run cs = create(out, {QStringLiteral("--sequence"), QString::fromLatin1(number),
                                    QStringLiteral("--description"), QStringLiteral("yet another manifest"),
                                    QStringLiteral("--sign")});
        QCOMPARE(cs.code, int(ExitRollback));
        QVERIFY(!QFile::exists(out));
    }
    // The published number stays 5: auto picks 6, and another product starts at 1.
    const Run next =
        create(path(QStringLiteral("next.suit")), {QStringLiteral("--sequence"), QStringLiteral("auto")});
    QCOMPARE(next.json().value(QStringLiteral("sequenceNumber")).toInteger(), qint64(6));
    QCOMPARE(sign(path(QStringLiteral("next.suit")), path(QStringLiteral("next.signed.suit"))).code,
             int(ExitOk));
    const Run otherProduct =
        run({QStringLiteral("--json"), QStringLiteral("manifest"), QStringLiteral("sign"),
             path(QStringLiteral("old.suit")), QStringLiteral("-o"), path(QStringLiteral("p2.suit")),
             QStringLiteral("--product"), QStringLiteral("OTHER"), QStringLiteral("--key"),
             QStringLiteral("release")});
    QCOMPARE(otherProduct.code, int(ExitOk));
    // No product: a usage error naming --product.
    const Run noProduct =
        run({QStringLiteral("manifest"), QStringLiteral("sign"), path(QStringLiteral("next.suit")),
             QStringLiteral("-o"), path(QStringLiteral("np.suit"))});
    QCOMPARE(noProduct.code, int(ExitUsage));
    QVERIFY(noProduct.err.contains(QStringLiteral("--product")));
}

void TestOtactlManifest::wrongPassphrase()
{
    generateKey(QStringLiteral("release"), QStringLiteral("ecdsa-p256"), kProduct);
    QCOMPARE(create(path(QStringLiteral("u.suit")), {QStringLiteral("--sequence"), QStringLiteral("4")}).code,
             int(ExitOk));
    const Run wrong = sign(path(QStringLiteral("u.suit")), path(QStringLiteral("s.suit")), {},
                           {{kPass, QStringLiteral("nope")}});
    QCOMPARE(wrong.code, int(ExitInput));
    QVERIFY2(wrong.err.contains(QStringLiteral("passphrase"), Qt::CaseInsensitive), qPrintable(wrong.err));
    QVERIFY(!QFile::exists(path(QStringLiteral("s.suit"))));
    // From a file, right this time; nothing was published by the failed attempt, so 4 is still free.
    QVERIFY(writeFile(path(QStringLiteral("pass.txt")), "pw\n"));
    const Run fromFile = sign(path(QStringLiteral("u.suit")), path(QStringLiteral("s.suit")),
                              {QStringLiteral("--passphrase-file"), path(QStringLiteral("pass.txt"))},
                              {{kPass, QStringLiteral("nope")}});
    QCOMPARE(fromFile.code, int(ExitOk));
    QCOMPARE(fromFile.json().value(QStringLiteral("sequenceNumber")).toInteger(), qint64(4));
    // No passphrase and no terminal: a clear usage error.
    const Run none =
        run({QStringLiteral("manifest"), QStringLiteral("sign"), path(QStringLiteral("u.suit")),
             QStringLiteral("-o"), path(QStringLiteral("s2.suit")), QStringLiteral("--product"), kProduct},
            {{kPass, QString()}});
    QCOMPARE(none.code, int(ExitUsage));
}

void TestOtactlManifest::validationProblems()
{
    const Run r = run({QStringLiteral("--json"), QStringLiteral("manifest"), QStringLiteral("create"),
                       QStringLiteral("-o"), path(QStringLiteral("bad.suit")), QStringLiteral("--product"),
                       kProduct, QStringLiteral("--component"), QStringLiteral("main=file:") + firmwarePath(),
                       QStringLiteral("--uri"), QStringLiteral("main=not a uri"),
                       QStringLiteral("--characteristic"), QStringLiteral("serial")});
    QCOMPARE(r.code, int(ExitInput));
    QStringList fields;
    for (const QJsonValue &v : r.json().value(QStringLiteral("problems")).toArray())
        fields << v.toObject().value(QStringLiteral("field")).toString();
    for (const char *field : {"vendorDomain", "modelName", "components[0].uri", "resourceRequestUri"})
        QVERIFY2(fields.contains(QString::fromLatin1(field)), qPrintable(fields.join(QLatin1Char(' '))));
    QVERIFY(r.err.contains(QStringLiteral("components[0].uri")));
    QVERIFY(!QFile::exists(path(QStringLiteral("bad.suit"))));
    QCOMPARE(run({QStringLiteral("manifest"), QStringLiteral("create"), QStringLiteral("-o"),
                  path(QStringLiteral("bad.suit")), QStringLiteral("--template"), QStringLiteral("nope")})
                 .code,
             int(ExitUsage));
    QCOMPARE(run({QStringLiteral("manifest"), QStringLiteral("create"), QStringLiteral("-o"),
                  path(QStringLiteral("bad.suit")), QStringLiteral("--component"), QStringLiteral("main")})
                 .code,
             int(ExitUsage));
}

void TestOtactlManifest::officialExamples_data()
{
    QTest::addColumn<QString>("file");
    for (int i = 0; i <= 5; ++i)
        QTest::newRow(qPrintable(QStringLiteral("example%1").arg(i)))
            << test::testData(QStringLiteral("suit/manifest-spec/example%1.signed.cbor").arg(i));
}

void TestOtactlManifest::officialExamples()
{
    QFETCH(QString, file);
    const QString key = test::testData(QStringLiteral("suit/manifest-spec/examples_public_key.pem"));
    const Run r = run({QStringLiteral("--json"), QStringLiteral("manifest"), QStringLiteral("verify"), file,
                       QStringLiteral("--public-key"), key});
    QVERIFY2(r.code == ExitOk, qPrintable(r.out + r.err));
    QCOMPARE(r.json().value(QStringLiteral("ok")).toBool(), true);
    const Run shown =
        run({QStringLiteral("--json"), QStringLiteral("manifest"), QStringLiteral("show"), file});
    QCOMPARE(shown.code, int(ExitOk));
    const QJsonObject sig = shown.json().value(QStringLiteral("signatures")).toArray().first().toObject();
    QCOMPARE(sig.value(QStringLiteral("algorithm")).toString(), QStringLiteral("ES256"));
    QVERIFY(!shown.json().value(QStringLiteral("components")).toArray().isEmpty());
    // With an unrelated key the same example fails verification (exit 6), not input (2).
    const QString otherKey = test::testData(QStringLiteral("mcuboot/root-ec-p256.pub.pem"));
    QCOMPARE(run({QStringLiteral("manifest"), QStringLiteral("verify"), file, QStringLiteral("--public-key"),
                  otherKey})
                 .code,
             int(ExitVerificationFailed));
}

void TestOtactlManifest::extensionExamples()
{
    // Hex-text envelopes: the draft example in its .hex form, the ESP256 extension examples, and the
    // COSE_Mac0 ones with the draft's shared key (32 x 'a') from --mac-key-file.
    const QString examplesKey = test::testData(QStringLiteral("suit/manifest-spec/examples_public_key.pem"));
    QCOMPARE(run({QStringLiteral("manifest"), QStringLiteral("verify"),
                  test::testData(QStringLiteral("suit/manifest-spec/example2.signed.hex")),
                  QStringLiteral("--public-key"), examplesKey})
                 .code,
             int(ExitOk));
    const QString esp256 = test::testData(QStringLiteral("suit/firmware-encryption/esp256_public_key.pem"));
    for (const char *file :
         {"suit/firmware-encryption/suit-manifest-es-ecdh-content.hex.signed",
          "suit/trust-domains/example0_dependent.hex", "suit/trust-domains/example1_process.hex"}) {
        const Run r =
            run({QStringLiteral("--json"), QStringLiteral("manifest"), QStringLiteral("verify"),
                 test::testData(QString::fromLatin1(file)), QStringLiteral("--public-key"), esp256});
        QVERIFY2(r.code == ExitOk, qPrintable(QString::fromLatin1(file) + r.out + r.err));
        const Run shown = run({QStringLiteral("--json"), QStringLiteral("manifest"), QStringLiteral("show"),
                               test::testData(QString::fromLatin1(file))});
        QCOMPARE(shown.json()
                     .value(QStringLiteral("signatures"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("algorithm"))
                     .toString(),
                 QStringLiteral("ESP256"));
    }
    QVERIFY(writeFile(path(QStringLiteral("mac.key")), QByteArray(32, 'a')));
    QVERIFY(writeFile(path(QStringLiteral("wrong.key")), QByteArray(32, 'b')));
    const QString macExample =
        test::testData(QStringLiteral("suit/firmware-encryption/suit-manifest-aes-kw.hex.signed"));
    const Run mac = run({QStringLiteral("--json"), QStringLiteral("manifest"), QStringLiteral("verify"),
                         macExample, QStringLiteral("--mac-key-file"), path(QStringLiteral("mac.key"))});
    QCOMPARE(mac.code, int(ExitOk));
    QCOMPARE(mac.json().value(QStringLiteral("ok")).toBool(), true);
    QCOMPARE(run({QStringLiteral("manifest"), QStringLiteral("verify"), macExample,
                  QStringLiteral("--mac-key-file"), path(QStringLiteral("wrong.key"))})
                 .code,
             int(ExitVerificationFailed));
}

QTEST_GUILESS_MAIN(TestOtactlManifest)
#include "tst_otactl_manifest.moc"
