#include "Hmac.h"

#include <QCoreApplication>
#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace otadesk::manifest {

Result<QByteArray> hmacSha256(QByteArrayView key, QByteArrayView message)
{
    QByteArray out(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    size_t outLength = 0;
    static const unsigned char empty = 0;
    const auto *keyData = key.isEmpty() ? &empty : reinterpret_cast<const unsigned char *>(key.data());
    if (!EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, keyData, size_t(key.size()),
                   reinterpret_cast<const unsigned char *>(message.data()), size_t(message.size()),
                   reinterpret_cast<unsigned char *>(out.data()), size_t(out.size()), &outLength))
        return fail(ErrorCode::Internal, QCoreApplication::translate("otadesk::manifest::Hmac",
                                                                     "OpenSSL could not compute HMAC-SHA-256"));
    out.resize(qsizetype(outLength));
    return out;
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    return CRYPTO_memcmp(a.data(), b.data(), size_t(a.size())) == 0;
}

} // namespace otadesk::manifest
