// Device updates in the management API (docs/device-updates.md §1): assign a manifest to devices by filter or
// serials, list and count them by state, a device's updates with their steps, cancel. Assignments and cancels
// are audited; every state change is an "update" event on the tenant's stream.
#include "core/server/api/ApiContext.h"
#include "core/server/api/Router.h"
#include "core/server/device/DeviceUpdates.h"

#include <QJsonArray>

namespace otadesk::server {

using campaign::Actor;
using campaign::UpdateState;
using campaign::Verdict;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("otadesk::server", text);
}

constexpr int kMaxSerials = 10000;

ApiResponse assign(ApiContext &ctx, ApiRequest &req)
{
    auto body = req.jsonBody();
    if (!body)
        return ApiResponse::error(400, QStringLiteral("invalid_request"), body.error().message());
    const QJsonValue manifest = body->value(QStringLiteral("manifest_id"));
    if (!manifest.isDouble() || manifest.toDouble() < 1 || manifest.toDouble() != double(manifest.toInteger()))
        return ApiResponse::error(400, QStringLiteral("invalid_request"),
                                  tr("\"manifest_id\" must be the id of a manifest (GET /api/v1/manifests)."));
    const bool hasFilter = body->contains(QStringLiteral("filter"));
    const bool hasSerials = body->contains(QStringLiteral("serials"));
    if (hasFilter == hasSerials)
        return ApiResponse::error(400, QStringLiteral("invalid_request"),
                                  tr("Name the devices with either \"filter\" (the filter language; \"\" for all "
                                     "devices) or \"serials\" (a list), not both."));
    const QJsonValue downloadOnly = body->value(QStringLiteral("download_only"));
    if (!downloadOnly.isUndefined() && !downloadOnly.isBool())
        return ApiResponse::error(400, QStringLiteral("invalid_request"), tr("\"download_only\" must be true or false."));
    store::UpdateAssignment a;
    a.manifestId = manifest.toInteger();
    a.downloadOnly = downloadOnly.toBool();
    a.createdBy = req.principal.accountName;
    const store::UpdateRepository repo(ctx.db);
    Result<store::AssignResult> result;
    QJsonObject details{{QStringLiteral("manifest_id"), double(a.manifestId)},
                        {QStringLiteral("download_only"), a.downloadOnly}};
    if (hasFilter) {
        const QJsonValue filter = body->value(QStringLiteral("filter"));
        if (!filter.isString())
            return ApiResponse::error(400, QStringLiteral("invalid_request"), tr("\"filter\" must be text."));
        auto where = ctx.deviceWhere(req, filter.toString());
        if (auto *r = std::get_if<ApiResponse>(&where))
            return *r;
        result = repo.assign(req.principal.tenantId, std::get<store::DeviceWhere>(where), a);
        details.insert(QStringLiteral("filter"), filter.toString());
    } else {
        const QJsonValue serials = body->value(QStringLiteral("serials"));
        if (!serials.isArray() || serials.toArray().isEmpty() || serials.toArray().size() > kMaxSerials)
            return ApiResponse::error(400, QStringLiteral("invalid_request"),
                                      tr("\"serials\" must be a list of 1 to %1 device serials.").arg(kMaxSerials));
        QStringList list;
        for (const QJsonValue &s : serials.toArray()) {
            if (!s.isString() || s.toString().isEmpty())
                return ApiResponse::error(400, QStringLiteral("invalid_request"),
                                          tr("Every entry of \"serials\" must be a non-empty text."));
            list << s.toString();
        }
        result = repo.assignSerials(req.principal.tenantId, list, a);
        details.insert(QStringLiteral("serials"), double(list.size()));
    }
    if (!result)
        return ApiResponse::fromError(result.error());
    DeviceUpdates::of(ctx).assigned(*result, req.principal.tenantId);
    QJsonArray sample;
    for (qint64 id : result->updateIdsSample)
        sample.append(double(id));
    details.insert(QStringLiteral("assigned"), double(result->assigned));
    details.insert(QStringLiteral("skipped"), double(result->skipped));
    details.insert(QStringLiteral("replaced"), double(result->replaced.size()));
    ctx.audit(req.principal, QStringLiteral("update.assign"), QStringLiteral("manifest"),
              QString::number(a.manifestId), details);
    QJsonObject out{{QStringLiteral("assigned"), double(result->assigned)},
                    {QStringLiteral("skipped"), double(result->skipped)},
                    {QStringLiteral("replaced"), double(result->replaced.size())},
                    {QStringLiteral("update_ids_sample"), sample}};
    if (hasSerials)
        out.insert(QStringLiteral("unknown_serials"), QJsonArray::fromStringList(result->unknownSerials));
    return ApiResponse::json(201, out);
}

std::optional<qint64> manifestParam(const ApiRequest &req, bool &bad)
{
    const QString text = req.query(QStringLiteral("manifest_id"));
    bad = false;
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0) {
        bad = true;
        return std::nullopt;
    }
    return id;
}

