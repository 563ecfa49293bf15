// CBOR decoder / encoder / diagnostic notation: RFC 8949 Appendix A, indefinite lengths, deterministic order,
// malformed inputs with the offset of the problem, round trips and the resource limits.
#include "core/manifest/CborDecoder.h"
#include "core/manifest/CborDiagnostic.h"
#include "core/manifest/CborEncoder.h"

#include <QTest>

using namespace otadesk;
using namespace otadesk::manifest;

class TestCbor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void appendixA_data();
    void appendixA();
    void indefinite_data();
    void indefinite();
    void deterministicOrder();
    void strictMode_data();
    void strictMode();
    void malformed_data();
    void malformed();
    void spansAndEmbedded();
    void deepNesting();
    void hugeDeclaredLength();
    void deepNestingOtherContainers();
    void negative64();
    void prettyDiagnostic();
};

static QByteArray hex(const char *h) { return QByteArray::fromHex(QByteArray(h)); }

void TestCbor::appendixA_data()
{
    QTest::addColumn<QByteArray>("encoded");
    QTest::addColumn<QString>("diagnostic");
    QTest::addColumn<bool>("reencodes"); // deterministic encoder reproduces the bytes
    const struct { const char *hex; const char *diag; bool same; } rows[] = {
        {"00", "0", true}, {"01", "1", true}, {"0a", "10", true}, {"17", "23", true}, {"1818", "24", true},
        {"1819", "25", true}, {"1864", "100", true}, {"1903e8", "1000", true}, {"1a000f4240", "1000000", true},
        {"1b000000e8d4a51000", "1000000000000", true}, {"1bffffffffffffffff", "18446744073709551615", true},
        {"c249010000000000000000", "2(h'010000000000000000')", true},
        {"3bffffffffffffffff", "-18446744073709551616", true},
        {"c349010000000000000000", "3(h'010000000000000000')", true},
        {"20", "-1", true}, {"29", "-10", true}, {"3863", "-100", true}, {"3903e7", "-1000", true},
        {"f90000", "0.0", true}, {"f98000", "-0.0", true}, {"f93c00", "1.0", true}, {"fb3ff199999999999a", "1.1", true},
        {"f93e00", "1.5", true}, {"f97bff", "65504.0", true}, {"fa47c35000", "100000.0", true},
        {"fa7f7fffff", "3.4028234663852886e+38", true}, {"fb7e37e43c8800759c", "1.0e+300", true},
        {"f90001", "5.960464477539063e-8", true}, {"f9c400", "-4.0", true}, {"fbc010666666666666", "-4.1", true},
        {"f97c00", "Infinity", true}, {"f97e00", "NaN", true}, {"f9fc00", "-Infinity", true},
        {"fa7f800000", "Infinity", false}, {"fb7ff0000000000000", "Infinity", false},
        {"f4", "false", true}, {"f5", "true", true}, {"f6", "null", true}, {"f7", "undefined", true},
        {"f0", "simple(16)", true}, {"f8ff", "simple(255)", true},
        {"c074323031332d30332d32315432303a30343a30305a", "0(\"2013-03-21T20:04:00Z\")", true},
        {"c11a514b67b0", "1(1363896240)", true}, {"c1fb41d452d9ec200000", "1(1363896240.5)", true},
        {"d74401020304", "23(h'01020304')", true},
        {"d818456449455446", "24(h'6449455446')", true},
        {"d82076687474703a2f2f7777772e6578616d706c652e636f6d", "32(\"http://www.example.com\")", true},
        {"40", "h''", true}, {"4401020304", "h'01020304'", true}, {"60", "\"\"", true}, {"6161", "\"a\"", true},
        {"6449455446", "\"IETF\"", true}, {"62225c", "\"\\\"\\\\\"", true}, {"62c3bc", "\"\xc3\xbc\"", true},
        {"63e6b0b4", "\"\xe6\xb0\xb4\"", true}, {"64f0908591", "\"\xf0\x90\x85\x91\"", true},
        {"80", "[]", true}, {"83010203", "[1, 2, 3]", true}, {"8301820203820405", "[1, [2, 3], [4, 5]]", true},
        {"98190102030405060708090a0b0c0d0e0f101112131415161718181819",
         "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]", true},
        {"a0", "{}", true}, {"a201020304", "{1: 2, 3: 4}", true},
        {"a26161016162820203", "{\"a\": 1, \"b\": [2, 3]}", true}, {"826161a161626163", "[\"a\", {\"b\": \"c\"}]", true},
        {"a56161614161626142616361436164614461656145",
         "{\"a\": \"A\", \"b\": \"B\", \"c\": \"C\", \"d\": \"D\", \"e\": \"E\"}", true},
    };
    for (const auto &r : rows)
        QTest::newRow(r.hex) << hex(r.hex) << QString::fromUtf8(r.diag) << r.same;
}

