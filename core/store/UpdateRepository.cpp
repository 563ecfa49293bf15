#include "core/store/UpdateRepository.h"

#include "core/store/Database.h"
#include "core/store/ListSql.h"

#include <QSqlError>

namespace otadesk::store {

using campaign::Actor;
using campaign::DeviceUpdateState;
using campaign::UpdateState;
using campaign::Verdict;

namespace {
// A derived table so that list sorting (which appends "id") is unambiguous.
const QString kRows = QStringLiteral(
    "(SELECT u.id, u.tenant_id, u.device_id, d.serial, u.manifest_id, u.campaign_id, u.state, u.reason, u.message,"
    " u.download_only, u.bytes, u.created_at, u.updated_at, u.created_by, u.active"
    " FROM device_updates u JOIN devices d ON d.id = u.device_id) x");
const QString kColumns = QStringLiteral("x.id, x.tenant_id, x.device_id, x.serial, x.manifest_id, x.campaign_id,"
                                        " x.state, x.reason, x.message, x.download_only, x.bytes, x.created_at,"
                                        " x.updated_at, x.created_by");
constexpr int kMaxMessage = 1000;

DeviceUpdate updateFrom(const QSqlQuery &q)
{
    DeviceUpdate u;
    u.id = q.value(0).toLongLong();
    u.tenantId = q.value(1).toLongLong();
    u.deviceId = q.value(2).toLongLong();
    u.serial = q.value(3).toString();
    u.manifestId = q.value(4).toLongLong();
    if (!q.value(5).isNull())
        u.campaignId = q.value(5).toLongLong();
    u.state = q.value(6).toString();
    u.reason = q.value(7).toString();
    u.message = q.value(8).toString();
    u.downloadOnly = q.value(9).toLongLong() != 0;
    u.bytes = q.value(10).toLongLong();
    u.createdAt = q.value(11).toLongLong();
    u.updatedAt = q.value(12).toLongLong();
    u.createdBy = q.value(13).toString();
    return u;
}

std::unexpected<Error> sqlFailed(const QSqlQuery &q)
{
    return fail(ErrorCode::Database,
                UpdateRepository::tr("Storing a device update failed: %1").arg(q.lastError().text()));
}

const QString kPending = QStringLiteral("pending");
const QString kNotified = QStringLiteral("notified");
} // namespace

bool DeviceUpdate::active() const
{
    const auto s = DeviceUpdateState::parse(state);
    return s && !DeviceUpdateState::isTerminal(*s);
}

Result<AssignResult> UpdateRepository::assign(qint64 tenantId, const DeviceWhere &where,
                                              const UpdateAssignment &a) const
{
    QVariantList values{tenantId};
    QString condition = QStringLiteral("d.tenant_id = ? AND d.status = 'accepted'");
    if (!where.sql.trimmed().isEmpty()) {
        condition += QStringLiteral(" AND (%1)").arg(where.sql);
        values += where.values;
    }
    return assignDevices(tenantId, condition, values, a);
}

Result<AssignResult> UpdateRepository::assignSerials(qint64 tenantId, const QStringList &serials,
                                                     const UpdateAssignment &a) const
{
    AssignResult total;
    QStringList unique = serials;
    unique.removeDuplicates();
    // Chunks keep the number of bound values well below both databases' limits.
    constexpr qsizetype kChunk = 500;
    QSet<QString> found;
    for (qsizetype from = 0; from < unique.size(); from += kChunk) {
        const QStringList part = unique.mid(from, kChunk);
        QVariantList values{tenantId};
        QStringList marks;
        for (const QString &s : part) {
            values << s;
            marks << QStringLiteral("?");
        }
        auto known = m_db.exec(QStringLiteral("SELECT d.serial FROM devices d WHERE d.tenant_id = ?"
                                              " AND d.status = 'accepted' AND d.serial IN (%1)")
                                   .arg(marks.join(u',')),
                               values);
        if (!known)
            return std::unexpected(known.error());
        while (known->next())
            found.insert(known->value(0).toString());
        auto r = assignDevices(tenantId,
                               QStringLiteral("d.tenant_id = ? AND d.status = 'accepted' AND d.serial IN (%1)")
                                   .arg(marks.join(u',')),
                               values, a);
        if (!r)
            return std::unexpected(r.error());
        total.assigned += r->assigned;
        total.skipped += r->skipped;
        total.created += r->created;
        total.replaced += r->replaced;
        for (qint64 id : r->updateIdsSample) {
            if (total.updateIdsSample.size() < AssignResult::kSampleSize)
                total.updateIdsSample << id;
        }
    }
    for (const QString &s : unique) {
        if (!found.contains(s))
            total.unknownSerials << s;
    }
    return total;
}

Result<AssignResult> UpdateRepository::assignDevices(qint64 tenantId, const QString &condition,
                                                     const QVariantList &values, const UpdateAssignment &a) const
{
    AssignResult result;
    Transaction tx(m_db);
    if (auto st = tx.begin(); !st)
        return std::unexpected(st.error());
    auto manifest = m_db.scalar(QStringLiteral("SELECT id FROM manifests WHERE tenant_id = ? AND id = ?"),
                                {tenantId, a.manifestId});
    if (!manifest)
        return std::unexpected(manifest.error());
    if (manifest->isNull())
        return fail(ErrorCode::NotFound, tr("No such manifest: %1").arg(a.manifestId));
    auto rows = m_db.exec(QStringLiteral("SELECT d.id, u.id, u.state, u.manifest_id FROM devices d"
                                         " LEFT JOIN device_updates u ON u.device_id = d.id AND u.active = 1"
                                         " WHERE %1 ORDER BY d.id")
                              .arg(condition),
                          values);
    if (!rows)
        return std::unexpected(rows.error());
    QList<qint64> create;
    QList<std::pair<qint64, qint64>> replace;
    while (rows->next()) {
        const qint64 deviceId = rows->value(0).toLongLong();
        if (rows->value(1).isNull()) {
            create << deviceId;
            continue;
        }
        const QString state = rows->value(2).toString();
        const bool replaceable = state == kPending || state == kNotified;
        if (!replaceable || rows->value(3).toLongLong() == a.manifestId) {
            ++result.skipped;
            continue;
        }
        replace.append({deviceId, rows->value(1).toLongLong()});
        create << deviceId;
    }
    rows->finish();
    auto conn = m_db.connection();
    if (!conn)
        return std::unexpected(conn.error());
    const qint64 now = nowMs();
    QSqlQuery cancel(*conn), insert(*conn), step(*conn);
    if (!cancel.prepare(QStringLiteral("UPDATE device_updates SET state = 'canceled', active = 0,"
                                       " reason = 'replaced', message = ?, updated_at = ? WHERE id = ?")))
        return sqlFailed(cancel);
    if (!insert.prepare(QStringLiteral("INSERT INTO device_updates(tenant_id, device_id, manifest_id, campaign_id,"
                                       " state, active, download_only, created_at, updated_at, created_by)"
                                       " VALUES (?, ?, ?, ?, 'pending', 1, ?, ?, ?, ?) RETURNING id")))
        return sqlFailed(insert);
    if (!step.prepare(QStringLiteral("INSERT INTO device_update_steps(update_id, state, reason, message, at)"
                                     " VALUES (?, ?, ?, ?, ?)")))
        return sqlFailed(step);
    auto addStep = [&](qint64 id, const QString &state, const QString &reason, const QString &message) {
        step.bindValue(0, id);
        step.bindValue(1, state);
        step.bindValue(2, text(reason));
        step.bindValue(3, text(message));
        step.bindValue(4, now);
        return step.exec();
    };
    const QString replacedBy = tr("Replaced by a new assignment of manifest %1.").arg(a.manifestId);
    for (const auto &[deviceId, updateId] : replace) {
        cancel.bindValue(0, replacedBy);
        cancel.bindValue(1, now);
        cancel.bindValue(2, updateId);
        if (!cancel.exec())
            return sqlFailed(cancel);
        if (!addStep(updateId, QStringLiteral("canceled"), QStringLiteral("replaced"), replacedBy))
            return sqlFailed(step);
        result.replaced.append({deviceId, updateId});
    }
    for (qint64 deviceId : std::as_const(create)) {
        insert.bindValue(0, tenantId);
        insert.bindValue(1, deviceId);
        insert.bindValue(2, a.manifestId);
        insert.bindValue(3, a.campaignId ? QVariant(*a.campaignId) : QVariant(QMetaType(QMetaType::LongLong)));
        insert.bindValue(4, a.downloadOnly ? 1 : 0);
        insert.bindValue(5, now);
        insert.bindValue(6, now);
        insert.bindValue(7, text(a.createdBy));
        if (!insert.exec() || !insert.next())
            return sqlFailed(insert);
        const qint64 id = insert.value(0).toLongLong();
        insert.finish();
        if (!addStep(id, kPending, {}, {}))
            return sqlFailed(step);
        ++result.assigned;
        result.created.append({deviceId, id});
        if (result.updateIdsSample.size() < AssignResult::kSampleSize)
            result.updateIdsSample << id;
    }
    if (auto st = tx.commit(); !st)
        return std::unexpected(st.error());
    return result;
}

Result<DeviceUpdate> UpdateRepository::find(qint64 tenantId, qint64 id, bool withSteps) const
{
    auto q = m_db.exec(QStringLiteral("SELECT %1 FROM %2 WHERE x.tenant_id = ? AND x.id = ?").arg(kColumns, kRows),
                       {tenantId, id});
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return fail(ErrorCode::NotFound, tr("No such update: %1").arg(id));
    QList<DeviceUpdate> one{updateFrom(*q)};
    if (withSteps) {
        if (auto st = loadSteps(one); !st)
            return std::unexpected(st.error());
    }
    return one.first();
}

Result<DeviceUpdate> UpdateRepository::findForDevice(qint64 deviceId, qint64 id) const
{
    auto q = m_db.exec(QStringLiteral("SELECT %1 FROM %2 WHERE x.device_id = ? AND x.id = ?").arg(kColumns, kRows),
                       {deviceId, id});
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return fail(ErrorCode::NotFound, tr("This device has no update %1.").arg(id));
    return updateFrom(*q);
}

Result<std::optional<DeviceUpdate>> UpdateRepository::activeOf(qint64 deviceId) const
{
    auto q = m_db.exec(QStringLiteral("SELECT %1 FROM %2 WHERE x.device_id = ? AND x.active = 1").arg(kColumns, kRows),
                       {deviceId});
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return std::optional<DeviceUpdate>();
    return std::optional<DeviceUpdate>(updateFrom(*q));
}

Result<ListPage<DeviceUpdate>> UpdateRepository::list(qint64 tenantId, std::optional<qint64> manifestId,
                                                      const QString &state, const ListQuery &query) const
{
    QString where = QStringLiteral(" WHERE x.tenant_id = ?");
    QVariantList values{tenantId};
    if (manifestId) {
        where += QStringLiteral(" AND x.manifest_id = ?");
        values << *manifestId;
    }
    if (!state.isEmpty()) {
        if (!DeviceUpdateState::parse(state))
            return fail(ErrorCode::InvalidArgument, tr("Unknown update state \"%1\"; use one of %2.")
                                                        .arg(state, DeviceUpdateState::allNames().join(u',')));
        where += QStringLiteral(" AND x.state = ?");
        values << state;
    }
    QVariantList pageValues = values;
    auto order = orderAndPage(query,
                              {{"id", "id"},
                               {"state", "state"},
                               {"serial", "serial"},
                               {"created_at", "created_at"},
                               {"updated_at", "updated_at"}},
                              "id", pageValues);
    if (!order)
        return std::unexpected(order.error());
    ListPage<DeviceUpdate> page;
    auto total = m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(kRows) + where, values);
    if (!total)
        return std::unexpected(total.error());
    page.total = total->toLongLong();
    auto q = m_db.exec(QStringLiteral("SELECT %1 FROM %2").arg(kColumns, kRows) + where + *order, pageValues);
    if (!q)
        return std::unexpected(q.error());
    while (q->next())
        page.items.append(updateFrom(*q));
    return page;
}

