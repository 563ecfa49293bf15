// ManifestSpec <-> JSON (*.suitspec.json). Keys are written in QJsonObject's sorted order; byte strings as
// lower-case hex; sequence numbers as JSON numbers up to 2^53 and as decimal strings above.
#include "ManifestSpec.h"

#include <QJsonArray>
#include <QSet>

namespace otadesk::manifest {

namespace {

constexpr double MaxExactDouble = 9007199254740992.0; // 2^53
const QString FormatName = QStringLiteral("otadesk-suitspec");

QJsonValue uintJson(quint64 v)
{
    return double(v) <= MaxExactDouble ? QJsonValue(double(v)) : QJsonValue(QString::number(v));
}

QJsonArray hexList(const QList<QByteArray> &parts)
{
    QJsonArray a;
    for (const QByteArray &p : parts)
        a.append(QString::fromLatin1(p.toHex()));
    return a;
}

// Reads typed fields from one JSON object and names the first bad field precisely.
class Reader
{
public:
    Reader(const QJsonObject &o, QString path) : m_o(o), m_path(std::move(path)) {}

    QString field(const QString &key) const { return m_path.isEmpty() ? key : m_path + QLatin1Char('.') + key; }

    std::unexpected<Error> bad(const QString &key, const QString &message) const
    {
        return fail(ErrorCode::Format, ManifestSpec::tr("manifest spec field %1: %2").arg(field(key), message));
    }

    Status allowOnly(const QStringList &keys) const
    {
        for (auto it = m_o.begin(); it != m_o.end(); ++it) {
            if (!keys.contains(it.key()))
                return bad(it.key(), ManifestSpec::tr("unknown field (known: %1)").arg(keys.join(QStringLiteral(", "))));
        }
        return {};
    }

    Result<QString> text(const QString &key) const
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined() || v.isNull())
            return QString();
        if (!v.isString())
            return bad(key, ManifestSpec::tr("expected a string"));
        return v.toString();
    }

    Result<bool> boolean(const QString &key, bool fallback) const
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined() || v.isNull())
            return fallback;
        if (!v.isBool())
            return bad(key, ManifestSpec::tr("expected true or false"));
        return v.toBool();
    }

    Result<std::optional<quint64>> optionalUint(const QString &key) const
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined() || v.isNull())
            return std::optional<quint64>();
        if (v.isString()) {
            bool ok = false;
            const quint64 n = v.toString().toULongLong(&ok);
            if (!ok)
                return bad(key, ManifestSpec::tr("expected a non-negative integer, found \"%1\"").arg(v.toString()));
            return std::optional<quint64>(n);
        }
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d < 0 || d > MaxExactDouble || d != double(quint64(d)))
            return bad(key, ManifestSpec::tr("expected a non-negative integer"));
        return std::optional<quint64>(quint64(d));
    }

    Result<quint64> uint(const QString &key) const
    {
        auto v = optionalUint(key);
        if (!v)
            return std::unexpected(v.error());
        return v->value_or(0);
    }

    Result<QByteArray> hex(const QString &key) const
    {
        auto t = text(key);
        if (!t)
            return std::unexpected(t.error());
        return hexText(key, *t);
    }

    Result<QByteArray> hexText(const QString &key, const QString &t) const
    {
        static const QString digits = QStringLiteral("0123456789abcdefABCDEF");
        for (QChar c : t) {
            if (!digits.contains(c))
                return bad(key, ManifestSpec::tr("expected hexadecimal digits, found '%1'").arg(c));
        }
        if (t.size() % 2)
            return bad(key, ManifestSpec::tr("odd number of hexadecimal digits"));
        return QByteArray::fromHex(t.toLatin1());
    }

    Result<QJsonArray> array(const QString &key) const
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined() || v.isNull())
            return QJsonArray();
        if (!v.isArray())
            return bad(key, ManifestSpec::tr("expected an array"));
        return v.toArray();
    }

    Result<QList<QByteArray>> hexArray(const QString &key) const
    {
        auto a = array(key);
        if (!a)
            return std::unexpected(a.error());
        QList<QByteArray> out;
        for (qsizetype i = 0; i < a->size(); ++i) {
            const QString k = QStringLiteral("%1[%2]").arg(key).arg(i);
            if (!a->at(i).isString())
                return bad(k, ManifestSpec::tr("expected a hexadecimal string"));
            auto bytes = hexText(k, a->at(i).toString());
            if (!bytes)
                return std::unexpected(bytes.error());
            out.append(*bytes);
        }
        return out;
    }

    Result<QStringList> stringArray(const QString &key) const
    {
        auto a = array(key);
        if (!a)
            return std::unexpected(a.error());
        QStringList out;
        for (qsizetype i = 0; i < a->size(); ++i) {
            if (!a->at(i).isString())
                return bad(QStringLiteral("%1[%2]").arg(key).arg(i), ManifestSpec::tr("expected a string"));
            out.append(a->at(i).toString());
        }
        return out;
    }

