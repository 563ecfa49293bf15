#include "core/store/GroupRepository.h"

#include "core/store/Database.h"

#include <QRegularExpression>

namespace otadesk::store {

namespace {
const QString kColumns = QStringLiteral(
    "g.id, g.name, g.kind, g.filter, g.description, g.created_by, g.created_at,"
    " CASE WHEN g.kind = 'static' THEN (SELECT COUNT(*) FROM group_members m WHERE m.group_id = g.id) ELSE -1 END");

DeviceGroup groupFrom(const QSqlQuery &q)
{
    return {q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
            q.value(4).toString(),   q.value(5).toString(), q.value(6).toLongLong(), q.value(7).toLongLong()};
}
} // namespace

bool GroupRepository::validName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    return re.match(name).hasMatch();
}

Result<DeviceGroup> GroupRepository::create(qint64 tenantId, const DeviceGroup &g) const
{
    if (!validName(g.name))
        return fail(ErrorCode::InvalidArgument, tr("A group name has 1 to 64 letters, digits, '.', '_' or '-' and "
                                                   "starts with a letter or digit."));
    if (g.kind != QLatin1String("static") && g.kind != QLatin1String("dynamic"))
        return fail(ErrorCode::InvalidArgument, tr("A group is \"static\" (a list of devices) or \"dynamic\" (a filter)."));
    auto known = m_db.scalar(QStringLiteral("SELECT id FROM device_groups WHERE tenant_id = ? AND name = ?"),
                             {tenantId, g.name});
    if (!known)
        return std::unexpected(known.error());
    if (known->isValid())
        return fail(ErrorCode::Conflict, tr("A group named \"%1\" exists already.").arg(g.name));
    DeviceGroup out = g;
    out.createdAt = nowMs();
    auto id = m_db.scalar(QStringLiteral("INSERT INTO device_groups(tenant_id, name, kind, filter, description,"
                                         " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"),
                          {tenantId, g.name, g.kind, text(g.filter), text(g.description), text(g.createdBy),
                           out.createdAt});
    if (!id)
        return std::unexpected(id.error());
    out.id = id->toLongLong();
    out.members = g.kind == QLatin1String("static") ? 0 : -1;
    return out;
}

Result<QList<DeviceGroup>> GroupRepository::list(qint64 tenantId) const
{
    auto q = m_db.exec(QStringLiteral("SELECT %1 FROM device_groups g WHERE g.tenant_id = ? ORDER BY g.name").arg(kColumns),
                       {tenantId});
    if (!q)
        return std::unexpected(q.error());
    QList<DeviceGroup> out;
    while (q->next())
        out.append(groupFrom(*q));
    return out;
}

Result<DeviceGroup> GroupRepository::find(qint64 tenantId, const QString &name) const
{
    auto q = m_db.exec(QStringLiteral("SELECT %1 FROM device_groups g WHERE g.tenant_id = ? AND g.name = ?").arg(kColumns),
                       {tenantId, name});
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return fail(ErrorCode::NotFound, tr("No group named \"%1\".").arg(name));
    return groupFrom(*q);
}

Status GroupRepository::update(qint64 tenantId, qint64 id, const QString &filter, const QString &description) const
{
    auto q = m_db.exec(QStringLiteral("UPDATE device_groups SET filter = ?, description = ? WHERE tenant_id = ? AND id = ?"),
                       {text(filter), text(description), tenantId, id});
    if (!q)
        return std::unexpected(q.error());
    return {};
}

Status GroupRepository::remove(qint64 tenantId, qint64 id) const
{
    auto q = m_db.exec(QStringLiteral("DELETE FROM device_groups WHERE tenant_id = ? AND id = ?"), {tenantId, id});
    if (!q)
        return std::unexpected(q.error());
    return {};
}

Result<std::pair<qint64, QStringList>> GroupRepository::addMembers(qint64 tenantId, qint64 groupId,
                                                                   const QStringList &serials) const
{
    Transaction tx(m_db);
    if (auto st = tx.begin(); !st)
        return std::unexpected(st.error());
    qint64 added = 0;
    QStringList unknown;
    for (const QString &serial : serials) {
        auto id = m_db.scalar(QStringLiteral("SELECT id FROM devices WHERE tenant_id = ? AND serial = ?"), {tenantId, serial});
        if (!id)
            return std::unexpected(id.error());
        if (!id->isValid()) {
            unknown.append(serial);
            continue;
        }
        auto q = m_db.exec(QStringLiteral("INSERT INTO group_members(group_id, device_id) VALUES (?, ?) ON CONFLICT DO NOTHING"),
                           {groupId, *id});
        if (!q)
            return std::unexpected(q.error());
        added += q->numRowsAffected();
    }
    if (auto st = tx.commit(); !st)
        return std::unexpected(st.error());
    return std::pair{added, unknown};
}

Result<qint64> GroupRepository::addMatching(qint64 tenantId, qint64 groupId, const DeviceWhere &where) const
{
    QVariantList values{groupId, tenantId};
    values += where.values;
    const QString cond = where.sql.trimmed().isEmpty() ? QString() : QStringLiteral(" AND (%1)").arg(where.sql);
    auto q = m_db.exec(QStringLiteral("INSERT INTO group_members(group_id, device_id) SELECT ?, d.id FROM devices d"
                                      " WHERE d.tenant_id = ?%1 ON CONFLICT DO NOTHING").arg(cond),
                       values);
    if (!q)
        return std::unexpected(q.error());
    return q->numRowsAffected();
}

Result<qint64> GroupRepository::removeMembers(qint64 tenantId, qint64 groupId, const QStringList &serials) const
{
    qint64 removed = 0;
    for (const QString &serial : serials) {
        auto q = m_db.exec(QStringLiteral("DELETE FROM group_members WHERE group_id = ? AND device_id IN"
                                          " (SELECT id FROM devices WHERE tenant_id = ? AND serial = ?)"),
                           {groupId, tenantId, serial});
        if (!q)
            return std::unexpected(q.error());
        removed += q->numRowsAffected();
    }
    return removed;
}

} // namespace otadesk::store
