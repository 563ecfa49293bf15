#include "core/server/api/ApiContext.h"

#include "core/server/api/JsonViews.h"

#include "core/common/Logging.h"
#include "core/store/AuditLog.h"
#include "core/fleet/filter/Filter.h"
#include "core/store/Database.h"
#include "core/store/GroupRepository.h"
#include "core/store/PayloadRepository.h"

namespace otadesk::server {


ApiContext::ApiContext(const store::Database &database, const ServerConfig &serverConfig)
    : db(database), config(serverConfig), blobs(serverConfig.dataDir), uploads(blobs), auth(database),
      deviceAuth(database, serverConfig), checkins(database, qint64(serverConfig.lastSeenIntervalSeconds) * 1000)
{
}

std::variant<store::DeviceWhere, ApiResponse> ApiContext::deviceWhere(const ApiRequest &req, const QString &text) const
{
    auto parsed = fleet::Filter::parse(text);
    if (!parsed)
        return ApiResponse::error(400, QStringLiteral("invalid_filter"), parsed.error().message(),
                                  {{QStringLiteral("column"), double(parsed.error().where().offset + 1)}});
    const qint64 tenantId = req.principal.tenantId;
    auto expanded = parsed->expandGroups([this, tenantId](const QString &name) -> std::optional<QString> {
        auto g = store::GroupRepository(db).find(tenantId, name);
        if (!g || g->kind != QLatin1String("dynamic"))
            return std::nullopt;
        return g->filter;
    });
    if (!expanded)
        return ApiResponse::error(400, QStringLiteral("invalid_filter"), expanded.error().message());
    fleet::FilterContext ctx;
    ctx.nowMs = store::nowMs();
    return store::DeviceWhere::fromFilter(*expanded, db.dialect(), ctx);
}

void ApiContext::audit(const Principal &who, const QString &action, const QString &objectType,
                       const QString &objectId, const QJsonObject &details)
{
    auto entry = store::AuditLog(db).append(who.tenantId, who.accountName, action, objectType, objectId, details);
    if (!entry) {
        qCWarning(lcServer).noquote() << "cannot write the audit log:" << entry.error().message();
        return;
    }
    events.publish(who.tenantId, "audit", entry->id, auditJson(*entry));
}

void ApiContext::releaseBlob(const QString &sha256)
{
    auto refs = store::PayloadRepository(db).referencesTo(sha256);
    if (refs && *refs == 0 && blobs.contains(sha256))
        (void)blobs.remove(sha256);
}

} // namespace otadesk::server
