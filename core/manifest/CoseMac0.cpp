#include "CoseMac0.h"

#include "core/manifest/CborEncoder.h"
#include "core/manifest/CoseAlgorithm.h"
#include "core/manifest/CoseHeaders.h"
#include "core/manifest/Hmac.h"

namespace otadesk::manifest {

Result<CoseMac0> CoseMac0::parse(const CborValue &value, QByteArrayView input)
{
    const QString what = tr("COSE_Mac0");
    auto array = CoseParse::shell(value, coseTag::Mac0, 4, what);
    if (!array)
        return std::unexpected(array.error());
    const CborValue &a = **array;
    CoseMac0 mac;
    auto headers = CoseParse::headers(a.at(0), a.at(1), input);
    if (!headers)
        return std::unexpected(headers.error());
    mac.headers = std::move(*headers);
    auto payload = CoseParse::payload(a.at(2), what);
    if (!payload)
        return std::unexpected(payload.error());
    mac.payload = std::move(*payload);
    if (!a.at(3).isBytes()) {
        SourceLocation where;
        where.offset = a.at(3).offset();
        return fail(ErrorCode::Format, tr("COSE_Mac0: tag must be a byte string"), where);
    }
    mac.tag = a.at(3).bytes();
    return mac;
}

QByteArray CoseMac0::macStructure(QByteArrayView protectedBytes, QByteArrayView externalAad, QByteArrayView payload)
{
    return CborEncoder::encode(CborValue::array({CborValue::fromText(QStringLiteral("MAC0")),
                                                 CborValue::fromBytes(protectedBytes.toByteArray()),
                                                 CborValue::fromBytes(externalAad.toByteArray()),
                                                 CborValue::fromBytes(payload.toByteArray())}));
}

Status CoseMac0::verify(QByteArrayView key, std::optional<QByteArrayView> detachedPayload, QByteArrayView externalAad) const
{
    const auto alg = headers.algorithm();
    if (!alg)
        return fail(ErrorCode::Format, tr("COSE_Mac0 has no algorithm (label 1) in its protected header"));
    if (*alg != coseAlg::HMAC256)
        return fail(ErrorCode::Unsupported, tr("COSE_Mac0 algorithm %1 is not supported (only HMAC 256/256, alg 5)")
                                                .arg(CoseAlgorithms::name(*alg)));
    if (key.isEmpty())
        return fail(ErrorCode::InvalidArgument, tr("no MAC key to verify the COSE_Mac0 with"));
    if (!payload && !detachedPayload)
        return fail(ErrorCode::InvalidArgument, tr("the COSE_Mac0 payload is detached and none was supplied"));
    const QByteArrayView content = payload ? QByteArrayView(*payload) : *detachedPayload;
    auto expected = hmacSha256(key, macStructure(headers.protectedBytes, externalAad, content));
    if (!expected)
        return std::unexpected(expected.error());
    if (tag.size() != 32)
        return fail(ErrorCode::Format, tr("HMAC 256/256 tag must be 32 bytes, found %1").arg(tag.size()));
    if (!constantTimeEquals(*expected, tag))
        return fail(ErrorCode::Checksum, tr("the COSE_Mac0 tag does not match (wrong key or modified data)"));
    return {};
}

Result<QByteArray> CoseMac0::create(QByteArrayView key, QByteArrayView payload, bool detached)
{
    const QByteArray protectedBytes = CborEncoder::encode(
        CborValue::map({{CborValue::fromInt(coseHeader::Alg), CborValue::fromInt(coseAlg::HMAC256)}}));
    auto tag = hmacSha256(key, macStructure(protectedBytes, {}, payload));
    if (!tag)
        return std::unexpected(tag.error());
    return CborEncoder::encode(CborValue::tagged(
        coseTag::Mac0, CborValue::array({CborValue::fromBytes(protectedBytes), CborValue::map(),
                                         detached ? CborValue::null() : CborValue::fromBytes(payload.toByteArray()),
                                         CborValue::fromBytes(*tag)})));
}

} // namespace otadesk::manifest
