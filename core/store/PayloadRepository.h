#pragma once
// Firmware payloads of a tenant: metadata rows over content-addressed blobs (the bytes live in the BlobStore,
// shared between tenants when identical; a row per tenant keeps them isolated).
#include "core/common/Error.h"
#include "core/store/StoreTypes.h"

#include <QCoreApplication>

namespace otadesk::store {

class Database;

class PayloadRepository
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::store::PayloadRepository)
public:
    explicit PayloadRepository(const Database &db) : m_db(db) {}

    // The tenant's payload with this digest if there is one already (created = false), else a new row.
    Result<std::pair<Payload, bool>> add(qint64 tenantId, const QString &sha256, qint64 size, const QString &name,
                                        const QString &createdBy) const;
    Result<Payload> find(qint64 tenantId, qint64 id) const;
    // Sortable by id, name, size, created_at.
    Result<ListPage<Payload>> list(qint64 tenantId, const ListQuery &query) const;
    Status remove(qint64 tenantId, qint64 id) const;
    // Rows of any tenant still pointing at the blob (a blob is deleted from disk only when none are left).
    Result<qint64> referencesTo(const QString &sha256) const;

private:
    const Database &m_db;
};

} // namespace otadesk::store
