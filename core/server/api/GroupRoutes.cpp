// Device groups (static lists and dynamic saved filters) and the tenant's enrolment tokens.
#include "core/fleet/filter/Filter.h"
#include "core/server/api/ApiContext.h"
#include "core/server/api/DeviceViews.h"
#include "core/server/api/Router.h"

#include <QJsonArray>

namespace otadesk::server {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("otadesk::server", text);
}

ApiResponse listGroups(ApiContext &ctx, const ApiRequest &req)
{
    auto groups = store::GroupRepository(ctx.db).list(req.principal.tenantId);
    if (!groups)
        return ApiResponse::fromError(groups.error());
    QList<QJsonObject> items;
    for (const store::DeviceGroup &g : *groups)
        items.append(groupJson(g));
    return pagedList(req, items, {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("created_at")});
}

// A dynamic group's filter must parse and must not refer to itself through other groups.
std::optional<ApiResponse> checkFilter(ApiContext &ctx, const ApiRequest &req, const QString &name, const QString &text)
{
    auto parsed = fleet::Filter::parse(text);
    if (!parsed)
        return ApiResponse::error(400, QStringLiteral("invalid_filter"), parsed.error().message(),
                                  {{QStringLiteral("column"), double(parsed.error().where().offset + 1)}});
    const qint64 tenantId = req.principal.tenantId;
    auto expanded = parsed->expandGroups([&](const QString &g) -> std::optional<QString> {
        if (g == name)
            return text;
        auto found = store::GroupRepository(ctx.db).find(tenantId, g);
        if (!found || found->kind != QLatin1String("dynamic"))
            return std::nullopt;
        return found->filter;
    });
    if (!expanded)
        return ApiResponse::error(400, QStringLiteral("invalid_filter"), expanded.error().message());
    return std::nullopt;
}

ApiResponse createGroup(ApiContext &ctx, const ApiRequest &req)
{
    auto body = req.jsonBody();
    if (!body)
        return ApiResponse::error(400, QStringLiteral("invalid_request"), body.error().message());
    store::DeviceGroup g;
    g.name = body->value(QStringLiteral("name")).toString().trimmed();
    g.filter = body->value(QStringLiteral("filter")).toString().trimmed();
    g.kind = body->value(QStringLiteral("kind")).toString(g.filter.isEmpty() ? QStringLiteral("static")
                                                                               : QStringLiteral("dynamic"));
    g.description = body->value(QStringLiteral("description")).toString();
    g.createdBy = req.principal.accountName;
    if (g.kind == QLatin1String("dynamic")) {
        if (g.filter.isEmpty())
            return ApiResponse::error(400, QStringLiteral("invalid_request"),
                                      tr("A dynamic group needs a filter, e.g. \"model==GW-200;tag==beta\"."));
        if (auto bad = checkFilter(ctx, req, g.name, g.filter))
            return *bad;
    }
    auto created = store::GroupRepository(ctx.db).create(req.principal.tenantId, g);
    if (!created)
        return ApiResponse::fromError(created.error());
    ctx.audit(req.principal, QStringLiteral("group.create"), QStringLiteral("group"), created->name,
              {{QStringLiteral("kind"), created->kind}, {QStringLiteral("filter"), created->filter}});
    return ApiResponse::json(201, groupJson(*created));
}

ApiResponse showGroup(ApiContext &ctx, const ApiRequest &req)
{
    auto g = store::GroupRepository(ctx.db).find(req.principal.tenantId, req.params.value(0));
    if (!g)
        return ApiResponse::fromError(g.error());
    return ApiResponse::json(200, groupJson(*g));
}

