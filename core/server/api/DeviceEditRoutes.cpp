// One device: its details and history, operator edits (tags, metadata, acceptance), a new device token,
// removal.
#include "core/server/api/ApiContext.h"
#include "core/server/api/DeviceViews.h"
#include "core/server/api/Router.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace otadesk::server {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("otadesk::server", text);
}

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &x : v.toArray()) {
        if (x.isString() && !x.toString().trimmed().isEmpty())
            out.append(x.toString().trimmed());
    }
    return out;
}

ApiResponse showDevice(ApiContext &ctx, const ApiRequest &req)
{
    const store::DeviceRepository devices(ctx.db);
    auto d = devices.find(req.principal.tenantId, req.params.value(0));
    if (!d)
        return ApiResponse::fromError(d.error());
    QJsonObject o = deviceJson(*d, true);
    auto events = devices.events(req.principal.tenantId, d->id, 50);
    if (!events)
        return ApiResponse::fromError(events.error());
    QJsonArray history;
    for (const store::DeviceEvent &e : *events)
        history.append(deviceEventJson(e));
    o.insert(QStringLiteral("history"), history);
    return ApiResponse::json(200, o);
}

ApiResponse editDevice(ApiContext &ctx, const ApiRequest &req)
{
    auto body = req.jsonBody();
    if (!body)
        return ApiResponse::error(400, QStringLiteral("invalid_request"), body.error().message());
    const store::DeviceRepository devices(ctx.db);
    auto d = devices.find(req.principal.tenantId, req.params.value(0));
    if (!d)
        return ApiResponse::fromError(d.error());
    const QStringList addTags = strings(body->value(QStringLiteral("add_tags")));
    const QStringList removeTags = strings(body->value(QStringLiteral("remove_tags")));
    for (const QString &t : addTags) {
        if (t.size() > 128)
            return ApiResponse::error(400, QStringLiteral("invalid_request"), tr("A tag has at most 128 characters."));
    }
    if (!addTags.isEmpty() || !removeTags.isEmpty()) {
        if (auto st = devices.setTags(req.principal.tenantId, d->id, addTags, removeTags); !st)
            return ApiResponse::fromError(st.error());
    }
    QMap<QString, QString> meta;
    const QJsonObject metaJson = body->value(QStringLiteral("metadata")).toObject();
    for (auto it = metaJson.begin(); it != metaJson.end(); ++it) {
        if (it.key().isEmpty() || it.key().size() > 128 || it.value().toString().size() > 1024)
            return ApiResponse::error(400, QStringLiteral("invalid_request"),
                                      tr("Metadata names have 1 to 128 characters, values at most 1024."));
        meta.insert(it.key(), it.value().toVariant().toString());
    }
    const QStringList removeMeta = strings(body->value(QStringLiteral("remove_metadata")));
    if (!meta.isEmpty() || !removeMeta.isEmpty()) {
        if (auto st = devices.setMetadata(req.principal.tenantId, d->id, meta, removeMeta); !st)
            return ApiResponse::fromError(st.error());
    }
    const QString status = body->value(QStringLiteral("status")).toString();
    if (!status.isEmpty()) {
        if (status != QLatin1String("accepted") && status != QLatin1String("rejected"))
            return ApiResponse::error(400, QStringLiteral("invalid_request"),
                                      tr("A device's status can be set to accepted or rejected."));
        if (auto st = devices.setStatus(req.principal.tenantId, d->id, status); !st)
            return ApiResponse::fromError(st.error());
        ctx.deviceAuth.forget(d->id);
        const QJsonObject by{{QStringLiteral("by"), req.principal.accountName}};
        (void)devices.addEvent(req.principal.tenantId, d->id, status,
                               QString::fromUtf8(QJsonDocument(by).toJson(QJsonDocument::Compact)));
    }
    ctx.audit(req.principal, QStringLiteral("device.edit"), QStringLiteral("device"), d->serial, *body);
    auto updated = devices.findById(req.principal.tenantId, d->id);
    if (!updated)
        return ApiResponse::fromError(updated.error());
    return ApiResponse::json(200, deviceJson(*updated, true));
}

ApiResponse newToken(ApiContext &ctx, const ApiRequest &req)
{
    auto d = store::DeviceRepository(ctx.db).find(req.principal.tenantId, req.params.value(0));
    if (!d)
        return ApiResponse::fromError(d.error());
    auto token = store::DeviceCredentials(ctx.db).issueToken(req.principal.tenantId, d->id);
    if (!token)
        return ApiResponse::fromError(token.error());
    ctx.deviceAuth.forget(d->id);
    ctx.audit(req.principal, QStringLiteral("device.token"), QStringLiteral("device"), d->serial,
              {{QStringLiteral("prefix"), token->prefix}});
    return ApiResponse::json(201, {{QStringLiteral("serial"), d->serial},
                                   {QStringLiteral("device_token"), token->token},
                                   {QStringLiteral("prefix"), token->prefix}});
}

ApiResponse removeDevice(ApiContext &ctx, const ApiRequest &req)
{
    const store::DeviceRepository devices(ctx.db);
    auto d = devices.find(req.principal.tenantId, req.params.value(0));
    if (!d)
        return ApiResponse::fromError(d.error());
    if (auto st = devices.remove(req.principal.tenantId, d->id); !st)
        return ApiResponse::fromError(st.error());
    ctx.deviceAuth.forget(d->id);
    ctx.audit(req.principal, QStringLiteral("device.remove"), QStringLiteral("device"), d->serial,
              {{QStringLiteral("model"), d->model}});
    return ApiResponse::noContent();
}
} // namespace

void addDeviceEditRoutes(Router &r, ApiContext &ctx)
{
    r.add(Method::Get, QStringLiteral("/api/v1/devices/{serial}"), Permission::DevicesRead,
          [&ctx](ApiRequest &req) { return showDevice(ctx, req); });
    r.add(Method::Patch, QStringLiteral("/api/v1/devices/{serial}"), Permission::DevicesWrite,
          [&ctx](ApiRequest &req) { return editDevice(ctx, req); });
    r.add(Method::Delete, QStringLiteral("/api/v1/devices/{serial}"), Permission::DevicesWrite,
          [&ctx](ApiRequest &req) { return removeDevice(ctx, req); });
    r.add(Method::Post, QStringLiteral("/api/v1/devices/{serial}/token"), Permission::DevicesWrite,
          [&ctx](ApiRequest &req) { return newToken(ctx, req); });
}

} // namespace otadesk::server
