#include "CoseSign1.h"

#include "core/manifest/CborDecoder.h"
#include "core/manifest/CborEncoder.h"
#include "core/manifest/CoseAlgorithm.h"
#include "core/manifest/CoseHeaders.h"

namespace otadesk::manifest {

Result<CoseSign1> CoseSign1::parse(const CborValue &value, QByteArrayView input)
{
    const QString what = tr("COSE_Sign1");
    auto array = CoseParse::shell(value, coseTag::Sign1, 4, what);
    if (!array)
        return std::unexpected(array.error());
    const CborValue &a = **array;
    CoseSign1 sign1;
    auto headers = CoseParse::headers(a.at(0), a.at(1), input);
    if (!headers)
        return std::unexpected(headers.error());
    sign1.headers = std::move(*headers);
    auto payload = CoseParse::payload(a.at(2), what);
    if (!payload)
        return std::unexpected(payload.error());
    sign1.payload = std::move(*payload);
    if (!a.at(3).isBytes()) {
        SourceLocation where;
        where.offset = a.at(3).offset();
        return fail(ErrorCode::Format, tr("COSE_Sign1: signature must be a byte string"), where);
    }
    sign1.signature = a.at(3).bytes();
    return sign1;
}

Result<CoseSign1> CoseSign1::parse(QByteArrayView encoded)
{
    auto value = CborDecoder::decode(encoded);
    if (!value)
        return std::unexpected(value.error());
    return parse(*value, encoded);
}

QByteArray CoseSign1::sigStructure(QByteArrayView protectedBytes, QByteArrayView externalAad, QByteArrayView payload)
{
    const CborValue tbs = CborValue::array({CborValue::fromText(QStringLiteral("Signature1")),
                                            CborValue::fromBytes(protectedBytes.toByteArray()),
                                            CborValue::fromBytes(externalAad.toByteArray()),
                                            CborValue::fromBytes(payload.toByteArray())});
    return CborEncoder::encode(tbs);
}

Status CoseSign1::verify(const crypto::PublicKey &key, std::optional<QByteArrayView> detachedPayload,
                         QByteArrayView externalAad) const
{
    if (key.isNull())
        return fail(ErrorCode::InvalidArgument, tr("no public key to verify the COSE_Sign1 signature with"));
    const auto alg = headers.algorithm();
    if (!alg)
        return fail(ErrorCode::Format, tr("COSE_Sign1 has no algorithm (label 1) in its protected header"));
    if (auto ok = CoseAlgorithms::checkKey(*alg, key.type()); !ok)
        return ok;
    if (!payload && !detachedPayload)
        return fail(ErrorCode::InvalidArgument, tr("the COSE_Sign1 payload is detached and none was supplied"));
    const QByteArrayView content = payload ? QByteArrayView(*payload) : *detachedPayload;
    if (signature.size() != 64)
        return fail(ErrorCode::Format, tr("%1 signature must be 64 bytes, found %2 (truncated or not in COSE form)")
                                           .arg(CoseAlgorithms::name(*alg)).arg(signature.size()));
    return key.verify(sigStructure(headers.protectedBytes, externalAad, content), signature);
}

Result<QByteArray> CoseSign1::sign(const crypto::PrivateKey &key, QByteArrayView payload, const SignOptions &options)
{
    if (key.isNull())
        return fail(ErrorCode::InvalidArgument, tr("no private key to sign with"));
    const qint64 alg = options.algorithm.value_or(CoseAlgorithms::defaultFor(key.type()));
    if (auto ok = CoseAlgorithms::checkKey(alg, key.type()); !ok)
        return std::unexpected(ok.error());
    const QByteArray protectedBytes = CborEncoder::encode(
        CborValue::map({{CborValue::fromInt(coseHeader::Alg), CborValue::fromInt(alg)}}));
    auto signature = key.sign(sigStructure(protectedBytes, options.externalAad, payload));
    if (!signature)
        return std::unexpected(signature.error());
    std::vector<CborMapEntry> unprotected;
    if (!options.keyId.isEmpty())
        unprotected.push_back({CborValue::fromInt(coseHeader::Kid), CborValue::fromBytes(options.keyId)});
    CborValue array = CborValue::array({CborValue::fromBytes(protectedBytes), CborValue::map(std::move(unprotected)),
                                        options.detached ? CborValue::null() : CborValue::fromBytes(payload.toByteArray()),
                                        CborValue::fromBytes(*signature)});
    if (options.tagged)
        array = CborValue::tagged(coseTag::Sign1, std::move(array));
    return CborEncoder::encode(array, CborEncoder::MapOrder::Deterministic);
}

} // namespace otadesk::manifest