private:
    QJsonObject m_o;
    QString m_path;
};

#define OTADESK_TRY(var, expr)                                                                                       \
    auto var = (expr);                                                                                               \
    if (!var)                                                                                                        \
        return std::unexpected(var.error());

Result<ComponentSpec> componentFromJson(const QJsonValue &value, const QString &path)
{
    if (!value.isObject())
        return fail(ErrorCode::Format, ManifestSpec::tr("manifest spec field %1: expected an object").arg(path));
    const Reader r(value.toObject(), path);
    if (auto ok = r.allowOnly({QStringLiteral("name"), QStringLiteral("identifier"), QStringLiteral("firmwareId"),
                               QStringLiteral("digest"), QStringLiteral("size"), QStringLiteral("uri"),
                               QStringLiteral("version"), QStringLiteral("integrated"), QStringLiteral("payloadFile"),
                               QStringLiteral("slot")});
        !ok)
        return std::unexpected(ok.error());
    ComponentSpec c;
    OTADESK_TRY(name, r.text(QStringLiteral("name")));
    OTADESK_TRY(identifier, r.hexArray(QStringLiteral("identifier")));
    OTADESK_TRY(firmwareId, r.text(QStringLiteral("firmwareId")));
    OTADESK_TRY(digest, r.hex(QStringLiteral("digest")));
    OTADESK_TRY(size, r.uint(QStringLiteral("size")));
    OTADESK_TRY(uri, r.text(QStringLiteral("uri")));
    OTADESK_TRY(version, r.text(QStringLiteral("version")));
    OTADESK_TRY(integrated, r.boolean(QStringLiteral("integrated"), false));
    OTADESK_TRY(payloadFile, r.text(QStringLiteral("payloadFile")));
    OTADESK_TRY(slot, r.optionalUint(QStringLiteral("slot")));
    c.name = *name;
    c.identifier = *identifier;
    c.firmwareId = *firmwareId;
    c.digest = *digest;
    c.size = *size;
    c.uri = *uri;
    c.version = *version;
    c.integrated = *integrated;
    c.payloadFile = *payloadFile;
    c.slot = *slot;
    return c;
}

Result<DependencySpec> dependencyFromJson(const QJsonValue &value, const QString &path)
{
    if (!value.isObject())
        return fail(ErrorCode::Format, ManifestSpec::tr("manifest spec field %1: expected an object").arg(path));
    const Reader r(value.toObject(), path);
    if (auto ok = r.allowOnly({QStringLiteral("digest"), QStringLiteral("uri"), QStringLiteral("prefix")}); !ok)
        return std::unexpected(ok.error());
    OTADESK_TRY(digest, r.hex(QStringLiteral("digest")));
    OTADESK_TRY(uri, r.text(QStringLiteral("uri")));
    OTADESK_TRY(prefix, r.hexArray(QStringLiteral("prefix")));
    return DependencySpec{*digest, *uri, *prefix};
}

} // namespace

QJsonObject ManifestSpec::toJson() const
{
    QJsonArray comps;
    for (const ComponentSpec &c : components) {
        QJsonObject o{{QStringLiteral("name"), c.name},
                      {QStringLiteral("identifier"), hexList(c.identifier)},
                      {QStringLiteral("firmwareId"), c.firmwareId},
                      {QStringLiteral("digest"), QString::fromLatin1(c.digest.toHex())},
                      {QStringLiteral("size"), uintJson(c.size)},
                      {QStringLiteral("uri"), c.uri},
                      {QStringLiteral("version"), c.version},
                      {QStringLiteral("integrated"), c.integrated},
                      {QStringLiteral("payloadFile"), c.payloadFile}};
        if (c.slot)
            o.insert(QStringLiteral("slot"), uintJson(*c.slot));
        comps.append(o);
    }
    QJsonArray deps;
    for (const DependencySpec &d : dependencies)
        deps.append(QJsonObject{{QStringLiteral("digest"), QString::fromLatin1(d.digest.toHex())},
                                {QStringLiteral("uri"), d.uri},
                                {QStringLiteral("prefix"), hexList(d.prefix)}});
    return QJsonObject{{QStringLiteral("format"), FormatName},
                       {QStringLiteral("formatVersion"), 1},
                       {QStringLiteral("template"), templateName(templateKind)},
                       {QStringLiteral("product"), product},
                       {QStringLiteral("vendorDomain"), vendorDomain},
                       {QStringLiteral("modelName"), modelName},
                       {QStringLiteral("sequenceNumber"), uintJson(sequenceNumber)},
                       {QStringLiteral("version"), version},
                       {QStringLiteral("description"), description},
                       {QStringLiteral("vendorName"), vendorName},
                       {QStringLiteral("components"), comps},
                       {QStringLiteral("dependencies"), deps},
                       {QStringLiteral("characteristics"), QJsonArray::fromStringList(characteristics)},
                       {QStringLiteral("resourceRequestUri"), resourceRequestUri},
                       {QStringLiteral("severText"), severText},
                       {QStringLiteral("severInstall"), severInstall}};
}

