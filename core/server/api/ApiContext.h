#pragma once
// What the management API's routes share: the database, the blob store and upload files under the data
// folder, the event hub, the authenticator and the configuration. audit() records a change and publishes it
// on the tenant's event stream.
#include "core/server/ServerConfig.h"
#include "core/server/api/ApiTypes.h"
#include "core/server/api/Authenticator.h"
#include "core/server/api/EventHub.h"
#include "core/server/device/CheckinRecorder.h"
#include "core/server/device/DeviceAuthenticator.h"
#include "core/store/DeviceRepository.h"
#include "core/store/BlobStore.h"
#include "core/store/UploadFiles.h"

namespace otadesk::store {
class Database;
}

namespace otadesk::server {

class Router;
class DeviceUpdates;

class ApiContext
{
public:
    ApiContext(const store::Database &db, const ServerConfig &config);

    const store::Database &db;
    const ServerConfig &config;
    store::BlobStore blobs;
    store::UploadFiles uploads;
    Authenticator auth;
    DeviceAuthenticator deviceAuth;
    CheckinRecorder checkins;
    // Created on first use by DeviceUpdates::of() (a child of `events`); kept here so the check-in path does not
    // look it up.
    DeviceUpdates *deviceUpdates = nullptr;
    EventHub events;

    // Appends to the audit log and publishes it as an "audit" event; errors only logged (the change itself is
    // done; callers that need the entry in the same transaction use AuditLog directly).
    void audit(const Principal &who, const QString &action, const QString &objectType, const QString &objectId,
               const QJsonObject &details = {});
    // A filter text (query parameter "filter") compiled for this database, dynamic groups expanded; a 400
    // response naming the column of the problem otherwise.
    std::variant<store::DeviceWhere, ApiResponse> deviceWhere(const ApiRequest &request, const QString &filter) const;
    // Removes the blob unless a payload or manifest row of any tenant still uses it.
    void releaseBlob(const QString &sha256);
};

// Each adds its routes (files named after the resource).
void addIdentityRoutes(Router &router, ApiContext &ctx); // whoami, tenants, accounts, tokens
void addKeyRoutes(Router &router, ApiContext &ctx);
void addUploadRoutes(Router &router, ApiContext &ctx);
void addPayloadRoutes(Router &router, ApiContext &ctx);
void addManifestRoutes(Router &router, ApiContext &ctx);
void addAuditRoutes(Router &router, ApiContext &ctx); // audit log and the event stream
void addDeviceListRoutes(Router &router, ApiContext &ctx);  // list, count, facets, export, import
void addDeviceEditRoutes(Router &router, ApiContext &ctx);  // one device: show, edit, token, remove, events
void addGroupRoutes(Router &router, ApiContext &ctx);       // static and dynamic groups, enrolment tokens
void addDeviceProtocolRoutes(Router &router, ApiContext &ctx); // /device/v1: check-in, enrolment

// Aborts uploads untouched for a day and removes their part files; returns how many.
int purgeStaleUploads(ApiContext &ctx);

} // namespace otadesk::server
