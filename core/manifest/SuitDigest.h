#pragma once
// SUIT_Digest = [alg, bytes] (draft-ietf-suit-manifest §8.4.4): SHA-256 (-16) required, SHA-384 (-43) and
// SHA-512 (-44) supported as well.
#include "core/common/Error.h"
#include "core/manifest/CborValue.h"

#include <QCoreApplication>

namespace otadesk::manifest {

namespace suitDigestAlg {
inline constexpr qint64 Sha256 = -16;
inline constexpr qint64 Shake128 = -18;
inline constexpr qint64 Sha384 = -43;
inline constexpr qint64 Sha512 = -44;
inline constexpr qint64 Shake256 = -45;
} // namespace suitDigestAlg

struct SuitDigest
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::manifest::SuitDigest)
public:
    qint64 algorithm = suitDigestAlg::Sha256;
    QByteArray bytes;

    static Result<SuitDigest> fromCbor(const CborValue &value);
    CborValue toCbor() const;
    static QString algorithmName(qint64 alg);
    static bool isSupported(qint64 alg);
    // The digest of data with this digest's algorithm; an Unsupported error for SHAKE / unknown algorithms.
    static Result<QByteArray> compute(qint64 alg, QByteArrayView data);
    // Ok if data hashes to this digest; a message naming both values otherwise.
    Status check(QByteArrayView data, const QString &what) const;
    bool operator==(const SuitDigest &) const = default;
};

} // namespace otadesk::manifest
