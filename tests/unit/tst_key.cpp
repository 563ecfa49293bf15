// Keys through OpenSSL: generate / sign / verify for ECDSA P-256 and Ed25519, PEM round trips, the key id
// against MCUboot's KEYHASH and an independent SHA-256 of the SPKI, MCUboot's ECDSA signature, and interop with
// the openssl command-line tool in both directions.
#include "TestData.h"
#include "core/crypto/Digest.h"
#include "core/crypto/EcdsaSignature.h"
#include "core/crypto/Key.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using otadesk::test::readFile;
using otadesk::test::writeFile;

using namespace otadesk;
using namespace otadesk::crypto;
using otadesk::test::testData;

Q_DECLARE_METATYPE(otadesk::crypto::KeyType)

namespace {
// The hex value of the TLV named `name` in an imgtool-style parsed JSON.
QByteArray tlvValue(const QString &jsonPath, const QString &name)
{
    const QJsonObject root = QJsonDocument::fromJson(readFile(jsonPath)).object();
    for (const QJsonValue &v : root.value(QStringLiteral("tlvs")).toArray()) {
        const QJsonArray tlv = v.toArray();
        if (tlv.at(2).toString() == name)
            return QByteArray::fromHex(tlv.at(3).toString().toLatin1());
    }
    return {};
}
struct Tool
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};
Tool openssl(const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForStarted())
        return {};
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(30000);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}
bool haveOpenssl()
{
    return !QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty();
}
} // namespace

class TestKey : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void typeNames();
    void signVerify_data();
    void signVerify();
    void ecdsaRawForm();
    void pemRoundTrip_data();
    void pemRoundTrip();
    void wrongPassphrase();
    void garbageAndUnsupported();
    void rawPublicForms();
    void keyIdMatchesMcubootKeyhash_data();
    void keyIdMatchesMcubootKeyhash();
    void mcubootEcdsaSignature();
    void keyIdMatchesOpensslCli();
    void signatureVerifiesWithOpensslCli_data();
    void signatureVerifiesWithOpensslCli();
    void opensslKeysImport();
    void encryptedPemIsStandardPkcs8Scrypt();
    void wipeClears();
};

void TestKey::typeNames()
{
    QCOMPARE(keyTypeName(KeyType::EcdsaP256), QStringLiteral("ecdsa-p256"));
    QCOMPARE(keyTypeName(KeyType::Ed25519), QStringLiteral("ed25519"));
    QCOMPARE(keyTypeFromName(QStringLiteral("ed25519")), KeyType::Ed25519);
    QCOMPARE(keyTypeFromName(QStringLiteral("ecdsa-p256")), KeyType::EcdsaP256);
    QVERIFY(!keyTypeFromName(QStringLiteral("rsa")));
}

void TestKey::signVerify_data()
{
    QTest::addColumn<KeyType>("type");
    QTest::newRow("ecdsa-p256") << KeyType::EcdsaP256;
    QTest::newRow("ed25519") << KeyType::Ed25519;
}

void TestKey::signVerify()
{
    QFETCH(KeyType, type);
    auto key = PrivateKey::generate(type);
    QVERIFY2(key, qPrintable(key ? QString() : key.error().message()));
    QCOMPARE(key->type(), type);
    const PublicKey pub = key->publicKey();
    QVERIFY(!pub.isNull());
    QCOMPARE(pub.type(), type);
    const QByteArray message = "firmware 1.2.3 for product X";
    auto sig = key->sign(message);
    QVERIFY(sig);
    QCOMPARE(sig->size(), 64);
    QVERIFY(pub.verify(message, *sig));

    QByteArray tamperedMessage = message;
    tamperedMessage[0] = 'F';
    auto bad = pub.verify(tamperedMessage, *sig);
    QVERIFY(!bad);
    QCOMPARE(bad.error().code(), ErrorCode::Checksum);
    QByteArray tamperedSig = *sig;
    tamperedSig[10] = char(tamperedSig[10] ^ 0x01);
    QVERIFY(!pub.verify(message, tamperedSig));
    QCOMPARE(pub.verify(message, sig->left(63)).error().code(), ErrorCode::Format);
    QVERIFY(!pub.verify(message, QByteArray()));

    // Another key of the same type does not verify it.
    auto other = PrivateKey::generate(type);
    QVERIFY(!other->publicKey().verify(message, *sig));
    QVERIFY(other->publicKey().keyId() != pub.keyId());
    QCOMPARE(pub.keyId().size(), 32);
    QCOMPARE(pub.keyId(), sha256(pub.toDer()));
    QCOMPARE(pub.fingerprint().size(), 64 + 15);
}