Result<ManifestSpec> ManifestSpec::fromJson(const QJsonObject &json)
{
    const Reader r(json, {});
    if (auto ok = r.allowOnly({QStringLiteral("format"), QStringLiteral("formatVersion"), QStringLiteral("template"),
                               QStringLiteral("product"), QStringLiteral("vendorDomain"), QStringLiteral("modelName"),
                               QStringLiteral("sequenceNumber"), QStringLiteral("version"),
                               QStringLiteral("description"), QStringLiteral("vendorName"),
                               QStringLiteral("components"), QStringLiteral("dependencies"),
                               QStringLiteral("characteristics"), QStringLiteral("resourceRequestUri"),
                               QStringLiteral("severText"), QStringLiteral("severInstall")});
        !ok)
        return std::unexpected(ok.error());
    OTADESK_TRY(format, r.text(QStringLiteral("format")));
    if (!format->isEmpty() && *format != FormatName)
        return r.bad(QStringLiteral("format"), tr("expected \"%1\", found \"%2\"").arg(FormatName, *format));
    OTADESK_TRY(formatVersion, r.optionalUint(QStringLiteral("formatVersion")));
    if (formatVersion->value_or(1) != 1)
        return r.bad(QStringLiteral("formatVersion"),
                     tr("version %1 was written by a newer OTA Desk; this one reads version 1").arg(**formatVersion));
    ManifestSpec spec;
    OTADESK_TRY(templ, r.text(QStringLiteral("template")));
    if (!templ->isEmpty()) {
        const auto kind = templateFromName(*templ);
        if (!kind) {
            QStringList names;
            for (ManifestTemplate t : allTemplates())
                names << templateName(t);
            return r.bad(QStringLiteral("template"),
                         tr("unknown template \"%1\" (known: %2)").arg(*templ, names.join(QStringLiteral(", "))));
        }
        spec.templateKind = *kind;
    }
    OTADESK_TRY(product, r.text(QStringLiteral("product")));
    OTADESK_TRY(vendorDomain, r.text(QStringLiteral("vendorDomain")));
    OTADESK_TRY(modelName, r.text(QStringLiteral("modelName")));
    OTADESK_TRY(sequence, r.uint(QStringLiteral("sequenceNumber")));
    OTADESK_TRY(version, r.text(QStringLiteral("version")));
    OTADESK_TRY(description, r.text(QStringLiteral("description")));
    OTADESK_TRY(vendorName, r.text(QStringLiteral("vendorName")));
    OTADESK_TRY(characteristics, r.stringArray(QStringLiteral("characteristics")));
    OTADESK_TRY(resourceRequestUri, r.text(QStringLiteral("resourceRequestUri")));
    OTADESK_TRY(severText, r.boolean(QStringLiteral("severText"), true));
    OTADESK_TRY(severInstall, r.boolean(QStringLiteral("severInstall"), false));
    OTADESK_TRY(comps, r.array(QStringLiteral("components")));
    OTADESK_TRY(deps, r.array(QStringLiteral("dependencies")));
    spec.product = *product;
    spec.vendorDomain = *vendorDomain;
    spec.modelName = *modelName;
    spec.sequenceNumber = *sequence;
    spec.version = *version;
    spec.description = *description;
    spec.vendorName = *vendorName;
    spec.characteristics = *characteristics;
    spec.resourceRequestUri = *resourceRequestUri;
    spec.severText = *severText;
    spec.severInstall = *severInstall;
    for (qsizetype i = 0; i < comps->size(); ++i) {
        OTADESK_TRY(c, componentFromJson(comps->at(i), QStringLiteral("components[%1]").arg(i)));
        spec.components.append(*c);
    }
    for (qsizetype i = 0; i < deps->size(); ++i) {
        OTADESK_TRY(d, dependencyFromJson(deps->at(i), QStringLiteral("dependencies[%1]").arg(i)));
        spec.dependencies.append(*d);
    }
    return spec;
}

#undef OTADESK_TRY

} // namespace otadesk::manifest
