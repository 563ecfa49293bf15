// EnvelopeSigner: COSE_Sign1 blocks that SuitVerifier accepts (ESP256 / Ed25519 by default, ES256 / EdDSA on
// request), kid, several signers, byte-identical re-emission of everything else, tampered envelopes refused,
// and every single-byte change of a signed envelope detected.
#include "core/manifest/CborDecoder.h"
#include "core/manifest/CoseAlgorithm.h"
#include "core/manifest/CoseSign1.h"
#include "core/manifest/EnvelopeSigner.h"
#include "core/manifest/SuitDecoder.h"
#include "core/manifest/SuitVerifier.h"
#include "ManifestTestSpecs.h"
#include "TestData.h"

#include <QFile>
#include <QTest>

using namespace otadesk;
using namespace otadesk::manifest;

namespace {

crypto::PrivateKey generate(crypto::KeyType type)
{
    auto key = crypto::PrivateKey::generate(type);
    if (!key)
        qFatal("cannot generate a key: %s", qPrintable(key.error().message()));
    return std::move(*key);
}

QByteArray unsignedEnvelope(ManifestTemplate t = ManifestTemplate::ImageWithAuxiliary)
{
    auto bytes = ManifestBuilder::buildEnvelope(test::goldenSpec(t));
    if (!bytes)
        qFatal("cannot build: %s", qPrintable(bytes.error().message()));
    return *bytes;
}

CoseSign1 block(const QByteArray &envelope, int index)
{
    auto env = SuitDecoder::decodeEnvelope(envelope);
    if (!env || env->authBlocks.size() <= index)
        qFatal("no block %d", index);
    auto sign1 = CoseSign1::parse(env->authBlocks[index].value, env->bytes);
    if (!sign1)
        qFatal("bad block: %s", qPrintable(sign1.error().message()));
    return *sign1;
}

// The bytes of envelope member `key` (bstr header included) and of each integrated payload.
QByteArray memberBytes(const QByteArray &envelope, const CborValue &key)
{
    auto root = CborDecoder::decode(envelope);
    const CborValue *v = root ? root->tagContent().find(key) : nullptr;
    return v ? v->rawIn(envelope) : QByteArray();
}

} // namespace

class TestEnvelopeSigner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultAlgorithms_data();
    void defaultAlgorithms();
    void requestedAlgorithms();
    void wrongAlgorithmForKey();
    void keyIdOptional();
    void otherMembersByteIdentical();
    void severalSigners();
    void signsOfficialExample();
    void refusesTamperedEnvelope();
    void refusesNonEnvelope();
    void everyByteFlipFails();
};

void TestEnvelopeSigner::defaultAlgorithms_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<qint64>("alg");
    QTest::newRow("P-256 -> ESP256") << int(crypto::KeyType::EcdsaP256) << coseAlg::ESP256;
    QTest::newRow("Ed25519 -> Ed25519") << int(crypto::KeyType::Ed25519) << coseAlg::Ed25519;
}

void TestEnvelopeSigner::defaultAlgorithms()
{
    QFETCH(int, type);
    QFETCH(qint64, alg);
    const crypto::PrivateKey key = generate(crypto::KeyType(type));
    for (ManifestTemplate t : allTemplates()) {
        auto signedBytes = EnvelopeSigner::sign(unsignedEnvelope(t), key);
        QVERIFY2(signedBytes, signedBytes ? "" : qPrintable(signedBytes.error().message()));
        const CoseSign1 sign1 = block(*signedBytes, 0);
        QCOMPARE(sign1.headers.algorithm(), alg);
        QCOMPARE(sign1.headers.keyId(), key.publicKey().keyId());
        QVERIFY(sign1.headers.protectedMap.find(coseHeader::Kid)); // covered by the signature
        QCOMPARE(sign1.headers.unprotectedMap.size(), 0);
        QVERIFY(!sign1.payload); // detached
        const auto good =
            SuitVerifier::verifyEnvelope(*signedBytes, {{QStringLiteral("release"), key.publicKey()}});
        QVERIFY2(good.ok(), qPrintable(good.toString()));
        QCOMPARE(good.signerKey, QStringLiteral("release"));
        const crypto::PrivateKey other = generate(crypto::KeyType(type));
        const auto bad =
            SuitVerifier::verifyEnvelope(*signedBytes, {{QStringLiteral("other"), other.publicKey()}});
        QVERIFY(!bad.ok());
        QVERIFY(!bad.find(QStringLiteral("signature"))->passed);
        QVERIFY(bad.find(QStringLiteral("manifest-digest"))->passed);
    }
}

