#include "core/crypto/Key.h"

#include "core/crypto/Digest.h"
#include "core/crypto/EcdsaSignature.h"
#include "core/crypto/KeyHandle.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace otadesk::crypto {

QString keyTypeName(KeyType type)
{
    switch (type) {
    case KeyType::EcdsaP256: return QStringLiteral("ecdsa-p256");
    case KeyType::Ed25519: return QStringLiteral("ed25519");
    }
    return {};
}

std::optional<KeyType> keyTypeFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("ecdsa-p256") || n == QLatin1String("p-256") || n == QLatin1String("p256")
        || n == QLatin1String("es256"))
        return KeyType::EcdsaP256;
    if (n == QLatin1String("ed25519") || n == QLatin1String("eddsa"))
        return KeyType::Ed25519;
    return std::nullopt;
}

Result<KeyType> keyTypeOf(EVP_PKEY *pkey)
{
    if (EVP_PKEY_is_a(pkey, "ED25519"))
        return KeyType::Ed25519;
    if (EVP_PKEY_is_a(pkey, "EC")) {
        char group[80] = {};
        size_t length = 0;
        if (EVP_PKEY_get_group_name(pkey, group, sizeof group, &length) == 1
            && (qstrcmp(group, "prime256v1") == 0 || qstrcmp(group, "P-256") == 0))
            return KeyType::EcdsaP256;
        ossl::clearErrors();
        return fail(ErrorCode::Unsupported,
                    PublicKey::tr("EC keys on the curve %1 are not supported; use P-256 (prime256v1) or Ed25519.")
                        .arg(group[0] ? QString::fromLatin1(group) : PublicKey::tr("(unknown)")));
    }
    const char *name = EVP_PKEY_get0_type_name(pkey);
    return fail(ErrorCode::Unsupported, PublicKey::tr("%1 keys are not supported; use ECDSA P-256 or Ed25519.")
                                            .arg(name ? QString::fromLatin1(name) : PublicKey::tr("This type of")));
}

namespace {
Result<PublicKey> adopt(EVP_PKEY *raw, std::shared_ptr<PublicKey::Handle> &slot)
{
    ossl::Pkey pkey(raw);
    auto type = keyTypeOf(pkey.get());
    if (!type)
        return std::unexpected(type.error());
    slot = std::make_shared<PublicKey::Handle>();
    slot->pkey = std::move(pkey);
    slot->type = *type;
    return PublicKey();
}
} // namespace

PublicKey::PublicKey() = default;
PublicKey::~PublicKey() = default;
PublicKey::PublicKey(const PublicKey &) = default;
PublicKey &PublicKey::operator=(const PublicKey &) = default;
PublicKey::PublicKey(PublicKey &&) noexcept = default;
PublicKey &PublicKey::operator=(PublicKey &&) noexcept = default;

Result<PublicKey> PublicKey::fromPem(QByteArrayView pem)
{
    auto bio = ossl::readBio(pem);
    EVP_PKEY *raw = bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr;
    if (!raw) {
        ossl::clearErrors();
        return fail(ErrorCode::Format,
                    tr("This is not a public key PEM (expected \"-----BEGIN PUBLIC KEY-----\")."));
    }
    PublicKey key;
    if (auto r = adopt(raw, key.d); !r)
        return std::unexpected(r.error());
    return key;
}

Result<PublicKey> PublicKey::fromDer(QByteArrayView spkiDer)
{
    const auto *p = reinterpret_cast<const unsigned char *>(spkiDer.data());
    EVP_PKEY *raw = d2i_PUBKEY(nullptr, &p, long(spkiDer.size()));
    if (!raw) {
        ossl::clearErrors();
        return fail(ErrorCode::Format, tr("This is not a DER SubjectPublicKeyInfo."));
    }
    PublicKey key;
    if (auto r = adopt(raw, key.d); !r)
        return std::unexpected(r.error());
    return key;
}

Result<PublicKey> PublicKey::fromEcPoint(QByteArrayView x, QByteArrayView y)
{
    if (x.size() != 32 || y.size() != 32)
        return fail(ErrorCode::Format, tr("A P-256 public key needs 32-byte x and y coordinates (got %1 and %2).")
                                           .arg(x.size())
                                           .arg(y.size()));
    QByteArray point;
    point.reserve(65);
    point.append('\x04').append(x.data(), x.size()).append(y.data(), y.size());
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    OSSL_PARAM *params = nullptr;
    if (bld && OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) == 1
        && OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point.constData(), size_t(point.size()))
               == 1)
        params = OSSL_PARAM_BLD_to_param(bld);
    OSSL_PARAM_BLD_free(bld);
    EVP_PKEY *raw = nullptr;
    ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    const bool ok = params && ctx && EVP_PKEY_fromdata_init(ctx.get()) == 1
                    && EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params) == 1;
    OSSL_PARAM_free(params);
    // fromdata does not check that the point is on the curve; the public key check does.
    ossl::PkeyCtx check(ok ? EVP_PKEY_CTX_new_from_pkey(nullptr, raw, nullptr) : nullptr);
    if (!ok || !check || EVP_PKEY_public_check(check.get()) != 1) {
        EVP_PKEY_free(raw);
        ossl::clearErrors();
        return fail(ErrorCode::Format, tr("The x and y coordinates are not a point on the P-256 curve."));
    }
    PublicKey key;
    if (auto r = adopt(raw, key.d); !r)
        return std::unexpected(r.error());
    return key;
}

