// SMP codec (core/bench/smp) against every vector in ../shared/testdata/smp: Zephyr's version-negotiation
// frames, the JPHutchins/smp records (decode, field-by-field comparison, byte-exact re-encoding, typed parsers)
// and the request bodies the command builders write.
#include "TestData.h"
#include "core/bench/smp/SmpCommands.h"
#include "core/bench/smp/SmpSerial.h"
#include "core/crypto/Digest.h"
#include "core/manifest/CborEncoder.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace otadesk;
using namespace otadesk::bench;

namespace {
QByteArray hex(const QString &text) { return QByteArray::fromHex(text.toLatin1()); }

// The CBOR value equals the JSON value (numbers, text, booleans, objects with text keys, arrays).
bool matchesJson(const CborValue &v, const QJsonValue &j, QString *why)
{
    switch (j.type()) {
    case QJsonValue::Bool:
        return v.isBool() && v.toBool() == j.toBool();
    case QJsonValue::Double:
        if (!v.isInteger() || !v.toInt64() || double(*v.toInt64()) != j.toDouble()) {
            *why = QStringLiteral("number %1").arg(j.toDouble());
            return false;
        }
        return true;
    case QJsonValue::String:
        if (!v.isText() || v.text() != j.toString()) {
            *why = QStringLiteral("text %1").arg(j.toString());
            return false;
        }
        return true;
    case QJsonValue::Array: {
        const QJsonArray a = j.toArray();
        if (!v.isArray() || qsizetype(v.items().size()) != a.size())
            return false;
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!matchesJson(v.items()[size_t(i)], a[i], why))
                return false;
        }
        return true;
    }
    case QJsonValue::Object: {
        const QJsonObject o = j.toObject();
        if (!v.isMap() || qsizetype(v.entries().size()) != o.size()) {
            *why = QStringLiteral("map size");
            return false;
        }
        for (auto it = o.begin(); it != o.end(); ++it) {
            const CborValue *item = v.find(it.key());
            if (!item || !matchesJson(*item, it.value(), why)) {
                *why = it.key() + QStringLiteral(": ") + *why;
                return false;
            }
        }
        return true;
    }
    default: return false;
    }
}

struct Record
{
    QString file;
    int line = 0;
    QJsonObject json;
};

QList<Record> allRecords()
{
    QList<Record> records;
    const QDir dir(test::testData(QStringLiteral("smp/jphutchins-smp-records")));
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        const QList<QByteArray> lines = test::readFile(dir.filePath(name)).split('\n');
        int lineNo = 0;
        for (const QByteArray &line : lines) {
            ++lineNo;
            if (line.trimmed().isEmpty())
                continue;
            records.append({name, lineNo, QJsonDocument::fromJson(line).object()});
        }
    }
    return records;
}

QJsonArray generatedVectors()
{
    return QJsonDocument::fromJson(test::readFile(test::testData(QStringLiteral("smp/generated_serial_vectors.json"))))
        .array();
}

QJsonObject generatedVector(const QString &name)
{
    for (const QJsonValue &v : generatedVectors()) {
        if (v[QStringLiteral("name")].toString() == name)
            return v.toObject();
    }
    return {};
}
} // namespace

class TestSmpCodec : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void header();
    void headerErrors();
    void packetErrors();
    void zephyrVersionFrames();
    void jphutchinsRecords();
    void commandBuildersMatchVectors();
    void statusShapes();
    void statusText();
    void typedParsersRejectWrongTypes();
    void stateRoundTrip();
    void slotInfoRoundTrip();
    void uploadRequestRoundTrip();
    void maxUploadData();
};

