#include "core/crypto/Digest.h"

#include <QIODevice>

#include <openssl/evp.h>

namespace otadesk::crypto {

namespace {
const EVP_MD *mdFor(DigestAlgorithm algorithm)
{
    switch (algorithm) {
    case DigestAlgorithm::Sha256: return EVP_sha256();
    case DigestAlgorithm::Sha384: return EVP_sha384();
    case DigestAlgorithm::Sha512: return EVP_sha512();
    }
    return EVP_sha256();
}
} // namespace

struct Digest::Context
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    ~Context() { EVP_MD_CTX_free(ctx); }
};

Digest::Digest(DigestAlgorithm algorithm) : d(std::make_unique<Context>())
{
    // The built-in algorithms cannot fail to initialise short of memory exhaustion, which Qt treats as fatal.
    if (!d->ctx || EVP_DigestInit_ex(d->ctx, mdFor(algorithm), nullptr) != 1)
        qFatal("OpenSSL could not initialise a message digest");
}

Digest::~Digest() = default;

void Digest::addData(QByteArrayView data)
{
    if (!data.isEmpty())
        EVP_DigestUpdate(d->ctx, data.data(), size_t(data.size()));
}

bool Digest::addData(QIODevice *device)
{
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 n = device->read(buffer.data(), buffer.size());
        if (n < 0)
            return false;
        if (n == 0)
            return device->atEnd();
        addData(QByteArrayView(buffer.constData(), n));
    }
}

QByteArray Digest::result()
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(d->ctx, out, &length);
    return QByteArray(reinterpret_cast<const char *>(out), qsizetype(length));
}

QByteArray Digest::hash(QByteArrayView data, DigestAlgorithm algorithm)
{
    Digest digest(algorithm);
    digest.addData(data);
    return digest.result();
}

int Digest::size(DigestAlgorithm algorithm) { return EVP_MD_get_size(mdFor(algorithm)); }

} // namespace otadesk::crypto
