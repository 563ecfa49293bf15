// whoami, tenants, accounts and API tokens.
#include "core/server/api/ApiContext.h"
#include "core/server/api/JsonViews.h"
#include "core/server/api/Router.h"
#include "core/store/AccountRepository.h"
#include "core/store/Database.h"
#include "core/store/TenantRepository.h"
#include "core/store/TokenRepository.h"

#include <QJsonArray>

namespace otadesk::server {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("otadesk::server", text);
}

ApiResponse notFound(const QString &what)
{
    return ApiResponse::error(404, QStringLiteral("not_found"), tr("No such %1.").arg(what));
}

ApiResponse badRequest(const QString &message)
{
    return ApiResponse::error(400, QStringLiteral("invalid_request"), message);
}

ApiResponse whoami(ApiContext &, const ApiRequest &req)
{
    const Principal &p = req.principal; // answered from the (cached) token identity: no database round trip
    QJsonArray permissions;
    for (const QString &name : permissionNames(p.role))
        permissions.append(name);
    return ApiResponse::json(
        200, {{QStringLiteral("tenant"),
               QJsonObject{{QStringLiteral("id"), double(p.tenantId)}, {QStringLiteral("name"), p.tenantName}}},
              {QStringLiteral("account"), QJsonObject{{QStringLiteral("id"), double(p.accountId)},
                                                      {QStringLiteral("name"), p.accountName},
                                                      {QStringLiteral("role"), store::roleName(p.role)},
                                                      {QStringLiteral("server_admin"), p.serverAdmin}}},
              {QStringLiteral("permissions"), permissions},
              {QStringLiteral("token"), QJsonObject{{QStringLiteral("id"), double(p.tokenId)},
                                                    {QStringLiteral("prefix"), p.tokenPrefix},
                                                    {QStringLiteral("expires_at"), isoTime(p.tokenExpiresAt)}}}});
}

ApiResponse listTenants(ApiContext &ctx, const ApiRequest &req)
{
    const store::TenantRepository tenants(ctx.db);
    QList<QJsonObject> items;
    if (req.principal.serverAdmin) {
        auto all = tenants.list();
        if (!all)
            return ApiResponse::fromError(all.error());
        for (const store::Tenant &t : *all)
            items.append(tenantJson(t));
    } else {
        auto own = tenants.find(req.principal.tenantId);
        if (!own)
            return ApiResponse::fromError(own.error());
        items.append(tenantJson(*own));
    }
    return pagedList(req, items, {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("created_at")});
}

ApiResponse getTenant(ApiContext &ctx, const ApiRequest &req)
{
    const auto id = req.idParam();
    if (!id || (!req.principal.serverAdmin && *id != req.principal.tenantId))
        return notFound(tr("tenant"));
    auto t = store::TenantRepository(ctx.db).find(*id);
    return t ? ApiResponse::json(200, tenantJson(*t)) : ApiResponse::fromError(t.error());
}

ApiResponse createTenant(ApiContext &ctx, const ApiRequest &req)
{
    if (!req.principal.serverAdmin)
        return ApiResponse::error(403, QStringLiteral("forbidden"),
                                  tr("Only server administrators can create tenants."));
    auto body = req.jsonBody();
    if (!body)
        return badRequest(body.error().message());
    const QString name = body->value(QStringLiteral("name")).toString().trimmed();
    const QString admin = body->value(QStringLiteral("admin_account")).toString().trimmed();
    if (name.isEmpty() || admin.isEmpty())
        return badRequest(tr("A new tenant needs \"name\" and \"admin_account\"."));
    store::Transaction tx(ctx.db);
    if (auto st = tx.begin(); !st)
        return ApiResponse::fromError(st.error());
    const store::TenantRepository tenants(ctx.db);
    if (tenants.findByName(name))
        return ApiResponse::error(409, QStringLiteral("conflict"), tr("A tenant named \"%1\" exists already.").arg(name));
    auto tenant = tenants.create(name);
    if (!tenant)
        return ApiResponse::fromError(tenant.error());
    auto account = store::AccountRepository(ctx.db).create(tenant->id, admin, store::Role::Admin);
    if (!account)
        return ApiResponse::fromError(account.error());
    auto token = store::TokenRepository(ctx.db).issue(tenant->id, account->id,
                                                      tr("first token, issued by %1").arg(req.principal.accountName));
    if (!token)
        return ApiResponse::fromError(token.error());
    if (auto st = tx.commit(); !st)
        return ApiResponse::fromError(st.error());
    ctx.audit(req.principal, QStringLiteral("tenant.create"), QStringLiteral("tenant"), QString::number(tenant->id),
              {{QStringLiteral("name"), name}, {QStringLiteral("admin_account"), admin}});
    Principal inNew = req.principal;
    inNew.tenantId = tenant->id;
    ctx.audit(inNew, QStringLiteral("tenant.create"), QStringLiteral("tenant"), QString::number(tenant->id),
              {{QStringLiteral("name"), name}, {QStringLiteral("admin_account"), admin}});
    return ApiResponse::json(201, {{QStringLiteral("tenant"), tenantJson(*tenant)},
                                   {QStringLiteral("account"), accountJson(*account)},
                                   {QStringLiteral("token"), token->secret}});
}

