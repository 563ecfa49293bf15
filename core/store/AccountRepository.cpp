#include "core/store/AccountRepository.h"

#include "core/store/Database.h"

namespace otadesk::store {

namespace {
const QString kColumns = QStringLiteral("id, tenant_id, name, role, created_at, server_admin");

Account accountFrom(const QSqlQuery &q)
{
    return {q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
            parseRole(q.value(3).toString()).value_or(Role::Viewer), q.value(4).toLongLong(),
            q.value(5).toInt() != 0};
}
} // namespace

Result<Account> AccountRepository::create(qint64 tenantId, const QString &name, Role role, bool serverAdmin) const
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return fail(ErrorCode::InvalidArgument, tr("An account needs a name."));
    auto tenant = m_db.scalar(QStringLiteral("SELECT id FROM tenants WHERE id = ?"), {tenantId});
    if (!tenant)
        return std::unexpected(tenant.error());
    if (tenant->isNull())
        return fail(ErrorCode::NotFound, tr("No such tenant: %1").arg(tenantId));
    if (auto existing = findByName(tenantId, trimmed); existing)
        return fail(ErrorCode::Conflict, tr("An account named \"%1\" exists already.").arg(trimmed));
    const qint64 now = nowMs();
    auto id = m_db.scalar(
        QStringLiteral(
            "INSERT INTO accounts(tenant_id, name, role, created_at, server_admin) VALUES (?, ?, ?, ?, ?)"
            " RETURNING id"),
        {tenantId, trimmed, roleName(role), now, serverAdmin ? 1 : 0});
    if (!id)
        return std::unexpected(id.error());
    return Account{id->toLongLong(), tenantId, trimmed, role, now, serverAdmin};
}

Result<QList<Account>> AccountRepository::list(qint64 tenantId) const
{
    auto q =
        m_db.exec(QStringLiteral("SELECT %1 FROM accounts WHERE tenant_id = ? ORDER BY name").arg(kColumns),
                  {tenantId});
    if (!q)
        return std::unexpected(q.error());
    QList<Account> out;
    while (q->next())
        out.append(accountFrom(*q));
    return out;
}

Result<Account> AccountRepository::find(qint64 tenantId, qint64 accountId) const
{
    auto q = m_db.exec(QStringLiteral("SELECT %1 FROM accounts WHERE tenant_id = ? AND id = ?").arg(kColumns),
                       {tenantId, accountId});
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return fail(ErrorCode::NotFound, tr("No such account: %1").arg(accountId));
    return accountFrom(*q);
}

Result<Account> AccountRepository::findByName(qint64 tenantId, const QString &name) const
{
    auto q =
        m_db.exec(QStringLiteral("SELECT %1 FROM accounts WHERE tenant_id = ? AND name = ?").arg(kColumns),
                  {tenantId, name});
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return fail(ErrorCode::NotFound, tr("No such account: %1").arg(name));
    return accountFrom(*q);
}

Status AccountRepository::setRole(qint64 tenantId, qint64 accountId, Role role) const
{
    auto changed = m_db.scalar(
        QStringLiteral("UPDATE accounts SET role = ? WHERE tenant_id = ? AND id = ? RETURNING id"),
        {roleName(role), tenantId, accountId});
    if (!changed)
        return std::unexpected(changed.error());
    if (changed->isNull())
        return fail(ErrorCode::NotFound, tr("No such account: %1").arg(accountId));
    return {};
}

} // namespace otadesk::store
