#include "core/crypto/OpenSsl.h"

#include <QStringList>

#include <openssl/err.h>

namespace otadesk::crypto::ossl {

Bio readBio(QByteArrayView data)
{
    return Bio(BIO_new_mem_buf(data.data(), int(data.size())));
}

Bio writeBio()
{
    return Bio(BIO_new(BIO_s_mem()));
}

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    if (length <= 0 || !data)
        return {};
    return QByteArray(data, qsizetype(length));
}

QString takeErrors()
{
    QStringList parts;
    while (const unsigned long code = ERR_get_error()) {
        char buffer[256] = {};
        ERR_error_string_n(code, buffer, sizeof buffer);
        parts.append(QString::fromLatin1(buffer));
    }
    return parts.join(QStringLiteral("; "));
}

void clearErrors()
{
    ERR_clear_error();
}

} // namespace otadesk::crypto::ossl
