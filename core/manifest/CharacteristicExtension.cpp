#include "CharacteristicExtension.h"

#include "core/manifest/CborDecoder.h"
#include "core/manifest/CborEncoder.h"

#include <QRegularExpression>

namespace otadesk::manifest {

namespace {

SourceLocation at(const CborValue &v)
{
    SourceLocation where;
    where.offset = v.offset();
    return where;
}

const QList<std::pair<CharacteristicCode, QString>> &codeNames()
{
    static const QList<std::pair<CharacteristicCode, QString>> names = {
        {CharacteristicCode::VendorId, QStringLiteral("vendor-id")},
        {CharacteristicCode::ClassId, QStringLiteral("class-id")},
        {CharacteristicCode::DeviceId, QStringLiteral("device-id")},
        {CharacteristicCode::HardwareRevision, QStringLiteral("hardware-revision")},
        {CharacteristicCode::Serial, QStringLiteral("serial")},
        {CharacteristicCode::ComponentVersion, QStringLiteral("component-version")},
        {CharacteristicCode::ComponentDigest, QStringLiteral("component-digest")},
        {CharacteristicCode::Attribute, QStringLiteral("attribute")},
    };
    return names;
}

bool isAttributeKey(const QString &key)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    return re.match(key).hasMatch();
}

} // namespace

QString CharacteristicName::codeName(CharacteristicCode code)
{
    for (const auto &[c, name] : codeNames()) {
        if (c == code)
            return name;
    }
    return QStringLiteral("characteristic %1").arg(int(code));
}

bool CharacteristicName::takesComponent(CharacteristicCode code)
{
    return code == CharacteristicCode::ComponentVersion || code == CharacteristicCode::ComponentDigest;
}

std::optional<CharacteristicName> CharacteristicName::parse(const QString &name)
{
    const qsizetype colon = name.indexOf(QLatin1Char(':'));
    const QString head = colon < 0 ? name : name.left(colon);
    const QString argument = colon < 0 ? QString() : name.mid(colon + 1);
    for (const auto &[code, codeName] : codeNames()) {
        if (codeName != head)
            continue;
        const bool needsArgument = takesComponent(code) || code == CharacteristicCode::Attribute;
        if (needsArgument != (colon >= 0))
            return std::nullopt;
        if (code == CharacteristicCode::Attribute && !isAttributeKey(argument))
            return std::nullopt;
        if (takesComponent(code) && (argument.trimmed().isEmpty() || argument.trimmed() != argument))
            return std::nullopt;
        return CharacteristicName{code, argument};
    }
    return std::nullopt;
}

CborValue CharacteristicRequest::toCbor() const
{
    const CborValue c = CborValue::fromUnsigned(quint64(code));
    if (CharacteristicName::takesComponent(code))
        return CborValue::array({c, CborValue::fromUnsigned(componentIndex.value_or(0))});
    if (code == CharacteristicCode::Attribute)
        return CborValue::array({c, CborValue::fromText(attribute)});
    return c;
}

CborValue CharacteristicDefinition::toCbor() const
{
    std::vector<CborValue> items;
    for (const CharacteristicRequest &r : requests)
        items.push_back(r.toCbor());
    return CborValue::map(
        {{CborValue::fromInt(otadeskExtension::KeyUri), CborValue::fromText(resourceRequestUri)},
         {CborValue::fromInt(otadeskExtension::KeyList), CborValue::array(std::move(items))}});
}

QByteArray CharacteristicDefinition::encode() const
{
    return CborEncoder::encode(toCbor(), CborEncoder::MapOrder::Deterministic);
}

