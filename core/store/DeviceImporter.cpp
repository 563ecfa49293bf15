#include "core/store/DeviceImporter.h"

#include "core/fleet/NaturalKey.h"
#include "core/store/BulkInsert.h"
#include "core/store/Database.h"
#include "core/store/TokenSecrets.h"
#include "core/store/StoreTypes.h"

#include <optional>
#include <QHash>
#include <QScopeGuard>
#include <QSet>
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

// The devices of the tenant with one of the rows' serials, looked up kChunk serials per statement (one prepared
// statement for the full chunks).
Result<QHash<QString, Existing>> loadExisting(QSqlDatabase &conn, qint64 tenantId,
                                              const QList<fleet::ProvisionRow> &rows)
{
    QHash<QString, Existing> found;
    constexpr int kChunk = 500;
    auto sql = [](qsizetype n) {
        QString marks = QStringLiteral("?");
        for (qsizetype i = 1; i < n; ++i)
            marks += QLatin1String(",?");
        return QStringLiteral("SELECT id, serial, model, hw_rev, batch, year, vendor_id, class_id,"
                              " COALESCE(cert_fingerprint, '') FROM devices WHERE tenant_id = ? AND serial IN (%1)")
            .arg(marks);
    };
    std::optional<QSqlQuery> full;
    for (qsizetype start = 0; start < rows.size(); start += kChunk) {
        const qsizetype n = std::min<qsizetype>(kChunk, rows.size() - start);
        std::optional<QSqlQuery> part;
        QSqlQuery *q = nullptr;
        if (n == kChunk && full) {
            q = &*full;
        } else {
            auto &slot = n == kChunk ? full : part;
            slot.emplace(conn);
            if (!slot->prepare(sql(n)))
                return fail(ErrorCode::Database, DeviceImporter::tr("Registering devices failed: %1")
                                                     .arg(slot->lastError().text()));
            q = &*slot;
        }
        q->bindValue(0, tenantId);
        for (qsizetype i = 0; i < n; ++i)
            q->bindValue(int(i + 1), rows[start + i].device.serial);
        if (!q->exec())
            return fail(ErrorCode::Database, DeviceImporter::tr("Registering devices failed: %1")
                                                 .arg(q->lastError().text()));
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
        q->finish();
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

// Whether SQLite's statistics of the devices table are missing or the table has grown by a quarter since they
// were taken (largest id against the row count ANALYZE recorded): an import in many chunks then analyses a
// dozen times, not after every chunk, and the proportions the planner needs are still right.
bool statisticsStale(const Database &db)
{
    auto stat = db.scalar(QStringLiteral("SELECT stat FROM sqlite_stat1 WHERE tbl = 'devices' AND idx = 'devices_serial_key'"));
    if (!stat || stat->isNull())
        return true;
    const qint64 analysed = stat->toString().section(u' ', 0, 0).toLongLong();
    auto maxId = db.scalar(QStringLiteral("SELECT MAX(id) FROM devices"));
    return !maxId || maxId->toLongLong() * 4 > analysed * 5;
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
    auto conn = m_db.connection();
    if (!conn)
        return std::unexpected(conn.error());
    const bool sqlite = m_db.dialect() == Dialect::Sqlite;
    // SQLite keeps the statement journal of a multi-row INSERT (a copy of each page the statement changes, to undo
    // it alone) in a temporary file once it outgrows 64 KiB; in memory that costs a fifth less CPU. Set outside the
    // transaction (SQLite refuses it inside), restored afterwards.
    const int tempStore = sqlite && !options.dryRun
                              ? m_db.scalar(QStringLiteral("PRAGMA temp_store")).value_or(QVariant(2)).toInt() : 2;
    const bool tempInMemory = tempStore != 2 && m_db.exec(QStringLiteral("PRAGMA temp_store = MEMORY")).has_value();
    const auto restoreTempStore = qScopeGuard([&] {
        if (tempInMemory)
            (void)m_db.exec(QStringLiteral("PRAGMA temp_store = %1").arg(tempStore));
    });
    Transaction tx(m_db);
    if (!options.dryRun) {
        if (auto st = tx.begin(); !st)
            return std::unexpected(st.error());
    }
    auto existing = loadExisting(*conn, tenantId, rows);
    if (!existing)
        return std::unexpected(existing.error());

    // New devices are written kRowsPerStatement at a time; those with tags or metadata wait in `waiting` for
    // their id (RETURNING id, serial), then their tags and metadata rows follow, also in multi-row statements.
    // A device with a certificate fingerprint (unique over all tenants) is written on its own, so that a clash
    // names its line.
    const QString deviceColumns = QStringLiteral("INSERT INTO devices(tenant_id, serial, serial_key, model, hw_rev, batch, year,"
                                                 " vendor_id, class_id, status, created_at, cert_fingerprint,"
                                                 " token_prefix, token_sha256) VALUES ");
    BulkInsert devices(*conn, deviceColumns,
                       options.issueTokens ? QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?, 'accepted', ?, NULL, ?, ?)")
                                           : QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?, 'accepted', ?, NULL, NULL, NULL)"),
                       QStringLiteral(" RETURNING id, serial"), kRowsPerStatement);
    BulkInsert certified(*conn, deviceColumns,
                         QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?, 'accepted', ?, ?, ?, ?)"),
                         QStringLiteral(" RETURNING id, serial"), 1);
    // Tag and metadata rows carry the tenant (else a trigger looks it up row by row).
    BulkInsert tags(*conn, QStringLiteral("INSERT INTO device_tags(device_id, tag, tenant_id) VALUES "),
                    QStringLiteral("(?, ?, ?)"),
                    QStringLiteral(" ON CONFLICT DO NOTHING"), kRowsPerStatement);
    BulkInsert meta(*conn, QStringLiteral("INSERT INTO device_attributes(device_id, kind, name, value, tenant_id) VALUES "),
                    QStringLiteral("(?, 'm', ?, ?, ?)"),
                    QStringLiteral(" ON CONFLICT (device_id, kind, name) DO UPDATE SET value = excluded.value"),
                    kRowsPerStatement);
    const QVariant tenant(tenantId);
    std::optional<QSqlQuery> update;
    QHash<QString, const fleet::Device *> waiting;
    QList<std::pair<qint64, const fleet::Device *>> returned;
    const auto collectId = [&](const QSqlQuery &q) {
        if (waiting.isEmpty())
            return;
        const auto it = waiting.constFind(q.value(1).toString());
        if (it != waiting.cend())
            returned.append({q.value(0).toLongLong(), *it});
    };
    devices.onReturnedRow(collectId);
    certified.onReturnedRow(collectId);
    auto addExtras = [&](qint64 id, const fleet::Device &d) -> Status {
        for (const QString &t : d.tags) {
            if (auto st = tags.add({id, t, tenant}); !st)
                return st;
        }
        for (auto it = d.metadata.begin(); it != d.metadata.end(); ++it) {
            if (auto st = meta.add({id, it.key(), it.value(), tenant}); !st)
                return st;
        }
        return {};
    };
    auto drain = [&]() -> Status {
        for (const auto &[id, d] : std::as_const(returned)) {
            waiting.remove(d->serial);
            if (auto st = addExtras(id, *d); !st)
                return st;
        }
        returned.clear();
        return {};
    };

    QSet<QString> seen;
    seen.reserve(rows.size());
    const qint64 now = nowMs();
    const QVariant noText(QMetaType::fromType<QString>());
    const QVariant created(now);
    for (const fleet::ProvisionRow &row : rows) {
        const fleet::Device &d = row.device;
        if (seen.contains(d.serial)) {
            out.problems.append({row.line, QStringLiteral("serial"),
                                 tr("The serial %1 appears twice in the file.").arg(d.serial)});
            continue;
        }
        seen.insert(d.serial);
        const auto known = existing->constFind(d.serial);
        if (known != existing->cend()) {
            if (!options.updateExisting) {
                out.problems.append({row.line, QStringLiteral("serial"),
                                     tr("A device with the serial %1 is registered already.").arg(d.serial)});
                continue;
            }
            if (sameProduction(d, row.certFingerprint, *known) && d.tags.isEmpty() && d.metadata.isEmpty()) {
                ++out.unchanged;
                continue;
            }
            ++out.updated;
            if (options.dryRun)
                continue;
            if (!update) {
                auto q = prepare(*conn, QStringLiteral("UPDATE devices SET model = ?, hw_rev = ?, batch = ?, year = ?,"
                                                       " vendor_id = ?, class_id = ?,"
                                                       " cert_fingerprint = COALESCE(?, cert_fingerprint) WHERE id = ?"));
                if (!q)
                    return std::unexpected(q.error());
                update = std::move(*q);
            }
            const QVariant cert = row.certFingerprint.isEmpty() ? noText : QVariant(row.certFingerprint);
            if (auto st = execPrepared(*update, {text(d.model), text(d.hardwareRevision), text(d.batch), d.year,
                                                 text(d.vendorId), text(d.classId), cert, known->id}); !st)
                return std::unexpected(st.error());
            if (auto st = addExtras(known->id, d); !st)
                return std::unexpected(st.error());
            continue;
        }
        ++out.created;
        if (options.dryRun)
            continue;
        NewSecret secret;
        if (options.issueTokens) {
            secret = newSecret("otdd");
            out.tokens.append({d.serial, secret.token});
        }
        if (!d.tags.isEmpty() || !d.metadata.isEmpty())
            waiting.insert(d.serial, &d);
        const QString key = fleet::naturalKey(d.serial);
        if (!row.certFingerprint.isEmpty()) {
            // The rows before it go first: ids follow the file's order.
            if (auto st = devices.flush(); !st)
                return std::unexpected(st.error());
            const QVariant prefix = options.issueTokens ? QVariant(secret.prefix) : noText;
            const QVariant hash = options.issueTokens ? QVariant(secret.sha256) : noText;
            if (auto st = certified.add({tenant, d.serial, key, text(d.model), text(d.hardwareRevision), text(d.batch),
                                         d.year, text(d.vendorId), text(d.classId), created, row.certFingerprint,
                                         prefix, hash});
                !st)
                return fail(ErrorCode::Conflict, tr("Line %1: the certificate fingerprint is used by another "
                                                    "device already.").arg(row.line));
        } else if (options.issueTokens) {
            if (auto st = devices.add({tenant, d.serial, key, text(d.model), text(d.hardwareRevision), text(d.batch),
                                       d.year, text(d.vendorId), text(d.classId), created, secret.prefix, secret.sha256});
                !st)
                return std::unexpected(st.error());
        } else {
            if (auto st = devices.add({tenant, d.serial, key, text(d.model), text(d.hardwareRevision), text(d.batch),
                                       d.year, text(d.vendorId), text(d.classId), created});
                !st)
                return std::unexpected(st.error());
        }
        if (auto st = drain(); !st)
            return std::unexpected(st.error());
    }
    if (!options.dryRun) {
        for (BulkInsert *b : {&devices, &tags, &meta}) {
            if (auto st = b->flush(); !st)
                return std::unexpected(st.error());
            if (b == &devices) {
                if (auto st = drain(); !st)
                    return std::unexpected(st.error());
            }
        }
        if (!waiting.isEmpty())
            return fail(ErrorCode::Database, tr("Registering devices failed: the database did not return the id of "
                                                "the device %1.").arg(waiting.begin().key()));
    }
    if (!options.dryRun && !(options.allOrNothing && !out.problems.isEmpty())) {
        if (auto st = tx.commit(); !st)
            return std::unexpected(st.error());
        out.written = true;
        // Fresh statistics after a large import, so that SQLite's planner picks the selective index of a filter
        // (a sampled ANALYZE: fast even on a million rows). PostgreSQL's autovacuum does this by itself.
        if (sqlite && out.created >= kAnalyzeAfterRows && statisticsStale(m_db)) {
            (void)m_db.exec(QStringLiteral("PRAGMA analysis_limit = 1000"));
            (void)m_db.exec(QStringLiteral("ANALYZE"));
        }
    }
    if (!out.written)
        out.tokens.clear(); // rolled back: those devices do not exist
    return out;
}

} // namespace otadesk::store