Result<QList<DeviceUpdate>> UpdateRepository::forDevice(qint64 tenantId, qint64 deviceId, bool withSteps,
                                                        int limit) const
{
    auto q = m_db.exec(QStringLiteral("SELECT %1 FROM %2 WHERE x.tenant_id = ? AND x.device_id = ?"
                                      " ORDER BY x.id DESC LIMIT ?")
                           .arg(kColumns, kRows),
                       {tenantId, deviceId, limit});
    if (!q)
        return std::unexpected(q.error());
    QList<DeviceUpdate> out;
    while (q->next())
        out.append(updateFrom(*q));
    if (withSteps) {
        if (auto st = loadSteps(out); !st)
            return std::unexpected(st.error());
    }
    return out;
}

Status UpdateRepository::loadSteps(QList<DeviceUpdate> &updates) const
{
    for (DeviceUpdate &u : updates) {
        auto q = m_db.exec(QStringLiteral("SELECT state, reason, message, at FROM device_update_steps"
                                          " WHERE update_id = ? ORDER BY id"),
                           {u.id});
        if (!q)
            return std::unexpected(q.error());
        while (q->next())
            u.steps.append({q->value(0).toString(), q->value(1).toString(), q->value(2).toString(),
                            q->value(3).toLongLong()});
    }
    return {};
}

