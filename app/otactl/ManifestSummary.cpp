#include "app/otactl/ManifestSummary.h"

#include "core/manifest/CborDecoder.h"
#include "core/manifest/CoseAlgorithm.h"
#include "core/manifest/CoseMac0.h"
#include "core/manifest/CoseSign1.h"
#include "core/manifest/SuitNames.h"

#include <map>
#include <QCoreApplication>
#include <QJsonArray>

namespace otadesk::cli {

using namespace manifest;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("otactl", text);
}
QString hexOf(const QByteArray &b)
{
    return QString::fromLatin1(b.toHex());
}

constexpr qint64 kSetComponentIndex = 12;
constexpr qint64 kOverrideParameters = 20;
constexpr qint64 kSetParameters = 19;
constexpr qint64 kCharacteristicsParameter = -257; // OTA Desk's characteristic-definition extension

QJsonObject digestJson(const SuitDigest &d)
{
    return {{QStringLiteral("algorithm"), SuitDigest::algorithmName(d.algorithm)},
            {QStringLiteral("algorithmId"), d.algorithm},
            {QStringLiteral("hex"), hexOf(d.bytes)}};
}

// What the sequences set for one image of a component (one per slot for A/B components).
struct ImageFacts
{
    std::optional<quint64> slot;
    std::optional<SuitDigest> digest;
    std::optional<quint64> size;
    QString uri;
};

struct ComponentFacts
{
    std::map<qint64, ImageFacts> images; // slot (-1 = none) -> facts
    std::optional<QUuid> vendorId;
    std::optional<QUuid> classId;
};

// Follows set-component-index and the parameters of every sequence, try-each alternative and run-sequence
// body.
class ParameterWalk
{
public:
    explicit ParameterWalk(qsizetype components) : facts(size_t(components)) {}
    std::vector<ComponentFacts> facts;
    CborValue characteristics; // the -257 parameter value (a bstr), if present

    struct State
    {
        QList<qsizetype> current{0};
        std::map<qsizetype, qint64> slot;
    };

    void walk(const SuitSequence &seq, State state)
    {
        for (const SuitCommand &c : seq) {
            if (c.code == kSetComponentIndex) {
                state.current = indices(c.argument);
            } else if ((c.code == kOverrideParameters || c.code == kSetParameters) && c.parameters) {
                apply(*c.parameters, state);
            }
            for (const SuitSequence &nested : c.nested)
                walk(nested, state); // each alternative starts from the state at the try-each
        }
    }

private:
    QList<qsizetype> indices(const CborValue &arg) const
    {
        QList<qsizetype> out;
        if (arg.isBool() && arg.toBool()) {
            for (qsizetype i = 0; i < qsizetype(facts.size()); ++i)
                out.append(i);
        } else if (auto n = arg.toUnsigned()) {
            out.append(qsizetype(*n));
        } else if (arg.isArray()) {
            for (const CborValue &v : arg.items()) {
                if (auto i = v.toUnsigned())
                    out.append(qsizetype(*i));
            }
        }
        return out;
    }

    void apply(const SuitParameters &p, State &state)
    {
        for (const auto &[key, value] : p.all) {
            if (key == kCharacteristicsParameter)
                characteristics = value;
        }
        for (qsizetype i : std::as_const(state.current)) {
            if (i < 0 || i >= qsizetype(facts.size()))
                continue;
            ComponentFacts &cf = facts[size_t(i)];
            if (p.componentSlot)
                state.slot[i] = qint64(*p.componentSlot);
            if (p.vendorId)
                cf.vendorId = p.vendorId;
            if (p.classId)
                cf.classId = p.classId;
            if (!p.imageDigest && !p.imageSize && !p.uri)
                continue;
            const qint64 slot = state.slot.count(i) ? state.slot.at(i) : -1;
            ImageFacts &img = cf.images[slot];
            if (slot >= 0)
                img.slot = quint64(slot);
            if (p.imageDigest)
                img.digest = p.imageDigest;
            if (p.imageSize)
                img.size = p.imageSize;
            if (p.uri)
                img.uri = *p.uri;
        }
    }
};

