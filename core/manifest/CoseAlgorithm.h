#pragma once
// COSE algorithm identifiers used for SUIT (RFC 9053, RFC 9864) and which key type each needs.
#include "core/common/Error.h"
#include "core/crypto/Key.h"

#include <QCoreApplication>
#include <QString>

namespace otadesk::manifest {

namespace coseAlg {
inline constexpr qint64 ES256 = -7;    // ECDSA w/ SHA-256 (polymorphic, deprecated by RFC 9864)
inline constexpr qint64 ESP256 = -9;   // ECDSA P-256 w/ SHA-256 (fully specified)
inline constexpr qint64 EdDSA = -8;    // EdDSA (polymorphic)
inline constexpr qint64 Ed25519 = -19; // Ed25519 (fully specified)
inline constexpr qint64 HMAC256 = 5;   // HMAC w/ SHA-256, 256-bit tag
} // namespace coseAlg

namespace coseHeader {
inline constexpr qint64 Alg = 1;
inline constexpr qint64 Crit = 2;
inline constexpr qint64 ContentType = 3;
inline constexpr qint64 Kid = 4;
} // namespace coseHeader

namespace coseTag {
inline constexpr quint64 Mac0 = 17;
inline constexpr quint64 Sign1 = 18;
inline constexpr quint64 Sign = 98;
inline constexpr quint64 Mac = 97;
} // namespace coseTag

class CoseAlgorithms
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::manifest::CoseAlgorithms)
public:
    static QString name(qint64 alg); // "ES256", "ESP256", ... or "alg -123"
    // The key type a signature algorithm needs, or nullopt for algorithms we do not sign/verify with.
    static std::optional<crypto::KeyType> keyTypeFor(qint64 alg);
    // The preferred (fully specified) algorithm for a key type: ESP256 / Ed25519.
    static qint64 defaultFor(crypto::KeyType type);
    // Ok if alg is a signature algorithm usable with a key of the given type; an actionable error otherwise.
    static Status checkKey(qint64 alg, crypto::KeyType type);
};

} // namespace otadesk::manifest
