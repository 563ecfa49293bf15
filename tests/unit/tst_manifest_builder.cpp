// ManifestSpec / ManifestBuilder: UUIDv5 vectors from the SUIT draft, templates, JSON round trip, validation,
// byte-for-byte agreement with the draft's examples 1, 3 and 5, the characteristic extension (and its
// document), and golden envelopes per template (OTADESK_UPDATE_GOLDEN=1 rewrites them).
#include "core/manifest/CborDecoder.h"
#include "core/manifest/CborDiagnostic.h"
#include "core/manifest/CborEncoder.h"
#include "core/manifest/CharacteristicExtension.h"
#include "core/manifest/EnvelopeSigner.h"
#include "core/manifest/SuitDecoder.h"
#include "core/manifest/SuitNames.h"
#include "core/manifest/SuitUuid.h"
#include "core/manifest/SuitVerifier.h"
#include "ManifestTestSpecs.h"
#include "TestData.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace otadesk;
using namespace otadesk::manifest;

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qWarning("cannot open %s", qPrintable(path));
    return f.readAll();
}

QString sourcePath(const QString &relative)
{
    return QDir(QStringLiteral(OTADESK_SOURCE_DIR)).filePath(relative);
}

CborValue member(const CborValue &map, qint64 key)
{
    const CborValue *v = map.find(key);
    return v ? *v : CborValue();
}

QStringList fields(const QList<SpecProblem> &problems)
{
    QStringList out;
    for (const SpecProblem &p : problems)
        out << p.field;
    return out;
}

// The draft example's spec expressed as a ManifestSpec (component id h'00', vendor "arm.com", class "suit").
ManifestSpec exampleSpec(ManifestTemplate kind)
{
    ManifestSpec spec = ManifestBuilder::fromTemplate(kind);
    spec.vendorDomain = QStringLiteral("arm.com");
    spec.modelName = QStringLiteral("suit");
    const QByteArray d1 =
        QByteArray::fromHex("00112233445566778899aabbccddeeff0123456789abcdeffedcba9876543210");
    const QByteArray d2 =
        QByteArray::fromHex("0123456789abcdeffedcba987654321000112233445566778899aabbccddeeff");
    for (ComponentSpec &c : spec.components)
        c.identifier = {QByteArray(1, '\0')};
    spec.components[0].digest = d1;
    spec.components[0].size = 34768;
    if (spec.components.size() > 1) {
        spec.components[1].digest = d2;
        spec.components[1].size = 76834;
        spec.components[0].uri = QStringLiteral("http://example.com/file1.bin");
        spec.components[1].uri = QStringLiteral("http://example.com/file2.bin");
    } else {
        spec.components[0].uri = QStringLiteral("http://example.com/file.bin");
    }
    return spec;
}

} // namespace

class TestManifestBuilder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void uuidVectors();
    void templates();
    void characteristicNames();
    void jsonRoundTrip();
    void jsonErrors_data();
    void jsonErrors();
    void loadPayloads();
    void validateReportsEveryProblem();
    void validateSlotsAndCharacteristics();
    void buildRefusesInvalidSpec();
    void deterministic();
    void matchesDraftExample_data();
    void matchesDraftExample();
    void abSlotsTryEach();
    void severedMembersAndPayloads();
    void dependencies();
    void characteristicsExtension();
    void characteristicsMalformedIsReported();
    void characteristicsDocument();
    void golden_data();
    void golden();
};

void TestManifestBuilder::uuidVectors()
{
    // draft-ietf-suit-manifest "Constructing UUIDs" and its examples: arm.com / class "suit" (example2.json
    // model-info).
    const QUuid vendor = suitUuid::vendorId(QStringLiteral("arm.com"));
    QCOMPARE(vendor, QUuid(QStringLiteral("fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe")));
    QCOMPARE(suitUuid::classId(vendor, QStringLiteral("suit")),
             QUuid(QStringLiteral("1492af14-2569-5e48-bf42-9b2d51f2ab45")));
    QCOMPARE(suitUuid::nameSpaceDns(), QUuid(QStringLiteral("6ba7b810-9dad-11d1-80b4-00c04fd430c8")));
    // RFC 9562 Appendix A.4: UUIDv5(NameSpace_DNS, "www.example.com").
    QCOMPARE(suitUuid::v5(suitUuid::nameSpaceDns(), "www.example.com"),
             QUuid(QStringLiteral("2ed6657d-e927-568b-95e1-2665a8aea6a2")));
    // Same as Qt's own implementation for other names; version 5 and RFC variant bits.
    for (const char *name : {"", "a", "example.com", "nordicsemi.com", "\xc3\xa9t\xc3\xa9.example"}) {
        const QUuid u = suitUuid::v5(vendor, name);
        QCOMPARE(u, QUuid::createUuidV5(vendor, QByteArray(name)));
        QCOMPARE(u.version(), QUuid::Sha1);
        QCOMPARE(u.variant(), QUuid::DCE);
    }
    ManifestSpec spec;
    spec.vendorDomain = QStringLiteral("arm.com");
    spec.modelName = QStringLiteral("suit");
    QCOMPARE(spec.vendorId(), vendor);
    QCOMPARE(spec.classId(), QUuid(QStringLiteral("1492af14-2569-5e48-bf42-9b2d51f2ab45")));
}