void TestSmpCodec::header()
{
    SmpHeader h;
    h.op = SmpOp::Write;
    h.version = SmpVersion::V2;
    h.length = 0x1234;
    h.group = 0x0140;
    h.sequence = 0xfe;
    h.command = 7;
    const QByteArray bytes = h.toBytes();
    QCOMPARE(bytes, hex(QStringLiteral("0a0012340140fe07")));
    auto back = SmpHeader::parse(bytes);
    QVERIFY(back);
    QCOMPARE(back->op, SmpOp::Write);
    QCOMPARE(back->version, SmpVersion::V2);
    QCOMPARE(back->length, quint16(0x1234));
    QCOMPARE(back->group, quint16(0x0140));
    QCOMPARE(back->sequence, quint8(0xfe));
    QCOMPARE(back->command, quint8(7));
    QCOMPARE(SmpHeader::responseOp(SmpOp::Read), SmpOp::ReadResponse);
    QCOMPARE(SmpHeader::responseOp(SmpOp::Write), SmpOp::WriteResponse);
    QCOMPARE(smpCommandName(1, 1), QStringLiteral("image/upload"));
}

void TestSmpCodec::headerErrors()
{
    QVERIFY(!SmpHeader::parse(hex(QStringLiteral("0a000000000000"))));     // 7 bytes
    QVERIFY(!SmpHeader::parse(hex(QStringLiteral("2a00000000000000"))));   // reserved bit
    QVERIFY(!SmpHeader::parse(hex(QStringLiteral("0c00000000000000"))));   // op 4
    auto future = SmpHeader::parse(hex(QStringLiteral("1000000000000000"))); // version field 2 is kept
    QVERIFY(future);
    QCOMPARE(quint8(future->version), quint8(2));
}

void TestSmpCodec::packetErrors()
{
    // Length says 2, one byte follows / three bytes follow.
    auto shortBody = SmpPacket::decode(hex(QStringLiteral("0a00000200000000a0")));
    QVERIFY(!shortBody);
    QCOMPARE(shortBody.error().code(), ErrorCode::Format);
    QVERIFY(!SmpPacket::decode(hex(QStringLiteral("0a00000200000000a0a0a0"))));
    QVERIFY(!SmpPacket::decode(hex(QStringLiteral("0a0000010000000080"))));   // array body
    QVERIFY(!SmpPacket::decode(hex(QStringLiteral("0a00000200000000a0a0")))); // two items
    QVERIFY(!SmpPacket::decode(hex(QStringLiteral("0a00000200000000bf61"))));   // truncated
    auto emptyBody = SmpPacket::decode(hex(QStringLiteral("0b00000000000005")));
    QVERIFY(emptyBody);
    QVERIFY(emptyBody->body.isMap());
    QCOMPARE(SmpPacket::packetSize(hex(QStringLiteral("0a000102"))), qsizetype(-1));
    QCOMPARE(SmpPacket::packetSize(hex(QStringLiteral("0a00010200000000"))), qsizetype(8 + 0x102));
    // A body that does not fit 16 bits cannot be encoded.
    const CborValue big = CborValue::map({{CborValue::fromText(QStringLiteral("d")),
                                           CborValue::fromBytes(QByteArray(70000, 'x'))}});
    QVERIFY(SmpPacket::encode(SmpOp::Write, SmpVersion::V2, 0, 0, 0, big).isEmpty());
}

