// otactl remote key|token|account: the tenant's verification keys, API tokens and accounts on the server.
#include "app/otactl/Output.h"
#include "app/otactl/RemoteCommands.h"
#include "app/otactl/RemoteSession.h"

#include <QDir>
#include <QFile>

namespace otadesk::cli {

using namespace remote;

namespace {

// Common frame of the three groups: checks the sub-command, opens the session, prints --json or text.
using Handler = std::function<int(Session &, const QCommandLineParser &, const QStringList &)>;

int dispatch(Context &ctx, const QCommandLineParser &p, const QString &group,
             const QMap<QString, Handler> &handlers)
{
    const QStringList args = p.positionalArguments();
    const QString sub = args.value(0);
    const QStringList names = handlers.keys();
    if (!handlers.contains(sub))
        return ctx.usage(
            sub.isEmpty() ? tr("remote %1 needs a command: %2.").arg(group, names.join(QStringLiteral(", ")))
                          : tr("Unknown command \"remote %1 %2\"; use %3.")
                                .arg(group, sub, names.join(QStringLiteral(", "))));
    int code = ExitOk;
    auto session = Session::open(ctx, p, &code);
    if (!session)
        return code;
    return handlers.value(sub)(*session, p, args);
}

Result<qint64> idArgument(const QStringList &args, const QString &usage, const QString &what)
{
    if (args.size() != 2)
        return fail(ErrorCode::InvalidArgument, usage);
    return parseId(args.at(1), what);
}

int printRemoved(Session &s, qint64 id, const QString &text)
{
    if (s.ctx().json())
        s.ctx().printJson(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("removed"), true}});
    else
        s.ctx().out() << text << '\n';
    return ExitOk;
}

// --- keys ---
int keyAdd(Session &s, const QCommandLineParser &p, const QStringList &args)
{
    Context &ctx = s.ctx();
    if (args.size() != 2 || !p.isSet(QStringLiteral("name")))
        return ctx.usage(tr("remote key add needs a PEMFILE and --name N."));
    QFile file(args.at(1));
    if (!file.open(QIODevice::ReadOnly))
        return ctx.fail(
            Error(file.exists() ? ErrorCode::Io : ErrorCode::NotFound,
                  tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(args.at(1)), file.errorString())));
    const QString pem = QString::fromUtf8(file.readAll());
    if (pem.contains(QLatin1String("PRIVATE KEY")))
        return ctx.fail(
            Error(ErrorCode::InvalidArgument,
                  tr("%1 holds a private key; the server only needs the public key. Export it with "
                     "\"otactl key export NAME\" and add that file.")
                      .arg(QDir::toNativeSeparators(args.at(1)))));
    std::unique_ptr<client::ApiCall> call;
    if (int rc = s.run(s.client().addKey(p.value(QStringLiteral("name")), pem), &call))
        return rc;
    if (ctx.json()) {
        ctx.printJson(call->object());
        return ExitOk;
    }
    const auto k = client::Key::fromJson(call->object());
    ctx.out() << tr("Added key %1 \"%2\" (%3, kid %4, fingerprint %5).")
                     .arg(k.id)
                     .arg(k.name, k.algorithm, k.kid, k.fingerprint)
              << '\n';
    return ExitOk;
}

int keyList(Session &s, const QCommandLineParser &p, const QStringList &args)
{
    if (args.size() != 1)
        return s.ctx().usage(tr("remote key list takes no arguments."));
    auto query = listQueryFrom(p);
    if (!query)
        return s.ctx().usage(query.error().message());
    std::unique_ptr<client::ApiCall> call;
    if (int rc = s.run(s.client().listKeys(*query), &call))
        return rc;
    if (s.ctx().json()) {
        s.ctx().printJson(call->object());
        return ExitOk;
    }
    const auto page = client::Page<client::Key>::fromJson(call->object());
    QList<QStringList> rows;
    for (const auto &k : page.items)
        rows.append(
            {QString::number(k.id), k.name, k.algorithm, k.kid, k.fingerprint, timeText(k.createdAt)});
    printTable(s.ctx().out(),
               {tr("ID"), tr("NAME"), tr("ALGORITHM"), tr("KID"), tr("FINGERPRINT"), tr("CREATED")}, rows);
    return ExitOk;
}

int keyRemove(Session &s, const QCommandLineParser &, const QStringList &args)
{
    auto id = idArgument(args, tr("remote key remove needs one ID."), tr("key"));
    if (!id)
        return s.ctx().usage(id.error().message());
    if (int rc = s.run(s.client().removeKey(*id), nullptr))
        return rc;
    return printRemoved(s, *id, tr("Removed key %1.").arg(*id));
}

// --- tokens ---
Result<std::optional<qint64>> accountOption(const QCommandLineParser &p)
{
    if (!p.isSet(QStringLiteral("account-id")))
        return std::optional<qint64>();
    auto id = parseId(p.value(QStringLiteral("account-id")), tr("account"));
    if (!id)
        return std::unexpected(id.error());
    return std::optional<qint64>(*id);
}