ApiResponse list(ApiContext &ctx, ApiRequest &req)
{
    auto query = listQueryFrom(req);
    if (auto *r = std::get_if<ApiResponse>(&query))
        return *r;
    bool bad = false;
    const auto manifest = manifestParam(req, bad);
    if (bad)
        return ApiResponse::error(400, QStringLiteral("invalid_request"), tr("\"manifest_id\" must be a manifest id."));
    const auto &q = std::get<store::ListQuery>(query);
    auto page = store::UpdateRepository(ctx.db).list(req.principal.tenantId, manifest,
                                                     req.query(QStringLiteral("state")), q);
    if (!page)
        return ApiResponse::fromError(page.error());
    QJsonArray items;
    for (const store::DeviceUpdate &u : page->items)
        items.append(DeviceUpdates::updateJson(u));
    return ApiResponse::json(200, pageJson(items, page->total, q));
}

ApiResponse summary(ApiContext &ctx, ApiRequest &req)
{
    bool bad = false;
    const auto manifest = manifestParam(req, bad);
    if (bad || !manifest)
        return ApiResponse::error(400, QStringLiteral("invalid_request"),
                                  tr("Name the manifest: /api/v1/updates/summary?manifest_id=ID."));
    auto counts = store::UpdateRepository(ctx.db).summary(req.principal.tenantId, *manifest);
    if (!counts)
        return ApiResponse::fromError(counts.error());
    QJsonObject states;
    qint64 total = 0;
    for (auto it = counts->begin(); it != counts->end(); ++it) {
        states.insert(it.key(), double(it.value()));
        total += it.value();
    }
    return ApiResponse::json(200, {{QStringLiteral("manifest_id"), double(*manifest)},
                                   {QStringLiteral("total"), double(total)},
                                   {QStringLiteral("states"), states}});
}

ApiResponse getUpdate(ApiContext &ctx, ApiRequest &req)
{
    const auto id = req.idParam();
    if (!id)
        return ApiResponse::error(404, QStringLiteral("not_found"), tr("No such update: %1").arg(req.params.value(0)));
    auto u = store::UpdateRepository(ctx.db).find(req.principal.tenantId, *id, true);
    if (!u)
        return ApiResponse::fromError(u.error());
    return ApiResponse::json(200, DeviceUpdates::updateJson(*u));
}

ApiResponse cancel(ApiContext &ctx, ApiRequest &req)
{
    const auto id = req.idParam();
    if (!id)
        return ApiResponse::error(404, QStringLiteral("not_found"), tr("No such update: %1").arg(req.params.value(0)));
    auto moved = store::UpdateRepository(ctx.db).transition(req.principal.tenantId, *id, UpdateState::Canceled,
                                                            Actor::Operator, {},
                                                            tr("Canceled by %1.").arg(req.principal.accountName));
    if (!moved)
        return ApiResponse::fromError(moved.error());
    if (moved->verdict == Verdict::Refuse)
        return ApiResponse::error(409, QStringLiteral("update_finished"),
                                  tr("Update %1 is over (%2) and cannot be canceled.").arg(*id).arg(moved->update.state),
                                  {{QStringLiteral("state"), moved->update.state}});
    DeviceUpdates::of(ctx).changed(moved->update);
    ctx.audit(req.principal, QStringLiteral("update.cancel"), QStringLiteral("update"), QString::number(*id),
              {{QStringLiteral("serial"), moved->update.serial},
               {QStringLiteral("manifest_id"), double(moved->update.manifestId)}});
    return ApiResponse::json(200, DeviceUpdates::updateJson(moved->update));
}

ApiResponse deviceUpdates(ApiContext &ctx, ApiRequest &req)
{
    auto d = store::DeviceRepository(ctx.db).find(req.principal.tenantId, req.params.value(0));
    if (!d)
        return ApiResponse::fromError(d.error());
    auto updates = store::UpdateRepository(ctx.db).forDevice(req.principal.tenantId, d->id, true);
    if (!updates)
        return ApiResponse::fromError(updates.error());
    QJsonArray items;
    for (const store::DeviceUpdate &u : *updates)
        items.append(DeviceUpdates::updateJson(u));
    return ApiResponse::json(200, {{QStringLiteral("serial"), d->serial}, {QStringLiteral("items"), items}});
}
} // namespace

void addUpdateRoutes(Router &r, ApiContext &ctx)
{
    r.add(Method::Post, QStringLiteral("/api/v1/updates"), Permission::UpdatesWrite,
          [&ctx](ApiRequest &req) { return assign(ctx, req); });
    r.add(Method::Get, QStringLiteral("/api/v1/updates"), Permission::DevicesRead,
          [&ctx](ApiRequest &req) { return list(ctx, req); });
    r.add(Method::Get, QStringLiteral("/api/v1/updates/summary"), Permission::DevicesRead,
          [&ctx](ApiRequest &req) { return summary(ctx, req); });
    r.add(Method::Get, QStringLiteral("/api/v1/updates/{id}"), Permission::DevicesRead,
          [&ctx](ApiRequest &req) { return getUpdate(ctx, req); });
    r.add(Method::Delete, QStringLiteral("/api/v1/updates/{id}"), Permission::UpdatesWrite,
          [&ctx](ApiRequest &req) { return cancel(ctx, req); });
    r.add(Method::Get, QStringLiteral("/api/v1/devices/{serial}/updates"), Permission::DevicesRead,
          [&ctx](ApiRequest &req) { return deviceUpdates(ctx, req); });
}

} // namespace otadesk::server
