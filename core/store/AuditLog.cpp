#include "core/store/AuditLog.h"

#include "core/store/Database.h"

#include <QJsonDocument>

namespace otadesk::store {

namespace {
AuditEntry entryFrom(const QSqlQuery &q)
{
    return {q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
            q.value(3).toString(),   q.value(4).toString(),   q.value(5).toString(),
            QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object(), q.value(7).toLongLong()};
}
} // namespace

Result<AuditEntry> AuditLog::append(qint64 tenantId, const QString &actor, const QString &action,
                                    const QString &objectType, const QString &objectId,
                                    const QJsonObject &details) const
{
    if (action.isEmpty())
        return fail(ErrorCode::InvalidArgument, tr("An audit entry needs an action."));
    AuditEntry e{0, tenantId, actor, action, objectType, objectId, details, nowMs()};
    const QString json = QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact));
    auto id =
        m_db.scalar(QStringLiteral("INSERT INTO audit_log(tenant_id, actor, action, object_type, object_id,"
                                   " details, at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"),
                    {tenantId, text(actor), action, text(objectType), text(objectId), json, e.at});
    if (!id)
        return std::unexpected(id.error());
    e.id = id->toLongLong();
    return e;
}

Result<AuditLog::Page> AuditLog::list(qint64 tenantId, qint64 offset, int limit) const
{
    limit = std::clamp(limit, 1, kMaxPageSize);
    offset = std::max<qint64>(offset, 0);
    Page page;
    auto total =
        m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE tenant_id = ?"), {tenantId});
    if (!total)
        return std::unexpected(total.error());
    page.total = total->toLongLong();
    auto q =
        m_db.exec(QStringLiteral("SELECT id, tenant_id, actor, action, object_type, object_id, details, at"
                                 " FROM audit_log WHERE tenant_id = ? ORDER BY id DESC LIMIT ? OFFSET ?"),
                  {tenantId, limit, offset});
    if (!q)
        return std::unexpected(q.error());
    while (q->next())
        page.entries.append(entryFrom(*q));
    return page;
}

Result<QList<AuditEntry>> AuditLog::listAfter(qint64 tenantId, qint64 afterId, int limit) const
{
    auto q = m_db.exec(QStringLiteral("SELECT id, tenant_id, actor, action, object_type, object_id, details, at"
                                      " FROM audit_log WHERE tenant_id = ? AND id > ? ORDER BY id LIMIT ?"),
                       {tenantId, afterId, std::clamp(limit, 1, kMaxPageSize)});
    if (!q)
        return std::unexpected(q.error());
    QList<AuditEntry> out;
    while (q->next())
        out.append(entryFrom(*q));
    return out;
}

} // namespace otadesk::store