void TestKey::ecdsaRawForm()
{
    // Short r and s (leading zero bytes) are left-padded to 32 bytes each.
    QByteArray shortRaw(64, '\0');
    shortRaw[31] = 0x01;              // r = 1
    shortRaw[33] = char(0xff);        // s = 0xff << 240: 31 significant bytes, high bit set
    auto shortDer = ecdsaRawToDer(shortRaw);
    QVERIFY(shortDer);
    QCOMPARE(shortDer->toHex(), QByteArray("3025020101022000ff") + QByteArray(60, '0'));
    QCOMPARE(*ecdsaDerToRaw(*shortDer), shortRaw);

    auto key = PrivateKey::generate(KeyType::EcdsaP256);
    const PublicKey pub = key->publicKey();
    for (int i = 0; i < 50; ++i) {
        const QByteArray msg = QByteArray::number(i);
        auto sig = key->sign(msg);
        QCOMPARE(sig->size(), 64);
        auto der = ecdsaRawToDer(*sig);
        QVERIFY(der);
        QCOMPARE(*ecdsaDerToRaw(*der), *sig);
        QVERIFY(pub.verify(msg, *sig));
    }
    QCOMPARE(ecdsaRawToDer(QByteArray(63, 'x')).error().code(), ErrorCode::Format);
    QCOMPARE(ecdsaDerToRaw(QByteArray("\x30\x02\x02\x00", 4)).error().code(), ErrorCode::Format);
    QCOMPARE(ecdsaDerToRaw(QByteArray()).error().code(), ErrorCode::Format);
}

void TestKey::pemRoundTrip_data()
{
    signVerify_data();
}