Result<PublicKey> PublicKey::fromEd25519(QByteArrayView raw32)
{
    if (raw32.size() != 32)
        return fail(ErrorCode::Format, tr("An Ed25519 public key is 32 bytes, not %1.").arg(raw32.size()));
    EVP_PKEY *raw = EVP_PKEY_new_raw_public_key_ex(nullptr, "ED25519", nullptr,
                                                   reinterpret_cast<const unsigned char *>(raw32.data()), 32);
    if (!raw)
        return fail(ErrorCode::Format, tr("OpenSSL refused the Ed25519 public key: %1").arg(ossl::takeErrors()));
    PublicKey key;
    if (auto r = adopt(raw, key.d); !r)
        return std::unexpected(r.error());
    return key;
}

bool PublicKey::isNull() const
{
    return !d;
}

KeyType PublicKey::type() const
{
    return d ? d->type : KeyType::EcdsaP256;
}

QByteArray PublicKey::toPem() const
{
    if (!d)
        return {};
    auto bio = ossl::writeBio();
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), d->pkey.get()) != 1) {
        ossl::clearErrors();
        return {};
    }
    return ossl::bioContents(bio.get());
}

QByteArray PublicKey::toDer() const
{
    if (!d)
        return {};
    unsigned char *der = nullptr;
    const int length = i2d_PUBKEY(d->pkey.get(), &der);
    if (length <= 0) {
        ossl::clearErrors();
        return {};
    }
    QByteArray result(reinterpret_cast<const char *>(der), length);
    OPENSSL_free(der);
    return result;
}

QByteArray PublicKey::keyId() const
{
    return d ? sha256(toDer()) : QByteArray();
}

QString PublicKey::fingerprint() const
{
    const QString hex = QString::fromLatin1(keyId().toHex());
    QString grouped;
    for (qsizetype i = 0; i < hex.size(); i += 4) {
        if (i)
            grouped += QLatin1Char(' ');
        grouped += hex.mid(i, 4);
    }
    return grouped;
}

Status PublicKey::verify(QByteArrayView message, QByteArrayView signature) const
{
    if (!d)
        return fail(ErrorCode::InvalidArgument, tr("No public key to verify with."));
    QByteArray sig;
    if (d->type == KeyType::EcdsaP256) {
        auto der = ecdsaRawToDer(signature);
        if (!der)
            return std::unexpected(der.error());
        sig = *der;
    } else {
        if (signature.size() != 64)
            return fail(ErrorCode::Format, tr("An Ed25519 signature is 64 bytes, not %1.").arg(signature.size()));
        sig = signature.toByteArray();
    }
    ossl::MdCtx ctx(EVP_MD_CTX_new());
    const EVP_MD *md = d->type == KeyType::EcdsaP256 ? EVP_sha256() : nullptr;
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, d->pkey.get()) != 1)
        return fail(ErrorCode::Internal, tr("OpenSSL could not start verifying: %1").arg(ossl::takeErrors()));
    const int rc = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(sig.constData()),
                                    size_t(sig.size()), reinterpret_cast<const unsigned char *>(message.data()),
                                    size_t(message.size()));
    ossl::clearErrors();
    if (rc != 1)
        return fail(ErrorCode::Checksum, tr("The signature does not match the message and this %1 key.")
                                             .arg(keyTypeName(d->type)));
    return {};
}

Status PublicKey::verifyDigestDer(QByteArrayView sha256Digest, QByteArrayView derSignature) const
{
    if (!d)
        return fail(ErrorCode::InvalidArgument, tr("No public key to verify with."));
    if (d->type != KeyType::EcdsaP256)
        return fail(ErrorCode::InvalidArgument, tr("Only ECDSA keys verify a signature over a precomputed digest."));
    if (sha256Digest.size() != 32)
        return fail(ErrorCode::Format, tr("A SHA-256 digest is 32 bytes, not %1.").arg(sha256Digest.size()));
    ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, d->pkey.get(), nullptr));
    if (!ctx || EVP_PKEY_verify_init(ctx.get()) != 1 || EVP_PKEY_CTX_set_signature_md(ctx.get(), EVP_sha256()) != 1)
        return fail(ErrorCode::Internal, tr("OpenSSL could not start verifying: %1").arg(ossl::takeErrors()));
    const int rc = EVP_PKEY_verify(ctx.get(), reinterpret_cast<const unsigned char *>(derSignature.data()),
                                   size_t(derSignature.size()),
                                   reinterpret_cast<const unsigned char *>(sha256Digest.data()), 32);
    ossl::clearErrors();
    if (rc != 1)
        return fail(ErrorCode::Checksum, tr("The ECDSA signature does not match the digest and this key."));
    return {};
}

void wipe(QByteArray &secret)
{
    if (secret.isEmpty()) {
        secret.clear();
        return;
    }
    // Only overwrite memory this object owns alone; a shared buffer would be wiped under another owner.
    secret.detach();
    OPENSSL_cleanse(secret.data(), size_t(secret.size()));
    secret.clear();
}

} // namespace otadesk::crypto