void TestCbor::appendixA()
{
    QFETCH(QByteArray, encoded);
    QFETCH(QString, diagnostic);
    QFETCH(bool, reencodes);
    auto value = CborDecoder::decode(encoded);
    QVERIFY2(value, qPrintable(value ? QString() : value.error().message()));
    QCOMPARE(value->offset(), 0);
    QCOMPARE(value->length(), encoded.size());
    QCOMPARE(toDiagnostic(*value), diagnostic);
    const QByteArray again = CborEncoder::encode(*value, CborEncoder::MapOrder::Deterministic);
    if (reencodes)
        QCOMPARE(again.toHex(), encoded.toHex());
    auto back = CborDecoder::decode(again, {64, true});
    QVERIFY(back);
    QVERIFY(back->sameValue(*value));
}

void TestCbor::indefinite_data()
{
    QTest::addColumn<QByteArray>("encoded");
    QTest::addColumn<QString>("diagnostic");
    QTest::addColumn<QByteArray>("definite");
    QTest::newRow("chunked bstr") << hex("5f42010243030405ff") << QStringLiteral("(_ h'0102', h'030405')") << hex("450102030405");
    QTest::newRow("chunked tstr") << hex("7f657374726561646d696e67ff") << QStringLiteral("(_ \"strea\", \"ming\")")
                                  << hex("6973747265616d696e67");
    QTest::newRow("empty array") << hex("9fff") << QStringLiteral("[_ ]") << hex("80");
    QTest::newRow("nested 1") << hex("9f018202039f0405ffff") << QStringLiteral("[_ 1, [2, 3], [_ 4, 5]]") << hex("8301820203820405");
    QTest::newRow("nested 2") << hex("9f01820203820405ff") << QStringLiteral("[_ 1, [2, 3], [4, 5]]") << hex("8301820203820405");
    QTest::newRow("nested 3") << hex("83018202039f0405ff") << QStringLiteral("[1, [2, 3], [_ 4, 5]]") << hex("8301820203820405");
    QTest::newRow("map") << hex("bf61610161629f0203ffff") << QStringLiteral("{_ \"a\": 1, \"b\": [_ 2, 3]}") << hex("a26161016162820203");
    QTest::newRow("array of map") << hex("826161bf61626163ff") << QStringLiteral("[\"a\", {_ \"b\": \"c\"}]") << hex("826161a161626163");
    QTest::newRow("fun") << hex("bf6346756ef563416d7421ff") << QStringLiteral("{_ \"Fun\": true, \"Amt\": -2}") << hex("a26346756ef563416d7421");
}

void TestCbor::indefinite()
{
    QFETCH(QByteArray, encoded);
    QFETCH(QString, diagnostic);
    QFETCH(QByteArray, definite);
    auto value = CborDecoder::decode(encoded);
    QVERIFY2(value, qPrintable(value ? QString() : value.error().message()));
    QCOMPARE(toDiagnostic(*value), diagnostic);
    QCOMPARE(CborEncoder::encode(*value).toHex(), definite.toHex());
    QVERIFY(!CborDecoder::decode(encoded, {64, true})); // strict mode: indefinite lengths are not deterministic
}