Result<QMap<QString, qint64>> UpdateRepository::summary(qint64 tenantId, qint64 manifestId) const
{
    QMap<QString, qint64> out;
    for (const QString &s : DeviceUpdateState::allNames())
        out.insert(s, 0);
    auto q = m_db.exec(QStringLiteral("SELECT state, COUNT(*) FROM device_updates WHERE tenant_id = ?"
                                      " AND manifest_id = ? GROUP BY state"),
                       {tenantId, manifestId});
    if (!q)
        return std::unexpected(q.error());
    while (q->next())
        out.insert(q->value(0).toString(), q->value(1).toLongLong());
    return out;
}

Status UpdateRepository::addStep(qint64 updateId, const QString &state, const QString &reason,
                                 const QString &message, qint64 at) const
{
    auto q = m_db.exec(QStringLiteral("INSERT INTO device_update_steps(update_id, state, reason, message, at)"
                                      " VALUES (?, ?, ?, ?, ?)"),
                       {updateId, state, text(reason), text(message), at});
    if (!q)
        return std::unexpected(q.error());
    return {};
}

Result<TransitionResult> UpdateRepository::transition(qint64 tenantId, qint64 id, UpdateState next, Actor actor,
                                                      const QString &reason, const QString &message,
                                                      qint64 bytes) const
{
    const QString nextName = DeviceUpdateState::name(next);
    const QString why = message.left(kMaxMessage);
    for (int attempt = 0; attempt < 5; ++attempt) {
        auto q = m_db.exec(QStringLiteral("SELECT %1 FROM %2 WHERE x.id = ?").arg(kColumns, kRows), {id});
        if (!q)
            return std::unexpected(q.error());
        if (!q->next() || (tenantId && q->value(1).toLongLong() != tenantId))
            return fail(ErrorCode::NotFound, tr("No such update: %1").arg(id));
        TransitionResult r;
        r.update = updateFrom(*q);
        q->finish();
        const auto current = DeviceUpdateState::parse(r.update.state);
        if (!current)
            return fail(ErrorCode::Internal, tr("Update %1 has an unknown state \"%2\".").arg(id).arg(r.update.state));
        const campaign::Transition t = DeviceUpdateState::decide(*current, next, actor);
        r.verdict = t.verdict;
        r.terminalAlready = t.terminalAlready;
        r.why = t.why;
        if (t.verdict == Verdict::Refuse)
            return r;
        if (t.verdict == Verdict::Ignore) {
            if (bytes >= 0 && next == *current && bytes != r.update.bytes) {
                auto b = m_db.exec(QStringLiteral("UPDATE device_updates SET bytes = ? WHERE id = ? AND state = ?"),
                                   {bytes, id, r.update.state});
                if (!b)
                    return std::unexpected(b.error());
                r.update.bytes = bytes;
            }
            return r;
        }
        QString stepReason;
        if (DeviceUpdateState::progress(next) < 0)
            stepReason = reason.isEmpty() ? DeviceUpdateState::defaultReason(next) : reason;
        const qint64 now = nowMs();
        Transaction tx(m_db);
        if (auto st = tx.begin(); !st)
            return std::unexpected(st.error());
        auto moved = m_db.scalar(
            QStringLiteral("UPDATE device_updates SET state = ?, active = ?, reason = ?, message = ?,"
                           " bytes = CASE WHEN CAST(? AS BIGINT) < 0 THEN bytes ELSE CAST(? AS BIGINT) END, updated_at = ?"
                           " WHERE id = ? AND state = ? RETURNING id"),
            {nextName, DeviceUpdateState::isTerminal(next) ? 0 : 1, text(stepReason), text(why), bytes, bytes, now, id,
             r.update.state});
        if (!moved)
            return std::unexpected(moved.error());
        if (moved->isNull())
            continue; // somebody else moved it first: decide again on the new state
        if (auto st = addStep(id, nextName, stepReason, why, now); !st)
            return std::unexpected(st.error());
        if (auto st = tx.commit(); !st)
            return std::unexpected(st.error());
        r.update.state = nextName;
        r.update.reason = stepReason;
        r.update.message = why;
        if (bytes >= 0)
            r.update.bytes = bytes;
        r.update.updatedAt = now;
        return r;
    }
    return fail(ErrorCode::Conflict, tr("Update %1 keeps changing; try again.").arg(id));
}