ApiResponse listAccounts(ApiContext &ctx, const ApiRequest &req)
{
    auto accounts = store::AccountRepository(ctx.db).list(req.principal.tenantId);
    if (!accounts)
        return ApiResponse::fromError(accounts.error());
    QList<QJsonObject> items;
    for (const store::Account &a : *accounts)
        items.append(accountJson(a));
    return pagedList(req, items,
                     {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("role"), QStringLiteral("created_at")});
}

ApiResponse createAccount(ApiContext &ctx, const ApiRequest &req)
{
    auto body = req.jsonBody();
    if (!body)
        return badRequest(body.error().message());
    const QString name = body->value(QStringLiteral("name")).toString();
    const auto role = store::parseRole(body->value(QStringLiteral("role")).toString());
    if (!role)
        return badRequest(tr("\"role\" must be one of admin, release-manager, author, technician, viewer."));
    auto a = store::AccountRepository(ctx.db).create(req.principal.tenantId, name, *role);
    if (!a)
        return ApiResponse::fromError(a.error());
    ctx.audit(req.principal, QStringLiteral("account.create"), QStringLiteral("account"), QString::number(a->id),
              {{QStringLiteral("name"), a->name}, {QStringLiteral("role"), store::roleName(a->role)}});
    return ApiResponse::json(201, accountJson(*a));
}

ApiResponse getAccount(ApiContext &ctx, const ApiRequest &req)
{
    const auto id = req.idParam();
    if (!id)
        return notFound(tr("account"));
    auto a = store::AccountRepository(ctx.db).find(req.principal.tenantId, *id);
    return a ? ApiResponse::json(200, accountJson(*a)) : ApiResponse::fromError(a.error());
}

ApiResponse patchAccount(ApiContext &ctx, const ApiRequest &req)
{
    const auto id = req.idParam();
    if (!id)
        return notFound(tr("account"));
    auto body = req.jsonBody();
    if (!body)
        return badRequest(body.error().message());
    const auto role = store::parseRole(body->value(QStringLiteral("role")).toString());
    if (!role)
        return badRequest(tr("\"role\" must be one of admin, release-manager, author, technician, viewer."));
    const store::AccountRepository accounts(ctx.db);
    auto before = accounts.find(req.principal.tenantId, *id);
    if (!before)
        return ApiResponse::fromError(before.error());
    if (before->role == store::Role::Admin && *role != store::Role::Admin) {
        auto admins = ctx.db.scalar(QStringLiteral("SELECT COUNT(*) FROM accounts WHERE tenant_id = ? AND role = 'admin'"),
                                    {req.principal.tenantId});
        if (admins && admins->toLongLong() <= 1)
            return ApiResponse::error(409, QStringLiteral("conflict"),
                                      tr("\"%1\" is the tenant's last administrator; make another account admin first.")
                                          .arg(before->name));
    }
    if (auto st = accounts.setRole(req.principal.tenantId, *id, *role); !st)
        return ApiResponse::fromError(st.error());
    ctx.auth.forgetAccount(req.principal.tenantId, *id);
    ctx.audit(req.principal, QStringLiteral("account.role"), QStringLiteral("account"), QString::number(*id),
              {{QStringLiteral("from"), store::roleName(before->role)}, {QStringLiteral("to"), store::roleName(*role)}});
    before->role = *role;
    return ApiResponse::json(200, accountJson(*before));
}

bool mayManage(const ApiRequest &req, qint64 accountId)
{
    return accountId == req.principal.accountId || roleAllows(req.principal.role, Permission::TokensManage);
}

ApiResponse listTokens(ApiContext &ctx, const ApiRequest &req)
{
    auto tokens = store::TokenRepository(ctx.db).list(req.principal.tenantId);
    if (!tokens)
        return ApiResponse::fromError(tokens.error());
    const QString only = req.query(QStringLiteral("account_id"));
    QList<QJsonObject> items;
    for (const store::TokenInfo &t : *tokens) {
        if (!mayManage(req, t.accountId) || (!only.isEmpty() && QString::number(t.accountId) != only))
            continue;
        items.append(tokenJson(t));
    }
    return pagedList(req, items,
                     {QStringLiteral("id"), QStringLiteral("label"), QStringLiteral("created_at"),
                      QStringLiteral("last_used_at"), QStringLiteral("account_id")});
}

