// The tenant's registered public keys (SUIT envelopes are verified against them).
#include "core/server/api/ApiContext.h"
#include "core/server/api/JsonViews.h"
#include "core/server/api/Router.h"
#include "core/store/KeyRepository.h"

#include <QJsonArray>

namespace otadesk::server {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("otadesk::server", text);
}

ApiResponse listKeys(ApiContext &ctx, const ApiRequest &req)
{
    auto keys = store::KeyRepository(ctx.db).list(req.principal.tenantId);
    if (!keys)
        return ApiResponse::fromError(keys.error());
    QList<QJsonObject> items;
    for (const store::TenantKey &k : *keys)
        items.append(keyJson(k));
    return pagedList(req, items, {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("created_at")});
}

ApiResponse addKey(ApiContext &ctx, const ApiRequest &req)
{
    auto body = req.jsonBody();
    if (!body)
        return ApiResponse::error(400, QStringLiteral("invalid_request"), body.error().message());
    const QString pem = body->value(QStringLiteral("public_key_pem")).toString();
    if (pem.isEmpty())
        return ApiResponse::error(400, QStringLiteral("invalid_request"),
                                  tr("Send the public key as \"public_key_pem\" (-----BEGIN PUBLIC KEY-----)."));
    auto key = store::KeyRepository(ctx.db).add(req.principal.tenantId, body->value(QStringLiteral("name")).toString(),
                                                 pem.toUtf8());
    if (!key)
        return ApiResponse::fromError(key.error());
    ctx.audit(req.principal, QStringLiteral("key.add"), QStringLiteral("key"), QString::number(key->id),
              {{QStringLiteral("name"), key->name}, {QStringLiteral("kid"), key->kid},
               {QStringLiteral("algorithm"), key->algorithm}});
    return ApiResponse::json(201, keyJson(*key));
}

ApiResponse removeKey(ApiContext &ctx, const ApiRequest &req)
{
    const auto id = req.idParam();
    if (!id)
        return ApiResponse::error(404, QStringLiteral("not_found"), tr("No such key."));
    const store::KeyRepository keys(ctx.db);
    auto key = keys.find(req.principal.tenantId, *id);
    if (!key)
        return ApiResponse::fromError(key.error());
    if (auto st = keys.remove(req.principal.tenantId, *id); !st)
        return ApiResponse::fromError(st.error());
    ctx.audit(req.principal, QStringLiteral("key.remove"), QStringLiteral("key"), QString::number(*id),
              {{QStringLiteral("name"), key->name}, {QStringLiteral("kid"), key->kid}});
    return ApiResponse::noContent();
}
} // namespace

void addKeyRoutes(Router &r, ApiContext &ctx)
{
    r.add(Method::Get, QStringLiteral("/api/v1/keys"), Permission::KeysRead,
          [&ctx](ApiRequest &req) { return listKeys(ctx, req); });
    r.add(Method::Post, QStringLiteral("/api/v1/keys"), Permission::KeysWrite,
          [&ctx](ApiRequest &req) { return addKey(ctx, req); });
    r.add(Method::Delete, QStringLiteral("/api/v1/keys/{id}"), Permission::KeysWrite,
          [&ctx](ApiRequest &req) { return removeKey(ctx, req); });
}

} // namespace otadesk::server
