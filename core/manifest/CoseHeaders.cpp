#include "CoseHeaders.h"

#include "core/manifest/CborDecoder.h"
#include "core/manifest/CoseAlgorithm.h"

namespace otadesk::manifest {

static SourceLocation at(const CborValue &v)
{
    SourceLocation where;
    where.offset = v.offset();
    return where;
}

std::optional<qint64> CoseHeaders::algorithm() const
{
    if (const CborValue *alg = protectedMap.find(coseHeader::Alg))
        return alg->toInt64();
    return std::nullopt;
}

QByteArray CoseHeaders::keyId() const
{
    for (const CborValue *map : {&protectedMap, &unprotectedMap}) {
        if (const CborValue *kid = map->find(coseHeader::Kid); kid && kid->isBytes())
            return kid->bytes();
    }
    return {};
}

Result<const CborValue *> CoseParse::shell(const CborValue &value, quint64 tag, int items, const QString &what)
{
    const CborValue *array = &value;
    if (value.isTag()) {
        if (value.tag() != tag)
            return fail(ErrorCode::Format, tr("%1: expected CBOR tag %2, found tag %3").arg(what).arg(tag).arg(value.tag()),
                        at(value));
        array = &value.tagContent();
    }
    if (!array->isArray() || array->size() != items)
        return fail(ErrorCode::Format, tr("%1: expected an array of %2 items").arg(what).arg(items), at(*array));
    return array;
}

Result<CoseHeaders> CoseParse::headers(const CborValue &protectedBstr, const CborValue &unprotected, QByteArrayView input)
{
    CoseHeaders h;
    if (!protectedBstr.isBytes())
        return fail(ErrorCode::Format, tr("COSE protected header must be a byte string"), at(protectedBstr));
    h.protectedBytes = protectedBstr.bytes();
    if (h.protectedBytes.isEmpty()) {
        h.protectedMap = CborValue::map();
    } else {
        auto decoded = input.isEmpty() ? CborDecoder::decode(h.protectedBytes)
                                       : CborDecoder::decodeEmbedded(input, protectedBstr);
        if (!decoded)
            return std::unexpected(decoded.error());
        if (!decoded->isMap())
            return fail(ErrorCode::Format, tr("COSE protected header must hold a map"), at(protectedBstr));
        h.protectedMap = std::move(*decoded);
    }
    if (!unprotected.isMap())
        return fail(ErrorCode::Format, tr("COSE unprotected header must be a map"), at(unprotected));
    h.unprotectedMap = unprotected;
    if (const CborValue *crit = h.protectedMap.find(coseHeader::Crit)) {
        if (!crit->isArray() || crit->size() == 0)
            return fail(ErrorCode::Format, tr("COSE crit header must be a non-empty array"), at(*crit));
        for (const CborValue &label : crit->items()) {
            const auto l = label.toInt64();
            if (!l || (*l != coseHeader::Alg && *l != coseHeader::ContentType && *l != coseHeader::Kid))
                return fail(ErrorCode::Unsupported, tr("COSE header marks a label critical that is not understood"),
                            at(label));
        }
    }
    if (const CborValue *alg = h.protectedMap.find(coseHeader::Alg); alg && !alg->toInt64())
        return fail(ErrorCode::Unsupported, tr("COSE alg must be an integer"), at(*alg));
    return h;
}

Result<std::optional<QByteArray>> CoseParse::payload(const CborValue &value, const QString &what)
{
    if (value.isNull())
        return std::optional<QByteArray>();
    if (!value.isBytes())
        return fail(ErrorCode::Format, tr("%1: payload must be a byte string or nil").arg(what), at(value));
    return std::optional<QByteArray>(value.bytes());
}

} // namespace otadesk::manifest