void TestCbor::deterministicOrder()
{
    // Keys of different types and lengths: 10, 100, -1, "z", "aa", [100], [-1], false (RFC 8949 §4.2.1 order).
    std::vector<CborMapEntry> entries;
    const CborValue keys[] = {CborValue::fromBool(false), CborValue::array({CborValue::fromInt(-1)}),
                              CborValue::array({CborValue::fromInt(100)}), CborValue::fromText(QStringLiteral("aa")),
                              CborValue::fromText(QStringLiteral("z")), CborValue::fromInt(-1),
                              CborValue::fromInt(100), CborValue::fromInt(10)};
    for (const CborValue &k : keys)
        entries.push_back({k, CborValue::fromInt(0)});
    const CborValue map = CborValue::map(entries);
    QCOMPARE(CborEncoder::encode(map, CborEncoder::MapOrder::Deterministic).toHex(),
             QByteArray("a80a00186400200061""7a0062616100811864008120""00f400"));
    // As given: SUIT's envelope order (3 after 2 even when sorting would differ) survives.
    const CborValue envelope = CborValue::map({{CborValue::fromInt(3), CborValue::fromInt(1)},
                                               {CborValue::fromInt(2), CborValue::fromInt(0)}});
    QCOMPARE(CborEncoder::encode(envelope).toHex(), QByteArray("a203010200"));
    QCOMPARE(CborEncoder::encode(envelope, CborEncoder::MapOrder::Deterministic).toHex(), QByteArray("a202000301"));
}

void TestCbor::strictMode_data()
{
    QTest::addColumn<QByteArray>("encoded");
    QTest::addColumn<qint64>("offset");
    QTest::newRow("non-shortest int") << hex("1817") << qint64(0);
    QTest::newRow("non-shortest length") << hex("82590001ff00") << qint64(1);
    QTest::newRow("unsorted keys") << hex("a202000100") << qint64(3);
    QTest::newRow("longer key first") << hex("a21818000100") << qint64(4);
    QTest::newRow("float64 fits float16") << hex("fb3ff8000000000000") << qint64(0);
    QTest::newRow("indefinite") << hex("9f01ff") << qint64(0);
}

void TestCbor::strictMode()
{
    QFETCH(QByteArray, encoded);
    QFETCH(qint64, offset);
    QVERIFY(CborDecoder::decode(encoded)); // fine when not strict
    auto strict = CborDecoder::decode(encoded, {64, true});
    QVERIFY(!strict);
    QCOMPARE(strict.error().code(), ErrorCode::Format);
    QCOMPARE(strict.error().where().offset, offset);
}