void TestSmpCodec::zephyrVersionFrames()
{
    QMap<QString, QByteArray> frames;
    const QList<QByteArray> lines =
        test::readFile(test::testData(QStringLiteral("smp/zephyr_smp_version_test_frames.txt"))).split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith('#') || line.trimmed().isEmpty())
            continue;
        const QList<QByteArray> parts = line.simplified().split(' ');
        frames.insert(QString::fromLatin1(parts[0]), QByteArray::fromHex(parts.mid(1).join()));
    }
    QCOMPARE(frames.size(), 7);
    const QByteArray expectedBody = hex(QStringLiteral("bf66666f726d61746138ff"));
    const std::pair<const char *, int> requests[] = {
        {"request_v1_legacy", 0}, {"request_v2", 1}, {"request_v3_future", 2}};
    for (const auto &[name, version] : requests) {
        auto p = SmpPacket::decode(frames.value(QString::fromLatin1(name)));
        QVERIFY2(p, name);
        QCOMPARE(quint8(p->header.version), quint8(version));
        QCOMPARE(p->header.op, SmpOp::Read);
        QCOMPARE(p->header.group, SmpGroup::Os);
        QCOMPARE(p->header.command, OsCommand::OsInfo);
        QCOMPARE(p->header.sequence, quint8(1));
        QVERIFY(p->body.isIndefinite());
        QCOMPARE(p->body.find(QStringLiteral("format"))->text(), QStringLiteral("8"));
        // Our encoder writes definite lengths: same value, header otherwise identical.
        const QByteArray again = SmpPacket::encode(p->header.op, p->header.version, 0, 7, 1,
                                                   SmpCommands::osInfo(QStringLiteral("8")));
        QCOMPARE(again.left(1), frames.value(QString::fromLatin1(name)).left(1));
        QVERIFY(SmpPacket::decode(again)->body.sameValue(p->body));
        QCOMPARE(p->body.rawIn(expectedBody), expectedBody);
    }
    const struct
    {
        const char *name;
        int version, rc;
        std::optional<int> group;
    } responses[] = {{"response_old_supported", 0, MgmtErr::Invalid, std::nullopt},
                     {"response_old_unsupported", 0, MgmtErr::UnsupportedTooOld, std::nullopt},
                     {"response_current", 1, OsMgmtErr::InvalidFormat, 0},
                     {"response_new", 1, MgmtErr::UnsupportedTooNew, std::nullopt}};
    for (const auto &r : responses) {
        auto p = SmpPacket::decode(frames.value(QString::fromLatin1(r.name)));
        QVERIFY2(p, r.name);
        QCOMPARE(quint8(p->header.version), quint8(r.version));
        QCOMPARE(p->header.op, SmpOp::ReadResponse);
        QCOMPARE(p->header.sequence, quint8(1));
        const SmpStatus status = SmpStatus::fromBody(p->body);
        QVERIFY(!status.ok());
        QCOMPARE(status.rc, r.rc);
        QCOMPARE(status.group, r.group);
        // The status re-encodes to the same value (definite lengths).
        QVERIFY(status.toBody().sameValue(p->body));
    }
}