Result<std::pair<QList<UpdateChange>, qint64>> UpdateRepository::activeIn(const QStringList &states) const
{
    auto mark = m_db.scalar(QStringLiteral("SELECT MAX(updated_at) FROM device_updates"));
    if (!mark)
        return std::unexpected(mark.error());
    QVariantList values;
    QStringList marks;
    for (const QString &s : states) {
        values << s;
        marks << QStringLiteral("?");
    }
    auto q = m_db.exec(QStringLiteral("SELECT id, device_id, state, active, updated_at FROM device_updates"
                                      " WHERE active = 1 AND state IN (%1)")
                           .arg(marks.join(u',')),
                       values);
    if (!q)
        return std::unexpected(q.error());
    QList<UpdateChange> out;
    while (q->next())
        out.append({q->value(0).toLongLong(), q->value(1).toLongLong(), q->value(2).toString(), true,
                    q->value(4).toLongLong()});
    return std::pair{out, mark->isNull() ? qint64(0) : mark->toLongLong()};
}

Result<QList<UpdateChange>> UpdateRepository::changedSince(qint64 updatedAtFrom, int limit) const
{
    auto q = m_db.exec(QStringLiteral("SELECT id, device_id, state, active, updated_at FROM device_updates"
                                      " WHERE updated_at >= ? ORDER BY updated_at, id LIMIT ?"),
                       {updatedAtFrom, limit});
    if (!q)
        return std::unexpected(q.error());
    QList<UpdateChange> out;
    while (q->next())
        out.append({q->value(0).toLongLong(), q->value(1).toLongLong(), q->value(2).toString(),
                    q->value(3).toLongLong() != 0, q->value(4).toLongLong()});
    return out;
}

Result<std::optional<Payload>> UpdateRepository::payloadBySha256(qint64 tenantId, const QString &sha256) const
{
    auto q = m_db.exec(QStringLiteral("SELECT id, tenant_id, sha256, size, name, created_at, created_by FROM payloads"
                                      " WHERE tenant_id = ? AND sha256 = ?"),
                       {tenantId, sha256});
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return std::optional<Payload>();
    return std::optional<Payload>(Payload{q->value(0).toLongLong(), q->value(1).toLongLong(), q->value(2).toString(),
                                          q->value(3).toLongLong(), q->value(4).toString(), q->value(5).toLongLong(),
                                          q->value(6).toString()});
}

Result<QHash<QString, std::pair<QByteArray, int>>> UpdateRepository::installedComponents(qint64 deviceId) const
{
    auto q = m_db.exec(QStringLiteral("SELECT name, digest, slot FROM device_components WHERE device_id = ?"),
                       {deviceId});
    if (!q)
        return std::unexpected(q.error());
    QHash<QString, std::pair<QByteArray, int>> out;
    while (q->next())
        out.insert(q->value(0).toString(),
                   {QByteArray::fromHex(q->value(1).toString().toLatin1()), q->value(2).toInt()});
    return out;
}

} // namespace otadesk::store
