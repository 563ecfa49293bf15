#include "core/store/DeviceCredentials.h"

#include "core/fleet/NaturalKey.h"
#include "core/store/Database.h"
#include "core/store/StoreTypes.h"
#include "core/store/TokenSecrets.h"

namespace otadesk::store {

namespace {
std::unexpected<Error> unknownToken()
{
    return fail(ErrorCode::InvalidArgument, DeviceCredentials::tr("The device credential is not valid: it is unknown or was replaced by a newer token. "
                                                               "An operator can issue the device a new one (otactl devices token SERIAL)."));
}

DeviceIdentity identityFrom(const QSqlQuery &q)
{
    return {q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toString(),
            q.value(4).toString()};
}
} // namespace

Result<DeviceToken> DeviceCredentials::issueToken(qint64 tenantId, qint64 deviceId) const
{
    const DeviceToken t = newSecret("otdd");
    auto q = m_db.exec(QStringLiteral("UPDATE devices SET token_prefix = ?, token_sha256 = ? WHERE tenant_id = ? AND id = ?"),
                       {t.prefix, t.sha256, tenantId, deviceId});
    if (!q)
        return std::unexpected(q.error());
    if (q->numRowsAffected() == 0)
        return fail(ErrorCode::NotFound, tr("No device with the id %1.").arg(deviceId));
    return t;
}

Result<DeviceIdentity> DeviceCredentials::authenticateToken(const QString &token) const
{
    const QString prefix = secretPrefix(token, "otdd");
    if (prefix.isEmpty())
        return unknownToken();
    auto q = m_db.exec(QStringLiteral("SELECT tenant_id, id, serial, status, report_sha256, token_sha256 FROM devices"
                                      " WHERE token_prefix = ?"),
                       {prefix});
    if (!q)
        return std::unexpected(q.error());
    if (!q->next() || !constantTimeEqual(q->value(5).toString().toLatin1(), secretSha256(token).toLatin1()))
        return unknownToken();
    return identityFrom(*q);
}

Result<DeviceIdentity> DeviceCredentials::authenticateCertificate(const QString &fingerprintHex) const
{
    const QString fp = fingerprintHex.trimmed().toLower().remove(u':');
    if (fp.isEmpty())
        return unknownToken();
    auto q = m_db.exec(QStringLiteral("SELECT tenant_id, id, serial, status, report_sha256 FROM devices"
                                      " WHERE cert_fingerprint = ?"),
                       {fp});
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return unknownToken();
    return identityFrom(*q);
}

Result<std::pair<EnrolmentToken, QString>>
DeviceCredentials::createEnrolmentToken(qint64 tenantId, const QString &label, bool autoAccept,
                                        std::optional<qint64> expiresAt, const QString &createdBy) const
{
    const DeviceToken t = newSecret("otde");
    EnrolmentToken e{0, text(label), autoAccept, nowMs(), expiresAt, false, text(createdBy), t.prefix};
    auto id = m_db.scalar(QStringLiteral("INSERT INTO enrolment_tokens(tenant_id, prefix, secret_sha256, label,"
                                         " auto_accept, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                                         " RETURNING id"),
                          {tenantId, t.prefix, t.sha256, e.label, autoAccept ? 1 : 0, e.createdBy, e.createdAt,
                           expiresAt ? QVariant(*expiresAt) : QVariant(QMetaType::fromType<qint64>())});
    if (!id)
        return std::unexpected(id.error());
    e.id = id->toLongLong();
    return std::pair{e, t.token};
}

Result<QList<EnrolmentToken>> DeviceCredentials::enrolmentTokens(qint64 tenantId) const
{
    auto q = m_db.exec(QStringLiteral("SELECT id, label, auto_accept, created_at, expires_at, revoked, created_by, prefix"
                                      " FROM enrolment_tokens WHERE tenant_id = ? ORDER BY id"),
                       {tenantId});
    if (!q)
        return std::unexpected(q.error());
    QList<EnrolmentToken> out;
    while (q->next())
        out.append({q->value(0).toLongLong(), q->value(1).toString(), q->value(2).toInt() != 0,
                    q->value(3).toLongLong(),
                    q->value(4).isNull() ? std::nullopt : std::optional<qint64>(q->value(4).toLongLong()),
                    q->value(5).toInt() != 0, q->value(6).toString(), q->value(7).toString()});
    return out;
}

Status DeviceCredentials::revokeEnrolmentToken(qint64 tenantId, qint64 id) const
{
    auto q = m_db.exec(QStringLiteral("UPDATE enrolment_tokens SET revoked = 1 WHERE tenant_id = ? AND id = ?"),
                       {tenantId, id});
    if (!q)
        return std::unexpected(q.error());
    if (q->numRowsAffected() == 0)
        return fail(ErrorCode::NotFound, tr("No enrolment token with the id %1.").arg(id));
    return {};
}

Result<DeviceCredentials::Enrolled> DeviceCredentials::enrol(const QString &enrolmentToken, const QString &serial,
                                                            const QString &model, const QString &hwRev) const
{
    const QString prefix = secretPrefix(enrolmentToken, "otde");
    if (prefix.isEmpty())
        return fail(ErrorCode::InvalidArgument, tr("The enrolment token is not valid."));
    auto q = m_db.exec(QStringLiteral("SELECT tenant_id, secret_sha256, auto_accept, expires_at, revoked"
                                      " FROM enrolment_tokens WHERE prefix = ?"),
                       {prefix});
    if (!q)
        return std::unexpected(q.error());
    if (!q->next() || !constantTimeEqual(q->value(1).toString().toLatin1(), secretSha256(enrolmentToken).toLatin1()) ||
        q->value(4).toInt() != 0 || (!q->value(3).isNull() && q->value(3).toLongLong() <= nowMs()))
        return fail(ErrorCode::InvalidArgument, tr("The enrolment token is not valid (unknown, revoked or expired)."));
    const qint64 tenantId = q->value(0).toLongLong();
    const QString status = q->value(2).toInt() != 0 ? QStringLiteral("accepted") : QStringLiteral("pending");
    q->finish();
    auto known = m_db.scalar(QStringLiteral("SELECT id FROM devices WHERE tenant_id = ? AND serial = ?"), {tenantId, serial});
    if (!known)
        return std::unexpected(known.error());
    if (known->isValid())
        return fail(ErrorCode::Conflict, tr("A device with the serial %1 is registered already; ask an operator for "
                                            "its device token.").arg(serial));
    Enrolled e;
    e.token = newSecret("otdd");
    const qint64 now = nowMs();
    auto id = m_db.scalar(QStringLiteral("INSERT INTO devices(tenant_id, serial, serial_key, model, hw_rev, status,"
                                         " created_at, token_prefix, token_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                         " RETURNING id"),
                          {tenantId, serial, fleet::naturalKey(serial), text(model), text(hwRev), status, now,
                           e.token.prefix, e.token.sha256});
    if (!id)
        return std::unexpected(id.error());
    e.identity = {tenantId, id->toLongLong(), serial, status, {}};
    return e;
}

} // namespace otadesk::store
