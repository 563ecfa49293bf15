#pragma once
// The append-only audit log of every change: who, what, which object, when. Rows can only be added (the
// database refuses UPDATE and DELETE on audit_log with a trigger); reading is per tenant, newest first,
// paged.
#include "core/common/Error.h"
#include "core/store/StoreTypes.h"

#include <QList>

namespace otadesk::store {

class Database;

class AuditLog
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::store::AuditLog)
public:
    explicit AuditLog(const Database &db) : m_db(db) {}

    Result<AuditEntry> append(qint64 tenantId, const QString &actor, const QString &action,
                              const QString &objectType, const QString &objectId,
                              const QJsonObject &details = {}) const;

    struct Page
    {
        QList<AuditEntry> entries; // newest first
        qint64 total = 0;          // entries of the tenant in all pages
    };
    // offset/limit paging; limit is clamped to 1..kMaxPageSize.
    Result<Page> list(qint64 tenantId, qint64 offset = 0, int limit = 50) const;
    // Entries with an id above afterId, oldest first (an event stream catching up after a reconnect).
    Result<QList<AuditEntry>> listAfter(qint64 tenantId, qint64 afterId, int limit) const;
    static constexpr int kMaxPageSize = 500;

private:
    const Database &m_db;
};

} // namespace otadesk::store
