// SUIT envelopes: the official draft examples decode and verify (ES256, ESP256, HMAC), decoded values match
// the example texts, and tampering, wrong keys and truncated signatures fail with clear messages.
#include "TestData.h"
#include "core/manifest/CborDecoder.h"
#include "core/manifest/CborEncoder.h"
#include "core/manifest/SuitDecoder.h"
#include "core/manifest/SuitVerifier.h"

#include <QFile>
#include <QTest>

using namespace otadesk;
using namespace otadesk::manifest;

namespace {

QByteArray readFile(const QString &relative)
{
    QFile f(test::testData(relative));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(f.fileName()));
    return f.readAll();
}

QByteArray readHex(const QString &relative)
{
    return QByteArray::fromHex(readFile(relative).simplified().replace(' ', QByteArray()));
}

SuitTrustedKey key(const QString &relative, const QString &name)
{
    auto k = crypto::PublicKey::fromPem(readFile(relative));
    if (!k)
        qFatal("bad key %s: %s", qPrintable(relative), qPrintable(k.error().message()));
    return {name, *k};
}

void collect(const SuitSequence &seq, QList<SuitParameters> &out)
{
    for (const SuitCommand &c : seq) {
        if (c.parameters)
            out << *c.parameters;
        for (const SuitSequence &nested : c.nested)
            collect(nested, out);
    }
}

QList<SuitParameters> allParameters(const SuitManifest &m)
{
    QList<SuitParameters> out;
    collect(m.sharedSequence, out);
    for (const SuitSequence &seq : m.sequences)
        collect(seq, out);
    return out;
}

} // namespace

class TestSuit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void manifestSpecExamples_data();
    void manifestSpecExamples();
    void otherSignedExamples_data();
    void otherSignedExamples();
    void macExamples_data();
    void macExamples();
    void severedMembers();
    void everyByteFlipFails();
    void wrongKeyNamesKey();
    void truncatedSignature();
    void digestOverInnerBytesWouldFail();
    void unknownCriticalCommand();
    void rollbackBelowMinimumSequence();
};

void TestSuit::manifestSpecExamples_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("components");
    QTest::addColumn<QStringList>("uris");
    QTest::addColumn<QList<quint64>>("sizes");
    for (int n = 0; n <= 5; ++n) {
        QStringList uris;
        QList<quint64> sizes{34768};
        int components = 1;
        if (n == 1 || n == 4)
            uris << QStringLiteral("http://example.com/file.bin");
        if (n == 2) // the install sequence is severed; the URI comes from the envelope's copy
            uris << QStringLiteral("http://example.com/very/long/path/to/file/file.bin");
        if (n == 3 || n == 5) {
            uris << QStringLiteral("http://example.com/file1.bin") << QStringLiteral("http://example.com/file2.bin");
            sizes << 76834;
        }
        if (n == 4)
            sizes << 76834;
        if (n == 4)
            components = 3; // image in external storage, its copy in RAM, and the loaded image
        if (n == 5)
            components = 2;
        QTest::addRow("example%d", n) << n << components << uris << sizes;
    }
}

void TestSuit::manifestSpecExamples()
{
    QFETCH(int, n);
    QFETCH(int, components);
    QFETCH(QStringList, uris);
    QFETCH(QList<quint64>, sizes);
    const QByteArray bytes = readFile(QStringLiteral("suit/manifest-spec/example%1.signed.cbor").arg(n));
    QCOMPARE(bytes.toHex(), readHex(QStringLiteral("suit/manifest-spec/example%1.signed.hex").arg(n)).toHex());
    const auto report = SuitVerifier::verifyEnvelope(bytes, {key(QStringLiteral("suit/manifest-spec/examples_public_key.pem"),
                                                                QStringLiteral("examples"))});
    QVERIFY2(report.ok(), qPrintable(report.toString()));
    QCOMPARE(report.signerKey, QStringLiteral("examples"));
    QVERIFY(report.find(QStringLiteral("signature"))->message.contains(QStringLiteral("ES256")));
    QVERIFY(report.envelope->tagged);
    const SuitManifest &m = *report.manifest;
    QCOMPARE(m.version, 1u);
    QCOMPARE(m.sequenceNumber, std::optional<quint64>(quint64(n)));
    QCOMPARE(m.components.size(), components);
    QCOMPARE(m.components.first(), QList<QByteArray>{QByteArray(1, '\0')});
    const QList<SuitParameters> params = allParameters(m);
    bool vendor = false, klass = false, digest = false;
    QStringList seenUris;
    QList<quint64> seenSizes;
    for (const SuitParameters &p : params) {
        vendor |= p.vendorId == QUuid(QStringLiteral("fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe"));
        klass |= p.classId == QUuid(QStringLiteral("1492af14-2569-5e48-bf42-9b2d51f2ab45"));
        if (p.imageDigest && p.imageDigest->bytes.toHex() == "00112233445566778899aabbccddeeff0123456789abcdeffedcba9876543210")
            digest = p.imageDigest->algorithm == suitDigestAlg::Sha256;
        if (p.uri)
            seenUris << *p.uri;
        if (p.imageSize)
            seenSizes << *p.imageSize;
    }
    QVERIFY(vendor);
    QVERIFY(klass);
    QVERIFY(digest);
    QCOMPARE(seenUris, uris);
    QCOMPARE(seenSizes, sizes);
    QVERIFY(m.sequences.contains(7)); // every example has a validate sequence
}

