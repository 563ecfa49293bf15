#pragma once
// Resumable uploads: one row per upload with the bytes received so far. The row is updated only after the
// part's bytes are durable on disk, so "received" never claims more than the part file holds.
#include "core/common/Error.h"
#include "core/store/StoreTypes.h"

#include <QCoreApplication>

namespace otadesk::store {

class Database;

class UploadRepository
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::store::UploadRepository)
public:
    explicit UploadRepository(const Database &db) : m_db(db) {}

    Result<Upload> create(qint64 tenantId, const QString &name, qint64 size, const QString &expectedSha256,
                          const QString &createdBy) const;
    Result<Upload> find(qint64 tenantId, const QString &id) const;
    Status setReceived(qint64 tenantId, const QString &id, qint64 received) const;
    Status markFinished(qint64 tenantId, const QString &id, qint64 payloadId) const;
    Status markAborted(qint64 tenantId, const QString &id) const;
    // Open uploads of every tenant not touched since the given time (to be aborted and their files removed).
    Result<QList<Upload>> openSince(qint64 untouchedBeforeMs) const;

    static bool isValidId(const QString &id); // 32 lower-case hex digits

private:
    Status setState(qint64 tenantId, const QString &id, UploadState state, std::optional<qint64> payloadId) const;
    const Database &m_db;
};

} // namespace otadesk::store