void TestCbor::malformed_data()
{
    QTest::addColumn<QByteArray>("encoded");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << QByteArray() << qint64(0) << QStringLiteral("truncated");
    QTest::newRow("truncated uint16") << hex("19 01") << qint64(1) << QStringLiteral("truncated");
    QTest::newRow("array count > input") << hex("830102") << qint64(0) << QStringLiteral("only 2 bytes remain");
    QTest::newRow("truncated array") << hex("8301820203") << qint64(5) << QStringLiteral("truncated");
    QTest::newRow("bstr too long") << hex("4501020304") << qint64(0) << QStringLiteral("only 4 remain");
    QTest::newRow("reserved 28") << hex("1c") << qint64(0) << QStringLiteral("reserved");
    QTest::newRow("reserved 30 in array") << hex("82017e") << qint64(2) << QStringLiteral("reserved");
    QTest::newRow("break outside") << hex("8201ff") << qint64(2) << QStringLiteral("break");
    QTest::newRow("bare break") << hex("ff") << qint64(0) << QStringLiteral("break");
    QTest::newRow("indefinite int") << hex("1f") << qint64(0) << QStringLiteral("indefinite");
    QTest::newRow("indefinite tag") << hex("df00") << qint64(0) << QStringLiteral("indefinite");
    QTest::newRow("bad utf8") << hex("8162c328") << qint64(2) << QStringLiteral("UTF-8");
    QTest::newRow("overlong utf8") << hex("62c080") << qint64(1) << QStringLiteral("UTF-8");
    QTest::newRow("surrogate utf8") << hex("63eda080") << qint64(1) << QStringLiteral("UTF-8");
    QTest::newRow("wrong chunk type") << hex("5f6161ff") << qint64(1) << QStringLiteral("chunk");
    QTest::newRow("nested indefinite chunk") << hex("5f5f4100ffff") << qint64(1) << QStringLiteral("chunk");
    QTest::newRow("unterminated indefinite") << hex("9f0102") << qint64(3) << QStringLiteral("truncated");
    QTest::newRow("map key without value") << hex("bf01ff") << qint64(2) << QStringLiteral("without a value");
    QTest::newRow("odd map") << hex("a10102a1") << qint64(3) << QStringLiteral("after the end");
    QTest::newRow("trailing") << hex("0000") << qint64(1) << QStringLiteral("after the end");
    QTest::newRow("two-byte simple < 32") << hex("f818") << qint64(0) << QStringLiteral("simple");
    QTest::newRow("duplicate key") << hex("a2010201 03") << qint64(3) << QStringLiteral("duplicate");
    QTest::newRow("tag without content") << hex("d8 12") << qint64(2) << QStringLiteral("truncated");
}

void TestCbor::malformed()
{
    QFETCH(QByteArray, encoded);
    QFETCH(qint64, offset);
    QFETCH(QString, message);
    auto value = CborDecoder::decode(encoded);
    QVERIFY(!value);
    QCOMPARE(value.error().code(), ErrorCode::Format);
    QCOMPARE(value.error().where().offset, offset);
    QVERIFY2(value.error().message().contains(message, Qt::CaseInsensitive), qPrintable(value.error().message()));
}

void TestCbor::spansAndEmbedded()
{
    // [h'A10126', <<[-16, h'0011']>>]: the inner decode keeps offsets into the outer buffer.
    const QByteArray outer = hex("8243a1012645822f420011");
    auto value = CborDecoder::decode(outer);
    QVERIFY(value);
    const CborValue &wrapped = value->at(1);
    QCOMPARE(wrapped.offset(), 5);
    QCOMPARE(wrapped.length(), 6);
    QCOMPARE(wrapped.headerLength(), 1);
    QCOMPARE(wrapped.rawIn(outer).toHex(), QByteArray("45822f420011"));
    auto inner = CborDecoder::decodeEmbedded(outer, wrapped);
    QVERIFY(inner);
    QCOMPARE(inner->offset(), 6);
    QCOMPARE(inner->at(0).toInt64(), qint64(-16));
    QCOMPARE(inner->at(1).offset(), 8);
    QCOMPARE(inner->at(1).rawIn(outer).toHex(), QByteArray("420011"));
    // Error offsets inside embedded CBOR are positions in the outer buffer too.
    const QByteArray bad = hex("8143820142");
    auto badValue = CborDecoder::decode(bad);
    QVERIFY(badValue);
    auto badInner = CborDecoder::decodeEmbedded(bad, badValue->at(0));
    QVERIFY(!badInner);
    QCOMPARE(badInner.error().where().offset, 4);
    QCOMPARE(toDiagnostic(*value), QStringLiteral("[<<{1: -7}>>, <<[-16, h'0011']>>]"));
    CborDiagnosticOptions plain;
    plain.embeddedCbor = false;
    QCOMPARE(toDiagnostic(*value, plain), QStringLiteral("[h'a10126', h'822f420011']"));
}

