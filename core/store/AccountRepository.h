#pragma once
// Accounts of a tenant, each with one role. Every query is scoped to a tenant: an account of another tenant
// is "not found".
#include "core/common/Error.h"
#include "core/store/StoreTypes.h"

#include <QList>

namespace otadesk::store {

class Database;

class AccountRepository
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::store::AccountRepository)
public:
    explicit AccountRepository(const Database &db) : m_db(db) {}

    Result<Account> create(qint64 tenantId, const QString &name, Role role, bool serverAdmin = false) const;
    Result<QList<Account>> list(qint64 tenantId) const;
    Result<Account> find(qint64 tenantId, qint64 accountId) const;
    Result<Account> findByName(qint64 tenantId, const QString &name) const;
    Status setRole(qint64 tenantId, qint64 accountId, Role role) const;

private:
    const Database &m_db;
};

} // namespace otadesk::store
