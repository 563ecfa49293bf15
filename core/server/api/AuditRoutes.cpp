// The audit log (newest first, paged) and the live event stream.
#include "core/server/api/ApiContext.h"
#include "core/server/api/JsonViews.h"
#include "core/server/api/Router.h"
#include "core/store/AuditLog.h"

#include <QJsonArray>

namespace otadesk::server {

namespace {
ApiResponse listAudit(ApiContext &ctx, const ApiRequest &req)
{
    auto query = listQueryFrom(req);
    if (auto *r = std::get_if<ApiResponse>(&query))
        return *r;
    const auto &q = std::get<store::ListQuery>(query);
    auto page = store::AuditLog(ctx.db).list(req.principal.tenantId, q.offset, q.limit);
    if (!page)
        return ApiResponse::fromError(page.error());
    QJsonArray items;
    for (const store::AuditEntry &e : page->entries)
        items.append(auditJson(e));
    return ApiResponse::json(200, pageJson(items, page->total, q));
}

ApiResponse events(const ApiRequest &req)
{
    ApiResponse r;
    r.contentType = "text/event-stream";
    r.headers = {{"Cache-Control", "no-cache"}, {"X-Accel-Buffering", "no"}};
    r.eventStream = true;
    r.eventTenant = req.principal.tenantId;
    return r;
}
} // namespace

void addAuditRoutes(Router &r, ApiContext &ctx)
{
    r.add(Method::Get, QStringLiteral("/api/v1/audit"), Permission::AuditRead,
          [&ctx](ApiRequest &req) { return listAudit(ctx, req); });
    r.add(Method::Get, QStringLiteral("/api/v1/events"), Permission::EventsRead,
          [](ApiRequest &req) { return events(req); });
}

} // namespace otadesk::server
