#pragma once
// Signed SUIT manifests accepted by the server (the envelope bytes live in the blob store). Per tenant and
// product the sequence numbers only go up: a different manifest with a number not above the highest one is a
// rollback and refused.
#include "core/common/Error.h"
#include "core/store/StoreTypes.h"

#include <QCoreApplication>

namespace otadesk::store {

class Database;

class ManifestRepository
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::store::ManifestRepository)
public:
    explicit ManifestRepository(const Database &db) : m_db(db) {}

    // created = false: the very same manifest (digest) was stored before; that row is returned.
    // A Conflict error when the sequence number is not above the product's highest.
    Result<std::pair<ManifestRecord, bool>> add(ManifestRecord record) const;
    Result<ManifestRecord> find(qint64 tenantId, qint64 id) const;
    // Sortable by id, product, sequence_number, created_at.
    Result<ListPage<ManifestRecord>> list(qint64 tenantId, const ListQuery &query) const;
    Status remove(qint64 tenantId, qint64 id) const;

private:
    const Database &m_db;
};

} // namespace otadesk::store