void TestManifestBuilder::templates()
{
    QCOMPARE(allTemplates().size(), 4);
    QStringList names;
    for (ManifestTemplate t : allTemplates()) {
        names << templateName(t);
        QCOMPARE(templateFromName(templateName(t)), t);
        QVERIFY(!templateTitle(t).isEmpty());
        const ManifestSpec spec = ManifestBuilder::fromTemplate(t);
        QCOMPARE(spec.templateKind, t);
        QVERIFY(spec.product.isEmpty() && spec.vendorDomain.isEmpty() && spec.modelName.isEmpty());
    }
    QCOMPARE(names, QStringList({QStringLiteral("single-image"), QStringLiteral("ab-slots"),
                                 QStringLiteral("image-aux"), QStringLiteral("multi-component")}));
    QVERIFY(!templateFromName(QStringLiteral("single")));
    auto componentNames = [](const ManifestSpec &s) {
        QStringList out;
        for (const ComponentSpec &c : s.components)
            out << c.name + (c.slot ? QStringLiteral("@%1").arg(*c.slot) : QString());
        return out;
    };
    QCOMPARE(componentNames(ManifestBuilder::fromTemplate(ManifestTemplate::SingleImage)),
             QStringList{QStringLiteral("main")});
    QCOMPARE(componentNames(ManifestBuilder::fromTemplate(ManifestTemplate::ABSlots)),
             QStringList({QStringLiteral("main@0"), QStringLiteral("main@1")}));
    QCOMPARE(componentNames(ManifestBuilder::fromTemplate(ManifestTemplate::ImageWithAuxiliary)),
             QStringList({QStringLiteral("main"), QStringLiteral("aux")}));
    QCOMPARE(componentNames(ManifestBuilder::fromTemplate(ManifestTemplate::MultiComponent)),
             QStringList({QStringLiteral("app"), QStringLiteral("net"), QStringLiteral("modem")}));
}

void TestManifestBuilder::characteristicNames()
{
    for (const QString &n : standardCharacteristicNames())
        QVERIFY2(isValidCharacteristicName(n), qPrintable(n));
    for (const char *good :
         {"component-version:main", "component-digest:net", "attribute:region", "attribute:hw.rev_2"})
        QVERIFY2(isValidCharacteristicName(QString::fromLatin1(good)), good);
    for (const char *bad : {"", "vendor", "vendor-id:x", "component-version", "component-version:",
                            "attribute:", "attribute:a b", "serial:1", "component-digest: main", "Vendor-Id"})
        QVERIFY2(!isValidCharacteristicName(QString::fromLatin1(bad)), bad);
}

void TestManifestBuilder::jsonRoundTrip()
{
    for (ManifestTemplate t : allTemplates()) {
        ManifestSpec spec = test::goldenSpec(t);
        spec.sequenceNumber = t == ManifestTemplate::ABSlots ? 18446744073709551615ull : spec.sequenceNumber;
        const QJsonObject json = spec.toJson();
        const QByteArray text = QJsonDocument(json).toJson();
        QVERIFY(!text.contains("region=eu")); // payload bytes never go into the JSON
        auto back = ManifestSpec::fromJson(QJsonDocument::fromJson(text).object());
        QVERIFY2(back, back ? "" : qPrintable(back.error().message()));
        ManifestSpec expected = spec;
        for (ComponentSpec &c : expected.components)
            c.payload.clear();
        QCOMPARE(*back, expected);
        QCOMPARE(QJsonDocument(back->toJson()).toJson(), text); // stable
    }
}