Result<CharacteristicDefinition> CharacteristicDefinition::fromCbor(const CborValue &map,
                                                                    qsizetype componentCount)
{
    if (!map.isMap())
        return fail(ErrorCode::Format,
                    tr("otadesk-characteristics must be a map {1: URI, 2: [characteristics]}"), at(map));
    CharacteristicDefinition def;
    const CborValue *uri = map.find(otadeskExtension::KeyUri);
    if (!uri || !uri->isText() || uri->bytes().isEmpty())
        return fail(ErrorCode::Format,
                    tr("otadesk-characteristics needs the resource-request URI (key 1, text)"),
                    at(uri ? *uri : map));
    def.resourceRequestUri = uri->text();
    const CborValue *list = map.find(otadeskExtension::KeyList);
    if (!list || !list->isArray() || list->size() == 0)
        return fail(ErrorCode::Format,
                    tr("otadesk-characteristics needs a non-empty list of characteristics (key 2)"),
                    at(list ? *list : map));
    for (const CborMapEntry &e : map.entries()) {
        const auto key = e.key.toInt64();
        if (!key || (*key != otadeskExtension::KeyUri && *key != otadeskExtension::KeyList))
            return fail(ErrorCode::Format,
                        tr("otadesk-characteristics: unknown key (only 1 and 2 are defined)"), at(e.key));
    }
    for (const CborValue &item : list->items()) {
        const CborValue &codeValue = item.isArray() ? item.at(0) : item;
        const auto code = codeValue.toUnsigned();
        if (!code || *code < 1 || *code > 8)
            return fail(ErrorCode::Format,
                        tr("otadesk-characteristics: unknown characteristic code (1 to 8 are defined)"),
                        at(codeValue));
        CharacteristicRequest r;
        r.code = CharacteristicCode(*code);
        const bool component = CharacteristicName::takesComponent(r.code);
        const bool attribute = r.code == CharacteristicCode::Attribute;
        const QString name = CharacteristicName::codeName(r.code);
        if ((component || attribute) != item.isArray())
            return fail(ErrorCode::Format,
                        (component || attribute)
                            ? tr("otadesk-characteristics: %1 must be [code, argument]").arg(name)
                            : tr("otadesk-characteristics: %1 takes no argument").arg(name),
                        at(item));
        if (item.isArray() && item.size() != 2)
            return fail(ErrorCode::Format,
                        tr("otadesk-characteristics: %1 must be [code, argument]").arg(name), at(item));
        if (component) {
            const auto index = item.at(1).toUnsigned();
            if (!index)
                return fail(
                    ErrorCode::Format,
                    tr("otadesk-characteristics: the argument of %1 must be a component index").arg(name),
                    at(item.at(1)));
            if (componentCount >= 0 && *index >= quint64(componentCount))
                return fail(ErrorCode::Format,
                            tr("otadesk-characteristics: %1 names component %2, the manifest has %n "
                               "component(s)",
                               nullptr, int(componentCount))
                                .arg(name)
                                .arg(*index),
                            at(item.at(1)));
            r.componentIndex = *index;
        } else if (attribute) {
            if (!item.at(1).isText() || !isAttributeKey(item.at(1).text()))
                return fail(ErrorCode::Format,
                            tr("otadesk-characteristics: an attribute key must be text "
                               "(letters, digits, '.', '_', '-')"),
                            at(item.at(1)));
            r.attribute = item.at(1).text();
        }
        if (def.requests.contains(r))
            return fail(ErrorCode::Format, tr("otadesk-characteristics: %1 is listed twice").arg(name),
                        at(item));
        def.requests.append(r);
    }
    return def;
}

Result<CharacteristicDefinition>
CharacteristicDefinition::fromParameter(const CborValue &bstr, QByteArrayView input, qsizetype componentCount)
{
    if (!bstr.isBytes())
        return fail(ErrorCode::Format, tr("otadesk-characteristics must be a byte string holding a CBOR map"),
                    at(bstr));
    auto map = CborDecoder::decodeEmbedded(input, bstr);
    if (!map)
        return std::unexpected(map.error());
    return fromCbor(*map, componentCount);
}

QByteArray CharacteristicReport::encode(const QByteArray &manifestDigestBstr,
                                        const QList<std::pair<CharacteristicRequest, CborValue>> &values)
{
    std::vector<CborMapEntry> entries;
    entries.push_back({CborValue::fromInt(otadeskExtension::ReportManifestDigest),
                       CborValue::fromBytes(manifestDigestBstr)});
    for (const auto &[request, value] : values)
        entries.push_back({request.toCbor(), value});
    return CborEncoder::encode(CborValue::map(std::move(entries)), CborEncoder::MapOrder::Deterministic);
}

} // namespace otadesk::manifest
