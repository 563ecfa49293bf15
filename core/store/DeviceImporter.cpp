#include "core/store/DeviceImporter.h"

#include "core/fleet/NaturalKey.h"
#include "core/store/Database.h"
#include "core/store/TokenSecrets.h"
#include "core/store/StoreTypes.h"

#include <QHash>
#include <QSqlError>

namespace otadesk::store {

namespace {
struct Existing
{
    qint64 id = 0;
    fleet::Device device;
    QString cert;
};

bool sameProduction(const fleet::Device &a, const QString &certA, const Existing &b)
{
    return a.model == b.device.model && a.hardwareRevision == b.device.hardwareRevision && a.batch == b.device.batch &&
           a.year == b.device.year && a.vendorId == b.device.vendorId && a.classId == b.device.classId &&
           (certA.isEmpty() || certA == b.cert);
}

Result<QHash<QString, Existing>> loadExisting(const Database &db, qint64 tenantId,
                                              const QList<fleet::ProvisionRow> &rows)
{
    QHash<QString, Existing> found;
    constexpr int kChunk = 400;
    for (qsizetype start = 0; start < rows.size(); start += kChunk) {
        const qsizetype n = std::min<qsizetype>(kChunk, rows.size() - start);
        QVariantList values{tenantId};
        QString marks;
        for (qsizetype i = 0; i < n; ++i) {
            values.append(rows[start + i].device.serial);
            marks += i ? QStringLiteral(",?") : QStringLiteral("?");
        }
        auto q = db.exec(QStringLiteral("SELECT id, serial, model, hw_rev, batch, year, vendor_id, class_id,"
                                        " COALESCE(cert_fingerprint, '') FROM devices WHERE tenant_id = ? AND serial IN (%1)")
                             .arg(marks),
                         values);
        if (!q)
            return std::unexpected(q.error());
        while (q->next()) {
            Existing e;
            e.id = q->value(0).toLongLong();
            e.device.serial = q->value(1).toString();
            e.device.model = q->value(2).toString();
            e.device.hardwareRevision = q->value(3).toString();
            e.device.batch = q->value(4).toString();
            e.device.year = q->value(5).toInt();
            e.device.vendorId = q->value(6).toString();
            e.device.classId = q->value(7).toString();
            e.cert = q->value(8).toString();
            found.insert(e.device.serial, e);
        }
    }
    return found;
}

Status execPrepared(QSqlQuery &q, const QVariantList &values)
{
    for (int i = 0; i < values.size(); ++i)
        q.bindValue(i, values[i]);
    if (!q.exec())
        return fail(ErrorCode::Database, DeviceImporter::tr("Registering devices failed: %1").arg(q.lastError().text()));
    return {};
}

Result<QSqlQuery> prepare(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.prepare(sql))
        return fail(ErrorCode::Database, DeviceImporter::tr("Registering devices failed: %1").arg(q.lastError().text()));
    return q;
}
} // namespace

