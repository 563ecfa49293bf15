#include "core/protocol/ResolveRequest.h"

#include "core/manifest/CborDecoder.h"
#include "core/manifest/CharacteristicExtension.h"

namespace otadesk::protocol {

namespace {
using manifest::CborValue;
using manifest::CharacteristicCode;

std::unexpected<Error> bad(const QString &message, qint64 offset = -1)
{
    SourceLocation where;
    where.offset = offset;
    return fail(ErrorCode::Format, message, where);
}

std::optional<QUuid> uuidOf(const CborValue &v)
{
    if (!v.isBytes() || v.bytes().size() != 16)
        return std::nullopt;
    return QUuid::fromRfc4122(v.bytes());
}

QString attributeText(const CborValue &v)
{
    if (v.isText())
        return v.text();
    if (v.isInteger()) {
        if (auto i = v.toInt64())
            return QString::number(*i);
        return {};
    }
    if (v.isBytes())
        return QString::fromLatin1(v.bytes().toHex());
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return {};
}
} // namespace

Result<ResolveRequest> ResolveRequest::parse(QByteArrayView body)
{
    if (body.isEmpty())
        return bad(tr("The request has no body; send the characteristic report as a CBOR map."));
    if (body.size() > kMaxBodyBytes)
        return bad(tr("The characteristic report has %1 bytes; at most %2 are allowed.").arg(body.size()).arg(kMaxBodyBytes));
    manifest::CborDecodeOptions options;
    options.maxDepth = 8;
    auto decoded = manifest::CborDecoder::decode(body, options);
    if (!decoded)
        return bad(tr("The characteristic report is not valid CBOR: %1").arg(decoded.error().message()),
                   decoded.error().where().offset);
    const CborValue &map = *decoded;
    if (!map.isMap())
        return bad(tr("The characteristic report must be a CBOR map."), 0);
    if (map.entries().size() > size_t(kMaxEntries))
        return bad(tr("The characteristic report has %1 entries; at most %2 are allowed.")
                       .arg(map.entries().size())
                       .arg(kMaxEntries));
    ResolveRequest r;
    bool haveDigest = false;
    for (const manifest::CborMapEntry &e : map.entries()) {
        const CborValue &key = e.key;
        const CborValue &value = e.value;
        const qint64 at = key.offset();
        if (key.isInteger() && key.toInt64() == manifest::otadeskExtension::ReportManifestDigest) {
            if (!value.isBytes() || value.bytes().isEmpty())
                return bad(tr("Key 0 (the manifest's SUIT_Digest) must be a non-empty byte string."), at);
            r.manifestDigest = value.bytes();
            haveDigest = true;
            continue;
        }
        qint64 code = 0;
        std::optional<CborValue> argument;
        if (key.isInteger() && key.toInt64()) {
            code = *key.toInt64();
        } else if (key.isArray() && key.size() == 2 && key.at(0).isInteger() && key.at(0).toInt64()) {
            code = *key.at(0).toInt64();
            argument = key.at(1);
        } else {
            return bad(tr("Key at byte %1 is neither 0, a characteristic code nor a [code, argument] pair.").arg(at), at);
        }
        const bool takesArgument = code >= 6 && code <= 8;
        if (code < 1 || code > 8 || takesArgument != argument.has_value())
            return bad(tr("Characteristic code %1 at byte %2 is unknown or has the wrong form (codes 1-5 stand alone, "
                          "6-8 are [code, argument] pairs).")
                           .arg(code)
                           .arg(at),
                       at);
        if (value.isNull())
            continue; // the device could not determine it
        const auto wrongType = [&](const QString &expected) {
            return bad(tr("The value of characteristic %1 at byte %2 must be %3.").arg(code).arg(value.offset()).arg(expected),
                       value.offset());
        };
        switch (CharacteristicCode(code)) {
        case CharacteristicCode::VendorId:
        case CharacteristicCode::ClassId:
        case CharacteristicCode::DeviceId: {
            const auto uuid = uuidOf(value);
            if (!uuid)
                return wrongType(tr("a 16-byte UUID"));
            (code == 1 ? r.vendorId : code == 2 ? r.classId : r.deviceId) = uuid;
            break;
        }
        case CharacteristicCode::HardwareRevision:
        case CharacteristicCode::Serial:
            if (!value.isText() || value.bytes().size() > 256)
                return wrongType(tr("a text string of at most 256 bytes"));
            (code == 4 ? r.hardwareRevision : r.serial) = value.text();
            break;
        case CharacteristicCode::ComponentVersion:
        case CharacteristicCode::ComponentDigest: {
            const auto index = argument->toUnsigned();
            if (!index || *index > 255)
                return bad(tr("The component index of characteristic %1 at byte %2 must be an integer 0-255.")
                               .arg(code)
                               .arg(at),
                           at);
            if (code == 6) {
                if (!value.isText() || value.bytes().size() > 64)
                    return wrongType(tr("a version text of at most 64 bytes"));
                r.componentVersions.insert(*index, value.text());
            } else {
                auto digest = manifest::SuitDigest::fromCbor(value);
                if (!digest)
                    return wrongType(tr("a SUIT_Digest [algorithm, bytes] (%1)").arg(digest.error().message()));
                r.componentDigests.insert(*index, *digest);
            }
            break;
        }
        case CharacteristicCode::Attribute: {
            if (!argument->isText() || argument->bytes().isEmpty() || argument->bytes().size() > 64)
                return bad(tr("The attribute key at byte %1 must be a text string of 1-64 bytes.").arg(at), at);
            const QString text = attributeText(value);
            if ((text.isEmpty() && !value.isText()) || text.size() > 256)
                return wrongType(tr("text, an integer, a byte string or a boolean (at most 256 characters)"));
            r.attributes.insert(argument->text(), text);
            break;
        }
        }
    }
    if (!haveDigest)
        return bad(tr("The characteristic report lacks key 0, the manifest's SUIT_Digest."));
    return r;
}

} // namespace otadesk::protocol