QString textKeyName(qint64 key, bool component)
{
    static const char *manifestKeys[] = {nullptr, "manifest-description", "update-description", "json-source",
                                         "yaml-source"};
    static const char *componentKeys[] = {
        nullptr,          "vendor-name",           "model-name",        "vendor-domain",
        "model-info",     "component-description", "component-version", "version-required",
        "current-version"};
    if (!component && key >= 1 && key <= 4)
        return QString::fromLatin1(manifestKeys[key]);
    if (component && key >= 1 && key <= 8)
        return QString::fromLatin1(componentKeys[key]);
    return QString::number(key);
}

QJsonValue scalarJson(const CborValue &v)
{
    if (v.isText())
        return v.text();
    if (auto i = v.toInt64())
        return QJsonValue(*i);
    if (v.isBytes())
        return hexOf(v.bytes());
    return QJsonValue();
}

QJsonArray identifierJson(const QList<QByteArray> &id)
{
    QJsonArray a;
    for (const QByteArray &part : id)
        a.append(hexOf(part));
    return a;
}

QString identifierText(const QList<QByteArray> &id)
{
    QStringList parts;
    for (const QByteArray &part : id)
        parts << identifierPartText(part);
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

// {"en-US": {"manifest-description": ..., "components": [{"identifier": [...], "component-version": ...}]}}
QJsonObject textJson(const CborValue &text, QMap<QString, QString> *componentVersions)
{
    QJsonObject out;
    if (!text.isMap())
        return out;
    for (const CborMapEntry &lang : text.entries()) {
        if (!lang.value.isMap())
            continue;
        QJsonObject l;
        QJsonArray components;
        for (const CborMapEntry &e : lang.value.entries()) {
            if (e.key.isArray() && e.value.isMap()) {
                QList<QByteArray> id;
                for (const CborValue &part : e.key.items())
                    id.append(part.bytes());
                QJsonObject c{{QStringLiteral("identifier"), identifierJson(id)}};
                for (const CborMapEntry &ce : e.value.entries()) {
                    const QString name = textKeyName(ce.key.toInt64().value_or(0), true);
                    c.insert(name, scalarJson(ce.value));
                    if (name == QLatin1String("component-version") && ce.value.isText() && componentVersions)
                        componentVersions->insert(identifierText(id), ce.value.text());
                }
                components.append(c);
            } else if (auto k = e.key.toInt64()) {
                l.insert(textKeyName(*k, false), scalarJson(e.value));
            }
        }
        if (!components.isEmpty())
            l.insert(QStringLiteral("components"), components);
        out.insert(lang.key.isText() ? lang.key.text() : QStringLiteral("?"), l);
    }
    return out;
}

const char *kCharacteristicCodes[] = {
    nullptr,  "vendor-id",         "class-id",         "device-id", "hardware-revision",
    "serial", "component-version", "component-digest", "attribute"};

// OTA Desk's characteristic definition: bstr .cbor {1: uri, 2: [code / [code, argument]]}.
QJsonObject characteristicsJson(const CborValue &param, const QList<QList<QByteArray>> &components)
{
    if (!param.isBytes())
        return {};
    auto map = CborDecoder::decode(param.bytes());
    if (!map || !map->isMap())
        return {{QStringLiteral("error"), tr("the characteristic definition does not decode")}};
    QJsonObject out;
    if (const CborValue *uri = map->find(qint64(1)); uri && uri->isText())
        out.insert(QStringLiteral("resourceRequestUri"), uri->text());
    QJsonArray names;
    if (const CborValue *list = map->find(qint64(2)); list && list->isArray()) {
        for (const CborValue &item : list->items()) {
            const CborValue &codeValue = item.isArray() ? item.at(0) : item;
            const quint64 code = codeValue.toUnsigned().value_or(0);
            QString name = code >= 1 && code <= 8 ? QString::fromLatin1(kCharacteristicCodes[code])
                                                  : QStringLiteral("code %1").arg(code);
            if (item.isArray() && item.size() > 1) {
                const CborValue &arg = item.at(1);
                if (auto index = arg.toUnsigned(); index && qsizetype(*index) < components.size())
                    name += QLatin1Char(':') + identifierText(components.at(qsizetype(*index)));
                else if (arg.isText())
                    name += QLatin1Char(':') + arg.text();
            }
            names.append(name);
        }
    }
    out.insert(QStringLiteral("names"), names);
    return out;
}

QJsonArray signaturesJson(const SuitEnvelope &env, const QMap<QString, QString> &keyNames)
{
    QJsonArray out;
    int index = 0;
    for (const SuitAuthBlock &block : env.authBlocks) {
        ++index;
        QJsonObject o{{QStringLiteral("index"), index}};
        const CoseHeaders *headers = nullptr;
        std::optional<CoseSign1> sign1;
        std::optional<CoseMac0> mac0;
        if (block.kind == SuitAuthBlock::Kind::Sign1) {
            o.insert(QStringLiteral("type"), QStringLiteral("COSE_Sign1"));
            if (auto s = CoseSign1::parse(block.value, env.bytes)) {
                sign1 = std::move(*s);
                headers = &sign1->headers;
                o.insert(QStringLiteral("signature"), hexOf(sign1->signature));
            }
        } else if (block.kind == SuitAuthBlock::Kind::Mac0) {
            o.insert(QStringLiteral("type"), QStringLiteral("COSE_Mac0"));
            if (auto m = CoseMac0::parse(block.value, env.bytes)) {
                mac0 = std::move(*m);
                headers = &mac0->headers;
                o.insert(QStringLiteral("signature"), hexOf(mac0->tag));
            }
        } else {
            o.insert(QStringLiteral("type"), QStringLiteral("unsupported"));
        }
        if (!headers) {
            o.insert(QStringLiteral("error"), tr("the block does not parse"));
            out.append(o);
            continue;
        }
        const auto alg = headers->algorithm();
        o.insert(QStringLiteral("algorithm"), alg ? CoseAlgorithms::name(*alg) : QString());
        o.insert(QStringLiteral("algorithmId"), alg ? QJsonValue(*alg) : QJsonValue());
        const QString kid = hexOf(headers->keyId());
        o.insert(QStringLiteral("keyId"), kid);
        o.insert(QStringLiteral("keyName"),
                 keyNames.contains(kid) ? QJsonValue(keyNames.value(kid)) : QJsonValue());
        out.append(o);
    }
    return out;
}
} // namespace

