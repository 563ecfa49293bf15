#pragma once
// Typed access to the fleet part of the management API (devices, groups, enrolment tokens; docs/server.md):
// the calls, and the JSON answers turned into fleet::Device and friends. The calls are ApiClient calls
// (asynchronous, retried when idempotent); parse call->object() with the fromJson functions here.
#include "core/client/ApiClient.h"
#include "core/client/ApiTypes.h"
#include "core/fleet/Device.h"

namespace otadesk::client {

struct DevicePage
{
    QList<fleet::Device> items;
    qint64 total = -1; // -1 when the server was asked not to count
    qint64 offset = 0;
};

struct DeviceHistoryEntry
{
    qint64 id = 0;
    QDateTime at;
    QString kind;
    QJsonObject details;
};

struct DeviceDetails
{
    fleet::Device device;
    QList<DeviceHistoryEntry> history;
};

struct ImportProblem
{
    qint64 line = 0;
    QString column;
    QString message;
};

struct ImportReport
{
    bool dryRun = false;
    bool written = false;
    qint64 rows = 0, created = 0, updated = 0, unchanged = 0, problemsTotal = 0;
    QList<ImportProblem> problems;
    QList<std::pair<QString, QString>> tokens; // serial, device token
};

struct DeviceGroupInfo
{
    qint64 id = 0;
    QString name;
    QString kind; // static / dynamic
    QString filter;
    QString description;
    qint64 members = -1;
};

struct ImportOptions
{
    bool dryRun = false;
    bool update = true;
    bool issueTokens = false;
    bool allOrNothing = true;
    qint64 firstLine = 1;
};

class FleetClient
{
public:
    explicit FleetClient(ApiClient *client) : m_client(client) {}

    ApiCall *listDevices(const QString &filter, const ListQuery &query, bool withTotal = true) const;
    ApiCall *countDevices(const QString &filter) const;
    ApiCall *facets() const;
    ApiCall *device(const QString &serial) const;
    ApiCall *editDevice(const QString &serial, const QJsonObject &changes) const;
    ApiCall *removeDevice(const QString &serial) const;
    ApiCall *newDeviceToken(const QString &serial) const;
    // body: CSV text (with its header) or JSON; content type chosen from `json`.
    ApiCall *importDevices(const QByteArray &body, bool json, const ImportOptions &options) const;
    ApiCall *exportDevices(const QString &filter) const; // body() is the CSV

    ApiCall *listGroups() const;
    ApiCall *group(const QString &name) const;
    ApiCall *createGroup(const QString &name, const QString &filter, const QString &description = {}) const;
    ApiCall *editGroup(const QString &name, const QJsonObject &changes) const;
    ApiCall *removeGroup(const QString &name) const;
    ApiCall *addGroupMembers(const QString &name, const QStringList &serials) const;
    ApiCall *addGroupMatching(const QString &name, const QString &filter) const;
    ApiCall *removeGroupMembers(const QString &name, const QStringList &serials) const;

    ApiCall *listEnrolmentTokens() const;
    ApiCall *createEnrolmentToken(const QString &label, bool autoAccept, std::optional<int> expiresInDays) const;
    ApiCall *revokeEnrolmentToken(qint64 id) const;

    static fleet::Device deviceFromJson(const QJsonObject &o);
    static DevicePage devicePageFromJson(const QJsonObject &o);
    static DeviceDetails deviceDetailsFromJson(const QJsonObject &o);
    static ImportReport importReportFromJson(const QJsonObject &o);
    static DeviceGroupInfo groupFromJson(const QJsonObject &o);
    static QMap<QString, QStringList> facetsFromJson(const QJsonObject &o);

private:
    ApiClient *m_client;
};

} // namespace otadesk::client
