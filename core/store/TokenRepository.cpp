#include "core/store/TokenRepository.h"

#include "core/store/Database.h"
#include "core/store/TokenSecrets.h"


namespace otadesk::store {


QString TokenRepository::hashSecret(const QString &token)
{
    return secretSha256(token);
}

Result<IssuedToken> TokenRepository::issue(qint64 tenantId, qint64 accountId, const QString &label,
                                           std::optional<qint64> expiresAt) const
{
    auto account = m_db.scalar(QStringLiteral("SELECT id FROM accounts WHERE tenant_id = ? AND id = ?"),
                               {tenantId, accountId});
    if (!account)
        return std::unexpected(account.error());
    if (account->isNull())
        return fail(ErrorCode::NotFound, tr("No such account: %1").arg(accountId));
    const NewSecret secret = newSecret("otd");
    IssuedToken t;
    t.prefix = secret.prefix;
    t.secret = secret.token;
    t.expiresAt = expiresAt;
    auto id = m_db.scalar(
        QStringLiteral("INSERT INTO api_tokens(tenant_id, account_id, prefix, secret_sha256, label,"
                       " created_at, expires_at, revoked) VALUES (?, ?, ?, ?, ?, ?, ?, 0)"
                       " RETURNING id"),
        {tenantId, accountId, t.prefix, secret.sha256, label.isNull() ? QStringLiteral("") : label,
         nowMs(), expiresAt ? QVariant(*expiresAt) : QVariant(QMetaType::fromType<qint64>())});
    if (!id)
        return std::unexpected(id.error());
    t.id = id->toLongLong();
    return t;
}

Result<TokenIdentity> TokenRepository::authenticate(const QString &token) const
{
    const QString prefix = secretPrefix(token, "otd");
    if (prefix.isEmpty())
        return fail(ErrorCode::InvalidArgument, tr("The API token is malformed."));
    auto q = m_db.exec(QStringLiteral("SELECT t.id, t.tenant_id, t.account_id, t.secret_sha256, t.expires_at,"
                                      " t.revoked, t.last_used_at, a.name, a.role, a.server_admin, t.prefix, n.name FROM api_tokens t"
                                      " JOIN accounts a ON a.tenant_id = t.tenant_id AND a.id = t.account_id"
                                      " JOIN tenants n ON n.id = t.tenant_id"
                                      " WHERE t.prefix = ?"),
                       {prefix});
    if (!q)
        return std::unexpected(q.error());
    if (!q->next() || !constantTimeEqual(q->value(3).toString().toLatin1(), hashSecret(token).toLatin1()))
        return fail(ErrorCode::InvalidArgument, tr("The API token is not valid."));
    const qint64 now = nowMs();
    if (q->value(5).toInt() != 0)
        return fail(ErrorCode::InvalidArgument, tr("The API token has been revoked."));
    if (!q->value(4).isNull() && q->value(4).toLongLong() <= now)
        return fail(ErrorCode::InvalidArgument, tr("The API token has expired."));
    TokenIdentity who;
    who.tokenId = q->value(0).toLongLong();
    who.tenantId = q->value(1).toLongLong();
    who.accountId = q->value(2).toLongLong();
    who.accountName = q->value(7).toString();
    who.role = parseRole(q->value(8).toString()).value_or(Role::Viewer);
    who.serverAdmin = q->value(9).toInt() != 0;
    who.tokenPrefix = q->value(10).toString();
    who.tenantName = q->value(11).toString();
    if (!q->value(4).isNull())
        who.expiresAt = q->value(4).toLongLong();
    const bool stale = q->value(6).isNull() || now - q->value(6).toLongLong() >= kLastUsedResolutionMs;
    q->finish();
    if (stale) {
        if (auto u = m_db.exec(
                QStringLiteral("UPDATE api_tokens SET last_used_at = ? WHERE tenant_id = ? AND id = ?"),
                {now, who.tenantId, who.tokenId});
            !u)
            return std::unexpected(u.error());
    }
    return who;
}

Status TokenRepository::revoke(qint64 tenantId, qint64 tokenId) const
{
    auto changed = m_db.scalar(
        QStringLiteral("UPDATE api_tokens SET revoked = 1 WHERE tenant_id = ? AND id = ? RETURNING id"),
        {tenantId, tokenId});
    if (!changed)
        return std::unexpected(changed.error());
    if (changed->isNull())
        return fail(ErrorCode::NotFound, tr("No such API token: %1").arg(tokenId));
    return {};
}

Result<QList<TokenInfo>> TokenRepository::list(qint64 tenantId) const
{
    auto q =
        m_db.exec(QStringLiteral("SELECT id, account_id, prefix, label, created_at, expires_at, last_used_at,"
                                 " revoked FROM api_tokens WHERE tenant_id = ? ORDER BY id"),
                  {tenantId});
    if (!q)
        return std::unexpected(q.error());
    QList<TokenInfo> out;
    auto optional = [](const QVariant &v) {
        return v.isNull() ? std::nullopt : std::optional<qint64>(v.toLongLong());
    };
    while (q->next()) {
        out.append({q->value(0).toLongLong(), q->value(1).toLongLong(), q->value(2).toString(),
                    q->value(3).toString(), q->value(4).toLongLong(), optional(q->value(5)),
                    optional(q->value(6)), q->value(7).toInt() != 0});
    }
    return out;
}

} // namespace otadesk::store