void TestSuit::otherSignedExamples_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("keyFile");
    QTest::newRow("trust-domains dependent") << "suit/trust-domains/example0_dependent.hex" << "suit/trust-domains/esp256_public_key.pem";
    QTest::newRow("trust-domains process") << "suit/trust-domains/example1_process.hex" << "suit/trust-domains/esp256_public_key.pem";
    QTest::newRow("trust-domains integrated") << "suit/trust-domains/example2_integrated.hex" << "suit/trust-domains/esp256_public_key.pem";
    QTest::newRow("es-ecdh content") << "suit/firmware-encryption/suit-manifest-es-ecdh-content.hex.signed"
                                     << "suit/firmware-encryption/esp256_public_key.pem";
    QTest::newRow("es-ecdh dependency") << "suit/firmware-encryption/suit-manifest-es-ecdh-dependency.hex.signed"
                                        << "suit/firmware-encryption/dependent_manifest_public_key.pem";
}

void TestSuit::otherSignedExamples()
{
    QFETCH(QString, file);
    QFETCH(QString, keyFile);
    const QByteArray bytes = readHex(file);
    const auto report = SuitVerifier::verifyEnvelope(bytes, {key(keyFile, QStringLiteral("esp256"))});
    QVERIFY2(report.ok(), qPrintable(report.toString()));
    QVERIFY(report.find(QStringLiteral("signature"))->message.contains(QStringLiteral("ESP256")));
    // The other key must not verify it.
    const auto wrong = SuitVerifier::verifyEnvelope(bytes, {key(QStringLiteral("suit/firmware-encryption/dependent_manifest_public_key.pem")
                                                                   == keyFile ? QStringLiteral("suit/firmware-encryption/esp256_public_key.pem")
                                                                              : QStringLiteral("suit/firmware-encryption/dependent_manifest_public_key.pem"),
                                                               QStringLiteral("other"))});
    QVERIFY(!wrong.ok());
    if (file.contains(QStringLiteral("process")) || file.contains(QStringLiteral("integrated"))
        || file.contains(QStringLiteral("dependency"))) {
        QVERIFY(!report.manifest->dependencies.isEmpty());
    }
    if (file.contains(QStringLiteral("integrated")))
        QVERIFY(!report.envelope->integratedPayloads.isEmpty());
}

void TestSuit::macExamples_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("aes-kw") << "suit/firmware-encryption/suit-manifest-aes-kw.hex.signed";
    QTest::newRow("aes-kw-content") << "suit/firmware-encryption/suit-manifest-aes-kw-content.hex.signed";
    QTest::newRow("aes-kw-slot") << "suit/firmware-encryption/suit-manifest-aes-kw-slot.hex.signed";
}

void TestSuit::macExamples()
{
    QFETCH(QString, file);
    const QByteArray bytes = readHex(file);
    SuitVerifyOptions options;
    options.macKey = QByteArray(32, 'a');
    const auto report = SuitVerifier::verifyEnvelope(bytes, {}, options);
    QVERIFY2(report.ok(), qPrintable(report.toString()));
    QVERIFY(report.find(QStringLiteral("signature"))->message.contains(QStringLiteral("Mac0")));
    options.macKey = QByteArray(32, 'b');
    const auto wrong = SuitVerifier::verifyEnvelope(bytes, {}, options);
    QVERIFY(!wrong.ok());
    QVERIFY(wrong.find(QStringLiteral("signature"))->message.contains(QStringLiteral("does not match")));
    // An encryption-info parameter is decoded from the manifest.
    bool encryptionInfo = false;
    for (const SuitParameters &p : allParameters(*report.manifest))
        encryptionInfo |= p.encryptionInfo.has_value();
    QVERIFY(encryptionInfo);
}

