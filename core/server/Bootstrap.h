#pragma once
// Getting the first token without a token: the operator (otactl server token) and the GUI's bundled local
// server work directly on the database, as the server itself does. The tenant and account are created when
// missing; the very first account of a database is a server administrator (may create tenants).
#include "core/common/Error.h"
#include "core/store/StoreTypes.h"

namespace otadesk::store {
class Database;
}

namespace otadesk::server {

struct BootstrapResult
{
    store::Tenant tenant;
    store::Account account;
    store::IssuedToken token;
    bool createdTenant = false;
    bool createdAccount = false;
};

// Issues a new API token for account `account` of tenant `tenant` (created with `role` when missing; an
// existing account keeps its role). The database must be migrated. The action is audited.
Result<BootstrapResult> issueBootstrapToken(const store::Database &db, const QString &tenant, const QString &account,
                                            store::Role role, const QString &label,
                                            std::optional<qint64> expiresAt = std::nullopt);

} // namespace otadesk::server
