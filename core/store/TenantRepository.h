#pragma once
// Tenants: the top-level isolation unit. Every other table carries a tenant_id.
#include "core/common/Error.h"
#include "core/store/StoreTypes.h"

#include <QList>

namespace otadesk::store {

class Database;

class TenantRepository
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::store::TenantRepository)
public:
    explicit TenantRepository(const Database &db) : m_db(db) {}

    Result<Tenant> create(const QString &name) const;
    Result<QList<Tenant>> list() const;
    Result<Tenant> find(qint64 id) const;
    Result<Tenant> findByName(const QString &name) const;

private:
    Result<Tenant> findWhere(const QString &column, const QVariant &value) const;
    const Database &m_db;
};

} // namespace otadesk::store
