#include "core/store/TenantRepository.h"

#include "core/store/Database.h"

namespace otadesk::store {

namespace {
Tenant tenantFrom(const QSqlQuery &q)
{
    return {q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toLongLong()};
}
} // namespace

Result<Tenant> TenantRepository::create(const QString &name) const
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return fail(ErrorCode::InvalidArgument, tr("A tenant needs a name."));
    if (auto existing = findByName(trimmed); existing)
        return fail(ErrorCode::Conflict, tr("A tenant named \"%1\" exists already.").arg(trimmed));
    const qint64 now = nowMs();
    auto id = m_db.scalar(QStringLiteral("INSERT INTO tenants(name, created_at) VALUES (?, ?) RETURNING id"),
                          {trimmed, now});
    if (!id)
        return std::unexpected(id.error());
    return Tenant{id->toLongLong(), trimmed, now};
}

Result<QList<Tenant>> TenantRepository::list() const
{
    auto q = m_db.exec(QStringLiteral("SELECT id, name, created_at FROM tenants ORDER BY name"));
    if (!q)
        return std::unexpected(q.error());
    QList<Tenant> out;
    while (q->next())
        out.append(tenantFrom(*q));
    return out;
}

Result<Tenant> TenantRepository::findWhere(const QString &column, const QVariant &value) const
{
    // column is one of two literals from this file, never user input.
    auto q = m_db.exec(QStringLiteral("SELECT id, name, created_at FROM tenants WHERE %1 = ?").arg(column),
                       {value});
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return fail(ErrorCode::NotFound, tr("No such tenant: %1").arg(value.toString()));
    return tenantFrom(*q);
}

Result<Tenant> TenantRepository::find(qint64 id) const
{
    return findWhere(QStringLiteral("id"), id);
}

Result<Tenant> TenantRepository::findByName(const QString &name) const
{
    return findWhere(QStringLiteral("name"), name);
}

} // namespace otadesk::store