void TestManifestBuilder::jsonErrors_data()
{
    QTest::addColumn<QString>("path");  // field to replace, "a.b[1].c" style (only the forms used here)
    QTest::addColumn<QString>("value"); // JSON text of the replacement
    QTest::addColumn<QString>("field"); // expected in the message
    QTest::newRow("digest hex") << QStringLiteral("components/1/digest") << QStringLiteral("\"12zz\"")
                                << QStringLiteral("components[1].digest");
    QTest::newRow("odd hex") << QStringLiteral("components/0/digest") << QStringLiteral("\"123\"")
                             << QStringLiteral("components[0].digest");
    QTest::newRow("size type") << QStringLiteral("components/0/size") << QStringLiteral("\"big\"")
                               << QStringLiteral("components[0].size");
    QTest::newRow("negative size") << QStringLiteral("components/0/size") << QStringLiteral("-1")
                                   << QStringLiteral("components[0].size");
    QTest::newRow("unknown comp field") << QStringLiteral("components/1/sizes") << QStringLiteral("1")
                                        << QStringLiteral("components[1].sizes");
    QTest::newRow("template") << QStringLiteral("template") << QStringLiteral("\"dual\"")
                              << QStringLiteral("template");
    QTest::newRow("sequence") << QStringLiteral("sequenceNumber") << QStringLiteral("1.5")
                              << QStringLiteral("sequenceNumber");
    QTest::newRow("severText") << QStringLiteral("severText") << QStringLiteral("\"yes\"")
                               << QStringLiteral("severText");
    QTest::newRow("characteristics") << QStringLiteral("characteristics") << QStringLiteral("[1]")
                                     << QStringLiteral("characteristics[0]");
    QTest::newRow("dependency prefix")
        << QStringLiteral("dependencies/0/prefix") << QStringLiteral("[\"0g\"]")
        << QStringLiteral("dependencies[0].prefix[0]");
    QTest::newRow("unknown top") << QStringLiteral("sequence") << QStringLiteral("1")
                                 << QStringLiteral("sequence");
    QTest::newRow("newer format") << QStringLiteral("formatVersion") << QStringLiteral("2")
                                  << QStringLiteral("formatVersion");
}

void TestManifestBuilder::jsonErrors()
{
    QFETCH(QString, path);
    QFETCH(QString, value);
    QFETCH(QString, field);
    QJsonObject root = test::goldenSpec(ManifestTemplate::MultiComponent).toJson();
    const QJsonValue replacement = QJsonDocument::fromJson("[" + value.toUtf8() + "]").array().at(0);
    const QStringList parts = path.split(QLatin1Char('/'));
    if (parts.size() == 1) {
        root.insert(parts[0], replacement);
    } else {
        QJsonArray array = root.value(parts[0]).toArray();
        QJsonObject item = array.at(parts[1].toInt()).toObject();
        item.insert(parts[2], replacement);
        array[parts[1].toInt()] = item;
        root.insert(parts[0], array);
    }
    auto r = ManifestSpec::fromJson(root);
    QVERIFY(!r);
    QCOMPARE(r.error().code(), ErrorCode::Format);
    QVERIFY2(r.error().message().contains(field + QLatin1Char(':')), qPrintable(r.error().message()));
}