void TestSuit::severedMembers()
{
    const QByteArray bytes = readFile(QStringLiteral("suit/manifest-spec/example2.signed.cbor"));
    const auto report = SuitVerifier::verifyEnvelope(bytes, {key(QStringLiteral("suit/manifest-spec/examples_public_key.pem"), {})});
    QVERIFY2(report.ok(), qPrintable(report.toString()));
    QVERIFY(report.find(QStringLiteral("severed-20")));
    QVERIFY(report.find(QStringLiteral("severed-23")));
    const SuitManifest &m = *report.manifest;
    QVERIFY(m.severable[20].digest);
    QVERIFY(m.severable[20].presentInEnvelope);
    QVERIFY(m.sequences.contains(20));
    QVERIFY(m.text.isMap());
    QCOMPARE(m.referenceUri, std::optional<QString>(QStringLiteral("https://git.io/JJYoj")));
    // Swap one byte inside the severed text: its digest check fails, the signature still verifies.
    const SuitEnvelope &env = *report.envelope;
    const CborValue &text = env.severedMembers[23];
    QByteArray tampered = bytes;
    const qint64 pos = text.offset() + text.length() - 2;
    tampered[pos] = char(tampered[pos] ^ 0x01);
    const auto bad = SuitVerifier::verifyEnvelope(tampered, {key(QStringLiteral("suit/manifest-spec/examples_public_key.pem"), {})});
    QVERIFY(!bad.ok());
    QVERIFY(bad.find(QStringLiteral("signature"))->passed);
    QVERIFY(!bad.find(QStringLiteral("severed-23"))->passed);
}

void TestSuit::everyByteFlipFails()
{
    const QByteArray bytes = readFile(QStringLiteral("suit/manifest-spec/example0.signed.cbor"));
    const QList<SuitTrustedKey> keys{key(QStringLiteral("suit/manifest-spec/examples_public_key.pem"), QStringLiteral("examples"))};
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        for (const char mask : {char(0x01), char(0x80)}) {
            QByteArray tampered = bytes;
            tampered[i] = char(tampered[i] ^ mask);
            const auto report = SuitVerifier::verifyEnvelope(tampered, keys);
            if (report.ok())
                QFAIL(qPrintable(QStringLiteral("flipping byte %1 with mask %2 still verifies").arg(i).arg(int(quint8(mask)))));
        }
    }
}

void TestSuit::wrongKeyNamesKey()
{
    const QByteArray bytes = readFile(QStringLiteral("suit/manifest-spec/example0.signed.cbor"));
    auto ed = crypto::PrivateKey::generate(crypto::KeyType::Ed25519);
    auto ec = crypto::PrivateKey::generate(crypto::KeyType::EcdsaP256);
    QVERIFY(ed && ec);
    const auto report = SuitVerifier::verifyEnvelope(bytes, {{QStringLiteral("release-ed"), ed->publicKey()},
                                                             {QStringLiteral("release-ec"), ec->publicKey()}});
    QVERIFY(!report.ok());
    const SuitCheck *sig = report.find(QStringLiteral("signature"));
    QVERIFY(sig && !sig->passed);
    QVERIFY2(sig->message.contains(QStringLiteral("'release-ec'")) && sig->message.contains(QStringLiteral("'release-ed'")),
             qPrintable(sig->message));
    QVERIFY2(sig->message.contains(QStringLiteral("ed25519")), qPrintable(sig->message)); // alg/key mismatch explained
    QVERIFY(report.find(QStringLiteral("manifest-digest"))->passed);
    const auto none = SuitVerifier::verifyEnvelope(bytes, {});
    QVERIFY(!none.ok());
    QVERIFY(none.find(QStringLiteral("signature"))->message.contains(QStringLiteral("no trusted public key")));
}

void TestSuit::truncatedSignature()
{
    // Rebuild example0 with the COSE signature cut to 63 bytes (re-wrapping every bstr so the CBOR stays valid).
    const QByteArray bytes = readFile(QStringLiteral("suit/manifest-spec/example0.signed.cbor"));
    auto root = CborDecoder::decode(bytes);
    QVERIFY(root);
    CborValue envelope = root->tagContent();
    CborValue &authBstr = envelope.entries()[0].value;
    auto auth = CborDecoder::decode(authBstr.bytes());
    QVERIFY(auth);
    auto sign1 = CborDecoder::decode(auth->at(1).bytes());
    QVERIFY(sign1);
    CborValue &sig = sign1->items()[0].items()[3];
    sig = CborValue::fromBytes(sig.bytes().left(63));
    auth->items()[1] = CborValue::fromBytes(CborEncoder::encode(*sign1));
    authBstr = CborValue::fromBytes(CborEncoder::encode(*auth));
    const QByteArray rebuilt = CborEncoder::encode(CborValue::tagged(107, envelope));
    const auto report = SuitVerifier::verifyEnvelope(rebuilt, {key(QStringLiteral("suit/manifest-spec/examples_public_key.pem"), {})});
    QVERIFY(!report.ok());
    QVERIFY(report.find(QStringLiteral("manifest-digest"))->passed);
    const QString message = report.find(QStringLiteral("signature"))->message;
    QVERIFY2(message.contains(QStringLiteral("64 bytes")) && message.contains(QStringLiteral("63")), qPrintable(message));
}

