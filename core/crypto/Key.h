#pragma once
// Asymmetric keys through OpenSSL 3 EVP: ECDSA P-256 and Ed25519. Private key material lives only inside
// OpenSSL's EVP_PKEY (freed with its secure clearing); serialised forms are encrypted PKCS#8 unless the caller
// asks for clear PEM explicitly (export for another tool). Signatures in COSE form: ECDSA is raw r||s
// (64 bytes for P-256), Ed25519 is the 64-byte PureEdDSA signature over the message.
#include "core/common/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <memory>
#include <optional>

namespace otadesk::crypto {

enum class KeyType { EcdsaP256, Ed25519 };
QString keyTypeName(KeyType type); // "ecdsa-p256", "ed25519" — stable, used on command lines and in files
std::optional<KeyType> keyTypeFromName(const QString &name);

class PublicKey
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::crypto::PublicKey)
public:
    PublicKey();
    ~PublicKey();
    PublicKey(const PublicKey &);
    PublicKey &operator=(const PublicKey &);
    PublicKey(PublicKey &&) noexcept;
    PublicKey &operator=(PublicKey &&) noexcept;

    static Result<PublicKey> fromPem(QByteArrayView pem);  // "-----BEGIN PUBLIC KEY-----" (SPKI)
    static Result<PublicKey> fromDer(QByteArrayView spkiDer);
    // COSE_Key-style raw forms: P-256 x,y (32 bytes each) / Ed25519 32-byte public key.
    static Result<PublicKey> fromEcPoint(QByteArrayView x, QByteArrayView y);
    static Result<PublicKey> fromEd25519(QByteArrayView raw32);

    bool isNull() const;
    KeyType type() const;
    QByteArray toPem() const;
    QByteArray toDer() const;   // SubjectPublicKeyInfo DER
    QByteArray keyId() const;   // SHA-256 of the SubjectPublicKeyInfo DER (32 raw bytes)
    QString fingerprint() const; // keyId as lower-case hex, grouped "ab12 cd34 …" for display

    // ECDSA: signature is raw r||s (64 bytes), message hashed with SHA-256 inside. Ed25519: PureEdDSA.
    // A signature that does not match is ErrorCode::Checksum; a malformed one (wrong length) ErrorCode::Format.
    Status verify(QByteArrayView message, QByteArrayView signature) const;
    // ECDSA with a DER-encoded signature over a precomputed SHA-256 digest (MCUboot's form).
    Status verifyDigestDer(QByteArrayView sha256Digest, QByteArrayView derSignature) const;

    struct Handle;
private:
    std::shared_ptr<Handle> d;
    friend class PrivateKey;
};

class PrivateKey
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::crypto::PrivateKey)
public:
    PrivateKey();
    ~PrivateKey();
    PrivateKey(PrivateKey &&) noexcept;
    PrivateKey &operator=(PrivateKey &&) noexcept;
    PrivateKey(const PrivateKey &) = delete;
    PrivateKey &operator=(const PrivateKey &) = delete;

    static Result<PrivateKey> generate(KeyType type);
    // PKCS#8 PEM, encrypted ("ENCRYPTED PRIVATE KEY", passphrase required) or clear ("PRIVATE KEY").
    // Also accepts traditional "EC PRIVATE KEY". A wrong passphrase is ErrorCode::InvalidArgument with a clear
    // message; nothing is modified.
    static Result<PrivateKey> fromPem(QByteArrayView pem, const QByteArray &passphrase = {});

    bool isNull() const;
    KeyType type() const;
    PublicKey publicKey() const;

    // Encrypted PKCS#8 PEM: scrypt KDF (N=2^14, r=8, p=1 — the most OpenSSL's PKCS#8 encoder allows) +
    // AES-256-CBC. Empty passphrase is refused.
    Result<QByteArray> toEncryptedPem(const QByteArray &passphrase) const;
    // Clear PKCS#8 PEM — for explicit export only; never written by the key store.
    QByteArray toClearPem() const;

    // COSE-form signature (see the header comment).
    Result<QByteArray> sign(QByteArrayView message) const;

private:
    std::unique_ptr<PublicKey::Handle> d;
};

// Overwrites a buffer that held secrets (passphrases, clear PEM) before it is released.
void wipe(QByteArray &secret);

} // namespace otadesk::crypto
