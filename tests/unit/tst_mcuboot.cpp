// The MCUboot image inspector against imgtool-signed vectors and their independently parsed JSON
// (testdata/mcuboot/*.parsed.json), synthetic images with every TLV kind, and corrupted variants.
#include "core/firmware/FormatRegistry.h"
#include "core/firmware/McubootImage.h"
#include "TestData.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>
#include <QTest>

using namespace otadesk;
using namespace otadesk::firmware;

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString hex0x(quint64 v)
{
    return QStringLiteral("0x%1").arg(v, 0, 16);
}
QString hex(const QByteArray &b)
{
    return QString::fromLatin1(b.toHex());
}

void putLE16(QByteArray &b, quint16 v)
{
    char x[2];
    qToLittleEndian(v, x);
    b.append(x, 2);
}
void putLE32(QByteArray &b, quint32 v)
{
    char x[4];
    qToLittleEndian(v, x);
    b.append(x, 4);
}
void tlv(QByteArray &area, quint16 type, const QByteArray &value)
{
    putLE16(area, type);
    putLE16(area, quint16(value.size()));
    area.append(value);
}

using TlvList = QList<std::pair<quint16, QByteArray>>;

TlvList defaultProtectedTlvs()
{
    QByteArray counter;
    putLE32(counter, 42);
    return {{mcuboot::SecurityCounter, counter},
            {mcuboot::Dependency, QByteArray("\x01\0\0\0\x02\x03\x04\0\x05\0\0\0", 12)}, // image 1 >= 2.3.4+5
            {mcuboot::UuidVid, QByteArray::fromHex("00112233445566778899aabbccddeeff")},
            {mcuboot::UuidCid, QByteArray::fromHex("ffeeddccbbaa99887766554433221100")}};
}

// An image the way imgtool lays it out. A SHA256 entry with an empty value gets the correct digest.
QByteArray syntheticImage(const TlvList &protectedTlvs = defaultProtectedTlvs(),
                          const TlvList &tlvs = {{mcuboot::Sha256, {}},
                                                 {mcuboot::PublicKey, QByteArray(44, 'k')},
                                                 {mcuboot::Ed25519, QByteArray(64, 's')},
                                                 {0x12a0, QByteArray("vendor")}})
{
    const QByteArray body = QByteArray("synthetic firmware body ").repeated(20);
    QByteArray prot;
    for (const auto &[type, value] : protectedTlvs)
        tlv(prot, type, value);
    const quint16 protSize = quint16(prot.size() + 4);

    QByteArray image;
    putLE32(image, mcuboot::kImageMagic);
    putLE32(image, 0x20001000); // load address
    putLE16(image, 0x40);       // header size
    putLE16(image, protSize);
    putLE32(image, quint32(body.size()));
    putLE32(image, 0x20);        // RAM_LOAD
    image.append("\x02\x07", 2); // 2.7
    putLE16(image, 300);         // .300
    putLE32(image, 9);           // +9
    putLE32(image, 0);
    image.append(QByteArray(0x40 - image.size(), '\0'));
    image.append(body);
    putLE16(image, mcuboot::kProtectedTlvInfoMagic);
    putLE16(image, protSize);
    image.append(prot);

    QByteArray unprot;
    for (const auto &[type, value] : tlvs)
        tlv(unprot, type,
            type == mcuboot::Sha256 && value.isEmpty()
                ? QCryptographicHash::hash(image, QCryptographicHash::Sha256)
                : value);
    putLE16(image, mcuboot::kTlvInfoMagic);
    putLE16(image, quint16(unprot.size() + 4));
    image.append(unprot);
    return image;
}

} // namespace

