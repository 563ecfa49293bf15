#pragma once
// What every kind of bearer secret of the server shares — API tokens "otd_…", device tokens "otdd_…",
// enrolment tokens "otde_…": the shape "<kind>_<12 hex prefix>_<base64url secret>" (the prefix finds the row),
// the SHA-256 that is stored instead of the secret, and the constant-time comparison of hashes.
#include <QByteArray>
#include <QString>

namespace otadesk::store {

struct NewSecret
{
    QString token;  // the whole secret, shown once
    QString prefix; // 12 hex digits
    QString sha256; // lower-case hex SHA-256 of token
};

NewSecret newSecret(const char *kind);
// The prefix of "<kind>_<12 hex>_<secret>", or empty when the shape is wrong (the secret may contain '_').
QString secretPrefix(const QString &token, const char *kind);
QString secretSha256(const QString &token);
bool constantTimeEqual(const QByteArray &a, const QByteArray &b);

} // namespace otadesk::store