void TestSmpCodec::jphutchinsRecords()
{
    const QList<Record> records = allRecords();
    QVERIFY(records.size() >= 250);
    int typed = 0;
    for (const Record &r : records) {
        const QString where = QStringLiteral("%1:%2").arg(r.file).arg(r.line);
        const QByteArray bytes = hex(r.json[QStringLiteral("bytes")].toString());
        auto p = SmpPacket::decode(bytes);
        QVERIFY2(p, qPrintable(where + QStringLiteral(": ") + (p ? QString() : p.error().message())));
        const QString message = r.json[QStringLiteral("message")].toString();
        QCOMPARE(quint8(p->header.version), quint8(r.json[QStringLiteral("version")].toInt()));
        QCOMPARE(int(p->header.sequence), r.json[QStringLiteral("sequence")].toInt());
        QCOMPARE(p->header.group, message.contains(QStringLiteral("image_management")) ? SmpGroup::Image : SmpGroup::Os);
        // "...ReadRequest" is a read; "...WriteRequest" and "ImageEraseRequest" are writes.
        const bool read = message.endsWith(QStringLiteral("ReadRequest")) || message.endsWith(QStringLiteral("ReadResponse"));
        const bool request = message.endsWith(QStringLiteral("Request"));
        const SmpOp op = request ? (read ? SmpOp::Read : SmpOp::Write) : (read ? SmpOp::ReadResponse : SmpOp::WriteResponse);
        QVERIFY2(p->header.op == op, qPrintable(where));
        QString why;
        QVERIFY2(matchesJson(p->body, r.json[QStringLiteral("kwargs")].toObject(), &why),
                 qPrintable(where + QStringLiteral(": ") + why));
        // Byte-exact re-encoding (the records use definite lengths).
        QCOMPARE(SmpPacket::encode(p->header.op, p->header.version, p->header.group, p->header.command,
                                   p->header.sequence, p->body),
                 bytes);
        // Typed views of the bodies.
        const QJsonObject kw = r.json[QStringLiteral("kwargs")].toObject();
        const SmpStatus status = SmpStatus::fromBody(p->body);
        QCOMPARE(status.rc, kw.value(QStringLiteral("rc")).toInt(0));
        if (message.endsWith(QStringLiteral("EchoWriteRequest"))) {
            QCOMPARE(*SmpCommands::parseEchoRequest(p->body), kw[QStringLiteral("d")].toString());
            ++typed;
        } else if (message.endsWith(QStringLiteral("EchoWriteResponse"))) {
            QCOMPARE(*SmpCommands::parseEcho(p->body), kw[QStringLiteral("r")].toString());
            ++typed;
        } else if (message.endsWith(QStringLiteral("MCUMgrParametersReadResponse"))) {
            auto params = SmpCommands::parseParams(p->body);
            QVERIFY(params);
            QCOMPARE(params->bufSize, kw[QStringLiteral("buf_size")].toInt());
            QCOMPARE(params->bufCount, kw[QStringLiteral("buf_count")].toInt());
            ++typed;
        } else if (message.endsWith(QStringLiteral("OSApplicationInfoReadResponse"))) {
            QCOMPARE(*SmpCommands::parseOsInfo(p->body), kw[QStringLiteral("output")].toString());
            ++typed;
        } else if (message.endsWith(QStringLiteral("BootloaderInformationReadResponse"))) {
            auto info = SmpCommands::parseBootloaderInfo(p->body);
            QVERIFY(info);
            QCOMPARE(info->name, QStringLiteral("MCUboot"));
            QCOMPARE(info->mode, std::optional<int>(3));
            QCOMPARE(info->noDowngrade, std::optional<bool>(true));
            QCOMPARE(*SmpCommands::parseBootloader(p->body), QStringLiteral("MCUboot"));
            ++typed;
        } else if (message.endsWith(QStringLiteral("ImageUploadWriteResponse"))) {
            auto up = SmpCommands::parseUpload(p->body);
            QCOMPARE(bool(up), kw.contains(QStringLiteral("off")));
            if (up) {
                QCOMPARE(double(up->offset), kw[QStringLiteral("off")].toDouble());
                QCOMPARE(up->match.has_value(), kw.contains(QStringLiteral("match")));
            }
            ++typed;
        } else if (message.endsWith(QStringLiteral("ImageEraseRequest"))) {
            auto slot = SmpCommands::parseEraseRequest(p->body);
            QVERIFY(slot);
            QCOMPARE(slot->has_value(), kw.contains(QStringLiteral("slot")));
            QVERIFY(SmpCommands::erase(*slot).sameValue(p->body));
            ++typed;
        } else if (message.endsWith(QStringLiteral("ResetWriteRequest"))) {
            QVERIFY(!SmpCommands::parseResetForce(p->body));
            QVERIFY(SmpCommands::reset(false).sameValue(p->body));
            ++typed;
        } else if (message.endsWith(QStringLiteral("OSApplicationInfoReadRequest"))) {
            QVERIFY(SmpCommands::osInfo(kw.value(QStringLiteral("format")).toString()).sameValue(p->body));
            ++typed;
        } else if (message.endsWith(QStringLiteral("BootloaderInformationReadRequest"))) {
            QVERIFY(SmpCommands::bootloaderInfo(kw.value(QStringLiteral("query")).toString()).sameValue(p->body));
            ++typed;
        }
    }
    QVERIFY(typed >= 240);
}

