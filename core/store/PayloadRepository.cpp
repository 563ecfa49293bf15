#include "core/store/PayloadRepository.h"

#include "core/store/Database.h"
#include "core/store/ListSql.h"

namespace otadesk::store {

namespace {
const QString kColumns = QStringLiteral("id, tenant_id, sha256, size, name, created_at, created_by");

Payload payloadFrom(const QSqlQuery &q)
{
    return {q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toLongLong(),
            q.value(4).toString(),   q.value(5).toLongLong(), q.value(6).toString()};
}
} // namespace

Result<std::pair<Payload, bool>> PayloadRepository::add(qint64 tenantId, const QString &sha256, qint64 size,
                                                        const QString &name, const QString &createdBy) const
{
    auto q = m_db.exec(QStringLiteral("SELECT %1 FROM payloads WHERE tenant_id = ? AND sha256 = ?").arg(kColumns),
                       {tenantId, sha256});
    if (!q)
        return std::unexpected(q.error());
    if (q->next())
        return std::pair{payloadFrom(*q), false};
    q->finish();
    Payload p{0, tenantId, sha256, size, name.trimmed().isEmpty() ? sha256.left(12) : name.trimmed(), nowMs(),
              createdBy};
    auto id = m_db.scalar(QStringLiteral("INSERT INTO payloads(tenant_id, sha256, size, name, created_at, created_by)"
                                         " VALUES (?, ?, ?, ?, ?, ?) RETURNING id"),
                          {tenantId, p.sha256, p.size, text(p.name), p.createdAt, text(p.createdBy)});
    if (!id)
        return std::unexpected(id.error());
    p.id = id->toLongLong();
    return std::pair{p, true};
}

Result<Payload> PayloadRepository::find(qint64 tenantId, qint64 id) const
{
    auto q = m_db.exec(QStringLiteral("SELECT %1 FROM payloads WHERE tenant_id = ? AND id = ?").arg(kColumns),
                       {tenantId, id});
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return fail(ErrorCode::NotFound, tr("No such payload: %1").arg(id));
    return payloadFrom(*q);
}

Result<ListPage<Payload>> PayloadRepository::list(qint64 tenantId, const ListQuery &query) const
{
    QVariantList values{tenantId};
    auto order = orderAndPage(query,
                              {{"id", "id"}, {"name", "name"}, {"size", "size"}, {"created_at", "created_at"}},
                              "id", values);
    if (!order)
        return std::unexpected(order.error());
    ListPage<Payload> page;
    auto total = m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM payloads WHERE tenant_id = ?"), {tenantId});
    if (!total)
        return std::unexpected(total.error());
    page.total = total->toLongLong();
    auto q = m_db.exec(QStringLiteral("SELECT %1 FROM payloads WHERE tenant_id = ?").arg(kColumns) + *order, values);
    if (!q)
        return std::unexpected(q.error());
    while (q->next())
        page.items.append(payloadFrom(*q));
    return page;
}

Status PayloadRepository::remove(qint64 tenantId, qint64 id) const
{
    auto gone = m_db.scalar(QStringLiteral("DELETE FROM payloads WHERE tenant_id = ? AND id = ? RETURNING id"),
                            {tenantId, id});
    if (!gone)
        return std::unexpected(gone.error());
    if (gone->isNull())
        return fail(ErrorCode::NotFound, tr("No such payload: %1").arg(id));
    return {};
}

Result<qint64> PayloadRepository::referencesTo(const QString &sha256) const
{
    auto n = m_db.scalar(QStringLiteral("SELECT (SELECT COUNT(*) FROM payloads WHERE sha256 = ?) +"
                                        " (SELECT COUNT(*) FROM manifests WHERE envelope_sha256 = ?)"),
                         {sha256, sha256});
    if (!n)
        return std::unexpected(n.error());
    return n->toLongLong();
}

} // namespace otadesk::store