int tokenCreate(Session &s, const QCommandLineParser &p, const QStringList &args)
{
    Context &ctx = s.ctx();
    if (args.size() != 1)
        return ctx.usage(tr("remote token create takes no arguments (use --label)."));
    auto account = accountOption(p);
    if (!account)
        return ctx.usage(account.error().message());
    std::optional<int> days;
    if (p.isSet(QStringLiteral("expires-in-days"))) {
        bool ok = false;
        days = p.value(QStringLiteral("expires-in-days")).toInt(&ok);
        if (!ok || *days < 1)
            return ctx.usage(tr("--expires-in-days needs a number of days (1 or more)."));
    }
    std::unique_ptr<client::ApiCall> call;
    if (int rc = s.run(s.client().createToken(p.value(QStringLiteral("label")), days, *account), &call))
        return rc;
    if (ctx.json()) {
        ctx.printJson(call->object());
        return ExitOk;
    }
    const auto t = client::Token::fromJson(call->object());
    // The secret alone on stdout, so that TOKEN=$(otactl remote token create ...) works; the rest on stderr.
    ctx.out() << t.secret << '\n';
    ctx.out().flush();
    ctx.err() << tr("otactl: token %1 (%2) for account %3, expires %4. The secret is shown only once.")
                     .arg(t.id)
                     .arg(t.prefix)
                     .arg(t.accountId)
                     .arg(t.expiresAt.isValid() ? timeText(t.expiresAt) : tr("never"))
              << Qt::endl;
    return ExitOk;
}

int tokenList(Session &s, const QCommandLineParser &p, const QStringList &args)
{
    if (args.size() != 1)
        return s.ctx().usage(tr("remote token list takes no arguments."));
    auto account = accountOption(p);
    if (!account)
        return s.ctx().usage(account.error().message());
    auto query = listQueryFrom(p);
    if (!query)
        return s.ctx().usage(query.error().message());
    std::unique_ptr<client::ApiCall> call;
    if (int rc = s.run(s.client().listTokens(*account, *query), &call))
        return rc;
    if (s.ctx().json()) {
        s.ctx().printJson(call->object());
        return ExitOk;
    }
    const auto page = client::Page<client::Token>::fromJson(call->object());
    QList<QStringList> rows;
    for (const auto &t : page.items)
        rows.append({QString::number(t.id), QString::number(t.accountId), t.prefix, t.label,
                     timeText(t.createdAt), t.expiresAt.isValid() ? timeText(t.expiresAt) : tr("never"),
                     timeText(t.lastUsedAt), t.revoked ? tr("revoked") : tr("active")});
    printTable(s.ctx().out(),
               {tr("ID"), tr("ACCOUNT"), tr("PREFIX"), tr("LABEL"), tr("CREATED"), tr("EXPIRES"),
                tr("LAST USED"), tr("STATE")},
               rows);
    return ExitOk;
}

int tokenRevoke(Session &s, const QCommandLineParser &, const QStringList &args)
{
    auto id = idArgument(args, tr("remote token revoke needs one ID."), tr("token"));
    if (!id)
        return s.ctx().usage(id.error().message());
    if (int rc = s.run(s.client().revokeToken(*id), nullptr))
        return rc;
    if (s.ctx().json()) {
        s.ctx().printJson(QJsonObject{{QStringLiteral("id"), *id}, {QStringLiteral("revoked"), true}});
        return ExitOk;
    }
    s.ctx().out() << tr("Revoked token %1.").arg(*id) << '\n';
    return ExitOk;
}

// --- accounts ---
void printAccount(Session &s, const client::ApiCall &call, const QString &verb)
{
    if (s.ctx().json()) {
        s.ctx().printJson(call.object());
        return;
    }
    const auto a = client::Account::fromJson(call.object());
    s.ctx().out() << tr("%1 account %2 \"%3\", role %4%5.")
                         .arg(verb)
                         .arg(a.id)
                         .arg(a.name, a.role, a.serverAdmin ? tr(", server administrator") : QString())
                  << '\n';
}

int accountCreate(Session &s, const QCommandLineParser &p, const QStringList &args)
{
    if (args.size() != 2 || !p.isSet(QStringLiteral("role")))
        return s.ctx().usage(tr("remote account create needs a NAME and --role ROLE (admin, release-manager, "
                                "author, technician, viewer)."));
    std::unique_ptr<client::ApiCall> call;
    if (int rc = s.run(s.client().createAccount(args.at(1), p.value(QStringLiteral("role"))), &call))
        return rc;
    printAccount(s, *call, tr("Created"));
    return ExitOk;
}

