#include "CoseAlgorithm.h"

namespace otadesk::manifest {

QString CoseAlgorithms::name(qint64 alg)
{
    switch (alg) {
    case coseAlg::ES256: return QStringLiteral("ES256");
    case coseAlg::ESP256: return QStringLiteral("ESP256");
    case coseAlg::EdDSA: return QStringLiteral("EdDSA");
    case coseAlg::Ed25519: return QStringLiteral("Ed25519");
    case coseAlg::HMAC256: return QStringLiteral("HMAC 256/256");
    default: return QStringLiteral("alg %1").arg(alg);
    }
}

std::optional<crypto::KeyType> CoseAlgorithms::keyTypeFor(qint64 alg)
{
    switch (alg) {
    case coseAlg::ES256:
    case coseAlg::ESP256:
        return crypto::KeyType::EcdsaP256;
    case coseAlg::EdDSA:
    case coseAlg::Ed25519:
        return crypto::KeyType::Ed25519;
    default:
        return std::nullopt;
    }
}

qint64 CoseAlgorithms::defaultFor(crypto::KeyType type)
{
    return type == crypto::KeyType::Ed25519 ? coseAlg::Ed25519 : coseAlg::ESP256;
}

Status CoseAlgorithms::checkKey(qint64 alg, crypto::KeyType type)
{
    const auto needed = keyTypeFor(alg);
    if (!needed)
        return fail(ErrorCode::Unsupported,
                    tr("COSE algorithm %1 is not supported for signatures (supported: ES256 -7, ESP256 -9, "
                       "EdDSA -8, Ed25519 -19)").arg(name(alg)));
    if (*needed != type)
        return fail(ErrorCode::InvalidArgument,
                    tr("COSE algorithm %1 needs a %2 key, but the key is %3")
                        .arg(name(alg), crypto::keyTypeName(*needed), crypto::keyTypeName(type)));
    return {};
}

} // namespace otadesk::manifest