QString identifierPartText(const QByteArray &part)
{
    bool printable = !part.isEmpty();
    for (char c : part)
        printable = printable && c >= 0x20 && c < 0x7f;
    return printable ? QString::fromLatin1(part) : QStringLiteral("h'%1'").arg(hexOf(part));
}

QJsonObject manifestSummaryJson(const SuitEnvelope &env, const SuitManifest &m,
                                const QMap<QString, QString> &keyNames)
{
    ParameterWalk walk(m.components.size());
    walk.walk(m.sharedSequence, {});
    for (auto it = m.sequences.cbegin(); it != m.sequences.cend(); ++it)
        walk.walk(it.value(), {});

    QMap<QString, QString> versions;
    const QJsonObject text = textJson(m.text, &versions);

    QJsonArray components;
    for (qsizetype i = 0; i < m.components.size(); ++i) {
        const ComponentFacts &cf = walk.facts[size_t(i)];
        const QString idText = identifierText(m.components.at(i));
        QJsonObject c{{QStringLiteral("index"), i},
                      {QStringLiteral("identifier"), identifierJson(m.components.at(i))},
                      {QStringLiteral("name"), idText},
                      {QStringLiteral("vendorId"),
                       cf.vendorId ? QJsonValue(cf.vendorId->toString(QUuid::WithoutBraces)) : QJsonValue()},
                      {QStringLiteral("classId"),
                       cf.classId ? QJsonValue(cf.classId->toString(QUuid::WithoutBraces)) : QJsonValue()},
                      {QStringLiteral("version"),
                       versions.contains(idText) ? QJsonValue(versions.value(idText)) : QJsonValue()},
                      {QStringLiteral("dependency"), m.dependencies.contains(quint64(i))}};
        QJsonArray images;
        for (const auto &[slot, img] : cf.images) {
            QJsonObject o{
                {QStringLiteral("slot"), img.slot ? QJsonValue(qint64(*img.slot)) : QJsonValue()},
                {QStringLiteral("digest"), img.digest ? QJsonValue(digestJson(*img.digest)) : QJsonValue()},
                {QStringLiteral("size"), img.size ? QJsonValue(qint64(*img.size)) : QJsonValue()},
                {QStringLiteral("uri"), img.uri.isEmpty() ? QJsonValue() : QJsonValue(img.uri)}};
            if (img.uri.startsWith(QLatin1Char('#')) && env.integratedPayloads.contains(img.uri))
                o.insert(QStringLiteral("integrated"), true);
            images.append(o);
        }
        c.insert(QStringLiteral("images"), images);
        components.append(c);
    }

    QJsonArray sequences;
    for (auto it = m.sequences.cbegin(); it != m.sequences.cend(); ++it)
        sequences.append(suitNames::manifestMember(it.key()));
    QJsonArray severed;
    for (auto it = m.severable.cbegin(); it != m.severable.cend(); ++it) {
        if (it->digest)
            severed.append(QJsonObject{{QStringLiteral("member"), suitNames::manifestMember(it.key())},
                                       {QStringLiteral("key"), it.key()},
                                       {QStringLiteral("presentInEnvelope"), it->presentInEnvelope}});
    }
    QJsonArray payloads;
    for (auto it = env.integratedPayloads.cbegin(); it != env.integratedPayloads.cend(); ++it)
        payloads.append(
            QJsonObject{{QStringLiteral("key"), it.key()}, {QStringLiteral("size"), qint64(it->size())}});

    QJsonObject o{
        {QStringLiteral("size"), qint64(env.bytes.size())},
        {QStringLiteral("tagged"), env.tagged},
        {QStringLiteral("manifestDigest"),
         env.manifestDigest ? QJsonValue(digestJson(*env.manifestDigest)) : QJsonValue()},
        {QStringLiteral("manifestVersion"), qint64(m.version)},
        {QStringLiteral("sequenceNumber"),
         m.sequenceNumber ? QJsonValue(qint64(*m.sequenceNumber)) : QJsonValue()},
        {QStringLiteral("referenceUri"), m.referenceUri ? QJsonValue(*m.referenceUri) : QJsonValue()},
        {QStringLiteral("components"), components},
        {QStringLiteral("sequences"), sequences},
        {QStringLiteral("severed"), severed},
        {QStringLiteral("integratedPayloads"), payloads},
        {QStringLiteral("text"), text},
        {QStringLiteral("characteristics"),
         walk.characteristics.isValid() ? QJsonValue(characteristicsJson(walk.characteristics, m.components))
                                        : QJsonValue()},
        {QStringLiteral("signatures"), signaturesJson(env, keyNames)},
    };
    return o;
}

