// Interoperability: COSE_Sign1 made by our code verifies with an independent Python implementation
// (tests/interop/cose_interop.py: cbor2 + cryptography) and vice versa; whole SUIT envelopes built and signed by
// ManifestBuilder / EnvelopeSigner pass its independent envelope check (deterministic encoding, manifest and
// severed digests, signature). Skipped if python3 or the modules are missing.
#include "core/manifest/CoseSign1.h"
#include "core/manifest/EnvelopeSigner.h"
#include "core/manifest/SuitDecoder.h"
#include "TestData.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using otadesk::test::readFile;
using otadesk::test::writeFile;

using namespace otadesk;
using namespace otadesk::manifest;

class TestCoseInterop : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void oursVerifiedByPython_data();
    void oursVerifiedByPython();
    void pythonVerifiedByOurs_data();
    void pythonVerifiedByOurs();
    void officialEnvelopesPassPythonCheck();
    void ourEnvelopesPassPythonCheck_data();
    void ourEnvelopesPassPythonCheck();

private:
    int runScript(const QStringList &args, QString *output = nullptr);
    QString m_python;
    QString m_script;
};

int TestCoseInterop::runScript(const QStringList &args, QString *output)
{
    QProcess p;
    p.start(m_python, QStringList{m_script} + args);
    if (!p.waitForFinished(60000))
        return -1;
    if (output)
        *output = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

void TestCoseInterop::initTestCase()
{
    // Debian's python3 has python3-cbor2 / python3-cryptography; a pyenv shim earlier in PATH may not.
    for (const QString &candidate : {QStringLiteral("/usr/bin/python3"), QStandardPaths::findExecutable(QStringLiteral("python3"))}) {
        if (candidate.isEmpty() || !QFile::exists(candidate))
            continue;
        QProcess probe;
        probe.start(candidate, {QStringLiteral("-c"), QStringLiteral("import cbor2, cryptography")});
        if (probe.waitForFinished(30000) && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0) {
            m_python = candidate;
            break;
        }
    }
    if (m_python.isEmpty())
        QSKIP("python3 with cbor2 and cryptography is not available");
    m_script = QDir::current().filePath(QStringLiteral("tests/interop/cose_interop.py"));
    QVERIFY2(QFile::exists(m_script), qPrintable(m_script));
}

void TestCoseInterop::oursVerifiedByPython_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<qint64>("alg");
    QTest::newRow("ES256") << int(crypto::KeyType::EcdsaP256) << qint64(-7);
    QTest::newRow("ESP256") << int(crypto::KeyType::EcdsaP256) << qint64(-9);
    QTest::newRow("EdDSA") << int(crypto::KeyType::Ed25519) << qint64(-8);
    QTest::newRow("Ed25519") << int(crypto::KeyType::Ed25519) << qint64(-19);
}

void TestCoseInterop::oursVerifiedByPython()
{
    QFETCH(int, type);
    QFETCH(qint64, alg);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto key = crypto::PrivateKey::generate(crypto::KeyType(type));
    QVERIFY(key);
    const QByteArray payload = QByteArray::fromHex("822f58206658ea560262696dd1f13b782239a064da7c6c5cbaf52fded428a6fc83c7e5af");
    CoseSign1::SignOptions options;
    options.algorithm = alg;
    options.detached = true;
    auto cose = CoseSign1::sign(*key, payload, options);
    QVERIFY(cose);
    QVERIFY(writeFile(dir.filePath(QStringLiteral("public.pem")), key->publicKey().toPem()));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("sign1.cbor")), *cose));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("payload.bin")), payload));
    const QStringList args{QStringLiteral("verify"), dir.filePath(QStringLiteral("public.pem")),
                           dir.filePath(QStringLiteral("sign1.cbor")), dir.filePath(QStringLiteral("payload.bin"))};
    QString out;
    QCOMPARE(runScript(args, &out), 0);
    QVERIFY2(out.contains(QStringLiteral("valid alg %1").arg(alg)), qPrintable(out));
    // The independent check can fail: a different payload is rejected.
    QByteArray other = payload;
    other[5] = char(other[5] ^ 1);
    QVERIFY(writeFile(dir.filePath(QStringLiteral("payload.bin")), other));
    QCOMPARE(runScript(args, &out), 1);
}

void TestCoseInterop::pythonVerifiedByOurs_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<qint64>("alg");
    QTest::newRow("ESP256") << QStringLiteral("ec") << qint64(-9);
    QTest::newRow("Ed25519") << QStringLiteral("ed") << qint64(-19);
}