ApiResponse createToken(ApiContext &ctx, const ApiRequest &req)
{
    auto body = req.jsonBody();
    if (!body)
        return badRequest(body.error().message());
    qint64 accountId = req.principal.accountId;
    if (body->contains(QStringLiteral("account_id"))) {
        accountId = qint64(body->value(QStringLiteral("account_id")).toDouble());
        if (!mayManage(req, accountId))
            return ApiResponse::error(403, QStringLiteral("forbidden"),
                                      tr("Your role (%1) may only create tokens for your own account.")
                                          .arg(store::roleName(req.principal.role)));
    }
    std::optional<qint64> expiresAt;
    if (body->contains(QStringLiteral("expires_in_days"))) {
        const double days = body->value(QStringLiteral("expires_in_days")).toDouble(-1);
        if (days < 1 || days > 3650)
            return badRequest(tr("\"expires_in_days\" must be from 1 to 3650."));
        expiresAt = store::nowMs() + qint64(days * 86'400'000.0);
    }
    const QString label = body->value(QStringLiteral("label")).toString().left(200);
    auto issued = store::TokenRepository(ctx.db).issue(req.principal.tenantId, accountId, label, expiresAt);
    if (!issued)
        return ApiResponse::fromError(issued.error());
    ctx.audit(req.principal, QStringLiteral("token.create"), QStringLiteral("token"), QString::number(issued->id),
              {{QStringLiteral("prefix"), issued->prefix},
               {QStringLiteral("label"), label},
               {QStringLiteral("account_id"), double(accountId)}});
    QJsonObject out = tokenJson({issued->id, accountId, issued->prefix, label, store::nowMs(), expiresAt, std::nullopt, false});
    out.insert(QStringLiteral("token"), issued->secret);
    return ApiResponse::json(201, out);
}

ApiResponse revokeToken(ApiContext &ctx, const ApiRequest &req)
{
    const auto id = req.idParam();
    if (!id)
        return notFound(tr("token"));
    auto tokens = store::TokenRepository(ctx.db).list(req.principal.tenantId);
    if (!tokens)
        return ApiResponse::fromError(tokens.error());
    const auto it = std::find_if(tokens->begin(), tokens->end(), [&](const auto &t) { return t.id == *id; });
    if (it == tokens->end() || !mayManage(req, it->accountId))
        return notFound(tr("token"));
    if (auto st = store::TokenRepository(ctx.db).revoke(req.principal.tenantId, *id); !st)
        return ApiResponse::fromError(st.error());
    ctx.auth.forgetToken(*id);
    ctx.audit(req.principal, QStringLiteral("token.revoke"), QStringLiteral("token"), QString::number(*id),
              {{QStringLiteral("prefix"), it->prefix}});
    return ApiResponse::noContent();
}
} // namespace

void addIdentityRoutes(Router &r, ApiContext &ctx)
{
    auto bind = [&ctx](ApiResponse (*f)(ApiContext &, const ApiRequest &)) {
        return [&ctx, f](ApiRequest &req) { return f(ctx, req); };
    };
    r.add(Method::Get, QStringLiteral("/api/v1/whoami"), Permission::Authenticated, bind(whoami));
    r.add(Method::Get, QStringLiteral("/api/v1/tenants"), Permission::TenantRead, bind(listTenants));
    r.add(Method::Post, QStringLiteral("/api/v1/tenants"), Permission::Authenticated, bind(createTenant));
    r.add(Method::Get, QStringLiteral("/api/v1/tenants/{id}"), Permission::TenantRead, bind(getTenant));
    r.add(Method::Get, QStringLiteral("/api/v1/accounts"), Permission::AccountsRead, bind(listAccounts));
    r.add(Method::Post, QStringLiteral("/api/v1/accounts"), Permission::AccountsWrite, bind(createAccount));
    r.add(Method::Get, QStringLiteral("/api/v1/accounts/{id}"), Permission::AccountsRead, bind(getAccount));
    r.add(Method::Patch, QStringLiteral("/api/v1/accounts/{id}"), Permission::AccountsWrite, bind(patchAccount));
    r.add(Method::Get, QStringLiteral("/api/v1/tokens"), Permission::Authenticated, bind(listTokens));
    r.add(Method::Post, QStringLiteral("/api/v1/tokens"), Permission::Authenticated, bind(createToken));
    r.add(Method::Delete, QStringLiteral("/api/v1/tokens/{id}"), Permission::Authenticated, bind(revokeToken));
}

} // namespace otadesk::server