void TestEnvelopeSigner::requestedAlgorithms()
{
    const QList<std::pair<crypto::KeyType, qint64>> cases = {{crypto::KeyType::EcdsaP256, coseAlg::ES256},
                                                             {crypto::KeyType::Ed25519, coseAlg::EdDSA}};
    for (const auto &[type, alg] : cases) {
        const crypto::PrivateKey key = generate(type);
        EnvelopeSigner::Options options;
        options.algorithm = alg;
        auto signedBytes = EnvelopeSigner::sign(unsignedEnvelope(), key, options);
        QVERIFY(signedBytes);
        QCOMPARE(block(*signedBytes, 0).headers.algorithm(), alg);
        QVERIFY(SuitVerifier::verifyEnvelope(*signedBytes, {{{}, key.publicKey()}}).ok());
    }
}

void TestEnvelopeSigner::wrongAlgorithmForKey()
{
    const QByteArray envelope = unsignedEnvelope();
    EnvelopeSigner::Options options;
    options.algorithm = coseAlg::Ed25519;
    auto r = EnvelopeSigner::sign(envelope, generate(crypto::KeyType::EcdsaP256), options);
    QVERIFY(!r);
    options.algorithm = coseAlg::HMAC256;
    QVERIFY(!EnvelopeSigner::sign(envelope, generate(crypto::KeyType::Ed25519), options));
    QVERIFY(!EnvelopeSigner::sign(envelope, crypto::PrivateKey()));
}

void TestEnvelopeSigner::keyIdOptional()
{
    const crypto::PrivateKey key = generate(crypto::KeyType::EcdsaP256);
    EnvelopeSigner::Options options;
    options.includeKeyId = false;
    auto signedBytes = EnvelopeSigner::sign(unsignedEnvelope(), key, options);
    QVERIFY(signedBytes);
    QVERIFY(block(*signedBytes, 0).headers.keyId().isEmpty());
    QVERIFY(SuitVerifier::verifyEnvelope(*signedBytes, {{{}, key.publicKey()}}).ok());
}

void TestEnvelopeSigner::otherMembersByteIdentical()
{
    const QByteArray envelope = unsignedEnvelope(ManifestTemplate::ImageWithAuxiliary);
    auto signedBytes = EnvelopeSigner::sign(envelope, generate(crypto::KeyType::Ed25519));
    QVERIFY(signedBytes);
    for (const CborValue &key : {CborValue::fromInt(3), CborValue::fromInt(20), CborValue::fromInt(23),
                                 CborValue::fromText(QStringLiteral("#aux"))}) {
        const QByteArray before = memberBytes(envelope, key), after = memberBytes(*signedBytes, key);
        QVERIFY(!before.isEmpty());
        QCOMPARE(after, before);
    }
    // Only the authentication wrapper changed: the envelope starts the same (tag, map head, key 2) and
    // everything from key 3 on is the same bytes.
    const QByteArray from3 = envelope.mid(envelope.indexOf(memberBytes(envelope, CborValue::fromInt(3))) - 1);
    QVERIFY(signedBytes->endsWith(from3));
    QCOMPARE(signedBytes->left(4), envelope.left(4));
    auto before = SuitDecoder::decodeEnvelope(envelope), after = SuitDecoder::decodeEnvelope(*signedBytes);
    QCOMPARE(after->digestBstr, before->digestBstr);
    QCOMPARE(after->authBlocks.size(), 1);
}

void TestEnvelopeSigner::severalSigners()
{
    const crypto::PrivateKey author = generate(crypto::KeyType::EcdsaP256);
    const crypto::PrivateKey distributor = generate(crypto::KeyType::Ed25519);
    auto once = EnvelopeSigner::sign(unsignedEnvelope(), author);
    QVERIFY(once);
    auto twice = EnvelopeSigner::sign(*once, distributor);
    QVERIFY(twice);
    auto env1 = SuitDecoder::decodeEnvelope(*once), env2 = SuitDecoder::decodeEnvelope(*twice);
    QCOMPARE(env2->authBlocks.size(), 2);
    // The first block is kept byte for byte.
    QCOMPARE(env2->authBlocks[0].value.rawIn(env2->bytes), env1->authBlocks[0].value.rawIn(env1->bytes));
    const QList<SuitTrustedKey> both{{QStringLiteral("author"), author.publicKey()},
                                     {QStringLiteral("distributor"), distributor.publicKey()}};
    const auto report = SuitVerifier::verifyEnvelope(*twice, both);
    QVERIFY2(report.ok(), qPrintable(report.toString()));
    int signatures = 0;
    for (const SuitCheck &c : report.checks)
        signatures += c.id == QStringLiteral("signature") && c.passed;
    QCOMPARE(signatures, 2);
}