void TestKey::pemRoundTrip()
{
    QFETCH(KeyType, type);
    auto key = PrivateKey::generate(type);
    const QByteArray id = key->publicKey().keyId();

    auto encrypted = key->toEncryptedPem("correct horse");
    QVERIFY(encrypted);
    QVERIFY(encrypted->startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    auto back = PrivateKey::fromPem(*encrypted, "correct horse");
    QVERIFY2(back, qPrintable(back ? QString() : back.error().message()));
    QCOMPARE(back->type(), type);
    QCOMPARE(back->publicKey().keyId(), id);
    // The reloaded key signs, the original public key verifies.
    QVERIFY(key->publicKey().verify("m", *back->sign("m")));

    const QByteArray clear = key->toClearPem();
    QVERIFY(clear.startsWith("-----BEGIN PRIVATE KEY-----"));
    QCOMPARE(PrivateKey::fromPem(clear)->publicKey().keyId(), id);

    const QByteArray pubPem = key->publicKey().toPem();
    QVERIFY(pubPem.startsWith("-----BEGIN PUBLIC KEY-----"));
    QCOMPARE(PublicKey::fromPem(pubPem)->keyId(), id);
    QCOMPARE(PublicKey::fromDer(key->publicKey().toDer())->keyId(), id);

    QCOMPARE(key->toEncryptedPem(QByteArray()).error().code(), ErrorCode::InvalidArgument);
}

void TestKey::wrongPassphrase()
{
    auto key = PrivateKey::generate(KeyType::Ed25519);
    const QByteArray pem = *key->toEncryptedPem("right");
    auto wrong = PrivateKey::fromPem(pem, "wrong");
    QVERIFY(!wrong);
    QCOMPARE(wrong.error().code(), ErrorCode::InvalidArgument);
    QCOMPARE(wrong.error().message(), QStringLiteral("The passphrase is wrong (or the key file is damaged)."));
    auto none = PrivateKey::fromPem(pem);
    QVERIFY(!none);
    QCOMPARE(none.error().code(), ErrorCode::InvalidArgument);
    QVERIFY(none.error().message().contains(QStringLiteral("passphrase")));
    QVERIFY(PrivateKey::fromPem(pem, "right"));
}

void TestKey::garbageAndUnsupported()
{
    const QList<QByteArray> garbage = {
        QByteArray(), "hello", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\n!!!!\n-----END ENCRYPTED PRIVATE KEY-----\n",
        QByteArray(4096, '\xff')};
    for (const QByteArray &g : garbage) {
        QVERIFY(!PrivateKey::fromPem(g, "x"));
        QVERIFY(!PublicKey::fromPem(g));
        QVERIFY(!PublicKey::fromDer(g));
    }
    // A private key PEM is not a public key.
    auto key = PrivateKey::generate(KeyType::EcdsaP256);
    QCOMPARE(PublicKey::fromPem(key->toClearPem()).error().code(), ErrorCode::Format);

    auto rsa = PublicKey::fromPem(readFile(testData(QStringLiteral("mcuboot/root-rsa-2048.pub.pem"))));
    QVERIFY(!rsa);
    QCOMPARE(rsa.error().code(), ErrorCode::Unsupported);
    QVERIFY2(rsa.error().message().contains(QStringLiteral("RSA")), qPrintable(rsa.error().message()));

    if (!haveOpenssl())
        QSKIP("openssl command-line tool not found");
    const Tool p384 = openssl({QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("EC"),
                               QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-384")});
    QCOMPARE(p384.code, 0);
    auto unsupported = PrivateKey::fromPem(p384.out);
    QVERIFY(!unsupported);
    QCOMPARE(unsupported.error().code(), ErrorCode::Unsupported);
    QVERIFY2(unsupported.error().message().contains(QStringLiteral("secp384r1")),
             qPrintable(unsupported.error().message()));
}

void TestKey::rawPublicForms()
{
    auto ec = PrivateKey::generate(KeyType::EcdsaP256)->publicKey();
    const QByteArray der = ec.toDer();
    QCOMPARE(der.size(), 91); // 26-byte SPKI header + 0x04 || x || y
    const QByteArray x = der.mid(27, 32), y = der.mid(59, 32);
    auto rebuilt = PublicKey::fromEcPoint(x, y);
    QVERIFY2(rebuilt, qPrintable(rebuilt ? QString() : rebuilt.error().message()));
    QCOMPARE(rebuilt->keyId(), ec.keyId());
    QByteArray offCurve = y;
    offCurve[31] = char(offCurve[31] ^ 1);
    QCOMPARE(PublicKey::fromEcPoint(x, offCurve).error().code(), ErrorCode::Format);
    QVERIFY(!PublicKey::fromEcPoint(x, y.left(31)));

    auto ed = PrivateKey::generate(KeyType::Ed25519)->publicKey();
    QCOMPARE(ed.toDer().size(), 44);
    auto edRebuilt = PublicKey::fromEd25519(ed.toDer().right(32));
    QVERIFY(edRebuilt);
    QCOMPARE(edRebuilt->keyId(), ed.keyId());
    QVERIFY(!PublicKey::fromEd25519(QByteArray(31, 'a')));
}

void TestKey::keyIdMatchesMcubootKeyhash_data()
{
    QTest::addColumn<QString>("pem");
    QTest::addColumn<QString>("parsed");
    QTest::addColumn<KeyType>("type");
    QTest::newRow("ecdsa-p256") << "mcuboot/root-ec-p256.pub.pem" << "mcuboot/payload.signed-ecdsa-p256.parsed.json"
                                << KeyType::EcdsaP256;
    QTest::newRow("ed25519") << "mcuboot/root-ed25519.pub.pem" << "mcuboot/payload.signed-ed25519.parsed.json"
                             << KeyType::Ed25519;
}

void TestKey::keyIdMatchesMcubootKeyhash()
{
    QFETCH(QString, pem);
    QFETCH(QString, parsed);
    QFETCH(KeyType, type);
    auto key = PublicKey::fromPem(readFile(testData(pem)));
    QVERIFY2(key, qPrintable(key ? QString() : key.error().message()));
    QCOMPARE(key->type(), type);
    const QByteArray keyhash = tlvValue(testData(parsed), QStringLiteral("KEYHASH"));
    QCOMPARE(keyhash.size(), 32);
    QCOMPARE(key->keyId().toHex(), keyhash.toHex());
}

void TestKey::mcubootEcdsaSignature()
{
    const QString parsed = testData(QStringLiteral("mcuboot/payload.signed-ecdsa-p256.parsed.json"));
    const QByteArray digest = tlvValue(parsed, QStringLiteral("SHA256"));
    const QByteArray sig = tlvValue(parsed, QStringLiteral("ECDSA_SIG"));
    QCOMPARE(digest.size(), 32);
    QVERIFY(sig.size() > 64);
    auto key = PublicKey::fromPem(readFile(testData(QStringLiteral("mcuboot/root-ec-p256.pub.pem"))));
    QVERIFY(key);
    auto ok = key->verifyDigestDer(digest, sig);
    QVERIFY2(ok, qPrintable(ok ? QString() : ok.error().message()));

    // Also in the raw COSE form through the DER conversion: the digest is of the image, not the message, so
    // only verifyDigestDer applies; the raw form must still round-trip.
    QCOMPARE(*ecdsaRawToDer(*ecdsaDerToRaw(sig)), sig);

    QByteArray flippedDigest = digest;
    flippedDigest[5] = char(flippedDigest[5] ^ 0x10);
    QCOMPARE(key->verifyDigestDer(flippedDigest, sig).error().code(), ErrorCode::Checksum);
    QByteArray flippedSig = sig;
    flippedSig[sig.size() - 1] = char(flippedSig[sig.size() - 1] ^ 0x01);
    QVERIFY(!key->verifyDigestDer(digest, flippedSig));
    QVERIFY(!key->verifyDigestDer(digest.left(31), sig));
    QVERIFY(!key->verifyDigestDer(digest, QByteArray("garbage")));
    // An Ed25519 key does not do prehashed ECDSA.
    auto ed = PublicKey::fromPem(readFile(testData(QStringLiteral("mcuboot/root-ed25519.pub.pem"))));
    QCOMPARE(ed->verifyDigestDer(digest, sig).error().code(), ErrorCode::InvalidArgument);
}

void TestKey::keyIdMatchesOpensslCli()
{
    if (!haveOpenssl())
        QSKIP("openssl command-line tool not found");
    for (KeyType type : {KeyType::EcdsaP256, KeyType::Ed25519}) {
        auto key = PrivateKey::generate(type);
        const Tool der = openssl({QStringLiteral("pkey"), QStringLiteral("-pubin"), QStringLiteral("-outform"),
                                  QStringLiteral("DER")},
                                 key->publicKey().toPem());
        QCOMPARE(der.code, 0);
        QCOMPARE(QCryptographicHash::hash(der.out, QCryptographicHash::Sha256).toHex(),
                 key->publicKey().keyId().toHex());
        // And from the private key, as openssl derives the public part itself.
        const Tool fromPrivate = openssl({QStringLiteral("pkey"), QStringLiteral("-pubout"), QStringLiteral("-outform"),
                                          QStringLiteral("DER")},
                                         key->toClearPem());
        QCOMPARE(fromPrivate.out, der.out);
    }
}

void TestKey::signatureVerifiesWithOpensslCli_data()
{
    signVerify_data();
}

void TestKey::signatureVerifiesWithOpensslCli()
{
    QFETCH(KeyType, type);
    if (!haveOpenssl())
        QSKIP("openssl command-line tool not found");
    QTemporaryDir dir;
    const QString pubPath = dir.filePath(QStringLiteral("pub.pem"));
    const QString sigPath = dir.filePath(QStringLiteral("sig"));
    const QString msgPath = dir.filePath(QStringLiteral("msg"));
    auto key = PrivateKey::generate(type);
    const QByteArray message = "signed by OTA Desk, checked by openssl";
    const QByteArray sig = *key->sign(message);
    QVERIFY(writeFile(pubPath, key->publicKey().toPem()));
    QVERIFY(writeFile(msgPath, message));
    Tool verify;
    if (type == KeyType::EcdsaP256) {
        QVERIFY(writeFile(sigPath, *ecdsaRawToDer(sig)));
        verify = openssl({QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-verify"), pubPath,
                          QStringLiteral("-signature"), sigPath, msgPath});
    } else {
        QVERIFY(writeFile(sigPath, sig));
        verify = openssl({QStringLiteral("pkeyutl"), QStringLiteral("-verify"), QStringLiteral("-pubin"),
                          QStringLiteral("-inkey"), pubPath, QStringLiteral("-rawin"), QStringLiteral("-in"), msgPath,
                          QStringLiteral("-sigfile"), sigPath});
    }
    QVERIFY2(verify.code == 0, verify.err.constData());
    QVERIFY(verify.out.contains("Verified OK") || verify.out.contains("Signature Verified Successfully"));

    // A tampered message is rejected by openssl as well (the check can fail).
    QVERIFY(writeFile(msgPath, message + "!"));
    const Tool tampered = type == KeyType::EcdsaP256
                              ? openssl({QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-verify"),
                                         pubPath, QStringLiteral("-signature"), sigPath, msgPath})
                              : openssl({QStringLiteral("pkeyutl"), QStringLiteral("-verify"), QStringLiteral("-pubin"),
                                         QStringLiteral("-inkey"), pubPath, QStringLiteral("-rawin"),
                                         QStringLiteral("-in"), msgPath, QStringLiteral("-sigfile"), sigPath});
    QVERIFY(tampered.code != 0);
}

void TestKey::opensslKeysImport()
{
    if (!haveOpenssl())
        QSKIP("openssl command-line tool not found");
    const Tool ed = openssl({QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("ed25519")});
    QCOMPARE(ed.code, 0);
    auto edKey = PrivateKey::fromPem(ed.out);
    QVERIFY2(edKey, qPrintable(edKey ? QString() : edKey.error().message()));
    QCOMPARE(edKey->type(), KeyType::Ed25519);
    QVERIFY(edKey->publicKey().verify("x", *edKey->sign("x")));

    // Traditional "EC PRIVATE KEY" from ecparam.
    const Tool ec = openssl({QStringLiteral("ecparam"), QStringLiteral("-name"), QStringLiteral("prime256v1"),
                             QStringLiteral("-genkey"), QStringLiteral("-noout")});
    QCOMPARE(ec.code, 0);
    QVERIFY(ec.out.contains("BEGIN EC PRIVATE KEY"));
    auto ecKey = PrivateKey::fromPem(ec.out);
    QVERIFY2(ecKey, qPrintable(ecKey ? QString() : ecKey.error().message()));
    QCOMPARE(ecKey->type(), KeyType::EcdsaP256);
    QVERIFY(ecKey->publicKey().verify("x", *ecKey->sign("x")));

    // An openssl-encrypted PKCS#8 (PBKDF2) opens with the passphrase.
    const Tool enc = openssl({QStringLiteral("pkcs8"), QStringLiteral("-topk8"), QStringLiteral("-passout"),
                              QStringLiteral("pass:s3cret")},
                             ec.out);
    QCOMPARE(enc.code, 0);
    QCOMPARE(PrivateKey::fromPem(enc.out, "s3cret")->publicKey().keyId(), ecKey->publicKey().keyId());
    QCOMPARE(PrivateKey::fromPem(enc.out, "nope").error().code(), ErrorCode::InvalidArgument);
}

void TestKey::encryptedPemIsStandardPkcs8Scrypt()
{
    if (!haveOpenssl())
        QSKIP("openssl command-line tool not found");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("key.pem"));
    auto key = PrivateKey::generate(KeyType::EcdsaP256);
    QVERIFY(writeFile(path, *key->toEncryptedPem("pass phrase")));
    const Tool pub = openssl({QStringLiteral("pkey"), QStringLiteral("-in"), path, QStringLiteral("-passin"),
                              QStringLiteral("pass:pass phrase"), QStringLiteral("-pubout")});
    QVERIFY2(pub.code == 0, pub.err.constData());
    QCOMPARE(pub.out, key->publicKey().toPem());
    const Tool wrong = openssl({QStringLiteral("pkey"), QStringLiteral("-in"), path, QStringLiteral("-passin"),
                                QStringLiteral("pass:other"), QStringLiteral("-pubout")});
    QVERIFY(wrong.code != 0);
    const Tool asn1 = openssl({QStringLiteral("asn1parse"), QStringLiteral("-in"), path});
    QCOMPARE(asn1.code, 0);
    QVERIFY2(asn1.out.contains(":PBES2"), asn1.out.constData());
    QVERIFY2(asn1.out.contains("OBJECT            :scrypt"), asn1.out.constData());
    QVERIFY(asn1.out.contains("d=5  hl=2 l=  16 prim: OCTET STRING")); // 16-byte salt
    QVERIFY2(asn1.out.contains(":aes-256-cbc"), asn1.out.constData());
    QVERIFY(asn1.out.contains(":4000")); // N = 2^14
}

void TestKey::wipeClears()
{
    QByteArray secret = "top secret passphrase";
    const QByteArray shared = secret; // a second owner keeps its copy intact
    wipe(secret);
    QVERIFY(secret.isEmpty());
    QCOMPARE(shared, QByteArray("top secret passphrase"));
    QByteArray empty;
    wipe(empty);
    QVERIFY(empty.isEmpty());
}

QTEST_GUILESS_MAIN(TestKey)
#include "tst_key.moc"