int accountList(Session &s, const QCommandLineParser &p, const QStringList &args)
{
    if (args.size() != 1)
        return s.ctx().usage(tr("remote account list takes no arguments."));
    auto query = listQueryFrom(p);
    if (!query)
        return s.ctx().usage(query.error().message());
    std::unique_ptr<client::ApiCall> call;
    if (int rc = s.run(s.client().listAccounts(*query), &call))
        return rc;
    if (s.ctx().json()) {
        s.ctx().printJson(call->object());
        return ExitOk;
    }
    const auto page = client::Page<client::Account>::fromJson(call->object());
    QList<QStringList> rows;
    for (const auto &a : page.items)
        rows.append({QString::number(a.id), a.name, a.role, a.serverAdmin ? tr("yes") : QString(),
                     timeText(a.createdAt)});
    printTable(s.ctx().out(), {tr("ID"), tr("NAME"), tr("ROLE"), tr("SERVER ADMIN"), tr("CREATED")}, rows);
    return ExitOk;
}

int accountShow(Session &s, const QCommandLineParser &, const QStringList &args)
{
    auto id = idArgument(args, tr("remote account show needs one ID."), tr("account"));
    if (!id)
        return s.ctx().usage(id.error().message());
    std::unique_ptr<client::ApiCall> call;
    if (int rc = s.run(s.client().account(*id), &call))
        return rc;
    printAccount(s, *call, tr("Account:"));
    return ExitOk;
}

int accountSetRole(Session &s, const QCommandLineParser &, const QStringList &args)
{
    if (args.size() != 3)
        return s.ctx().usage(tr("remote account set-role needs an ID and a ROLE."));
    auto id = parseId(args.at(1), tr("account"));
    if (!id)
        return s.ctx().usage(id.error().message());
    std::unique_ptr<client::ApiCall> call;
    if (int rc = s.run(s.client().setAccountRole(*id, args.at(2)), &call))
        return rc;
    printAccount(s, *call, tr("Updated"));
    return ExitOk;
}

} // namespace

void registerRemoteAdminCommands(CommandLine &cli)
{
    const QString group = QStringLiteral("remote");
    cli.add({group, QStringLiteral("key"),
             tr("Public keys that manifests published to the server must be signed with: add, list, remove."),
             QStringLiteral("add PEMFILE --name N | list | remove ID"),
             [](QCommandLineParser &p) {
                 p.addPositionalArgument(QStringLiteral("COMMAND"), tr("add, list or remove."));
                 addConnectionOptions(p);
                 addListOptions(p);
                 p.addOption(opt(QStringLiteral("name"), "add: a name for the key.", "N"));
             },
             [](Context &ctx, const QCommandLineParser &p) {
                 return dispatch(ctx, p, QStringLiteral("key"),
                                 {{QStringLiteral("add"), keyAdd},
                                  {QStringLiteral("list"), keyList},
                                  {QStringLiteral("remove"), keyRemove}});
             }});
    cli.add({group, QStringLiteral("token"), tr("API tokens: create (prints the secret once), list, revoke."),
             QStringLiteral("create [--label L] [--expires-in-days N] [--account-id ID] | list | revoke ID"),
             [](QCommandLineParser &p) {
                 p.addPositionalArgument(QStringLiteral("COMMAND"), tr("create, list or revoke."));
                 addConnectionOptions(p);
                 addListOptions(p);
                 p.addOptions({opt(QStringLiteral("label"), "create: what the token is for.", "L"),
                               opt(QStringLiteral("expires-in-days"), "create: expire after N days.", "N"),
                               opt(QStringLiteral("account-id"),
                                   "create/list: tokens of another account (needs tokens.manage).", "ID")});
             },
             [](Context &ctx, const QCommandLineParser &p) {
                 return dispatch(ctx, p, QStringLiteral("token"),
                                 {{QStringLiteral("create"), tokenCreate},
                                  {QStringLiteral("list"), tokenList},
                                  {QStringLiteral("revoke"), tokenRevoke}});
             }});
    cli.add({group, QStringLiteral("account"), tr("Accounts of the tenant: create, list, show, set-role."),
             QStringLiteral("create NAME --role ROLE | list | show ID | set-role ID ROLE"),
             [](QCommandLineParser &p) {
                 p.addPositionalArgument(QStringLiteral("COMMAND"), tr("create, list, show or set-role."));
                 addConnectionOptions(p);
                 addListOptions(p);
                 p.addOption(opt(QStringLiteral("role"),
                                 "create: admin, release-manager, author, technician or viewer.", "ROLE"));
             },
             [](Context &ctx, const QCommandLineParser &p) {
                 return dispatch(ctx, p, QStringLiteral("account"),
                                 {{QStringLiteral("create"), accountCreate},
                                  {QStringLiteral("list"), accountList},
                                  {QStringLiteral("show"), accountShow},
                                  {QStringLiteral("set-role"), accountSetRole}});
             }});
}

} // namespace otadesk::cli