void TestManifestBuilder::loadPayloads()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ManifestSpec spec = test::goldenSpec(ManifestTemplate::ImageWithAuxiliary);
    const QByteArray expected = spec.components[1].payload;
    QFile f(dir.filePath(QStringLiteral("aux.cfg")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(expected);
    f.close();
    auto loaded = ManifestSpec::fromJson(spec.toJson());
    QVERIFY(loaded);
    QVERIFY(loaded->components[1].payload.isEmpty());
    QVERIFY(ManifestBuilder::validate(*loaded).size() == 1); // payload not loaded yet
    QVERIFY(loaded->loadPayloads(dir.path()));
    QCOMPARE(loaded->components[1].payload, expected);
    QVERIFY(loaded->components[0].payload.isEmpty()); // not integrated: never read
    QVERIFY(ManifestBuilder::validate(*loaded).isEmpty());
    QCOMPARE(*ManifestBuilder::buildEnvelope(*loaded), *ManifestBuilder::buildEnvelope(spec));
    loaded->components[1].payloadFile = QStringLiteral("missing.cfg");
    auto missing = loaded->loadPayloads(dir.path());
    QVERIFY(!missing);
    QCOMPARE(missing.error().code(), ErrorCode::Io);
    QVERIFY(missing.error().message().contains(QStringLiteral("components[1].payloadFile")));
}

void TestManifestBuilder::validateReportsEveryProblem()
{
    ManifestSpec spec = ManifestBuilder::fromTemplate(ManifestTemplate::ImageWithAuxiliary);
    spec.components[1].integrated = true;
    spec.components[0].digest = QByteArray(31, 'x');
    spec.components[0].uri = QStringLiteral("not a uri");
    const QStringList f = fields(ManifestBuilder::validate(spec));
    for (const char *expected :
         {"vendorDomain", "modelName", "components[0].digest", "components[0].size", "components[0].uri",
          "components[1].digest", "components[1].size", "components[1].payload"})
        QVERIFY2(f.contains(QString::fromLatin1(expected)),
                 qPrintable(QString::fromLatin1(expected) + QStringLiteral(" missing in ") + f.join(u',')));
    QVERIFY(!f.contains(QStringLiteral("components[1].uri"))); // integrated: no URI needed
    for (const SpecProblem &p : ManifestBuilder::validate(spec))
        QVERIFY(!p.message.isEmpty());
    spec = test::goldenSpec(ManifestTemplate::ImageWithAuxiliary);
    QVERIFY(ManifestBuilder::validate(spec).isEmpty());
    spec.components[1].payload[0] = 'R'; // payload no longer matches its digest
    QCOMPARE(fields(ManifestBuilder::validate(spec)), QStringList{QStringLiteral("components[1].digest")});
    spec.vendorDomain = QStringLiteral("exa mple.com");
    QVERIFY(fields(ManifestBuilder::validate(spec)).contains(QStringLiteral("vendorDomain")));
}

void TestManifestBuilder::validateSlotsAndCharacteristics()
{
    ManifestSpec spec = test::goldenSpec(ManifestTemplate::ABSlots);
    QVERIFY(ManifestBuilder::validate(spec).isEmpty());
    spec.components[1].slot = 0;
    QCOMPARE(fields(ManifestBuilder::validate(spec)), QStringList{QStringLiteral("components[1].slot")});
    spec.components[1].slot.reset();
    QVERIFY(fields(ManifestBuilder::validate(spec)).contains(QStringLiteral("components[1].slot")));

    spec = test::goldenSpec(ManifestTemplate::SingleImage);
    spec.characteristics << QStringLiteral("component-version:nope") << QStringLiteral("vendor-id")
                         << QStringLiteral("colour");
    spec.resourceRequestUri = QStringLiteral("/relative");
    QCOMPARE(fields(ManifestBuilder::validate(spec)),
             QStringList({QStringLiteral("characteristics[5]"), QStringLiteral("characteristics[6]"),
                          QStringLiteral("characteristics[7]"), QStringLiteral("resourceRequestUri")}));
}

void TestManifestBuilder::buildRefusesInvalidSpec()
{
    ManifestSpec spec = test::goldenSpec(ManifestTemplate::SingleImage);
    spec.components[0].digest.chop(1);
    for (const auto &r : {ManifestBuilder::buildManifest(spec), ManifestBuilder::buildEnvelope(spec)}) {
        QVERIFY(!r);
        QCOMPARE(r.error().code(), ErrorCode::InvalidArgument);
        QVERIFY2(r.error().message().contains(QStringLiteral("components[0].digest")),
                 qPrintable(r.error().message()));
    }
    QVERIFY(!ManifestBuilder::manifestValue(spec));
}

void TestManifestBuilder::deterministic()
{
    CborDecodeOptions strict;
    strict.strict = true;
    for (ManifestTemplate t : allTemplates()) {
        const ManifestSpec spec = test::goldenSpec(t);
        auto a = ManifestBuilder::buildEnvelope(spec);
        auto b = ManifestBuilder::buildEnvelope(test::goldenSpec(t));
        QVERIFY2(a, a ? "" : qPrintable(a.error().message()));
        QCOMPARE(*a, *b);
        // Every level is in RFC 8949 deterministic form (which also puts envelope key 2 before key 3).
        auto root = CborDecoder::decode(*a, strict);
        QVERIFY2(root, root ? "" : qPrintable(root.error().message()));
        auto manifest = ManifestBuilder::buildManifest(spec);
        QVERIFY(manifest && CborDecoder::decode(*manifest, strict));
        auto env = SuitDecoder::decodeEnvelope(*a);
        QVERIFY(env);
        QCOMPARE(env->manifestBstr.mid(env->manifestBstr.size() - manifest->size()), *manifest);
        QVERIFY(env->manifestDigest->check(env->manifestBstr, {}));
        QVERIFY(env->authBlocks.isEmpty());
        QVERIFY(env->tagged && env->key2BeforeKey3);
        auto value = ManifestBuilder::manifestValue(spec);
        QVERIFY(value && value->sameValue(*CborDecoder::decode(*manifest)));
    }
}

void TestManifestBuilder::matchesDraftExample_data()
{
    QTest::addColumn<int>("example");
    QTest::addColumn<int>("kind");
    QTest::newRow("example 1: download + install") << 1 << int(ManifestTemplate::SingleImage);
    QTest::newRow("example 3: A/B images") << 3 << int(ManifestTemplate::ABSlots);
    QTest::newRow("example 5: two images") << 5 << int(ManifestTemplate::ImageWithAuxiliary);
}

void TestManifestBuilder::matchesDraftExample()
{
    // Same inputs as the draft's suit-tool JSON: common (components + shared sequence), validate and install
    // come out byte for byte as in the draft (OTA Desk adds invoke, text and set-version around them).
    QFETCH(int, example);
    QFETCH(int, kind);
    ManifestSpec spec = exampleSpec(ManifestTemplate(kind));
    if (example == 5)
        spec.components[1].identifier = {QByteArray(1, '\1')};
    spec.severText = false;
    auto built = ManifestBuilder::buildManifest(spec);
    QVERIFY2(built, built ? "" : qPrintable(built.error().message()));
    auto ours = CborDecoder::decode(*built);
    auto env = SuitDecoder::decodeEnvelope(
        readFile(test::testData(QStringLiteral("suit/manifest-spec/example%1.signed.cbor").arg(example))));
    QVERIFY(ours && env);
    auto theirs = CborDecoder::decodeEmbedded(env->bytes, env->manifestBstrValue);
    QVERIFY(theirs);
    for (qint64 key : {3, 7, 20}) {
        const CborValue a = member(*ours, key), b = member(*theirs, key);
        QVERIFY2(a.isBytes() && b.isBytes(), qPrintable(QString::number(key)));
        QVERIFY2(a.bytes() == b.bytes(), qPrintable(QStringLiteral("key %1\nours:   %2\ndraft:  %3")
                                                        .arg(key)
                                                        .arg(QString::fromLatin1(a.bytes().toHex()),
                                                             QString::fromLatin1(b.bytes().toHex()))));
    }
    if (example == 5)
        QCOMPARE(member(*ours, 9).bytes(), member(*theirs, 9).bytes());
}

void TestManifestBuilder::abSlotsTryEach()
{
    auto bytes = ManifestBuilder::buildEnvelope(test::goldenSpec(ManifestTemplate::ABSlots));
    QVERIFY(bytes);
    auto env = SuitDecoder::decodeEnvelope(*bytes);
    QVERIFY(env);
    auto m = SuitDecoder::decodeManifest(*env);
    QVERIFY(m);
    QCOMPARE(m->components.size(), 1);
    QCOMPARE(m->components[0], QList<QByteArray>{QByteArray("main")});
    const SuitCommand *tryEach = nullptr;
    for (const SuitCommand &c : m->sharedSequence) {
        if (c.code == 15)
            tryEach = &c;
    }
    QVERIFY(tryEach);
    QCOMPARE(tryEach->nested.size(), 2);
    for (int slot = 0; slot < 2; ++slot) {
        const SuitSequence &alt = tryEach->nested[slot];
        QCOMPARE(alt.size(), 3);
        QCOMPARE(alt[0].parameters->componentSlot, quint64(slot));
        QCOMPARE(alt[1].code, 5); // condition-component-slot
        QCOMPARE(alt[2].parameters->imageDigest->bytes,
                 crypto::sha256(QStringLiteral("main-slot%1").arg(slot).toUtf8()));
    }
    QVERIFY(m->sequences.contains(20) && m->sequences.contains(7) && m->sequences.contains(9));
    QCOMPARE(m->sequences[20][0].code, 15);
    QCOMPARE(m->sequences[20][0].nested[1][2].parameters->uri,
             QStringLiteral("https://updates.example.com/gw-200/2.3.0/main-slot1.bin"));
}

void TestManifestBuilder::severedMembersAndPayloads()
{
    const ManifestSpec spec = test::goldenSpec(ManifestTemplate::ImageWithAuxiliary);
    auto bytes = ManifestBuilder::buildEnvelope(spec);
    QVERIFY(bytes);
    auto env = SuitDecoder::decodeEnvelope(*bytes);
    QVERIFY(env);
    QCOMPARE(env->severedMembers.keys(), QList<qint64>({20, 23}));
    QCOMPARE(env->integratedPayloads.keys(), QStringList{QStringLiteral("#aux")});
    QCOMPARE(env->integratedPayloads.value(QStringLiteral("#aux")), spec.components[1].payload);
    auto m = SuitDecoder::decodeManifest(*env);
    QVERIFY(m);
    for (qint64 key : {20, 23}) {
        QVERIFY(m->severable[key].digest && m->severable[key].presentInEnvelope &&
                !m->severable[key].inManifest);
        QVERIFY(m->severable[key].digest->check(m->severable[key].severedBytes, {}));
    }
    QCOMPARE(m->components.size(), 2);
    // install: set index 1, uri "#aux", fetch
    bool foundIntegratedUri = false;
    for (const SuitCommand &c : m->sequences[20]) {
        if (c.parameters && c.parameters->uri == QStringLiteral("#aux"))
            foundIntegratedUri = true;
    }
    QVERIFY(foundIntegratedUri);
    const CborValue *lmap = m->text.find(QStringLiteral("en-US"));
    QVERIFY(lmap);
    QCOMPARE(lmap->find(1)->text(), spec.description);
    const CborValue *aux = lmap->find(CborValue::array({CborValue::fromBytes("aux")}));
    QVERIFY(aux);
    QCOMPARE(aux->find(6)->text(), QStringLiteral("7"));
    QCOMPARE(lmap->find(CborValue::array({CborValue::fromBytes("main")}))->find(6)->text(),
             QStringLiteral("2.3.0"));
    QCOMPARE(lmap->find(CborValue::array({CborValue::fromBytes("main")}))->find(1)->text(), spec.vendorName);
    // set-version (update-management key 6) from "2.3.0"
    QCOMPARE(CborEncoder::encode(member(m->raw, 6)).toHex(), QByteArray("83020300"));
    // Not severed: text inside the manifest, nothing at envelope key 23.
    ManifestSpec inline_ = spec;
    inline_.severText = false;
    inline_.severInstall = false;
    auto env2 = SuitDecoder::decodeEnvelope(*ManifestBuilder::buildEnvelope(inline_));
    QVERIFY(env2 && env2->severedMembers.isEmpty());
    QVERIFY(SuitDecoder::decodeManifest(*env2)->severable[23].inManifest);
}

void TestManifestBuilder::dependencies()
{
    const ManifestSpec spec = test::goldenSpec(ManifestTemplate::MultiComponent);
    auto bytes = ManifestBuilder::buildEnvelope(spec);
    QVERIFY(bytes);
    auto env = SuitDecoder::decodeEnvelope(*bytes);
    auto m = SuitDecoder::decodeManifest(*env);
    QVERIFY(m);
    QCOMPARE(m->components.size(), 4); // app, net, modem + the dependency manifest
    QCOMPARE(m->dependencies.keys(), QList<quint64>{3});
    QCOMPARE(m->dependencies.value(3).toHex(), QByteArray("8145") + QByteArray("modem").toHex());
    QVERIFY(m->sequences.contains(15)); // dependency-resolution fetches it
    QList<qint64> installCodes;
    for (const SuitCommand &c : m->sequences[20])
        installCodes << c.code;
    QCOMPARE(installCodes.mid(installCodes.size() - 3),
             QList<qint64>({12, 7, 11})); // set index, integrity, process
    const auto report = SuitVerifier::verifyEnvelope(*bytes, {});
    QVERIFY(report.find(QStringLiteral("commands"))->passed);
    QVERIFY(report.find(QStringLiteral("manifest"))->passed);
}

void TestManifestBuilder::characteristicsExtension()
{
    const ManifestSpec spec = test::goldenSpec(ManifestTemplate::MultiComponent);
    auto bytes = ManifestBuilder::buildEnvelope(spec);
    QVERIFY(bytes);
    const auto report = SuitVerifier::verifyEnvelope(*bytes, {});
    const SuitCheck *check = report.find(QStringLiteral("characteristics"));
    QVERIFY(check && check->passed);
    QVERIFY2(check->message.contains(spec.resourceRequestUri), qPrintable(check->message));
    QVERIFY(report.find(QStringLiteral("commands"))->passed); // a parameter, never an unknown command
    QVERIFY(report.manifest && report.manifest->characteristics);
    const CharacteristicDefinition &def = *report.manifest->characteristics;
    QCOMPARE(def.resourceRequestUri, spec.resourceRequestUri);
    QCOMPARE(def.requests.size(), 3);
    QCOMPARE(def.requests[0].code, CharacteristicCode::DeviceId);
    QCOMPARE(def.requests[1].code, CharacteristicCode::ComponentDigest);
    QCOMPARE(def.requests[1].componentIndex, quint64(2)); // "modem"
    QCOMPARE(def.requests[2].componentIndex, quint64(1)); // "net"
    // It sits in the first override-parameters of the shared sequence, named by SuitNames.
    const SuitCommand &first = report.manifest->sharedSequence[1];
    QCOMPARE(first.code, 20);
    bool named = false;
    for (const auto &[key, value] : first.parameters->all)
        named =
            named || (key == -257 && suitNames::parameter(key) == QStringLiteral("otadesk-characteristics"));
    QVERIFY(named);
    // Without characteristics the parameter is absent.
    ManifestSpec plain = spec;
    plain.characteristics.clear();
    const auto plainReport = SuitVerifier::verifyEnvelope(*ManifestBuilder::buildEnvelope(plain), {});
    QVERIFY(!plainReport.find(QStringLiteral("characteristics")));
    QVERIFY(!plainReport.manifest->characteristics);
}

void TestManifestBuilder::characteristicsMalformedIsReported()
{
    const QList<std::pair<QByteArray, QString>> cases = {
        {CborEncoder::encode(
             CborValue::map({{CborValue::fromInt(2), CborValue::array({CborValue::fromInt(1)})}})),
         QStringLiteral("URI")},
        {CharacteristicDefinition{QStringLiteral("https://x.example/r"),
                                  {{CharacteristicCode::ComponentVersion, 9, {}}}}
             .encode(),
         QStringLiteral("component 9")},
        {CborEncoder::encode(CborValue::map(
             {{CborValue::fromInt(1), CborValue::fromText(QStringLiteral("https://x.example/r"))},
              {CborValue::fromInt(2), CborValue::array({CborValue::fromInt(42)})}})),
         QStringLiteral("unknown characteristic code")},
        {QByteArray::fromHex("a201"), QStringLiteral("remain")},
    };
    for (const auto &[content, expected] : cases) {
        auto def = CharacteristicDefinition::fromParameter(CborValue::fromBytes(content), {}, 1);
        QVERIFY(!def);
        QVERIFY2(def.error().message().contains(expected), qPrintable(def.error().message()));
    }
    // In a real envelope: patch the parameter bytes of a built manifest (same length) and rebuild the digest.
    ManifestSpec spec = test::goldenSpec(ManifestTemplate::SingleImage);
    const QByteArray good = *ManifestBuilder::buildEnvelope(spec);
    QByteArray bad = good;
    const QByteArray code = CborEncoder::encode(
        CborValue::array({CborValue::fromInt(8), CborValue::fromText(QStringLiteral("region"))}));
    const qsizetype at = bad.indexOf(code);
    QVERIFY(at > 0);
    bad[at + 1] = char(0x09); // attribute code 8 -> 9: unknown
    auto env = SuitDecoder::decodeEnvelope(bad);
    QVERIFY(env);
    const auto report = SuitVerifier::verifyEnvelope(bad, {});
    const SuitCheck *check = report.find(QStringLiteral("characteristics"));
    QVERIFY(check && !check->passed);
    QVERIFY2(check->message.contains(QStringLiteral("byte %1").arg(at + 1)), qPrintable(check->message));
}

void TestManifestBuilder::characteristicsDocument()
{
    // docs/suit-characteristics.md shows the parameter and a device report for the single-image golden spec;
    // both must be exactly what the code produces (OTADESK_UPDATE_GOLDEN=1 rewrites the generated blocks).
    const QString docPath = sourcePath(QStringLiteral("docs/suit-characteristics.md"));
    QString doc = QString::fromUtf8(readFile(docPath));
    auto blockRe = [](const QString &name) {
        return QRegularExpression(
            QStringLiteral("(<!-- generated: %1 -->\\s*```[a-z-]*\\n)(.*?)(```)").arg(name),
            QRegularExpression::DotMatchesEverythingOption);
    };
    const ManifestSpec spec = test::goldenSpec(ManifestTemplate::SingleImage);
    auto report = SuitVerifier::verifyEnvelope(*ManifestBuilder::buildEnvelope(spec), {});
    QVERIFY(report.manifest && report.manifest->characteristics);
    CborDiagnosticOptions pretty;
    pretty.pretty = true;
    const CharacteristicDefinition &def = *report.manifest->characteristics;
    const QByteArray request = CharacteristicReport::encode(
        report.envelope->digestBstr, {{def.requests[0], CborValue::fromBytes(spec.vendorId().toRfc4122())},
                                      {def.requests[1], CborValue::fromBytes(spec.classId().toRfc4122())},
                                      {def.requests[2], CborValue::fromText(QStringLiteral("B2"))},
                                      {def.requests[3], CborValue::fromText(QStringLiteral("2.2.1"))},
                                      {def.requests[4], CborValue::fromText(QStringLiteral("eu-west"))}});
    const QList<std::pair<QString, QString>> blocks = {
        {QStringLiteral("parameter"),
         toDiagnostic(CborValue::map({{CborValue::fromInt(-257), def.parameterValue()}}), pretty)},
        {QStringLiteral("parameter-hex"), QString::fromLatin1(def.encode().toHex())},
        {QStringLiteral("report"), toDiagnostic(*CborDecoder::decode(request), pretty)},
        {QStringLiteral("report-hex"), QString::fromLatin1(request.toHex())},
    };
    if (qEnvironmentVariableIntValue("OTADESK_UPDATE_GOLDEN") == 1) {
        for (const auto &[name, content] : blocks) {
            const auto m = blockRe(name).match(doc);
            QVERIFY2(m.hasMatch(), qPrintable(name));
            doc.replace(m.capturedStart(2), m.capturedLength(2), content.trimmed() + QLatin1Char('\n'));
        }
        QFile f(docPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(doc.toUtf8());
    }
    for (const auto &[name, content] : blocks)
        QCOMPARE(blockRe(name).match(doc).captured(2).trimmed(), content.trimmed());
}

void TestManifestBuilder::golden_data()
{
    QTest::addColumn<int>("kind");
    for (ManifestTemplate t : allTemplates())
        QTest::newRow(qPrintable(templateName(t))) << int(t);
}

void TestManifestBuilder::golden()
{
    QFETCH(int, kind);
    const ManifestTemplate t = ManifestTemplate(kind);
    auto bytes = ManifestBuilder::buildEnvelope(test::goldenSpec(t));
    QVERIFY(bytes);
    auto env = SuitDecoder::decodeEnvelope(*bytes);
    QVERIFY(env);
    QVERIFY(SuitDecoder::decodeManifest(*env));
    CborDiagnosticOptions pretty;
    pretty.pretty = true;
    const QString diag = toDiagnostic(*CborDecoder::decode(*bytes), pretty) + QLatin1Char('\n');
    const QString base = sourcePath(QStringLiteral("tests/data/golden/%1").arg(templateName(t)));
    if (qEnvironmentVariableIntValue("OTADESK_UPDATE_GOLDEN") == 1) {
        QFile suit(base + QStringLiteral(".suit")), text(base + QStringLiteral(".diag"));
        QVERIFY(suit.open(QIODevice::WriteOnly) && text.open(QIODevice::WriteOnly));
        suit.write(*bytes);
        text.write(diag.toUtf8());
        qInfo("rewrote %s.suit/.diag", qPrintable(base));
    }
    QCOMPARE(bytes->toHex(), readFile(base + QStringLiteral(".suit")).toHex());
    QCOMPARE(diag, QString::fromUtf8(readFile(base + QStringLiteral(".diag"))));
    // Once signed it verifies, every check passing.
    auto key = crypto::PrivateKey::generate(crypto::KeyType::EcdsaP256);
    QVERIFY(key);
    auto signedBytes = EnvelopeSigner::sign(*bytes, *key);
    QVERIFY(signedBytes);
    const auto report =
        SuitVerifier::verifyEnvelope(*signedBytes, {{QStringLiteral("release"), key->publicKey()}});
    QVERIFY2(report.ok(), qPrintable(report.toString()));
}

QTEST_GUILESS_MAIN(TestManifestBuilder)
#include "tst_manifest_builder.moc"