void printManifestSummary(QTextStream &out, const QJsonObject &s)
{
    auto line = [&](const QString &label, const QString &value) {
        out << qSetFieldWidth(18) << Qt::left << label + QLatin1Char(':') << qSetFieldWidth(0) << value
            << '\n';
    };
    auto orNone = [](const QJsonValue &v) {
        return v.isNull() || v.isUndefined() ? tr("(none)") : v.toVariant().toString();
    };
    const QJsonObject digest = s.value(QStringLiteral("manifestDigest")).toObject();
    line(tr("Envelope"), tr("%1 bytes%2")
                             .arg(s.value(QStringLiteral("size")).toInteger())
                             .arg(s.value(QStringLiteral("tagged")).toBool() ? tr(", tag 107") : QString()));
    line(tr("Manifest digest"), digest.isEmpty()
                                    ? tr("(none)")
                                    : digest.value(QStringLiteral("algorithm")).toString() +
                                          QLatin1Char(' ') + digest.value(QStringLiteral("hex")).toString());
    line(tr("Sequence number"), orNone(s.value(QStringLiteral("sequenceNumber"))));
    if (!s.value(QStringLiteral("referenceUri")).isNull())
        line(tr("Reference URI"), s.value(QStringLiteral("referenceUri")).toString());
    QStringList seqs;
    for (const QJsonValue &v : s.value(QStringLiteral("sequences")).toArray())
        seqs << v.toString();
    line(tr("Sequences"), seqs.join(QStringLiteral(", ")));
    const QJsonArray components = s.value(QStringLiteral("components")).toArray();
    out << tr("Components (%1):").arg(components.size()) << '\n';
    for (const QJsonValue &cv : components) {
        const QJsonObject c = cv.toObject();
        out << "  #" << c.value(QStringLiteral("index")).toInteger() << ' '
            << c.value(QStringLiteral("name")).toString();
        if (!c.value(QStringLiteral("version")).isNull())
            out << "  " << tr("version %1").arg(c.value(QStringLiteral("version")).toString());
        if (c.value(QStringLiteral("dependency")).toBool())
            out << "  " << tr("(dependency manifest)");
        out << '\n';
        if (!c.value(QStringLiteral("vendorId")).isNull())
            out << "      "
                << tr("vendor %1, class %2")
                       .arg(c.value(QStringLiteral("vendorId")).toString(),
                            orNone(c.value(QStringLiteral("classId"))))
                << '\n';
        for (const QJsonValue &iv : c.value(QStringLiteral("images")).toArray()) {
            const QJsonObject img = iv.toObject();
            const QJsonObject d = img.value(QStringLiteral("digest")).toObject();
            out << "      "
                << (img.value(QStringLiteral("slot")).isNull()
                        ? QString()
                        : tr("slot %1: ").arg(img.value(QStringLiteral("slot")).toInteger()))
                << tr("%1 bytes, %2 %3")
                       .arg(orNone(img.value(QStringLiteral("size"))),
                            d.value(QStringLiteral("algorithm")).toString(),
                            d.value(QStringLiteral("hex")).toString())
                << '\n';
            if (!img.value(QStringLiteral("uri")).isNull())
                out << "      " << tr("uri %1").arg(img.value(QStringLiteral("uri")).toString()) << '\n';
        }
    }
    const QJsonObject text = s.value(QStringLiteral("text")).toObject();
    for (auto it = text.constBegin(); it != text.constEnd(); ++it) {
        const QJsonObject l = it.value().toObject();
        for (auto e = l.constBegin(); e != l.constEnd(); ++e) {
            if (e.key() != QLatin1String("components"))
                line(tr("Text %1 %2").arg(it.key(), e.key()), e.value().toVariant().toString());
        }
        for (const QJsonValue &cv : l.value(QStringLiteral("components")).toArray()) {
            const QJsonObject c = cv.toObject();
            QStringList fields;
            for (auto f = c.constBegin(); f != c.constEnd(); ++f) {
                if (f.key() != QLatin1String("identifier"))
                    fields << f.key() + QLatin1Char('=') + f.value().toVariant().toString();
            }
            line(tr("Text %1 component").arg(it.key()), fields.join(QStringLiteral(", ")));
        }
    }
    const QJsonObject ch = s.value(QStringLiteral("characteristics")).toObject();
    if (!ch.isEmpty()) {
        QStringList names;
        for (const QJsonValue &v : ch.value(QStringLiteral("names")).toArray())
            names << v.toString();
        line(tr("Characteristics"), names.join(QStringLiteral(", ")));
        line(tr("Resource request"), ch.value(QStringLiteral("resourceRequestUri")).toString());
    }
    for (const QJsonValue &v : s.value(QStringLiteral("severed")).toArray()) {
        const QJsonObject o = v.toObject();
        line(tr("Severed"),
             tr("%1 (key %2)%3")
                 .arg(o.value(QStringLiteral("member")).toString())
                 .arg(o.value(QStringLiteral("key")).toInteger())
                 .arg(o.value(QStringLiteral("presentInEnvelope")).toBool() ? tr(", in the envelope")
                                                                            : tr(", not in the envelope")));
    }
    for (const QJsonValue &v : s.value(QStringLiteral("integratedPayloads")).toArray()) {
        const QJsonObject o = v.toObject();
        line(tr("Integrated"), tr("%1 (%2 bytes)")
                                   .arg(o.value(QStringLiteral("key")).toString())
                                   .arg(o.value(QStringLiteral("size")).toInteger()));
    }
    const QJsonArray sigs = s.value(QStringLiteral("signatures")).toArray();
    if (sigs.isEmpty())
        line(tr("Signatures"), tr("none (unsigned)"));
    for (const QJsonValue &v : sigs) {
        const QJsonObject o = v.toObject();
        QString text2 = tr("%1 %2").arg(o.value(QStringLiteral("type")).toString(),
                                        o.value(QStringLiteral("algorithm")).toString());
        if (!o.value(QStringLiteral("keyId")).toString().isEmpty())
            text2 += tr(", kid %1").arg(o.value(QStringLiteral("keyId")).toString());
        if (!o.value(QStringLiteral("keyName")).isNull())
            text2 += tr(" (key \"%1\")").arg(o.value(QStringLiteral("keyName")).toString());
        line(tr("Signature %1").arg(o.value(QStringLiteral("index")).toInteger()), text2);
    }
    out.flush();
}

} // namespace otadesk::cli
