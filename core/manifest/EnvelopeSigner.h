#pragma once
// Adds a COSE_Sign1 authentication block to a SUIT envelope: detached payload = the bstr-wrapped SUIT_Digest
// from the authentication wrapper, kid = the key id (SHA-256 of the SubjectPublicKeyInfo), put in the protected
// header with the algorithm so that every byte of the block is covered by the signature. The manifest digest
// is recomputed and checked first, so a tampered envelope is never signed. Existing signature blocks are kept
// (several authors may sign); everything else in the envelope is re-emitted byte for byte.
#include "core/common/Error.h"
#include "core/crypto/Key.h"

#include <QCoreApplication>
#include <optional>

namespace otadesk::manifest {

class EnvelopeSigner
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::manifest::EnvelopeSigner)
public:
    struct Options
    {
        std::optional<qint64> algorithm; // COSE alg; default ESP256 (-9) for P-256, Ed25519 (-19); ES256 / EdDSA allowed
        bool includeKeyId = true;
    };
    static Result<QByteArray> sign(QByteArrayView envelope, const crypto::PrivateKey &key, const Options &options);
    static Result<QByteArray> sign(QByteArrayView envelope, const crypto::PrivateKey &key)
    {
        return sign(envelope, key, Options{});
    }
};

} // namespace otadesk::manifest
