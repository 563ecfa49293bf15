// COSE_Sign1 / COSE_Mac0: the SUIT example's Sig_structure, sign + verify round trips for every supported
// algorithm, algorithm/key mismatches, detached payloads and tampering.
#include "TestData.h"
#include "core/manifest/CborDecoder.h"
#include "core/manifest/CoseAlgorithm.h"
#include "core/manifest/CoseMac0.h"
#include "core/manifest/CoseSign1.h"
#include "core/manifest/SuitDecoder.h"

#include <QFile>
#include <QTest>

using namespace otadesk;
using namespace otadesk::manifest;

class TestCose : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sigStructureOfExample0();
    void signVerify_data();
    void signVerify();
    void algorithmMustMatchKey();
    void detachedNeedsPayload();
    void mac0();
    void malformed();
};

void TestCose::sigStructureOfExample0()
{
    QFile f(test::testData(QStringLiteral("suit/manifest-spec/example0.signed.cbor")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const auto env = SuitDecoder::decodeEnvelope(f.readAll());
    QVERIFY(env);
    auto sign1 = CoseSign1::parse(env->authBlocks.first().value, env->bytes);
    QVERIFY(sign1);
    QCOMPARE(sign1->headers.protectedBytes.toHex(), QByteArray("a10126"));
    QCOMPARE(sign1->headers.algorithm(), std::optional<qint64>(coseAlg::ES256));
    QVERIFY(!sign1->payload);
    QCOMPARE(sign1->signature.size(), 64);
    const QByteArray tbs = CoseSign1::sigStructure(sign1->headers.protectedBytes, {}, env->digestBstr);
    QVERIFY(tbs.toHex().startsWith("846a5369676e61747572653143a10126405824822f58206658ea56"));
}

void TestCose::signVerify_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<qint64>("alg");
    QTest::addColumn<bool>("detached");
    QTest::newRow("ES256") << int(crypto::KeyType::EcdsaP256) << coseAlg::ES256 << false;
    QTest::newRow("ESP256 detached") << int(crypto::KeyType::EcdsaP256) << coseAlg::ESP256 << true;
    QTest::newRow("EdDSA") << int(crypto::KeyType::Ed25519) << coseAlg::EdDSA << false;
    QTest::newRow("Ed25519 detached") << int(crypto::KeyType::Ed25519) << coseAlg::Ed25519 << true;
}

void TestCose::signVerify()
{
    QFETCH(int, type);
    QFETCH(qint64, alg);
    QFETCH(bool, detached);
    auto key = crypto::PrivateKey::generate(crypto::KeyType(type));
    QVERIFY2(key, qPrintable(key ? QString() : key.error().message()));
    const QByteArray payload("firmware manifest digest");
    CoseSign1::SignOptions options;
    options.algorithm = alg;
    options.detached = detached;
    options.keyId = "kid-1";
    auto encoded = CoseSign1::sign(*key, payload, options);
    QVERIFY2(encoded, qPrintable(encoded ? QString() : encoded.error().message()));
    QVERIFY(CborDecoder::decode(*encoded, {64, true})); // deterministic output
    auto parsed = CoseSign1::parse(*encoded);
    QVERIFY(parsed);
    QCOMPARE(parsed->headers.algorithm(), std::optional<qint64>(alg));
    QCOMPARE(parsed->headers.keyId(), QByteArray("kid-1"));
    QCOMPARE(parsed->payload.has_value(), !detached);
    QCOMPARE(parsed->signature.size(), 64);
    QVERIFY(parsed->verify(key->publicKey(), QByteArrayView(payload)));
    QVERIFY(!parsed->verify(key->publicKey(), QByteArrayView("other payload")) || !detached);
    if (detached)
        QVERIFY(!parsed->verify(key->publicKey(), QByteArrayView("other payload")));
    QVERIFY(!parsed->verify(key->publicKey(), QByteArrayView(payload), QByteArrayView("aad")));
    auto other = crypto::PrivateKey::generate(crypto::KeyType(type));
    QVERIFY(other);
    QVERIFY(!parsed->verify(other->publicKey(), QByteArrayView(payload)));
    CoseSign1 tampered = *parsed;
    tampered.signature[10] = char(tampered.signature[10] ^ 1);
    QVERIFY(!tampered.verify(key->publicKey(), QByteArrayView(payload)));
}

void TestCose::algorithmMustMatchKey()
{
    auto ed = crypto::PrivateKey::generate(crypto::KeyType::Ed25519);
    QVERIFY(ed);
    CoseSign1::SignOptions options;
    options.algorithm = coseAlg::ES256;
    auto r = CoseSign1::sign(*ed, "x", options);
    QVERIFY(!r);
    QVERIFY2(r.error().message().contains(QStringLiteral("ES256")) && r.error().message().contains(QStringLiteral("ed25519")),
             qPrintable(r.error().message()));
    options.algorithm = -35; // ES384
    QCOMPARE(CoseSign1::sign(*ed, "x", options).error().code(), ErrorCode::Unsupported);
    // Verify side: an ES256 COSE_Sign1 against an Ed25519 key.
    auto ec = crypto::PrivateKey::generate(crypto::KeyType::EcdsaP256);
    QVERIFY(ec);
    auto signedEc = CoseSign1::sign(*ec, "x", {});
    QVERIFY(signedEc);
    auto parsed = CoseSign1::parse(*signedEc);
    QVERIFY(parsed);
    QCOMPARE(parsed->headers.algorithm(), std::optional<qint64>(coseAlg::ESP256));
    auto v = parsed->verify(ed->publicKey());
    QVERIFY(!v);
    QVERIFY(v.error().message().contains(QStringLiteral("ecdsa-p256")));
}

void TestCose::detachedNeedsPayload()
{
    auto ec = crypto::PrivateKey::generate(crypto::KeyType::EcdsaP256);
    QVERIFY(ec);
    CoseSign1::SignOptions options;
    options.detached = true;
    auto parsed = CoseSign1::parse(*CoseSign1::sign(*ec, "p", options));
    QVERIFY(parsed);
    auto v = parsed->verify(ec->publicKey());
    QVERIFY(!v);
    QVERIFY(v.error().message().contains(QStringLiteral("detached")));
}

void TestCose::mac0()
{
    const QByteArray key(32, 'a');
    auto encoded = CoseMac0::create(key, "digest", true);
    QVERIFY(encoded);
    auto value = CborDecoder::decode(*encoded);
    QVERIFY(value);
    auto mac = CoseMac0::parse(*value, *encoded);
    QVERIFY(mac);
    QVERIFY(mac->verify(key, QByteArrayView("digest")));
    QVERIFY(!mac->verify(key, QByteArrayView("digesT")));
    QVERIFY(!mac->verify(QByteArray(32, 'b'), QByteArrayView("digest")));
    QVERIFY(!CoseSign1::parse(*encoded)); // a Mac0 is not a Sign1
}

void TestCose::malformed()
{
    for (const char *h : {"d2", "d283404040", "d28443a10126a0f6", "d2844102a0f640", "d28443a10126a0f6f6", "d8208440a0f640",
                          "d28443a10226a0f640", "d2844060f640"}) {
        auto r = CoseSign1::parse(QByteArray::fromHex(h));
        QVERIFY2(!r, h);
        QVERIFY(!r.error().message().isEmpty());
    }
    // crit naming an unknown label is refused.
    QVERIFY(!CoseSign1::parse(QByteArray::fromHex("d28447a20126028118ffa0f640")));
}

QTEST_GUILESS_MAIN(TestCose)
#include "tst_cose.moc"
