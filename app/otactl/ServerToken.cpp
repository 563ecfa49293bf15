// otactl server token: the first API token of a server (or a fresh one when all are lost), issued directly on
// the server's database like otadesk-server itself opens it. Creates the tenant and account when missing.
#include "app/otactl/CommandLine.h"
#include "core/server/Bootstrap.h"
#include "core/store/Database.h"

#include <QJsonObject>

namespace otadesk::cli {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("otactl", text); }

int runToken(Context &ctx, const QCommandLineParser &p)
{
    if (!p.positionalArguments().isEmpty())
        return ctx.usage(tr("server token takes no arguments."));
    const QString database = p.value(QStringLiteral("database"));
    if (database.isEmpty())
        return ctx.usage(tr("server token needs --database URL (the server's sqlite:PATH or postgresql://…)."));
    const auto role = store::parseRole(p.value(QStringLiteral("role")));
    if (!role)
        return ctx.usage(tr("--role must be one of admin, release-manager, author, technician, viewer."));
    std::optional<qint64> expiresAt;
    if (p.isSet(QStringLiteral("expires-in-days"))) {
        bool ok = false;
        const int days = p.value(QStringLiteral("expires-in-days")).toInt(&ok);
        if (!ok || days < 1 || days > 3650)
            return ctx.usage(tr("--expires-in-days needs a number from 1 to 3650."));
        expiresAt = store::nowMs() + qint64(days) * 86'400'000;
    }
    auto db = store::Database::open(database);
    if (!db)
        return ctx.fail(db.error());
    if (auto st = (*db)->migrate(); !st)
        return ctx.fail(st.error());
    auto issued = server::issueBootstrapToken(**db, p.value(QStringLiteral("tenant")), p.value(QStringLiteral("account")),
                                              *role, p.value(QStringLiteral("label")), expiresAt);
    if (!issued)
        return ctx.fail(issued.error());
    if (ctx.json()) {
        ctx.printJson(QJsonObject{{QStringLiteral("token"), issued->token.secret},
                                  {QStringLiteral("tenant"), issued->tenant.name},
                                  {QStringLiteral("account"), issued->account.name},
                                  {QStringLiteral("role"), store::roleName(issued->account.role)},
                                  {QStringLiteral("server_admin"), issued->account.serverAdmin},
                                  {QStringLiteral("created_tenant"), issued->createdTenant},
                                  {QStringLiteral("created_account"), issued->createdAccount}});
        return 0;
    }
    ctx.out() << issued->token.secret << Qt::endl;
    ctx.err() << tr("Token for account \"%1\" (%2) of tenant \"%3\"%4. It is shown only this once.")
                     .arg(issued->account.name, store::roleName(issued->account.role), issued->tenant.name,
                          issued->account.serverAdmin ? tr(", server administrator") : QString())
              << Qt::endl;
    return 0;
}
} // namespace

void registerServerTokenCommand(CommandLine &cli)
{
    cli.add({QStringLiteral("server"), QStringLiteral("token"),
             tr("Issue an API token directly on the server's database (creates the tenant and account if missing)."),
             QString(),
             [](QCommandLineParser &p) {
                 p.addOptions({{QStringLiteral("database"), tr("The server's database: sqlite:PATH or postgresql://…"),
                                tr("URL")},
                               {QStringLiteral("tenant"), tr("Tenant name (default \"default\")."), tr("NAME"),
                                QStringLiteral("default")},
                               {QStringLiteral("account"), tr("Account name (default \"admin\")."), tr("NAME"),
                                QStringLiteral("admin")},
                               {QStringLiteral("role"), tr("Role of a new account (default admin)."), tr("ROLE"),
                                QStringLiteral("admin")},
                               {QStringLiteral("label"), tr("A note stored with the token."), tr("TEXT"),
                                QStringLiteral("otactl server token")},
                               {QStringLiteral("expires-in-days"), tr("Let the token expire after N days."), tr("N")}});
             },
             runToken});
}

} // namespace otadesk::cli