Result<ImportOutcome> DeviceImporter::import(qint64 tenantId, const QList<fleet::ProvisionRow> &rows,
                                             const ImportOptions &options) const
{
    ImportOutcome out;
    Transaction tx(m_db);
    if (!options.dryRun) {
        if (auto st = tx.begin(); !st)
            return std::unexpected(st.error());
    }
    auto existing = loadExisting(m_db, tenantId, rows);
    if (!existing)
        return std::unexpected(existing.error());
    auto conn = m_db.connection();
    if (!conn)
        return std::unexpected(conn.error());
    auto insert = prepare(*conn, QStringLiteral(
        "INSERT INTO devices(tenant_id, serial, serial_key, model, hw_rev, batch, year, vendor_id, class_id, status,"
        " created_at, cert_fingerprint, token_prefix, token_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'accepted', ?, ?, ?, ?)"
        " RETURNING id"));
    auto update = prepare(*conn, QStringLiteral(
        "UPDATE devices SET model = ?, hw_rev = ?, batch = ?, year = ?, vendor_id = ?, class_id = ?,"
        " cert_fingerprint = COALESCE(?, cert_fingerprint) WHERE id = ?"));
    auto tag = prepare(*conn, QStringLiteral("INSERT INTO device_tags(device_id, tag) VALUES (?, ?) ON CONFLICT DO NOTHING"));
    auto meta = prepare(*conn, QStringLiteral(
        "INSERT INTO device_attributes(device_id, kind, name, value) VALUES (?, 'm', ?, ?)"
        " ON CONFLICT (device_id, kind, name) DO UPDATE SET value = excluded.value"));
    for (auto *q : {&insert, &update, &tag, &meta}) {
        if (!*q)
            return std::unexpected(q->error());
    }
    const qint64 now = nowMs();
    for (const fleet::ProvisionRow &row : rows) {
        const fleet::Device &d = row.device;
        const QVariant cert = row.certFingerprint.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : row.certFingerprint;
        qint64 id = 0;
        const auto known = existing->constFind(d.serial);
        if (known != existing->cend()) {
            if (!options.updateExisting) {
                out.problems.append({row.line, QStringLiteral("serial"),
                                     tr("A device with the serial %1 is registered already.").arg(d.serial)});
                continue;
            }
            id = known->id;
            if (sameProduction(d, row.certFingerprint, *known) && d.tags.isEmpty() && d.metadata.isEmpty()) {
                ++out.unchanged;
                continue;
            }
            ++out.updated;
            if (options.dryRun)
                continue;
            if (auto st = execPrepared(*update, {text(d.model), text(d.hardwareRevision), text(d.batch), d.year,
                                                 text(d.vendorId), text(d.classId), cert, id}); !st)
                return std::unexpected(st.error());
        } else {
            ++out.created;
            if (options.dryRun)
                continue;
            QVariant prefix(QMetaType::fromType<QString>()), hash(QMetaType::fromType<QString>());
            if (options.issueTokens) {
                const NewSecret t = newSecret("otdd");
                prefix = t.prefix;
                hash = t.sha256;
                out.tokens.append({d.serial, t.token});
            }
            if (auto st = execPrepared(*insert, {tenantId, d.serial, fleet::naturalKey(d.serial), text(d.model),
                                                 text(d.hardwareRevision), text(d.batch), d.year, text(d.vendorId),
                                                 text(d.classId), now, cert, prefix, hash}); !st) {
                if (!row.certFingerprint.isEmpty())
                    return fail(ErrorCode::Conflict, tr("Line %1: the certificate fingerprint is used by another "
                                                        "device already.").arg(row.line));
                return std::unexpected(st.error());
            }
            insert->next();
            id = insert->value(0).toLongLong();
            insert->finish();
        }
        for (const QString &t : d.tags) {
            if (auto st = execPrepared(*tag, {id, t}); !st)
                return std::unexpected(st.error());
        }
        for (auto it = d.metadata.begin(); it != d.metadata.end(); ++it) {
            if (auto st = execPrepared(*meta, {id, it.key(), it.value()}); !st)
                return std::unexpected(st.error());
        }
    }
    if (!options.dryRun && !(options.allOrNothing && !out.problems.isEmpty())) {
        if (auto st = tx.commit(); !st)
            return std::unexpected(st.error());
        out.written = true;
        // Fresh statistics after a large import, so that SQLite's planner picks the selective index of a filter
        // (a sampled ANALYZE: fast even on a million rows). PostgreSQL's autovacuum does this by itself.
        if (m_db.dialect() == Dialect::Sqlite && out.created >= kAnalyzeAfterRows) {
            (void)m_db.exec(QStringLiteral("PRAGMA analysis_limit = 1000"));
            (void)m_db.exec(QStringLiteral("ANALYZE"));
        }
    }
    if (!out.written)
        out.tokens.clear(); // rolled back: those devices do not exist
    return out;
}

} // namespace otadesk::store