class TestMcuboot : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesIndependentParser_data()
    {
        QTest::addColumn<QString>("json");
        const QDir dir(test::testData(QStringLiteral("mcuboot")));
        const QStringList files = dir.entryList({QStringLiteral("*.parsed.json")}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 3);
        for (const QString &f : files)
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }

    void matchesIndependentParser()
    {
        QFETCH(QString, json);
        QJsonParseError jsonError;
        const QJsonObject expected = QJsonDocument::fromJson(readFile(json), &jsonError).object();
        QCOMPARE(jsonError.error, QJsonParseError::NoError);
        const QString binPath = QString(json).replace(QStringLiteral(".parsed.json"), QStringLiteral(".bin"));
        const QByteArray data = readFile(binPath);
        QVERIFY(!data.isEmpty());
        QVERIFY(looksLikeMcuboot(data));
        auto info = inspectMcuboot(data);
        QVERIFY2(info, qPrintable(info ? QString() : info.error().toString()));

        for (auto it = expected.begin(); it != expected.end(); ++it) {
            const QString key = it.key();
            const QJsonValue v = it.value();
            if (key == QStringLiteral("magic"))
                QCOMPARE(hex0x(info->magic), v.toString());
            else if (key == QStringLiteral("load_addr"))
                QCOMPARE(hex0x(info->loadAddress), v.toString());
            else if (key == QStringLiteral("hdr_size"))
                QCOMPARE(int(info->headerSize), v.toInt());
            else if (key == QStringLiteral("protect_tlv_size"))
                QCOMPARE(int(info->protectedTlvSize), v.toInt());
            else if (key == QStringLiteral("img_size"))
                QCOMPARE(qint64(info->imageSize), v.toInteger());
            else if (key == QStringLiteral("flags"))
                QCOMPARE(hex0x(info->flags), v.toString());
            else if (key == QStringLiteral("version"))
                QCOMPARE(info->version(), v.toString());
            else if (key == QStringLiteral("tlv_info")) {
                const QJsonObject t = v.toObject();
                QCOMPARE(t.size(), 3);
                QCOMPARE(hex0x(mcuboot::kTlvInfoMagic), t.value(QStringLiteral("magic")).toString());
                QCOMPARE(int(info->tlvTotal), t.value(QStringLiteral("tlv_tot")).toInt());
                QCOMPARE(info->tlvInfoOffset, t.value(QStringLiteral("offset")).toInteger());
            } else if (key == QStringLiteral("end_of_tlvs"))
                QCOMPARE(info->endOfTlvs, v.toInteger());
            else if (key == QStringLiteral("file_size"))
                QCOMPARE(info->bufferSize, v.toInteger());
            else if (key == QStringLiteral("tlvs"))
                compareTlvs(*info, v.toArray());
            else if (key == QStringLiteral("computed_sha256_hdr+body+prot"))
                QCOMPARE(hex(info->computedHash), v.toString());
            else
                QFAIL(qPrintable(QStringLiteral("unchecked field %1 in %2").arg(key, json)));
        }
        QVERIFY(info->hashValid);
        QCOMPARE(info->hashAlgorithm, QStringLiteral("SHA256"));
        QCOMPARE(info->signedDigest(), info->computedHash);
        QVERIFY(!info->trailerPresent);
        QCOMPARE(info->paddingBytes, qint64(0));
        QVERIFY(info->dependencies.isEmpty());

        const QVariantMap map = info->toVariantMap();
        QCOMPARE(map.value(QStringLiteral("version")).toString(),
                 expected.value(QStringLiteral("version")).toString());
        QCOMPARE(map.value(QStringLiteral("hashValid")).toBool(), true);
        QCOMPARE(map.value(QStringLiteral("tlvs")).toList().size(),
                 expected.value(QStringLiteral("tlvs")).toArray().size());
        QCOMPARE(map.value(QStringLiteral("keyHash")).toString(), hex(info->keyHash));
        QCOMPARE(map.value(QStringLiteral("signatureType")).toString(), info->signatureType);
    }

    void intelHexImageThroughRegistry()
    {
        auto loaded = loadImageFile(test::testData(QStringLiteral("mcuboot/payload.signed-ecdsa-p256.hex")));
        if (!loaded && loaded.error().code() == ErrorCode::Unsupported)
            QSKIP("the Intel HEX reader is not implemented yet (engineer A)");
        QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().toString()));
        QCOMPARE(loaded->format->id(), QStringLiteral("ihex"));
        const MemoryImage &image = loaded->result.image;
        QCOMPARE(image.extent().start, quint64(0x8000));
        auto info = inspectMcuboot(image);
        QVERIFY2(info, qPrintable(info ? QString() : info.error().toString()));
        QCOMPARE(info->baseAddress, quint64(0x8000));
        QCOMPARE(info->version(), QStringLiteral("1.2.3+4"));
        QCOMPARE(int(info->headerSize), 512);
        QCOMPARE(qint64(info->imageSize), qint64(1000));
        QCOMPARE(int(info->protectedTlvSize), 0); // signed without --security-counter
        QVERIFY(!info->securityCounter);
        QVERIFY(info->hashValid);
        QCOMPARE(info->signatureType, QStringLiteral("ECDSA P-256 (DER)"));
        QVERIFY(info->signature.startsWith('\x30')); // DER SEQUENCE
        // Same development key as the .bin vector; the body is payload.bin.
        const QJsonObject ecdsa =
            QJsonDocument::fromJson(
                readFile(test::testData(QStringLiteral("mcuboot/payload.signed-ecdsa-p256.parsed.json"))))
                .object();
        QString keyHash;
        for (const QJsonValue &t : ecdsa.value(QStringLiteral("tlvs")).toArray())
            if (t.toArray().at(2).toString() == QStringLiteral("KEYHASH"))
                keyHash = t.toArray().at(3).toString();
        QCOMPARE(hex(info->keyHash), keyHash);
        const QByteArray payload = readFile(test::testData(QStringLiteral("mcuboot/payload.bin")));
        QCOMPARE(image.slice({0x8000 + 512, 0x8000 + 512 + 1000}).segments().first().data, payload);
    }

    void syntheticImageWithEveryProtectedTlv()
    {
        QByteArray image = syntheticImage();
        // Pad to a slot and add a confirmed trailer (image_ok at -24, magic in the last 16 bytes).
        const qsizetype slot = 4096;
        const qsizetype end = image.size();
        image.append(QByteArray(slot - image.size(), '\xff'));
        image[slot - 24] = 0x01;
        image.replace(slot - 16, 16, QByteArray::fromHex("77c295f360d2ef7f3552500f2cb67980"));
        auto info = inspectMcuboot(image);
        QVERIFY2(info, qPrintable(info ? QString() : info.error().toString()));
        QCOMPARE(info->loadAddress, quint32(0x20001000));
        QCOMPARE(info->version(), QStringLiteral("2.7.300+9"));
        QCOMPARE(mcuboot::flagNames(info->flags), QStringList{QStringLiteral("RAM_LOAD")});
        QCOMPARE(info->securityCounter, std::optional<quint32>(42));
        QCOMPARE(info->dependencies.size(), 1);
        QCOMPARE(int(info->dependencies.first().imageId), 1);
        QCOMPARE(info->dependencies.first().version, QStringLiteral("2.3.4+5"));
        const QVariantMap map = info->toVariantMap();
        QCOMPARE(map.value(QStringLiteral("vendorUuid")).toString(),
                 QStringLiteral("00112233-4455-6677-8899-aabbccddeeff"));
        QCOMPARE(map.value(QStringLiteral("classUuid")).toString(),
                 QStringLiteral("ffeeddcc-bbaa-9988-7766-554433221100"));
        QCOMPARE(map.value(QStringLiteral("securityCounter")).toULongLong(), 42ull);
        QCOMPARE(info->signatureType, QStringLiteral("Ed25519"));
        QCOMPARE(info->signature, QByteArray(64, 's'));
        QCOMPARE(info->publicKey, QByteArray(44, 'k'));
        QVERIFY(info->hashValid);
        QCOMPARE(info->tlvs.size(), 8);
        QCOMPARE(info->tlvs.at(0).isProtected, true);
        QCOMPARE(mcuboot::tlvName(info->tlvs.last().type), QStringLiteral("VENDOR_0x12a0"));
        QCOMPARE(info->endOfTlvs, qint64(end));
        QVERIFY(info->trailerPresent);
        QCOMPARE(info->trailerOffset, qint64(slot - 16));
        QCOMPARE(info->imageOk, std::optional<quint8>(1));
        QCOMPARE(info->paddingBytes, qint64(slot - end));

        // The same image at an address in a MemoryImage.
        MemoryImage mem;
        QVERIFY(mem.write(0x10000, image));
        auto atAddress = inspectMcuboot(mem);
        QVERIFY(atAddress);
        QCOMPARE(atAddress->baseAddress, quint64(0x10000));
        QCOMPARE(atAddress->computedHash, info->computedHash);
    }

    void flippedBodyByteInvalidatesHash()
    {
        for (const QString &name :
             {QStringLiteral("payload.signed-ecdsa-p256.bin"), QStringLiteral("payload.signed-ed25519.bin"),
              QStringLiteral("zephyr_hello_world.signed-rsa2048.bin")}) {
            QByteArray data = readFile(test::testData(QStringLiteral("mcuboot/") + name));
            data[600] = char(data.at(600) ^ 0x01);
            auto info = inspectMcuboot(data);
            QVERIFY(info);
            QVERIFY(!info->hashValid);
            QVERIFY(info->computedHash != info->storedHash);
            // A flipped bit in the unprotected TLVs (the signature) does not change the hash.
            QByteArray sig = readFile(test::testData(QStringLiteral("mcuboot/") + name));
            sig[sig.size() - 3] = char(sig.at(sig.size() - 3) ^ 0x80);
            auto info2 = inspectMcuboot(sig);
            QVERIFY(info2);
            QVERIFY(info2->hashValid);
        }
    }

    void everyTruncationIsAnError()
    {
        const QDir dir(test::testData(QStringLiteral("mcuboot")));
        QList<QByteArray> inputs{syntheticImage()};
        for (const QString &f : dir.entryList({QStringLiteral("*.signed-*.bin")}, QDir::Files))
            inputs.append(readFile(dir.filePath(f)));
        QCOMPARE(inputs.size(), 4);
        for (const QByteArray &data : std::as_const(inputs)) {
            QVERIFY(inspectMcuboot(data));
            for (qsizetype n = 0; n < data.size(); n += 7) {
                auto r = inspectMcuboot(data.first(n));
                QVERIFY2(!r, qPrintable(QStringLiteral("truncated at %1 accepted").arg(n)));
                QVERIFY2(r.error().where().offset >= 0 && r.error().where().offset <= n,
                         qPrintable(r.error().toString()));
            }
        }
    }

    void corruptedHeadersAndTlvs_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("fragment");
        QTest::addColumn<qint64>("offset");
        const QByteArray ecdsa =
            readFile(test::testData(QStringLiteral("mcuboot/payload.signed-ecdsa-p256.bin")));
        const QByteArray synthetic = syntheticImage();
        const qint64 prot = 512 + 1000; // protected TLV info in the ECDSA vector
        const qint64 info = prot + 12;  // unprotected TLV info
        const auto patched = [](QByteArray d, qint64 at, quint16 v) {
            qToLittleEndian(v, d.data() + at);
            return d;
        };
        QTest::newRow("not-mcuboot") << QByteArray(64, 'x') << QStringLiteral("Not an MCUboot image")
                                     << qint64(0);
        QTest::newRow("erased") << QByteArray(64, '\xff') << QStringLiteral("erased flash") << qint64(0);
        QTest::newRow("short-header") << ecdsa.first(20) << QStringLiteral("32-byte") << qint64(20);
        QTest::newRow("hdr-size-too-small")
            << patched(ecdsa, 8, 16) << QStringLiteral("ih_hdr_size") << qint64(8);
        QTest::newRow("img-size-too-big")
            << patched(ecdsa, 14, 0x7fff) << QStringLiteral("truncated") << qint64(ecdsa.size());
        QTest::newRow("tlv-tot-too-big")
            << patched(ecdsa, info + 2, 0x4000) << QStringLiteral("tlv_tot") << info + 2;
        QTest::newRow("tlv-tot-too-small")
            << patched(ecdsa, info + 2, 2) << QStringLiteral("smaller than") << info + 2;
        QTest::newRow("protected-tot-mismatch")
            << patched(ecdsa, prot + 2, 16) << QStringLiteral("ih_protect_tlv_size") << prot + 2;
        QTest::newRow("protected-size-zero")
            << patched(ecdsa, 10, 0) << QStringLiteral("ih_protect_tlv_size is 0") << prot;
        QTest::newRow("bad-info-magic") << patched(ecdsa, info, 0x6906) << QStringLiteral("0x6907") << info;
        QTest::newRow("bad-protected-magic")
            << patched(ecdsa, prot, 0x1234) << QStringLiteral("0x6908") << prot;
        QTest::newRow("tlv-length-past-area")
            << patched(ecdsa, info + 4 + 2, 200) << QStringLiteral("runs past the end") << info + 4 + 2;
        QTest::newRow("last-tlv-length-past-area")
            << patched(ecdsa, ecdsa.size() - 72 - 2, 73) << QStringLiteral("runs past the end")
            << qint64(ecdsa.size() - 72 - 2);
        QTest::newRow("prot-tlv-length-past-area")
            << patched(ecdsa, prot + 4 + 2, 5) << QStringLiteral("runs past the end") << prot + 4 + 2;
        // Semantic lengths, on synthetic images (structure intact, one TLV of the wrong size).
        const qint64 synthProt = 0x40 + 480; // header + body
        TlvList shortCounter = defaultProtectedTlvs();
        shortCounter[0].second.chop(1);
        QTest::newRow("sec-cnt-wrong-length")
            << syntheticImage(shortCounter) << QStringLiteral("SEC_CNT") << synthProt + 4 + 2;
        TlvList shortDependency = defaultProtectedTlvs();
        shortDependency[1].second.chop(1);
        QTest::newRow("dependency-wrong-length")
            << syntheticImage(shortDependency) << QStringLiteral("DEPENDENCY") << synthProt + 4 + 8 + 2;
        TlvList longUuid = defaultProtectedTlvs();
        longUuid[2].second.append('x');
        QTest::newRow("uuid-wrong-length")
            << syntheticImage(longUuid) << QStringLiteral("UUID_VID") << synthProt + 4 + 8 + 16 + 2;
        QTest::newRow("hash-wrong-length")
            << syntheticImage(defaultProtectedTlvs(), {{mcuboot::Sha256, QByteArray(31, 'h')}})
            << QStringLiteral("SHA256") << qint64(-1);
    }

    void corruptedHeadersAndTlvs()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, fragment);
        QFETCH(qint64, offset);
        auto r = inspectMcuboot(data);
        QVERIFY2(!r, "corrupted image accepted");
        QVERIFY2(r.error().message().contains(fragment), qPrintable(r.error().toString()));
        if (offset >= 0)
            QCOMPARE(r.error().where().offset, offset);
        QVERIFY(r.error().where().offset >= 0 && r.error().where().offset <= data.size());
    }

    void legacyHeaderIsRecognised()
    {
        const QByteArray body(100, 'b');
        QByteArray image;
        putLE32(image, mcuboot::kImageMagicV1);
        putLE16(image, 4 + 32); // tlv size
        image.append("\x00\x00", 2);
        putLE16(image, 32);
        putLE16(image, 0);
        putLE32(image, quint32(body.size()));
        putLE32(image, 0);
        image.append("\x01\x02", 2);
        putLE16(image, 3);
        putLE32(image, 4);
        putLE32(image, 0);
        image.append(body);
        const QByteArray digest = QCryptographicHash::hash(image, QCryptographicHash::Sha256);
        image.append("\x01\x00", 2); // v1 TLV: u8 type 1 (SHA256), pad, u16 length
        putLE16(image, 32);
        image.append(digest);
        QVERIFY(looksLikeMcuboot(image));
        auto info = inspectMcuboot(image);
        QVERIFY2(info, qPrintable(info ? QString() : info.error().toString()));
        QVERIFY(info->legacyFormat);
        QCOMPARE(info->version(), QStringLiteral("1.2.3+4"));
        QVERIFY(info->hashValid);
        QCOMPARE(mcuboot::tlvName(1, true), QStringLiteral("SHA256"));
    }

    void looksLikeMcubootOnlyOnMagic()
    {
        QVERIFY(!looksLikeMcuboot(QByteArray()));
        QVERIFY(!looksLikeMcuboot(QByteArray("\x3d\xb8\xf3", 3)));
        QVERIFY(looksLikeMcuboot(QByteArray("\x3d\xb8\xf3\x96", 4)));
        QVERIFY(!looksLikeMcuboot(QByteArray("\x7f"
                                             "ELF",
                                             4)));
        QVERIFY(!inspectMcuboot(MemoryImage()));
    }