void TestSmpCodec::commandBuildersMatchVectors()
{
    const auto check = [](const char *name, SmpOp op, SmpVersion version, quint16 group, quint8 command,
                          quint8 sequence, const CborValue &body) {
        const QJsonObject v = generatedVector(QString::fromLatin1(name));
        QVERIFY2(!v.isEmpty(), name);
        QCOMPARE(SmpPacket::encode(op, version, group, command, sequence, body),
                 hex(v[QStringLiteral("smp_packet_hex")].toString()));
    };
    check("os_echo_v2", SmpOp::Write, SmpVersion::V2, 0, 0, 0x42, SmpCommands::echo(QStringLiteral("hello")));
    check("os_reset_v1", SmpOp::Write, SmpVersion::V1, 0, 5, 0x43, SmpCommands::reset(false));
    check("img_state_read_v2", SmpOp::Read, SmpVersion::V2, 1, 0, 1, SmpCommands::empty());
    const QByteArray hash = hex(QStringLiteral("90a0d88baaa733640dab01fd8e9311dbe8ea1032966b6b286ef6ef772cc608cf"));
    check("img_state_test_v2", SmpOp::Write, SmpVersion::V2, 1, 0, 2, SmpCommands::stateWrite(hash, false));
    check("img_state_confirm_v2", SmpOp::Write, SmpVersion::V2, 1, 0, 3, SmpCommands::stateWrite({}, true));
    const QByteArray file = test::readFile(test::testData(QStringLiteral("mcuboot/payload.signed-ecdsa-p256.bin")));
    UploadRequest first;
    first.image = 0;
    first.length = 1676;
    first.offset = 0;
    first.sha256 = hex(QStringLiteral("b62a1ead379bcceb8de8477cb56039b63e69ad30863bf8f65e501bcf891f93e7"));
    first.data = file.left(64);
    QCOMPARE(file.size(), 1676);
    QCOMPARE(crypto::sha256(file), first.sha256);
    check("img_upload_first_chunk_v2", SmpOp::Write, SmpVersion::V2, 1, 1, 4, SmpCommands::upload(first));
    UploadRequest next;
    next.offset = 64;
    next.data = QByteArray(64, '\xff');
    check("img_upload_next_chunk_v2", SmpOp::Write, SmpVersion::V2, 1, 1, 5, SmpCommands::upload(next));
    check("img_erase_slot1_v2", SmpOp::Write, SmpVersion::V2, 1, 5, 6, SmpCommands::erase(1));
    // Decoders of the same requests give back what was built.
    auto up = SmpCommands::parseUploadRequest(SmpCommands::upload(first));
    QVERIFY(up);
    QCOMPARE(up->image, std::optional<int>(0));
    QCOMPARE(up->length, 1676);
    QCOMPARE(up->sha256, first.sha256);
    QCOMPARE(up->data, first.data);
    auto sw = SmpCommands::parseStateWrite(SmpCommands::stateWrite(hash, false));
    QVERIFY(sw);
    QCOMPARE(sw->hash, hash);
    QVERIFY(!sw->confirm);
}

void TestSmpCodec::statusShapes()
{
    QVERIFY(SmpStatus::fromBody(CborValue::map()).ok());
    QVERIFY(SmpStatus::fromBody(SmpCommands::uploadResponse({128, std::nullopt})).ok());
    const SmpStatus v1 = SmpStatus::fromBody(SmpStatus::mgmt(MgmtErr::BadState).toBody());
    QCOMPARE(v1.rc, MgmtErr::BadState);
    QVERIFY(!v1.group);
    const SmpStatus v2 = SmpStatus::fromBody(SmpStatus::inGroup(1, ImgMgmtErr::HashNotFound).toBody());
    QCOMPARE(v2.rc, ImgMgmtErr::HashNotFound);
    QCOMPARE(v2.group, std::optional<int>(1));
    // {"err": {"group": 1, "rc": 0}} is success; {"rc": 0} too.
    QVERIFY(SmpStatus::fromBody(SmpStatus::inGroup(1, 0).toBody()).ok());
    QVERIFY(SmpStatus::fromBody(SmpStatus::mgmt(0).toBody()).ok());
    // Huge / negative rc values are clamped into int, never wrap to 0.
    const CborValue huge = CborValue::map({{CborValue::fromText(QStringLiteral("rc")),
                                            CborValue::fromUnsigned(0x1'0000'0000ULL)}});
    QVERIFY(!SmpStatus::fromBody(huge).ok());
    const CborValue negative = CborValue::map({{CborValue::fromText(QStringLiteral("rc")),
                                                CborValue::fromNegative(0xffff'ffff'ffffULL)}});
    QVERIFY(!SmpStatus::fromBody(negative).ok());
}

