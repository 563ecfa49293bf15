#pragma once
// Typed access to device updates in the management API (docs/device-updates.md §1): assign a manifest to
// devices, list, summary, cancel, a device's updates. ApiClient calls (asynchronous); parse call->object()
// with the fromJson functions here.
#include "core/client/ApiClient.h"
#include "core/client/ApiTypes.h"

#include <QDateTime>
#include <optional>

namespace otadesk::client {

struct UpdateStepInfo
{
    QString state;
    QString reason;
    QString message;
    QDateTime at;
};

struct UpdateInfo
{
    qint64 id = 0;
    QString serial;
    qint64 manifestId = 0;
    QString state;
    QString reason;
    QString message;
    bool downloadOnly = false;
    qint64 bytes = 0;
    QDateTime createdAt;
    QDateTime updatedAt;
    QString createdBy;
    QList<UpdateStepInfo> steps;
};

class UpdateClient
{
public:
    explicit UpdateClient(ApiClient *client) : m_client(client) {}

    // By serials when `serials` is not empty, else by `filter` ("" = every accepted device).
    ApiCall *assign(qint64 manifestId, const QString &filter, const QStringList &serials, bool downloadOnly) const;
    ApiCall *list(std::optional<qint64> manifestId, const QString &state, const ListQuery &query) const;
    ApiCall *summary(qint64 manifestId) const;
    ApiCall *update(qint64 id) const;
    ApiCall *cancel(qint64 id) const;
    ApiCall *deviceUpdates(const QString &serial) const;

    static UpdateInfo updateFromJson(const QJsonObject &o);
    static QList<UpdateInfo> updatesFromJson(const QJsonArray &items);

private:
    ApiClient *m_client;
};

} // namespace otadesk::client
