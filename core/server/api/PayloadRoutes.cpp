// Payloads: list, metadata, content (streamed from the blob store, with Range; or handed to nginx with
// X-Accel-Redirect), removal.
#include "core/server/api/ApiContext.h"
#include "core/server/api/JsonViews.h"
#include "core/server/api/RangeHeader.h"
#include "core/server/api/Router.h"
#include "core/store/PayloadRepository.h"

#include <QJsonArray>

namespace otadesk::server {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("otadesk::server", text);
}

std::variant<store::Payload, ApiResponse> payloadOf(ApiContext &ctx, const ApiRequest &req)
{
    const auto id = req.idParam();
    if (!id)
        return ApiResponse::error(404, QStringLiteral("not_found"), tr("No such payload: %1").arg(req.params.value(0)));
    auto p = store::PayloadRepository(ctx.db).find(req.principal.tenantId, *id);
    if (!p)
        return ApiResponse::fromError(p.error());
    return *p;
}

ApiResponse listPayloads(ApiContext &ctx, const ApiRequest &req)
{
    auto query = listQueryFrom(req);
    if (auto *r = std::get_if<ApiResponse>(&query))
        return *r;
    const auto &q = std::get<store::ListQuery>(query);
    auto page = store::PayloadRepository(ctx.db).list(req.principal.tenantId, q);
    if (!page)
        return ApiResponse::fromError(page.error());
    QJsonArray items;
    for (const store::Payload &p : page->items)
        items.append(payloadJson(p));
    return ApiResponse::json(200, pageJson(items, page->total, q));
}

ApiResponse getPayload(ApiContext &ctx, const ApiRequest &req)
{
    auto found = payloadOf(ctx, req);
    if (auto *r = std::get_if<ApiResponse>(&found))
        return *r;
    return ApiResponse::json(200, payloadJson(std::get<store::Payload>(found)));
}

QByteArray dispositionFor(const QString &name)
{
    QByteArray safe;
    for (QChar c : name) {
        const char16_t u = c.unicode();
        safe += (u >= 0x20 && u < 0x7f && u != '"' && u != '\\') ? char(u) : '_';
    }
    return "attachment; filename=\"" + (safe.isEmpty() ? QByteArray("payload.bin") : safe) + '"';
}

ApiResponse payloadContent(ApiContext &ctx, const ApiRequest &req)
{
    auto found = payloadOf(ctx, req);
    if (auto *r = std::get_if<ApiResponse>(&found))
        return *r;
    const store::Payload &p = std::get<store::Payload>(found);
    if (!ctx.blobs.contains(p.sha256))
        return ApiResponse::error(500, QStringLiteral("internal"),
                                  tr("The bytes of payload %1 are missing from the data folder.").arg(p.id));
    ApiResponse r;
    r.contentType = "application/octet-stream";
    r.headers = {{"ETag", '"' + p.sha256.toLatin1() + '"'},
                 {"Accept-Ranges", "bytes"},
                 {"Content-Disposition", dispositionFor(p.name)}};
    if (!ctx.config.accelRedirectPrefix.isEmpty()) {
        // nginx serves the file itself (sendfile, Range) from an internal location mapped to the data folder.
        r.headers.push_back({"X-Accel-Redirect", ctx.config.accelRedirectPrefix.toLatin1() + "sha256/" +
                                                  p.sha256.left(2).toLatin1() + '/' + p.sha256.toLatin1()});
        return r;
    }
    const RangeRequest range = parseRange(req.header("range"), p.size);
    if (range.unsatisfiable) {
        ApiResponse e = ApiResponse::error(416, QStringLiteral("range_not_satisfiable"),
                                           tr("The payload has %1 bytes; the requested range is outside.").arg(p.size));
        e.headers.push_back({"Content-Range", "bytes */" + QByteArray::number(p.size)});
        return e;
    }
    streamFile(r, ctx.blobs.pathFor(p.sha256), p.size, range);
    return r;
}

ApiResponse removePayload(ApiContext &ctx, const ApiRequest &req)
{
    auto found = payloadOf(ctx, req);
    if (auto *r = std::get_if<ApiResponse>(&found))
        return *r;
    const store::Payload &p = std::get<store::Payload>(found);
    if (auto st = store::PayloadRepository(ctx.db).remove(p.tenantId, p.id); !st)
        return ApiResponse::fromError(st.error());
    ctx.releaseBlob(p.sha256);
    ctx.audit(req.principal, QStringLiteral("payload.remove"), QStringLiteral("payload"), QString::number(p.id),
              {{QStringLiteral("name"), p.name}, {QStringLiteral("sha256"), p.sha256}});
    return ApiResponse::noContent();
}
} // namespace

void addPayloadRoutes(Router &r, ApiContext &ctx)
{
    r.add(Method::Get, QStringLiteral("/api/v1/payloads"), Permission::PayloadsRead,
          [&ctx](ApiRequest &req) { return listPayloads(ctx, req); });
    r.add(Method::Get, QStringLiteral("/api/v1/payloads/{id}"), Permission::PayloadsRead,
          [&ctx](ApiRequest &req) { return getPayload(ctx, req); });
    r.add(Method::Get, QStringLiteral("/api/v1/payloads/{id}/content"), Permission::PayloadsRead,
          [&ctx](ApiRequest &req) { return payloadContent(ctx, req); });
    r.add(Method::Delete, QStringLiteral("/api/v1/payloads/{id}"), Permission::PayloadsDelete,
          [&ctx](ApiRequest &req) { return removePayload(ctx, req); });
}

} // namespace otadesk::server