void TestSmpCodec::statusText()
{
    QVERIFY(SmpStatus::mgmt(MgmtErr::Invalid).text().contains(QStringLiteral("rc 3")));
    QVERIFY(SmpStatus::mgmt(MgmtErr::UnsupportedTooOld).text().contains(QStringLiteral("version")));
    const QString text = SmpStatus::inGroup(1, ImgMgmtErr::HashNotFound).text();
    QVERIFY2(text.contains(QStringLiteral("hash")) && text.contains(QStringLiteral("group 1")), qPrintable(text));
    QVERIFY(SmpStatus::inGroup(1, 999).text().contains(QStringLiteral("999")));
    QVERIFY(SmpStatus::inGroup(64, 2).text().contains(QStringLiteral("group 64")));
    QCOMPARE(SmpStatus::mgmtName(6), QStringLiteral("EBADSTATE"));
    QCOMPARE(SmpStatus::mgmtName(257), QStringLiteral("EPERUSER+1"));
}

void TestSmpCodec::typedParsersRejectWrongTypes()
{
    const auto map1 = [](const char *k, CborValue v) {
        return CborValue::map({{CborValue::fromText(QString::fromLatin1(k)), std::move(v)}});
    };
    QVERIFY(!SmpCommands::parseEcho(CborValue::map()));
    QVERIFY(!SmpCommands::parseEcho(map1("r", CborValue::fromInt(1))));
    QVERIFY(!SmpCommands::parseUpload(map1("off", CborValue::fromInt(-1))));
    QVERIFY(!SmpCommands::parseUpload(map1("off", CborValue::fromText(QStringLiteral("1")))));
    QVERIFY(!SmpCommands::parseParams(map1("buf_size", CborValue::fromInt(512))));
    QVERIFY(!SmpCommands::parseState(map1("images", CborValue::map())));
    QVERIFY(!SmpCommands::parseState(map1("images", CborValue::array({CborValue::map()}))));
    QVERIFY(!SmpCommands::parseSlotInfo(CborValue::map()));
    QVERIFY(!SmpCommands::parseUploadRequest(map1("off", CborValue::fromInt(0)))); // no data
    QVERIFY(!SmpCommands::parseStateWrite(map1("hash", CborValue::fromText(QStringLiteral("abc")))));
    QVERIFY(!SmpCommands::parseEraseRequest(map1("slot", CborValue::fromInt(-1))));
    const QString msg = SmpCommands::parseUpload(CborValue::map()).error().message();
    QVERIFY2(msg.contains(QStringLiteral("\"off\"")), qPrintable(msg));
}

void TestSmpCodec::stateRoundTrip()
{
    ImageSlotState a;
    a.slot = 0;
    a.version = QStringLiteral("1.0.0");
    a.hash = QByteArray(32, '\x11');
    a.bootable = a.confirmed = a.active = true;
    ImageSlotState b;
    b.slot = 1;
    b.version = QStringLiteral("255.255.65535.4294967295");
    b.hash = QByteArray(32, '\x22');
    b.bootable = b.pending = true;
    const QByteArray packet = SmpPacket::encode(SmpOp::ReadResponse, SmpVersion::V2, 1, 0, 9,
                                                SmpCommands::stateResponse({a, b}));
    auto decoded = SmpPacket::decode(packet);
    QVERIFY(decoded);
    auto states = SmpCommands::parseState(decoded->body);
    QVERIFY(states);
    QCOMPARE(states->size(), 2);
    QCOMPARE(states->at(0).version, a.version);
    QCOMPARE(states->at(0).hash, a.hash);
    QVERIFY(states->at(0).active && states->at(0).confirmed && !states->at(0).pending);
    QCOMPARE(states->at(1).version, b.version);
    QVERIFY(states->at(1).pending && !states->at(1).active && !states->at(1).permanent);
    // Zephyr's indefinite-length shape: {"images": [_ {"slot": 0, "version": "1.2.3", "active": true}]}
    const QByteArray indefinite = hex(QStringLiteral("bf66696d616765739fbf64736c6f74006776657273696f6e65312e322e3366"
                                                     "616374697665f5ffffff"));
    const QByteArray zephyrPacket =
        SmpHeader{SmpOp::ReadResponse, SmpVersion::V2, 0, quint16(indefinite.size()), 1, 0, 0}.toBytes() + indefinite;
    auto z = SmpPacket::decode(zephyrPacket);
    QVERIFY2(z, z ? "" : qPrintable(z.error().message()));
    auto zs = SmpCommands::parseState(z->body);
    QVERIFY(zs);
    QCOMPARE(zs->size(), 1);
    QCOMPARE(zs->at(0).version, QStringLiteral("1.2.3"));
    QVERIFY(zs->at(0).active);
    QVERIFY(zs->at(0).hash.isEmpty());
}