void TestCbor::deepNesting()
{
    QByteArray ok(64, char(0x81));
    ok.append(char(0x00));
    QVERIFY(CborDecoder::decode(ok));
    QByteArray deep(65, char(0x81));
    deep.append(char(0x00));
    auto r = CborDecoder::decode(deep);
    QVERIFY(!r);
    QCOMPARE(r.error().where().offset, 64);
    QVERIFY(r.error().message().contains(QStringLiteral("nesting")));
    QByteArray tags(100000, char(0xc1)); // 100k nested tags must not overflow the stack
    tags.append(char(0x00));
    QVERIFY(!CborDecoder::decode(tags));
}

void TestCbor::hugeDeclaredLength()
{
    for (const char *h : {"5bffffffffffffffff00", "9bffffffffffffffff00", "bbffffffffffffffff0000", "7b7fffffffffffffff",
                          "9a7fffffff", "ba40000000010203"}) {
        auto r = CborDecoder::decode(hex(h));
        QVERIFY2(!r, h);
        QCOMPARE(r.error().where().offset, 0);
        QVERIFY(r.error().message().contains(QStringLiteral("remain")));
    }
}

void TestCbor::deepNestingOtherContainers()
{
    // Maps, indefinite arrays and tags count towards the same limit; the error names the item's position.
    for (const QByteArray &level : {QByteArray::fromHex("a100"), QByteArray::fromHex("9f"), QByteArray::fromHex("c1")}) {
        QByteArray deep;
        for (int i = 0; i < 65; ++i)
            deep += level;
        deep += QByteArray(1, char(0x00));
        if (level == QByteArray::fromHex("9f"))
            deep += QByteArray(65, char(0xff));
        auto r = CborDecoder::decode(deep);
        QVERIFY2(!r, level.toHex().constData());
        QCOMPARE(r.error().where().offset, qint64(64 * level.size()));
        QVERIFY(r.error().message().contains(QStringLiteral("nesting deeper than 64")));
    }
    CborDecodeOptions shallow;
    shallow.maxDepth = 4;
    QVERIFY(CborDecoder::decode(QByteArray::fromHex("8181818100"), shallow));
    QVERIFY(!CborDecoder::decode(QByteArray::fromHex("818181818100"), shallow));
    // A huge declared length inside a container is reported at the string's own position.
    auto r = CborDecoder::decode(QByteArray::fromHex("8201" "5a7fffffff00"));
    QVERIFY(!r);
    QCOMPARE(r.error().where().offset, qint64(2));
}

void TestCbor::negative64()
{
    auto v = CborDecoder::decode(hex("3bffffffffffffffff"));
    QVERIFY(v);
    QCOMPARE(v->type(), CborValue::Type::Negative);
    QCOMPARE(v->rawInteger(), UINT64_MAX);
    QVERIFY(!v->toInt64()); // below INT64_MIN
    auto m = CborDecoder::decode(hex("3b7fffffffffffffff"));
    QVERIFY(m);
    QCOMPARE(m->toInt64(), std::optional<qint64>(INT64_MIN));
    QCOMPARE(CborEncoder::encode(CborValue::fromInt(INT64_MIN)).toHex(), QByteArray("3b7fffffffffffffff"));
    QCOMPARE(CborEncoder::encode(CborValue::fromInt(-16)).toHex(), QByteArray("2f"));
}

void TestCbor::prettyDiagnostic()
{
    auto v = CborDecoder::decode(hex("a2016161028201820203"));
    QVERIFY(v);
    CborDiagnosticOptions pretty;
    pretty.pretty = true;
    pretty.indent = 2;
    QCOMPARE(toDiagnostic(*v, pretty), QStringLiteral("{\n  1: \"a\",\n  2: [\n    1,\n    [2, 3]\n  ]\n}"));
}

QTEST_GUILESS_MAIN(TestCbor)
#include "tst_cbor.moc"