void TestSuit::digestOverInnerBytesWouldFail()
{
    // The digest covers the bstr header: check the model keeps it (58 71 for example0).
    const auto env = SuitDecoder::decodeEnvelope(readFile(QStringLiteral("suit/manifest-spec/example0.signed.cbor")));
    QVERIFY(env);
    QCOMPARE(env->manifestBstr.left(2).toHex(), QByteArray("5871"));
    QVERIFY(env->manifestDigest->check(env->manifestBstr, {}));
    QVERIFY(!env->manifestDigest->check(env->manifestBstr.mid(2), {}));
}

void TestSuit::unknownCriticalCommand()
{
    // A validate sequence with an unknown command 99 (not in any registry, not custom) and a custom -300.
    const CborValue validate = CborValue::array({CborValue::fromInt(3), CborValue::fromInt(15), CborValue::fromInt(99),
                                                 CborValue::fromInt(0), CborValue::fromInt(-300), CborValue::fromInt(1)});
    const CborValue common = CborValue::map({{CborValue::fromInt(2), CborValue::array({CborValue::array({CborValue::fromBytes(QByteArray(1, '\0'))})})}});
    const CborValue manifest = CborValue::map({{CborValue::fromInt(1), CborValue::fromInt(1)},
                                               {CborValue::fromInt(2), CborValue::fromInt(4)},
                                               {CborValue::fromInt(3), CborValue::fromBytes(CborEncoder::encode(common))},
                                               {CborValue::fromInt(7), CborValue::fromBytes(CborEncoder::encode(validate))}});
    const CborValue manifestBstr = CborValue::fromBytes(CborEncoder::encode(manifest));
    auto digest = SuitDigest::compute(suitDigestAlg::Sha256, CborEncoder::encode(manifestBstr));
    QVERIFY(digest);
    const CborValue auth = CborValue::array({CborValue::fromBytes(CborEncoder::encode(SuitDigest{suitDigestAlg::Sha256, *digest}.toCbor()))});
    const QByteArray bytes = CborEncoder::encode(CborValue::tagged(107, CborValue::map({{CborValue::fromInt(2), CborValue::fromBytes(CborEncoder::encode(auth))},
                                                                                        {CborValue::fromInt(3), manifestBstr}})));
    const auto report = SuitVerifier::verifyEnvelope(bytes, {});
    QVERIFY(report.find(QStringLiteral("manifest-digest"))->passed);
    const SuitCheck *commands = report.find(QStringLiteral("commands"));
    QVERIFY(commands && !commands->passed);
    const qsizetype at = bytes.indexOf(QByteArray::fromHex("0f1863")) + 1; // 15, then 99 = 0x18 0x63
    QVERIFY2(commands->message.contains(QStringLiteral("command 99 at byte %1").arg(at)), qPrintable(commands->message));
    QVERIFY(!commands->message.contains(QStringLiteral("-300")));
}

void TestSuit::rollbackBelowMinimumSequence()
{
    const QByteArray bytes = readFile(QStringLiteral("suit/manifest-spec/example1.signed.cbor")); // sequence number 1
    const QList<SuitTrustedKey> keys{key(QStringLiteral("suit/manifest-spec/examples_public_key.pem"), QStringLiteral("examples"))};
    SuitVerifyOptions options;
    options.minimumSequenceNumber = 1;
    QVERIFY(SuitVerifier::verifyEnvelope(bytes, keys, options).ok());
    options.minimumSequenceNumber = 2;
    const auto report = SuitVerifier::verifyEnvelope(bytes, keys, options);
    QVERIFY(!report.ok());
    const SuitCheck *seq = report.find(QStringLiteral("sequence-number"));
    QVERIFY(seq && !seq->passed);
    QVERIFY2(seq->message.contains(QStringLiteral("rollback")) && seq->message.contains(QStringLiteral("1 is below 2")),
             qPrintable(seq->message));
}

QTEST_GUILESS_MAIN(TestSuit)
#include "tst_suit.moc"
