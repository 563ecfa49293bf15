#pragma once
// COSE_Sign1 (RFC 9052 §4.2, tag 18): parse, Sig_structure, verify and sign. The protected header is kept as
// the exact bytes received; a detached payload (nil) is supplied by the caller (SUIT: the bstr-wrapped digest).
#include "core/common/Error.h"
#include "core/crypto/Key.h"
#include "core/manifest/CborValue.h"

#include <QCoreApplication>
#include <optional>

namespace otadesk::manifest {

// Header fields shared by COSE_Sign1 and COSE_Mac0.
struct CoseHeaders
{
    QByteArray protectedBytes; // content of the protected bstr, exactly as received (may be empty)
    CborValue protectedMap;    // decoded protected header (empty map when protectedBytes is empty)
    CborValue unprotectedMap;
    std::optional<qint64> algorithm() const; // from the protected header (unprotected is not trusted for alg)
    QByteArray keyId() const;                // kid (label 4) from either header, empty if absent
};

class CoseSign1
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::manifest::CoseSign1)
public:
    CoseHeaders headers;
    std::optional<QByteArray> payload; // nullopt: detached
    QByteArray signature;

    // Accepts the tagged (18) or untagged array form. `input` is the buffer the value was decoded from.
    static Result<CoseSign1> parse(const CborValue &value, QByteArrayView input = {});
    static Result<CoseSign1> parse(QByteArrayView encoded);

    static QByteArray sigStructure(QByteArrayView protectedBytes, QByteArrayView externalAad, QByteArrayView payload);

    // detachedPayload is required when the payload is nil and ignored otherwise.
    Status verify(const crypto::PublicKey &key, std::optional<QByteArrayView> detachedPayload = std::nullopt,
                  QByteArrayView externalAad = {}) const;

    struct SignOptions
    {
        std::optional<qint64> algorithm; // default: ESP256 for P-256 keys, Ed25519 for Ed25519 keys
        QByteArray keyId;                // put in the unprotected header when not empty
        bool detached = false;
        bool tagged = true;
        QByteArray externalAad;
    };
    // The encoded COSE_Sign1 ({1: alg} protected, deterministic encoding).
    static Result<QByteArray> sign(const crypto::PrivateKey &key, QByteArrayView payload, const SignOptions &options);
};

} // namespace otadesk::manifest