ApiResponse editGroup(ApiContext &ctx, const ApiRequest &req)
{
    auto body = req.jsonBody();
    if (!body)
        return ApiResponse::error(400, QStringLiteral("invalid_request"), body.error().message());
    const store::GroupRepository groups(ctx.db);
    auto g = groups.find(req.principal.tenantId, req.params.value(0));
    if (!g)
        return ApiResponse::fromError(g.error());
    const QString filter = body->value(QStringLiteral("filter")).toString(g->filter).trimmed();
    if (g->kind == QLatin1String("static") && !filter.isEmpty())
        return ApiResponse::error(400, QStringLiteral("invalid_request"),
                                  tr("A static group has members, not a filter; add devices to it instead."));
    if (g->kind == QLatin1String("dynamic")) {
        if (auto bad = checkFilter(ctx, req, g->name, filter))
            return *bad;
    }
    if (auto st = groups.update(req.principal.tenantId, g->id, filter,
                                body->value(QStringLiteral("description")).toString(g->description));
        !st)
        return ApiResponse::fromError(st.error());
    ctx.audit(req.principal, QStringLiteral("group.edit"), QStringLiteral("group"), g->name, *body);
    auto updated = groups.find(req.principal.tenantId, g->name);
    if (!updated)
        return ApiResponse::fromError(updated.error());
    return ApiResponse::json(200, groupJson(*updated));
}

ApiResponse removeGroup(ApiContext &ctx, const ApiRequest &req)
{
    const store::GroupRepository groups(ctx.db);
    auto g = groups.find(req.principal.tenantId, req.params.value(0));
    if (!g)
        return ApiResponse::fromError(g.error());
    if (auto st = groups.remove(req.principal.tenantId, g->id); !st)
        return ApiResponse::fromError(st.error());
    ctx.audit(req.principal, QStringLiteral("group.remove"), QStringLiteral("group"), g->name);
    return ApiResponse::noContent();
}

// {"serials": [...]} adds those devices; {"filter": "..."} adds everything matching now.
ApiResponse changeMembers(ApiContext &ctx, const ApiRequest &req, bool add)
{
    auto body = req.jsonBody();
    if (!body)
        return ApiResponse::error(400, QStringLiteral("invalid_request"), body.error().message());
    const store::GroupRepository groups(ctx.db);
    auto g = groups.find(req.principal.tenantId, req.params.value(0));
    if (!g)
        return ApiResponse::fromError(g.error());
    if (g->kind != QLatin1String("static"))
        return ApiResponse::error(409, QStringLiteral("conflict"),
                                  tr("The group %1 is dynamic: its members are the devices matching its filter.")
                                      .arg(g->name));
    QStringList serials;
    for (const QJsonValue &v : body->value(QStringLiteral("serials")).toArray())
        serials.append(v.toString());
    QJsonObject out;
    if (add && body->contains(QStringLiteral("filter"))) {
        auto where = ctx.deviceWhere(req, body->value(QStringLiteral("filter")).toString());
        if (auto *r = std::get_if<ApiResponse>(&where))
            return *r;
        auto n = groups.addMatching(req.principal.tenantId, g->id, std::get<store::DeviceWhere>(where));
        if (!n)
            return ApiResponse::fromError(n.error());
        out.insert(QStringLiteral("added"), double(*n));
    } else if (add) {
        auto r = groups.addMembers(req.principal.tenantId, g->id, serials);
        if (!r)
            return ApiResponse::fromError(r.error());
        out.insert(QStringLiteral("added"), double(r->first));
        out.insert(QStringLiteral("unknown"), QJsonArray::fromStringList(r->second));
    } else {
        auto n = groups.removeMembers(req.principal.tenantId, g->id, serials);
        if (!n)
            return ApiResponse::fromError(n.error());
        out.insert(QStringLiteral("removed"), double(*n));
    }
    ctx.audit(req.principal, add ? QStringLiteral("group.add") : QStringLiteral("group.remove_members"),
              QStringLiteral("group"), g->name, out);
    return ApiResponse::json(200, out);
}

ApiResponse listEnrolmentTokens(ApiContext &ctx, const ApiRequest &req)
{
    auto tokens = store::DeviceCredentials(ctx.db).enrolmentTokens(req.principal.tenantId);
    if (!tokens)
        return ApiResponse::fromError(tokens.error());
    QList<QJsonObject> items;
    for (const store::EnrolmentToken &t : *tokens)
        items.append(enrolmentTokenJson(t));
    return pagedList(req, items, {QStringLiteral("id"), QStringLiteral("created_at")});
}

