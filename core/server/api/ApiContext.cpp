#include "core/server/api/ApiContext.h"

#include "core/server/api/JsonViews.h"

#include "core/common/Logging.h"
#include "core/store/AuditLog.h"
#include "core/store/PayloadRepository.h"

namespace otadesk::server {


ApiContext::ApiContext(const store::Database &database, const ServerConfig &serverConfig)
    : db(database), config(serverConfig), blobs(serverConfig.dataDir), uploads(blobs), auth(database)
{
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
