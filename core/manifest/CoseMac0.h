#pragma once
// COSE_Mac0 (RFC 9052 §6.2, tag 17) with HMAC 256/256 (alg 5): parse and verify — used by the SUIT
// firmware-encryption AES-KW examples, whose manifests are authenticated with a shared key.
#include "core/common/Error.h"
#include "core/manifest/CoseSign1.h"

namespace otadesk::manifest {

class CoseMac0
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::manifest::CoseMac0)
public:
    CoseHeaders headers;
    std::optional<QByteArray> payload;
    QByteArray tag;

    static Result<CoseMac0> parse(const CborValue &value, QByteArrayView input = {});
    static QByteArray macStructure(QByteArrayView protectedBytes, QByteArrayView externalAad, QByteArrayView payload);
    Status verify(QByteArrayView key, std::optional<QByteArrayView> detachedPayload = std::nullopt,
                  QByteArrayView externalAad = {}) const;
    // Encoded tagged COSE_Mac0 with {1: 5} protected; for tests and tools.
    static Result<QByteArray> create(QByteArrayView key, QByteArrayView payload, bool detached);
};

} // namespace otadesk::manifest