void TestEnvelopeSigner::signsOfficialExample()
{
    // Draft example 2 (severed install and text, already signed with ES256): a second signature is appended,
    // the draft's block and the severed members are untouched, and both verify.
    QFile f(test::testData(QStringLiteral("suit/manifest-spec/example2.signed.cbor")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray example = f.readAll();
    QFile pem(test::testData(QStringLiteral("suit/manifest-spec/examples_public_key.pem")));
    QVERIFY(pem.open(QIODevice::ReadOnly));
    auto draftKey = crypto::PublicKey::fromPem(pem.readAll());
    QVERIFY(draftKey);
    const crypto::PrivateKey ours = generate(crypto::KeyType::EcdsaP256);
    auto signedBytes = EnvelopeSigner::sign(example, ours);
    QVERIFY(signedBytes);
    for (qint64 key : {3, 20, 23})
        QCOMPARE(memberBytes(*signedBytes, CborValue::fromInt(key)),
                 memberBytes(example, CborValue::fromInt(key)));
    QCOMPARE(block(*signedBytes, 0).signature, block(example, 0).signature);
    const auto report = SuitVerifier::verifyEnvelope(
        *signedBytes, {{QStringLiteral("draft"), *draftKey}, {QStringLiteral("ours"), ours.publicKey()}});
    QVERIFY2(report.ok(), qPrintable(report.toString()));
}

void TestEnvelopeSigner::refusesTamperedEnvelope()
{
    const QByteArray envelope = unsignedEnvelope(ManifestTemplate::SingleImage);
    const QByteArray uri = "main.bin";
    QByteArray tampered = envelope;
    const qsizetype at = tampered.indexOf(uri);
    QVERIFY(at > 0);
    tampered[at] = 'M';
    auto r = EnvelopeSigner::sign(tampered, generate(crypto::KeyType::EcdsaP256));
    QVERIFY(!r);
    QCOMPARE(r.error().code(), ErrorCode::Checksum);
    QVERIFY2(r.error().message().contains(QStringLiteral("Nothing was signed")),
             qPrintable(r.error().message()));

    // A severed member (text, key 23) changed after building: its digest in the manifest no longer matches.
    QByteArray severed = envelope;
    const qsizetype text = severed.lastIndexOf(QByteArray("Example Devices"));
    QVERIFY(text > severed.indexOf(memberBytes(envelope, CborValue::fromInt(23))));
    severed[text] = 'e';
    auto s = EnvelopeSigner::sign(severed, generate(crypto::KeyType::EcdsaP256));
    QVERIFY(!s);
    QCOMPARE(s.error().code(), ErrorCode::Checksum);
    QVERIFY2(s.error().message().contains(QStringLiteral("severed text")), qPrintable(s.error().message()));
}

void TestEnvelopeSigner::refusesNonEnvelope()
{
    const crypto::PrivateKey key = generate(crypto::KeyType::EcdsaP256);
    for (const QByteArray &bad : {QByteArray(), QByteArray::fromHex("a0"), QByteArray::fromHex("d86ba103f6"),
                                  unsignedEnvelope().chopped(1)}) {
        auto r = EnvelopeSigner::sign(bad, key);
        QVERIFY(!r);
        QCOMPARE(r.error().code(), ErrorCode::Format);
        QVERIFY(r.error().message().contains(QStringLiteral("Not a SUIT envelope")));
    }
}

void TestEnvelopeSigner::everyByteFlipFails()
{
    const crypto::PrivateKey key = generate(crypto::KeyType::EcdsaP256);
    auto signedBytes = EnvelopeSigner::sign(unsignedEnvelope(ManifestTemplate::SingleImage), key);
    QVERIFY(signedBytes);
    const QList<SuitTrustedKey> keys{{QStringLiteral("release"), key.publicKey()}};
    QVERIFY(SuitVerifier::verifyEnvelope(*signedBytes, keys).ok());
    for (qsizetype i = 0; i < signedBytes->size(); ++i) {
        for (const char mask : {char(0x01), char(0x80), char(0xff)}) {
            QByteArray tampered = *signedBytes;
            tampered[i] = char(tampered[i] ^ mask);
            if (SuitVerifier::verifyEnvelope(tampered, keys).ok())
                QFAIL(qPrintable(QStringLiteral("flipping byte %1 with mask %2 still verifies")
                                     .arg(i)
                                     .arg(int(quint8(mask)))));
        }
    }
}

QTEST_GUILESS_MAIN(TestEnvelopeSigner)
#include "tst_envelope_signer.moc"
