#include "core/store/TokenSecrets.h"

#include "core/crypto/Digest.h"

#include <QList>
#include <QRandomGenerator>
#include <cstring>

namespace otadesk::store {

NewSecret newSecret(const char *kind)
{
    QList<quint32> words(10); // 40 random bytes: 6 for the prefix, 32 for the secret
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray raw(reinterpret_cast<const char *>(words.constData()), 38);
    NewSecret s;
    s.prefix = QString::fromLatin1(raw.left(6).toHex());
    s.token = QString::fromLatin1(kind) + u'_' + s.prefix + u'_' +
              QString::fromLatin1(raw.mid(6).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    s.sha256 = secretSha256(s.token);
    return s;
}

QString secretPrefix(const QString &token, const char *kind)
{
    const QString head = QString::fromLatin1(kind) + u'_';
    if (!token.startsWith(head) || token.size() < head.size() + 14 || token.at(head.size() + 12) != u'_')
        return {};
    return token.mid(head.size(), 12);
}

QString secretSha256(const QString &token)
{
    return QString::fromLatin1(crypto::Digest::hash(token.toUtf8()).toHex());
}

bool constantTimeEqual(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace otadesk::store
