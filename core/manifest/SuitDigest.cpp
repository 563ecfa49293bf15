#include "SuitDigest.h"

#include "core/crypto/Digest.h"

namespace otadesk::manifest {

Result<SuitDigest> SuitDigest::fromCbor(const CborValue &value)
{
    SourceLocation where;
    where.offset = value.offset();
    if (!value.isArray() || value.size() < 2)
        return fail(ErrorCode::Format, tr("SUIT_Digest must be an array [algorithm, bytes]"), where);
    const auto alg = value.at(0).toInt64();
    if (!alg || !value.at(1).isBytes())
        return fail(ErrorCode::Format, tr("SUIT_Digest must be [int algorithm, bstr digest]"), where);
    SuitDigest d;
    d.algorithm = *alg;
    d.bytes = value.at(1).bytes();
    return d;
}

CborValue SuitDigest::toCbor() const
{
    return CborValue::array({CborValue::fromInt(algorithm), CborValue::fromBytes(bytes)});
}

QString SuitDigest::algorithmName(qint64 alg)
{
    switch (alg) {
    case suitDigestAlg::Sha256: return QStringLiteral("SHA-256");
    case suitDigestAlg::Shake128: return QStringLiteral("SHAKE128");
    case suitDigestAlg::Sha384: return QStringLiteral("SHA-384");
    case suitDigestAlg::Sha512: return QStringLiteral("SHA-512");
    case suitDigestAlg::Shake256: return QStringLiteral("SHAKE256");
    default: return tr("digest algorithm %1").arg(alg);
    }
}

bool SuitDigest::isSupported(qint64 alg)
{
    return alg == suitDigestAlg::Sha256 || alg == suitDigestAlg::Sha384 || alg == suitDigestAlg::Sha512;
}

Result<QByteArray> SuitDigest::compute(qint64 alg, QByteArrayView data)
{
    switch (alg) {
    case suitDigestAlg::Sha256: return crypto::Digest::hash(data, crypto::DigestAlgorithm::Sha256);
    case suitDigestAlg::Sha384: return crypto::Digest::hash(data, crypto::DigestAlgorithm::Sha384);
    case suitDigestAlg::Sha512: return crypto::Digest::hash(data, crypto::DigestAlgorithm::Sha512);
    default:
        return fail(ErrorCode::Unsupported, tr("%1 is not supported (SHA-256, SHA-384 and SHA-512 are)").arg(algorithmName(alg)));
    }
}

Status SuitDigest::check(QByteArrayView data, const QString &what) const
{
    auto actual = compute(algorithm, data);
    if (!actual)
        return std::unexpected(actual.error());
    if (*actual != bytes)
        return fail(ErrorCode::Checksum, tr("%1: %2 is %3 but the manifest expects %4")
                                             .arg(what, algorithmName(algorithm), QString::fromLatin1(actual->toHex()),
                                                  QString::fromLatin1(bytes.toHex())));
    return {};
}

} // namespace otadesk::manifest