void TestCoseInterop::pythonVerifiedByOurs()
{
    QFETCH(QString, kind);
    QFETCH(qint64, alg);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray payload("payload signed by python");
    QVERIFY(writeFile(dir.filePath(QStringLiteral("payload.bin")), payload));
    QString out;
    QCOMPARE(runScript({QStringLiteral("sign"), kind, dir.path(), dir.filePath(QStringLiteral("payload.bin"))}, &out), 0);
    auto key = crypto::PublicKey::fromPem(readFile(dir.filePath(QStringLiteral("public.pem"))));
    QVERIFY2(key, qPrintable(key ? QString() : key.error().message()));
    auto sign1 = CoseSign1::parse(readFile(dir.filePath(QStringLiteral("sign1.cbor"))));
    QVERIFY(sign1);
    QCOMPARE(sign1->headers.algorithm(), std::optional<qint64>(alg));
    auto ok = sign1->verify(*key, QByteArrayView(payload));
    QVERIFY2(ok, qPrintable(ok ? QString() : ok.error().message()));
    QVERIFY(!sign1->verify(*key, QByteArrayView("payload signed by pythoN")));
}

void TestCoseInterop::officialEnvelopesPassPythonCheck()
{
    // The independent checker itself is right: it accepts the draft's signed examples with their key.
    const QString key = test::testData(QStringLiteral("suit/manifest-spec/examples_public_key.pem"));
    for (int i = 0; i <= 5; ++i) {
        const QString file = test::testData(QStringLiteral("suit/manifest-spec/example%1.signed.cbor").arg(i));
        QString out;
        QVERIFY2(runScript({QStringLiteral("envelope"), file, key}, &out) == 0, qPrintable(file + u' ' + out));
        QVERIFY2(out.contains(QStringLiteral("1 signature(s)")), qPrintable(out));
    }
}

void TestCoseInterop::ourEnvelopesPassPythonCheck_data()
{
    QTest::addColumn<QString>("golden");
    QTest::addColumn<int>("type");
    QTest::addColumn<qint64>("alg");
    QTest::newRow("single-image ESP256") << u"single-image"_qs << int(crypto::KeyType::EcdsaP256) << qint64(-9);
    QTest::newRow("ab-slots ES256") << u"ab-slots"_qs << int(crypto::KeyType::EcdsaP256) << qint64(-7);
    QTest::newRow("image-aux Ed25519") << u"image-aux"_qs << int(crypto::KeyType::Ed25519) << qint64(-19);
    QTest::newRow("multi-component EdDSA") << u"multi-component"_qs << int(crypto::KeyType::Ed25519) << qint64(-8);
}

void TestCoseInterop::ourEnvelopesPassPythonCheck()
{
    QFETCH(QString, golden);
    QFETCH(int, type);
    QFETCH(qint64, alg);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString unsignedPath = QStringLiteral("tests/data/golden/%1.suit").arg(golden);
    const QByteArray unsignedEnvelope = readFile(unsignedPath);
    QVERIFY2(!unsignedEnvelope.isEmpty(), qPrintable(unsignedPath));
    QString out;
    QVERIFY2(runScript({QStringLiteral("envelope"), unsignedPath}, &out) == 0, qPrintable(out));

    auto key = crypto::PrivateKey::generate(crypto::KeyType(type));
    QVERIFY(key);
    EnvelopeSigner::Options options;
    options.algorithm = alg;
    auto signedEnvelope = EnvelopeSigner::sign(unsignedEnvelope, *key, options);
    QVERIFY2(signedEnvelope, qPrintable(signedEnvelope ? QString() : signedEnvelope.error().message()));
    const QString pem = dir.filePath(QStringLiteral("public.pem"));
    const QString signedPath = dir.filePath(QStringLiteral("signed.suit"));
    QVERIFY(writeFile(pem, key->publicKey().toPem()));
    QVERIFY(writeFile(signedPath, *signedEnvelope));
    QVERIFY2(runScript({QStringLiteral("envelope"), signedPath, pem}, &out) == 0, qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("1 signature(s)")), qPrintable(out));

    // The check can fail: the last signature byte flipped, then a byte of the manifest digest flipped.
    QByteArray tampered = *signedEnvelope;
    auto decoded = SuitDecoder::decodeEnvelope(unsignedEnvelope);
    QVERIFY(decoded);
    // The signature ends the authentication wrapper, right before the manifest's key (3).
    const qsizetype signatureEnd = tampered.indexOf(decoded->manifestBstr) - 1;
    QVERIFY(signatureEnd > 64);
    tampered[signatureEnd - 1] = char(tampered[signatureEnd - 1] ^ 0x01);
    QVERIFY(writeFile(signedPath, tampered));
    QCOMPARE(runScript({QStringLiteral("envelope"), signedPath, pem}, &out), 1);
    tampered = *signedEnvelope;
    const qsizetype digestAt = tampered.indexOf(decoded->manifestDigest->bytes);
    QVERIFY(digestAt > 0);
    tampered[digestAt] = char(tampered[digestAt] ^ 0x80);
    QVERIFY(writeFile(signedPath, tampered));
    QCOMPARE(runScript({QStringLiteral("envelope"), signedPath, pem}, &out), 1);
}

QTEST_GUILESS_MAIN(TestCoseInterop)
#include "tst_cose_interop.moc"
