#include "core/crypto/Key.h"

#include "core/crypto/EcdsaSignature.h"
#include "core/crypto/KeyHandle.h"

#include <openssl/crypto.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include <cstring>

namespace otadesk::crypto {

namespace {
// scrypt cost for the key files. N = 2^14 is the largest OpenSSL's PKCS#8 encoder accepts with r = 8 (its
// 32 MiB memory limit); about 50-100 ms per unlock.
constexpr uint64_t kScryptN = 1u << 14;
constexpr uint64_t kScryptR = 8;
constexpr uint64_t kScryptP = 1;
constexpr int kSaltLength = 16;

struct PassphraseRequest
{
    const QByteArray *passphrase = nullptr;
    bool asked = false;
};

int passphraseCallback(char *buffer, int size, int /*rwflag*/, void *userdata)
{
    auto *request = static_cast<PassphraseRequest *>(userdata);
    request->asked = true;
    const QByteArray &pass = *request->passphrase;
    if (pass.isEmpty() || pass.size() > size)
        return -1;
    std::memcpy(buffer, pass.constData(), size_t(pass.size()));
    return int(pass.size());
}

struct X509SigFree { void operator()(X509_SIG *p) const { X509_SIG_free(p); } };
struct P8InfoFree { void operator()(PKCS8_PRIV_KEY_INFO *p) const { PKCS8_PRIV_KEY_INFO_free(p); } };
} // namespace

PrivateKey::PrivateKey() = default;
PrivateKey::~PrivateKey() = default;
PrivateKey::PrivateKey(PrivateKey &&) noexcept = default;
PrivateKey &PrivateKey::operator=(PrivateKey &&) noexcept = default;

Result<PrivateKey> PrivateKey::generate(KeyType type)
{
    EVP_PKEY *raw = type == KeyType::Ed25519 ? EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519")
                                             : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "prime256v1");
    if (!raw)
        return fail(ErrorCode::Internal, tr("OpenSSL could not generate a %1 key: %2")
                                             .arg(keyTypeName(type), ossl::takeErrors()));
    PrivateKey key;
    key.d = std::make_unique<PublicKey::Handle>();
    key.d->pkey.reset(raw);
    key.d->type = type;
    return key;
}

Result<PrivateKey> PrivateKey::fromPem(QByteArrayView pem, const QByteArray &passphrase)
{
    PassphraseRequest request{&passphrase};
    auto bio = ossl::readBio(pem);
    EVP_PKEY *raw = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, passphraseCallback, &request) : nullptr;
    if (!raw) {
        ossl::clearErrors();
        if (request.asked && passphrase.isEmpty())
            return fail(ErrorCode::InvalidArgument, tr("The key file is encrypted: a passphrase is needed."));
        if (request.asked)
            return fail(ErrorCode::InvalidArgument, tr("The passphrase is wrong (or the key file is damaged)."));
        return fail(ErrorCode::Format, tr("This is not a private key PEM (expected \"-----BEGIN ENCRYPTED "
                                          "PRIVATE KEY-----\", \"PRIVATE KEY\" or \"EC PRIVATE KEY\")."));
    }
    ossl::Pkey pkey(raw);
    auto type = keyTypeOf(pkey.get());
    if (!type)
        return std::unexpected(type.error());
    PrivateKey key;
    key.d = std::make_unique<PublicKey::Handle>();
    key.d->pkey = std::move(pkey);
    key.d->type = *type;
    return key;
}

bool PrivateKey::isNull() const
{
    return !d;
}

KeyType PrivateKey::type() const
{
    return d ? d->type : KeyType::EcdsaP256;
}

PublicKey PrivateKey::publicKey() const
{
    if (!d)
        return {};
    // Round trip through the SubjectPublicKeyInfo so the public object holds no private material.
    unsigned char *der = nullptr;
    const int length = i2d_PUBKEY(d->pkey.get(), &der);
    if (length <= 0) {
        ossl::clearErrors();
        return {};
    }
    auto key = PublicKey::fromDer(QByteArrayView(reinterpret_cast<const char *>(der), length));
    OPENSSL_free(der);
    return key ? *key : PublicKey();
}

Result<QByteArray> PrivateKey::toEncryptedPem(const QByteArray &passphrase) const
{
    if (!d)
        return fail(ErrorCode::InvalidArgument, tr("There is no key to save."));
    if (passphrase.isEmpty())
        return fail(ErrorCode::InvalidArgument, tr("An empty passphrase is not allowed for a private key file."));
    std::unique_ptr<PKCS8_PRIV_KEY_INFO, P8InfoFree> p8info(EVP_PKEY2PKCS8(d->pkey.get()));
    X509_ALGOR *pbe = p8info ? PKCS5_pbe2_set_scrypt(EVP_aes_256_cbc(), nullptr, kSaltLength, nullptr, kScryptN, kScryptR,
                                                     kScryptP)
                             : nullptr;
    std::unique_ptr<X509_SIG, X509SigFree> p8(
        pbe ? PKCS8_set0_pbe(passphrase.constData(), int(passphrase.size()), p8info.get(), pbe) : nullptr);
    if (!p8) {
        X509_ALGOR_free(pbe); // PKCS8_set0_pbe owns it only on success
        return fail(ErrorCode::Internal, tr("OpenSSL could not encrypt the private key: %1").arg(ossl::takeErrors()));
    }
    auto bio = ossl::writeBio();
    if (!bio || PEM_write_bio_PKCS8(bio.get(), p8.get()) != 1)
        return fail(ErrorCode::Internal, tr("OpenSSL could not write the private key: %1").arg(ossl::takeErrors()));
    return ossl::bioContents(bio.get());
}

QByteArray PrivateKey::toClearPem() const
{
    if (!d)
        return {};
    auto bio = ossl::writeBio();
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), d->pkey.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        ossl::clearErrors();
        return {};
    }
    QByteArray pem = ossl::bioContents(bio.get());
    // The memory BIO's buffer held the clear key: overwrite it before BIO_free releases it.
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    if (data && length > 0)
        OPENSSL_cleanse(data, size_t(length));
    return pem;
}

Result<QByteArray> PrivateKey::sign(QByteArrayView message) const
{
    if (!d)
        return fail(ErrorCode::InvalidArgument, tr("There is no key to sign with."));
    ossl::MdCtx ctx(EVP_MD_CTX_new());
    const EVP_MD *md = d->type == KeyType::EcdsaP256 ? EVP_sha256() : nullptr;
    size_t length = 0;
    const auto *msg = reinterpret_cast<const unsigned char *>(message.data());
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, md, nullptr, d->pkey.get()) != 1
        || EVP_DigestSign(ctx.get(), nullptr, &length, msg, size_t(message.size())) != 1)
        return fail(ErrorCode::Internal, tr("OpenSSL could not start signing: %1").arg(ossl::takeErrors()));
    QByteArray sig(qsizetype(length), '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(sig.data()), &length, msg,
                       size_t(message.size()))
        != 1)
        return fail(ErrorCode::Internal, tr("OpenSSL could not sign: %1").arg(ossl::takeErrors()));
    sig.truncate(qsizetype(length));
    if (d->type == KeyType::EcdsaP256)
        return ecdsaDerToRaw(sig);
    return sig;
}

} // namespace otadesk::crypto