ApiResponse createEnrolmentToken(ApiContext &ctx, const ApiRequest &req)
{
    auto body = req.jsonBody();
    if (!body)
        return ApiResponse::error(400, QStringLiteral("invalid_request"), body.error().message());
    std::optional<qint64> expires;
    if (body->contains(QStringLiteral("expires_in_days"))) {
        const int days = body->value(QStringLiteral("expires_in_days")).toInt(-1);
        if (days < 1 || days > 3650)
            return ApiResponse::error(400, QStringLiteral("invalid_request"),
                                      tr("expires_in_days must be from 1 to 3650."));
        expires = store::nowMs() + qint64(days) * 86'400'000;
    }
    auto created = store::DeviceCredentials(ctx.db).createEnrolmentToken(
        req.principal.tenantId, body->value(QStringLiteral("label")).toString(),
        body->value(QStringLiteral("auto_accept")).toBool(false), expires, req.principal.accountName);
    if (!created)
        return ApiResponse::fromError(created.error());
    ctx.audit(req.principal, QStringLiteral("enrolment_token.create"), QStringLiteral("enrolment_token"),
              QString::number(created->first.id), {{QStringLiteral("auto_accept"), created->first.autoAccept}});
    QJsonObject out = enrolmentTokenJson(created->first);
    out.insert(QStringLiteral("token"), created->second);
    return ApiResponse::json(201, out);
}

ApiResponse revokeEnrolmentToken(ApiContext &ctx, const ApiRequest &req)
{
    const auto id = req.idParam();
    if (!id)
        return ApiResponse::error(404, QStringLiteral("not_found"), tr("No such enrolment token."));
    if (auto st = store::DeviceCredentials(ctx.db).revokeEnrolmentToken(req.principal.tenantId, *id); !st)
        return ApiResponse::fromError(st.error());
    ctx.audit(req.principal, QStringLiteral("enrolment_token.revoke"), QStringLiteral("enrolment_token"),
              QString::number(*id));
    return ApiResponse::noContent();
}
} // namespace

void addGroupRoutes(Router &r, ApiContext &ctx)
{
    r.add(Method::Get, QStringLiteral("/api/v1/groups"), Permission::DevicesRead,
          [&ctx](ApiRequest &req) { return listGroups(ctx, req); });
    r.add(Method::Post, QStringLiteral("/api/v1/groups"), Permission::GroupsWrite,
          [&ctx](ApiRequest &req) { return createGroup(ctx, req); });
    r.add(Method::Get, QStringLiteral("/api/v1/groups/{name}"), Permission::DevicesRead,
          [&ctx](ApiRequest &req) { return showGroup(ctx, req); });
    r.add(Method::Patch, QStringLiteral("/api/v1/groups/{name}"), Permission::GroupsWrite,
          [&ctx](ApiRequest &req) { return editGroup(ctx, req); });
    r.add(Method::Delete, QStringLiteral("/api/v1/groups/{name}"), Permission::GroupsWrite,
          [&ctx](ApiRequest &req) { return removeGroup(ctx, req); });
    r.add(Method::Post, QStringLiteral("/api/v1/groups/{name}/members"), Permission::GroupsWrite,
          [&ctx](ApiRequest &req) { return changeMembers(ctx, req, true); });
    r.add(Method::Delete, QStringLiteral("/api/v1/groups/{name}/members"), Permission::GroupsWrite,
          [&ctx](ApiRequest &req) { return changeMembers(ctx, req, false); });
    r.add(Method::Get, QStringLiteral("/api/v1/enrolment-tokens"), Permission::DevicesImport,
          [&ctx](ApiRequest &req) { return listEnrolmentTokens(ctx, req); });
    r.add(Method::Post, QStringLiteral("/api/v1/enrolment-tokens"), Permission::DevicesImport,
          [&ctx](ApiRequest &req) { return createEnrolmentToken(ctx, req); });
    r.add(Method::Delete, QStringLiteral("/api/v1/enrolment-tokens/{id}"), Permission::DevicesImport,
          [&ctx](ApiRequest &req) { return revokeEnrolmentToken(ctx, req); });
}

} // namespace otadesk::server