void TestSmpCodec::slotInfoRoundTrip()
{
    const QList<SlotInfo> slots{{0, 0, 0x60000, std::nullopt, 0x5f000}, {0, 1, 0x60000, 0, 0x5f000},
                                {1, 2, 0x20000, 1, std::nullopt}};
    auto parsed = SmpCommands::parseSlotInfo(SmpCommands::slotInfoResponse(slots));
    QVERIFY(parsed);
    QCOMPARE(parsed->size(), 3);
    QCOMPARE(parsed->at(1).uploadImageId, std::optional<int>(0));
    QCOMPARE(parsed->at(1).maxImageSize, std::optional<qint64>(0x5f000));
    QCOMPARE(parsed->at(2).image, 1);
    QCOMPARE(parsed->at(2).size, 0x20000);
    QVERIFY(!parsed->at(2).maxImageSize);
}

void TestSmpCodec::uploadRequestRoundTrip()
{
    // Only the first chunk carries image, len and sha.
    UploadRequest later;
    later.image = 0;
    later.length = 5000;
    later.offset = 512;
    later.sha256 = QByteArray(32, 'x');
    later.data = QByteArray(100, 'd');
    const CborValue body = SmpCommands::upload(later);
    QCOMPARE(body.entries().size(), size_t(2));
    auto back = SmpCommands::parseUploadRequest(body);
    QVERIFY(back);
    QCOMPARE(back->length, -1);
    QCOMPARE(back->offset, 512);
    QVERIFY(!back->image);
    QVERIFY(back->sha256.isEmpty());
}

void TestSmpCodec::maxUploadData()
{
    UploadRequest first;
    first.image = 0;
    first.length = 200000;
    first.offset = 0;
    first.sha256 = QByteArray(32, 's');
    UploadRequest next;
    next.offset = 131072;
    for (const UploadRequest &base : {first, next}) {
        for (int max = 0; max < 70000; max += (max < 600 ? 1 : 97)) {
            const int n = SmpCommands::maxUploadData(base, max, SmpVersion::V2);
            QVERIFY(n >= 0);
            UploadRequest r = base;
            r.data = QByteArray(n, 'a');
            const qsizetype size = SmpPacket::encode(SmpOp::Write, SmpVersion::V2, 1, 1, 0, SmpCommands::upload(r)).size();
            if (n > 0 || size <= max)
                QVERIFY2(size <= max, qPrintable(QStringLiteral("max %1 n %2 size %3").arg(max).arg(n).arg(size)));
            if (n < 0xffff - 64) {
                r.data = QByteArray(n + 1, 'a');
                const qsizetype bigger =
                    SmpPacket::encode(SmpOp::Write, SmpVersion::V2, 1, 1, 0, SmpCommands::upload(r)).size();
                QVERIFY2(bigger > max || bigger == 0,
                         qPrintable(QStringLiteral("max %1: %2 bytes would still fit").arg(max).arg(n + 1)));
            }
        }
    }
    // Typical Zephyr buffer: 2475 bytes.
    QVERIFY(SmpCommands::maxUploadData(next, 2475, SmpVersion::V2) > 2400);
}

QTEST_GUILESS_MAIN(TestSmpCodec)
#include "tst_smp_codec.moc"
