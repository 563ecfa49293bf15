#include "SuitUuid.h"

#include <openssl/evp.h>

namespace otadesk::manifest::suitUuid {

QUuid nameSpaceDns()
{
    return QUuid(0x6ba7b810, 0x9dad, 0x11d1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8);
}

QUuid v5(const QUuid &nameSpace, QByteArrayView name)
{
    const QByteArray ns = nameSpace.toRfc4122();
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    const bool ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha1(), nullptr) == 1 &&
                    EVP_DigestUpdate(ctx, ns.constData(), size_t(ns.size())) == 1 &&
                    EVP_DigestUpdate(ctx, name.data(), size_t(name.size())) == 1 &&
                    EVP_DigestFinal_ex(ctx, digest, &length) == 1;
    EVP_MD_CTX_free(ctx);
    if (!ok || length < 16)
        return {};
    QByteArray bytes(reinterpret_cast<const char *>(digest), 16);
    bytes[6] = char((quint8(bytes[6]) & 0x0f) | 0x50); // version 5
    bytes[8] = char((quint8(bytes[8]) & 0x3f) | 0x80); // variant 10xx (RFC 9562)
    return QUuid::fromRfc4122(bytes);
}

QUuid vendorId(const QString &vendorDomain)
{
    return v5(nameSpaceDns(), vendorDomain.toUtf8());
}

QUuid classId(const QUuid &vendorId, const QString &modelName)
{
    return v5(vendorId, modelName.toUtf8());
}

} // namespace otadesk::manifest::suitUuid
