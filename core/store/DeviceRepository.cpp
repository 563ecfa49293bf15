#include "core/store/DeviceRepository.h"

#include "core/fleet/filter/FilterSql.h"
#include "core/store/Database.h"
#include "core/store/ListSql.h"

#include <QHash>

namespace otadesk::store {

namespace {
const QString kColumns = QStringLiteral(
    "d.id, d.tenant_id, d.serial, d.model, d.hw_rev, d.batch, d.year, d.vendor_id, d.class_id, d.status,"
    " d.update_state, d.address, d.wake_schedule, d.first_seen, d.last_seen, d.created_at");

fleet::Device deviceFrom(const QSqlQuery &q)
{
    fleet::Device d;
    d.id = q.value(0).toLongLong();
    d.tenantId = q.value(1).toLongLong();
    d.serial = q.value(2).toString();
    d.model = q.value(3).toString();
    d.hardwareRevision = q.value(4).toString();
    d.batch = q.value(5).toString();
    d.year = q.value(6).toInt();
    d.vendorId = q.value(7).toString();
    d.classId = q.value(8).toString();
    d.status = q.value(9).toString();
    d.updateState = q.value(10).toString();
    d.address = q.value(11).toString();
    d.wakeSchedule = q.value(12).toString();
    d.firstSeen = q.value(13).toLongLong();
    d.lastSeen = q.value(14).toLongLong();
    d.createdAt = q.value(15).toLongLong();
    return d;
}

QString whereClause(const DeviceWhere &where)
{
    return where.sql.trimmed().isEmpty() ? QStringLiteral("d.tenant_id = ?")
                                         : QStringLiteral("d.tenant_id = ? AND (%1)").arg(where.sql);
}

QString idList(const QList<fleet::Device> &devices)
{
    QStringList ids;
    ids.reserve(devices.size());
    for (const fleet::Device &d : devices)
        ids.append(QString::number(d.id)); // integers from the database, not user text
    return ids.join(u',');
}
} // namespace

DeviceWhere DeviceWhere::fromFilter(const fleet::Filter &filter, Dialect dialect, const fleet::FilterContext &context)
{
    const fleet::SqlCondition c =
        filter.toSql(dialect == Dialect::Postgres ? fleet::SqlDialect::Postgres : fleet::SqlDialect::Sqlite, context);
    DeviceWhere where(filter.isEmpty() ? QString() : c.sql, c.values); // "" rather than "1 = 1": no condition
    where.filter = filter.root();
    where.context = context;
    return where;
}

QStringList DeviceRepository::sortNames()
{
    return {QStringLiteral("serial"),    QStringLiteral("model"),     QStringLiteral("hw_rev"),
            QStringLiteral("batch"),     QStringLiteral("year"),      QStringLiteral("status"),
            QStringLiteral("state"),     QStringLiteral("last_seen"), QStringLiteral("first_seen"),
            QStringLiteral("created_at"), QStringLiteral("address")};
}

Result<fleet::Device> DeviceRepository::find(qint64 tenantId, const QString &serial) const
{
    return findWhere(tenantId, QStringLiteral("d.serial = ?"), serial, tr("No device with the serial \"%1\".").arg(serial));
}

Result<fleet::Device> DeviceRepository::findById(qint64 tenantId, qint64 id) const
{
    return findWhere(tenantId, QStringLiteral("d.id = ?"), id, tr("No device with the id %1.").arg(id));
}

Result<fleet::Device> DeviceRepository::findWhere(qint64 tenantId, const QString &condition, const QVariant &value,
                                                  const QString &notFound) const
{
    auto q = m_db.exec(QStringLiteral("SELECT %1 FROM devices d WHERE d.tenant_id = ? AND %2").arg(kColumns, condition),
                       {tenantId, value});
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return fail(ErrorCode::NotFound, notFound);
    fleet::Device d = deviceFrom(*q);
    q->finish();
    if (auto st = loadDetails(d); !st)
        return std::unexpected(st.error());
    return d;
}

Status DeviceRepository::loadDetails(fleet::Device &d) const
{
    QList<fleet::Device> one{d};
    if (auto st = loadComponentsAndTags(one, true); !st)
        return st;
    d = one.first();
    return {};
}

Status DeviceRepository::loadComponentsAndTags(QList<fleet::Device> &devices, bool withAttributes) const
{
    if (devices.isEmpty())
        return {};
    QHash<qint64, qsizetype> index;
    for (qsizetype i = 0; i < devices.size(); ++i)
        index.insert(devices[i].id, i);
    const QString ids = idList(devices);
    auto c = m_db.exec(QStringLiteral("SELECT device_id, name, version, digest, slot FROM device_components"
                                      " WHERE device_id IN (%1) ORDER BY device_id, name").arg(ids));
    if (!c)
        return std::unexpected(c.error());
    while (c->next()) {
        fleet::InstalledComponent comp{c->value(1).toString(), c->value(2).toString(),
                                       QByteArray::fromHex(c->value(3).toString().toLatin1()), c->value(4).toInt()};
        devices[index.value(c->value(0).toLongLong())].components.append(comp);
    }
    auto t = m_db.exec(QStringLiteral("SELECT device_id, tag FROM device_tags WHERE device_id IN (%1)"
                                      " ORDER BY device_id, tag").arg(ids));
    if (!t)
        return std::unexpected(t.error());
    while (t->next())
        devices[index.value(t->value(0).toLongLong())].tags.append(t->value(1).toString());
    if (!withAttributes)
        return {};
    auto a = m_db.exec(QStringLiteral("SELECT device_id, kind, name, value FROM device_attributes"
                                      " WHERE device_id IN (%1)").arg(ids));
    if (!a)
        return std::unexpected(a.error());
    while (a->next()) {
        fleet::Device &d = devices[index.value(a->value(0).toLongLong())];
        (a->value(1).toString() == QLatin1String("m") ? d.metadata : d.attributes)
            .insert(a->value(2).toString(), a->value(3).toString());
    }
    return {};
}

Result<ListPage<fleet::Device>> DeviceRepository::list(qint64 tenantId, const DeviceWhere &where,
                                                       const ListQuery &query, bool withTotal) const
{
    QVariantList values{tenantId};
    values += where.values;
    auto order = orderAndPage(query,
                              {{"serial", "d.serial_key"},
                               {"model", "d.model"},
                               {"hw_rev", "d.hw_rev"},
                               {"batch", "d.batch"},
                               {"year", "d.year"},
                               {"status", "d.status"},
                               {"state", "d.update_state"},
                               {"last_seen", "d.last_seen"},
                               {"first_seen", "d.first_seen"},
                               {"created_at", "d.created_at"},
                               {"address", "d.address"}},
                              "serial", values);
    if (!order)
        return std::unexpected(order.error());
    ListPage<fleet::Device> page;
    if (withTotal) {
        auto total = count(tenantId, where);
        if (!total)
            return std::unexpected(total.error());
        page.total = *total;
    }
    QString orderSql = *order;
    orderSql.replace(QLatin1String(", id ASC"), QLatin1String(", d.id ASC"));
    // The ids of the page first: skipping `offset` rows then walks index entries only when the condition and
    // the sort column are in one index; the outer query reads just the page's rows (and sorts them again).
    const QString outerOrder = orderSql.left(orderSql.indexOf(QLatin1String(" LIMIT ")));
    auto q = m_db.exec(QStringLiteral("SELECT %1 FROM devices d WHERE d.id IN (SELECT d.id FROM devices d WHERE %2%3)%4")
                           .arg(kColumns, whereClause(where), orderSql, outerOrder),
                       values);
    if (!q)
        return std::unexpected(q.error());
    while (q->next())
        page.items.append(deviceFrom(*q));
    q->finish();
    if (auto st = loadComponentsAndTags(page.items, false); !st)
        return std::unexpected(st.error());
    return page;
}

Result<qint64> DeviceRepository::count(qint64 tenantId, const DeviceWhere &where) const
{
    QVariantList values{tenantId};
    values += where.values;
    QString sql = QStringLiteral("SELECT COUNT(*) FROM devices d WHERE %1").arg(whereClause(where));
    if (where.filter || where.sql.trimmed().isEmpty()) {
        fleet::SqlCondition planned = fleet::filter::compileCount(
            where.filter, m_db.dialect() == Dialect::Postgres ? fleet::SqlDialect::Postgres : fleet::SqlDialect::Sqlite,
            where.context, tenantId);
        sql = planned.sql;
        values = planned.values;
    }
    auto n = m_db.scalar(sql, values);
    if (!n)
        return std::unexpected(n.error());
    return n->toLongLong();
}

Status DeviceRepository::forEach(qint64 tenantId, const DeviceWhere &where, int batch,
                                 const std::function<bool(const QList<fleet::Device> &)> &sink,
                                 bool withMetadata) const
{
    QString after;
    for (;;) {
        // Keyset paging on the natural serial order: each page is an index range scan, however deep.
        QVariantList values{tenantId};
        values += where.values;
        values.append(text(after));
        values.append(batch);
        auto q = m_db.exec(QStringLiteral("SELECT %1, d.serial_key FROM devices d WHERE %2 AND d.serial_key > ?"
                                          " ORDER BY d.serial_key LIMIT ?")
                               .arg(kColumns, whereClause(where)),
                           values);
        if (!q)
            return std::unexpected(q.error());
        QList<fleet::Device> page;
        while (q->next()) {
            page.append(deviceFrom(*q));
            after = q->value(16).toString();
        }
        q->finish();
        if (page.isEmpty())
            return {};
        if (auto st = loadComponentsAndTags(page, withMetadata); !st)
            return st;
        if (!sink(page) || page.size() < batch)
            return {};
    }
}

Status DeviceRepository::checkOwner(qint64 tenantId, qint64 deviceId) const
{
    auto owner = m_db.scalar(QStringLiteral("SELECT id FROM devices WHERE tenant_id = ? AND id = ?"), {tenantId, deviceId});
    if (!owner)
        return std::unexpected(owner.error());
    if (!owner->isValid())
        return fail(ErrorCode::NotFound, tr("No device with the id %1.").arg(deviceId));
    return {};
}

Status DeviceRepository::setTags(qint64 tenantId, qint64 deviceId, const QStringList &add,
                                 const QStringList &remove) const
{
    Transaction tx(m_db);
    if (auto st = tx.begin(); !st)
        return st;
    if (auto st = checkOwner(tenantId, deviceId); !st)
        return st;
    for (const QString &tag : remove) {
        if (auto q = m_db.exec(QStringLiteral("DELETE FROM device_tags WHERE device_id = ? AND tag = ?"), {deviceId, tag}); !q)
            return std::unexpected(q.error());
    }
    for (const QString &tag : add) {
        if (auto q = m_db.exec(QStringLiteral("INSERT INTO device_tags(device_id, tag, tenant_id) VALUES (?, ?, ?)"
                                              " ON CONFLICT DO NOTHING"), {deviceId, tag, tenantId}); !q)
            return std::unexpected(q.error());
    }
    return tx.commit();
}

Status DeviceRepository::setMetadata(qint64 tenantId, qint64 deviceId, const QMap<QString, QString> &set,
                                     const QStringList &remove) const
{
    Transaction tx(m_db);
    if (auto st = tx.begin(); !st)
        return st;
    if (auto st = checkOwner(tenantId, deviceId); !st)
        return st;
    for (const QString &name : remove) {
        if (auto q = m_db.exec(QStringLiteral("DELETE FROM device_attributes WHERE device_id = ? AND kind = 'm' AND name = ?"),
                               {deviceId, name}); !q)
            return std::unexpected(q.error());
    }
    for (auto it = set.begin(); it != set.end(); ++it) {
        if (auto q = m_db.exec(QStringLiteral("INSERT INTO device_attributes(device_id, kind, name, value, tenant_id)"
                                              " VALUES (?, 'm', ?, ?, ?) ON CONFLICT (device_id, kind, name)"
                                              " DO UPDATE SET value = excluded.value"),
                               {deviceId, it.key(), text(it.value()), tenantId}); !q)
            return std::unexpected(q.error());
    }
    return tx.commit();
}

Status DeviceRepository::setStatus(qint64 tenantId, qint64 deviceId, const QString &status) const
{
    auto q = m_db.exec(QStringLiteral("UPDATE devices SET status = ? WHERE tenant_id = ? AND id = ?"),
                       {status, tenantId, deviceId});
    if (!q)
        return std::unexpected(q.error());
    if (q->numRowsAffected() == 0)
        return fail(ErrorCode::NotFound, tr("No device with the id %1.").arg(deviceId));
    return {};
}

Status DeviceRepository::remove(qint64 tenantId, qint64 deviceId) const
{
    auto q = m_db.exec(QStringLiteral("DELETE FROM devices WHERE tenant_id = ? AND id = ?"), {tenantId, deviceId});
    if (!q)
        return std::unexpected(q.error());
    if (q->numRowsAffected() == 0)
        return fail(ErrorCode::NotFound, tr("No device with the id %1.").arg(deviceId));
    return {};
}

Status DeviceRepository::addEvent(qint64 tenantId, qint64 deviceId, const QString &kind, const QString &details) const
{
    auto q = m_db.exec(QStringLiteral("INSERT INTO device_events(tenant_id, device_id, at, kind, details)"
                                      " VALUES (?, ?, ?, ?, ?)"),
                       {tenantId, deviceId, nowMs(), kind, details.isEmpty() ? QStringLiteral("{}") : details});
    if (!q)
        return std::unexpected(q.error());
    return {};
}

Result<QList<DeviceEvent>> DeviceRepository::events(qint64 tenantId, qint64 deviceId, int limit) const
{
    auto q = m_db.exec(QStringLiteral("SELECT id, at, kind, details FROM device_events WHERE tenant_id = ? AND"
                                      " device_id = ? ORDER BY id DESC LIMIT ?"),
                       {tenantId, deviceId, limit});
    if (!q)
        return std::unexpected(q.error());
    QList<DeviceEvent> out;
    while (q->next())
        out.append({q->value(0).toLongLong(), q->value(1).toLongLong(), q->value(2).toString(), q->value(3).toString()});
    return out;
}

Result<QMap<QString, QStringList>> DeviceRepository::facets(qint64 tenantId, int limit) const
{
    const std::pair<const char *, const char *> queries[] = {
        {"model", "SELECT DISTINCT model FROM devices WHERE tenant_id = ? AND model <> '' ORDER BY 1 LIMIT ?"},
        {"batch", "SELECT DISTINCT batch FROM devices WHERE tenant_id = ? AND batch <> '' ORDER BY 1 LIMIT ?"},
        {"hw_rev", "SELECT DISTINCT hw_rev FROM devices WHERE tenant_id = ? AND hw_rev <> '' ORDER BY 1 LIMIT ?"},
        {"year", "SELECT DISTINCT year FROM devices WHERE tenant_id = ? AND year <> 0 ORDER BY 1 LIMIT ?"},
        {"tag", "SELECT DISTINCT t.tag FROM device_tags t JOIN devices d ON d.id = t.device_id"
                " WHERE d.tenant_id = ? ORDER BY 1 LIMIT ?"},
        {"component", "SELECT DISTINCT c.name FROM device_components c JOIN devices d ON d.id = c.device_id"
                      " WHERE d.tenant_id = ? ORDER BY 1 LIMIT ?"},
        {"attr", "SELECT DISTINCT a.name FROM device_attributes a JOIN devices d ON d.id = a.device_id"
                 " WHERE d.tenant_id = ? AND a.kind = 'a' ORDER BY 1 LIMIT ?"},
        {"meta", "SELECT DISTINCT a.name FROM device_attributes a JOIN devices d ON d.id = a.device_id"
                 " WHERE d.tenant_id = ? AND a.kind = 'm' ORDER BY 1 LIMIT ?"},
    };
    QMap<QString, QStringList> out;
    for (const auto &[name, sql] : queries) {
        auto q = m_db.exec(QString::fromLatin1(sql), {tenantId, limit});
        if (!q)
            return std::unexpected(q.error());
        QStringList values;
        while (q->next())
            values.append(q->value(0).toString());
        out.insert(QString::fromLatin1(name), values);
    }
    return out;
}

} // namespace otadesk::store
