#include "core/crypto/Digest.h"

#include <QIODevice>

#include <openssl/evp.h>

namespace otadesk::crypto {

namespace {
// Fetched once: EVP_sha256() and friends make OpenSSL 3 look the algorithm up in its providers at every
// EVP_DigestInit_ex (a third of the cost of hashing a short token). The objects live until the process ends.
const EVP_MD *fetched(const char *name, const EVP_MD *fallback)
{
    const EVP_MD *md = EVP_MD_fetch(nullptr, name, nullptr);
    return md ? md : fallback;
}

const EVP_MD *mdFor(DigestAlgorithm algorithm)
{
    switch (algorithm) {
    case DigestAlgorithm::Sha256: {
        static const EVP_MD *md = fetched("SHA2-256", EVP_sha256());
        return md;
    }
    case DigestAlgorithm::Sha384: {
        static const EVP_MD *md = fetched("SHA2-384", EVP_sha384());
        return md;
    }
    case DigestAlgorithm::Sha512: {
        static const EVP_MD *md = fetched("SHA2-512", EVP_sha512());
        return md;
    }
    }
    return mdFor(DigestAlgorithm::Sha256);
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
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data.data(), size_t(data.size()), out, &length, mdFor(algorithm), nullptr) != 1)
        qFatal("OpenSSL could not compute a message digest");
    return QByteArray(reinterpret_cast<const char *>(out), qsizetype(length));
}

int Digest::size(DigestAlgorithm algorithm) { return EVP_MD_get_size(mdFor(algorithm)); }

} // namespace otadesk::crypto
