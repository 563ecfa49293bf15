#include "core/store/ManifestRepository.h"

#include "core/store/Database.h"
#include "core/store/ListSql.h"

namespace otadesk::store {

namespace {
const QString kColumns = QStringLiteral("id, tenant_id, product, sequence_number, manifest_digest, envelope_sha256,"
                                        " size, signer, created_at, created_by");

ManifestRecord manifestFrom(const QSqlQuery &q)
{
    return {q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toLongLong(),
            q.value(4).toString(),   q.value(5).toString(),   q.value(6).toLongLong(), q.value(7).toString(),
            q.value(8).toLongLong(), q.value(9).toString()};
}
} // namespace

Result<std::pair<ManifestRecord, bool>> ManifestRepository::add(ManifestRecord r) const
{
    Transaction tx(m_db);
    if (auto st = tx.begin(); !st)
        return std::unexpected(st.error());
    auto same = m_db.exec(QStringLiteral("SELECT %1 FROM manifests WHERE tenant_id = ? AND product = ?"
                                         " AND manifest_digest = ?")
                              .arg(kColumns),
                          {r.tenantId, r.product, r.manifestDigest});
    if (!same)
        return std::unexpected(same.error());
    if (same->next())
        return std::pair{manifestFrom(*same), false};
    same->finish();
    auto highest = m_db.scalar(QStringLiteral("SELECT MAX(sequence_number) FROM manifests WHERE tenant_id = ?"
                                              " AND product = ?"),
                               {r.tenantId, r.product});
    if (!highest)
        return std::unexpected(highest.error());
    if (!highest->isNull() && r.sequenceNumber <= highest->toLongLong())
        return fail(ErrorCode::Conflict,
                    tr("Sequence number %1 is not above %2, the highest one of product %3 on the server: a "
                       "different manifest with a number that is not higher would be a rollback.")
                        .arg(r.sequenceNumber)
                        .arg(highest->toLongLong())
                        .arg(r.product));
    r.createdAt = nowMs();
    auto id = m_db.scalar(QStringLiteral("INSERT INTO manifests(tenant_id, product, sequence_number, manifest_digest,"
                                         " envelope_sha256, size, signer, created_at, created_by)"
                                         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
                          {r.tenantId, r.product, r.sequenceNumber, r.manifestDigest, r.envelopeSha256, r.size,
                           text(r.signer), r.createdAt, text(r.createdBy)});
    if (!id)
        return std::unexpected(id.error());
    if (auto st = tx.commit(); !st)
        return std::unexpected(st.error());
    r.id = id->toLongLong();
    return std::pair{r, true};
}

Result<ManifestRecord> ManifestRepository::find(qint64 tenantId, qint64 id) const
{
    auto q = m_db.exec(QStringLiteral("SELECT %1 FROM manifests WHERE tenant_id = ? AND id = ?").arg(kColumns),
                       {tenantId, id});
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return fail(ErrorCode::NotFound, tr("No such manifest: %1").arg(id));
    return manifestFrom(*q);
}

Result<ListPage<ManifestRecord>> ManifestRepository::list(qint64 tenantId, const ListQuery &query) const
{
    QVariantList values{tenantId};
    auto order = orderAndPage(query,
                              {{"id", "id"},
                               {"product", "product"},
                               {"sequence_number", "sequence_number"},
                               {"created_at", "created_at"}},
                              "id", values);
    if (!order)
        return std::unexpected(order.error());
    ListPage<ManifestRecord> page;
    auto total = m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM manifests WHERE tenant_id = ?"), {tenantId});
    if (!total)
        return std::unexpected(total.error());
    page.total = total->toLongLong();
    auto q = m_db.exec(QStringLiteral("SELECT %1 FROM manifests WHERE tenant_id = ?").arg(kColumns) + *order,
                       values);
    if (!q)
        return std::unexpected(q.error());
    while (q->next())
        page.items.append(manifestFrom(*q));
    return page;
}

Status ManifestRepository::remove(qint64 tenantId, qint64 id) const
{
    // Updates (and their history) name the manifest: it stays as long as one does.
    auto used = m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM device_updates WHERE tenant_id = ? AND manifest_id = ?"),
                            {tenantId, id});
    if (!used)
        return std::unexpected(used.error());
    if (used->toLongLong() > 0)
        return fail(ErrorCode::Conflict, tr("Manifest %1 is assigned to %2 device updates; it cannot be removed while "
                                            "they exist.")
                                             .arg(id)
                                             .arg(used->toLongLong()));
    auto gone = m_db.scalar(QStringLiteral("DELETE FROM manifests WHERE tenant_id = ? AND id = ? RETURNING id"),
                            {tenantId, id});
    if (!gone)
        return std::unexpected(gone.error());
    if (gone->isNull())
        return fail(ErrorCode::NotFound, tr("No such manifest: %1").arg(id));
    return {};
}

} // namespace otadesk::store