private:
    static void compareTlvs(const McubootInfo &info, const QJsonArray &expected)
    {
        QCOMPARE(info.tlvs.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const QJsonArray e = expected.at(i).toArray();
            const McubootTlv &t = info.tlvs.at(i);
            QCOMPARE(t.isProtected ? QStringLiteral("prot") : QStringLiteral("unprot"), e.at(0).toString());
            QCOMPARE(int(t.type), e.at(1).toInt());
            QCOMPARE(mcuboot::tlvName(t.type), e.at(2).toString());
            QCOMPARE(hex(t.value), e.at(3).toString());
            const QString name = e.at(2).toString();
            if (name == QStringLiteral("KEYHASH"))
                QCOMPARE(hex(info.keyHash), e.at(3).toString());
            else if (name == QStringLiteral("SHA256"))
                QCOMPARE(hex(info.storedHash), e.at(3).toString());
            else if (name == QStringLiteral("SEC_CNT"))
                QCOMPARE(info.securityCounter,
                         std::optional<quint32>(qFromLittleEndian<quint32>(t.value.constData())));
            else if (name == QStringLiteral("ECDSA_SIG") || name == QStringLiteral("ED25519") ||
                     name == QStringLiteral("RSA2048_PSS")) {
                QCOMPARE(hex(info.signature), e.at(3).toString());
                const QString expectedType =
                    name == QStringLiteral("ECDSA_SIG") ? QStringLiteral("ECDSA P-256 (DER)")
                    : name == QStringLiteral("ED25519") ? QStringLiteral("Ed25519")
                                                        : QStringLiteral("RSA-2048 PSS");
                QCOMPARE(info.signatureType, expectedType);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestMcuboot)
#include "tst_mcuboot.moc"
