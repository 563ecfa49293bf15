#include "ui/server/LocalToken.h"

#include "core/server/Bootstrap.h"
#include "core/store/Database.h"

namespace otadesk::ui {

Result<QString> issueLocalToken(const QString &sqlitePath)
{
    auto db = store::Database::open(QStringLiteral("sqlite:") + sqlitePath);
    if (!db)
        return std::unexpected(db.error());
    if (Status migrated = (*db)->migrate(); !migrated)
        return std::unexpected(migrated.error());
    auto issued = server::issueBootstrapToken(**db, QStringLiteral("local"), QStringLiteral("desktop"),
                                              store::Role::Admin, QStringLiteral("bundled local server"));
    if (!issued)
        return std::unexpected(issued.error());
    // Tokens of earlier sessions were only ever held in memory: revoke them so they do not pile up.
    if (auto old = (*db)->exec(QStringLiteral("UPDATE api_tokens SET revoked = 1 WHERE tenant_id = ? AND account_id = ?"
                                              " AND label = ? AND id <> ? AND revoked = 0"),
                               {issued->tenant.id, issued->account.id, QStringLiteral("bundled local server"),
                                issued->token.id});
        !old)
        return std::unexpected(old.error());
    return issued->token.secret;
}

} // namespace otadesk::ui
