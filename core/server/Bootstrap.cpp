#include "core/server/Bootstrap.h"

#include "core/store/AccountRepository.h"
#include "core/store/AuditLog.h"
#include "core/store/Database.h"
#include "core/store/TenantRepository.h"
#include "core/store/TokenRepository.h"

#include <QCoreApplication>

namespace otadesk::server {

Result<BootstrapResult> issueBootstrapToken(const store::Database &db, const QString &tenant, const QString &account,
                                            store::Role role, const QString &label, std::optional<qint64> expiresAt)
{
    BootstrapResult r;
    store::Transaction tx(db);
    if (auto st = tx.begin(); !st)
        return std::unexpected(st.error());
    const store::TenantRepository tenants(db);
    if (auto found = tenants.findByName(tenant.trimmed()); found) {
        r.tenant = *found;
    } else if (found.error().code() == ErrorCode::NotFound) {
        auto created = tenants.create(tenant);
        if (!created)
            return std::unexpected(created.error());
        r.tenant = *created;
        r.createdTenant = true;
    } else {
        return std::unexpected(found.error());
    }
    const store::AccountRepository accounts(db);
    if (auto found = accounts.findByName(r.tenant.id, account.trimmed()); found) {
        r.account = *found;
    } else if (found.error().code() == ErrorCode::NotFound) {
        auto admins = db.scalar(QStringLiteral("SELECT COUNT(*) FROM accounts WHERE server_admin <> 0"));
        if (!admins)
            return std::unexpected(admins.error());
        auto created = accounts.create(r.tenant.id, account, role, admins->toLongLong() == 0);
        if (!created)
            return std::unexpected(created.error());
        r.account = *created;
        r.createdAccount = true;
    } else {
        return std::unexpected(found.error());
    }
    auto token = store::TokenRepository(db).issue(r.tenant.id, r.account.id, label, expiresAt);
    if (!token)
        return std::unexpected(token.error());
    r.token = *token;
    const QJsonObject details{{QStringLiteral("prefix"), r.token.prefix},
                              {QStringLiteral("label"), label},
                              {QStringLiteral("account"), r.account.name},
                              {QStringLiteral("bootstrap"), true}};
    if (auto e = store::AuditLog(db).append(r.tenant.id, QStringLiteral("(database)"), QStringLiteral("token.create"),
                                            QStringLiteral("token"), QString::number(r.token.id), details);
        !e)
        return std::unexpected(e.error());
    if (auto st = tx.commit(); !st)
        return std::unexpected(st.error());
    return r;
}

} // namespace otadesk::server
