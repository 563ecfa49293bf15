#pragma once
// The server side of device updates that outlives a request (docs/device-updates.md): the per-process map of
// devices whose update is waiting for something a check-in brings (pending / notified: the command; rebooting:
// the report that confirms it) so that a check-in of any other device runs no SQL at all — loaded at start,
// kept in step by this process's own changes and refreshed from the database every kRefreshMs by an
// updated_at watermark (other servers of a scale-out setup); the decoded manifests and the per-payload chunk
// digests; the check-in hook; events on the tenant's stream for every state change. One per ApiContext, a
// child of its EventHub.
#include "core/protocol/CheckinReport.h"
#include "core/server/device/ChunkIndex.h"
#include "core/server/device/ManifestFacts.h"
#include "core/store/DeviceCredentials.h"
#include "core/store/UpdateRepository.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>

namespace otadesk::server {

class ApiContext;
class Router;

class DeviceUpdates : public QObject
{
    Q_OBJECT
public:
    // The instance of this context, created (and its cache loaded) on first use.
    static DeviceUpdates &of(ApiContext &ctx);

    // The check-in route's one call (body: the check-in report as received): for a device with a rebooting
    // update whose report shows the signed digests, confirms it; returns the update command for the answer
    // (empty: none; always empty for devices that are not accepted).
    QJsonObject onCheckin(const store::DeviceIdentity &device, const QByteArray &body);

    // After this process changed updates: keeps the cache in step and publishes "update" events.
    void changed(const store::DeviceUpdate &update);
    void assigned(const store::AssignResult &result, qint64 tenantId);

    Result<std::shared_ptr<const ManifestFacts>> facts(qint64 tenantId, qint64 manifestId);
    ChunkIndex &chunks() { return m_chunks; }

    int watchedCount() const { return int(m_watched.size()); }
    void refresh();

    static QJsonObject updateJson(const store::DeviceUpdate &u);
    static constexpr int kRefreshMs = 2000;
    static constexpr qint64 kSlackMs = 5000; // clock differences between servers, same-millisecond writes
    static constexpr int kRefreshPage = 5000;

private:
    explicit DeviceUpdates(ApiContext &ctx);
    bool load();
    void apply(qint64 deviceId, qint64 updateId, const QString &state, bool active);
    void publish(const store::DeviceUpdate &u);
    void confirmFromReport(const store::DeviceUpdate &u, const QByteArray &body);
    QJsonObject command(store::DeviceUpdate u);

    struct Watched
    {
        qint64 updateId = 0;
        bool rebooting = false; // else pending / notified
    };
    ApiContext &m_ctx;
    QHash<qint64, Watched> m_watched; // device id -> its active update, when a check-in matters to it
    bool m_loaded = false;
    qint64 m_watermark = 0;
    QTimer m_timer;
    ManifestFactsCache m_facts;
    ChunkIndex m_chunks;
};

// Route groups (registered in HttpService next to the others).
void addUpdateRoutes(Router &router, ApiContext &ctx);       // /api/v1/updates, /api/v1/devices/{serial}/updates
void addDeviceUpdateRoutes(Router &router, ApiContext &ctx); // /device/v1/updates/{id}/...

} // namespace otadesk::server
