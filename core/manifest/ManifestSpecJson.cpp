// ManifestSpec <-> JSON (*.suitspec.json). Keys are written in QJsonObject's sorted order; byte strings as
// lower-case hex; sequence numbers as JSON numbers up to 2^53 and as decimal strings above.
#include "ManifestSpec.h"

#include "core/manifest/SpecJsonReader.h"

#include <QJsonArray>
#include <QSet>

namespace otadesk::manifest {

namespace {

using specjson::MaxExactDouble;
using specjson::Reader;
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


#define OTADESK_TRY(var, expr)                                                                               \
    auto var = (expr);                                                                                       \
    if (!var)                                                                                                \
        return std::unexpected(var.error());

Result<ComponentSpec> componentFromJson(const QJsonValue &value, const QString &path)
{
    if (!value.isObject())
        return fail(ErrorCode::Format,
                    ManifestSpec::tr("manifest spec field %1: expected an object").arg(path));
    const Reader r(value.toObject(), path);
    if (auto ok = r.allowOnly({QStringLiteral("name"), QStringLiteral("identifier"),
                               QStringLiteral("firmwareId"), QStringLiteral("digest"), QStringLiteral("size"),
                               QStringLiteral("uri"), QStringLiteral("version"), QStringLiteral("integrated"),
                               QStringLiteral("payloadFile"), QStringLiteral("slot")});
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
        return fail(ErrorCode::Format,
                    ManifestSpec::tr("manifest spec field %1: expected an object").arg(path));
    const Reader r(value.toObject(), path);
    if (auto ok = r.allowOnly({QStringLiteral("digest"), QStringLiteral("uri"), QStringLiteral("prefix")});
        !ok)
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
    if (auto ok = r.allowOnly(
            {QStringLiteral("format"), QStringLiteral("formatVersion"), QStringLiteral("template"),
             QStringLiteral("product"), QStringLiteral("vendorDomain"), QStringLiteral("modelName"),
             QStringLiteral("sequenceNumber"), QStringLiteral("version"), QStringLiteral("description"),
             QStringLiteral("vendorName"), QStringLiteral("components"), QStringLiteral("dependencies"),
             QStringLiteral("characteristics"), QStringLiteral("resourceRequestUri"),
             QStringLiteral("severText"), QStringLiteral("severInstall")});
        !ok)
        return std::unexpected(ok.error());
    OTADESK_TRY(format, r.text(QStringLiteral("format")));
    if (!format->isEmpty() && *format != FormatName)
        return r.bad(QStringLiteral("format"), tr("expected \"%1\", found \"%2\"").arg(FormatName, *format));
    OTADESK_TRY(formatVersion, r.optionalUint(QStringLiteral("formatVersion")));
    if (formatVersion->value_or(1) != 1)
        return r.bad(
            QStringLiteral("formatVersion"),
            tr("version %1 was written by a newer OTA Desk; this one reads version 1").arg(**formatVersion));
    ManifestSpec spec;
    OTADESK_TRY(templ, r.text(QStringLiteral("template")));
    if (!templ->isEmpty()) {
        const auto kind = templateFromName(*templ);
        if (!kind) {
            QStringList names;
            for (ManifestTemplate t : allTemplates())
                names << templateName(t);
            return r.bad(
                QStringLiteral("template"),
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
