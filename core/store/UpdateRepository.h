#pragma once
// Device updates (docs/device-updates.md): one manifest assigned to one device, its state and each transition
// as a step. Assignment by a compiled device filter (DeviceRepository's WHERE fragment over `devices d`) or by
// serials; only accepted devices; at most one active update per device (a pending/notified one is replaced, a
// later one makes the device "skipped"). Transitions go through campaign::DeviceUpdateState and are written
// compare-and-set, so concurrent reports (or several servers) never lose or double a step.
#include "core/campaign/DeviceUpdateState.h"
#include "core/common/Error.h"
#include "core/store/DeviceRepository.h"
#include "core/store/StoreTypes.h"

#include <QCoreApplication>
#include <QSet>

namespace otadesk::store {

class Database;

struct UpdateStep
{
    QString state;
    QString reason;
    QString message;
    qint64 at = 0;
};

struct DeviceUpdate
{
    qint64 id = 0;
    qint64 tenantId = 0;
    qint64 deviceId = 0;
    QString serial;
    qint64 manifestId = 0;
    std::optional<qint64> campaignId;
    QString state;
    QString reason;
    QString message;
    bool downloadOnly = false;
    qint64 bytes = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    QString createdBy;
    QList<UpdateStep> steps; // filled by forDevice(withSteps) and find(withSteps)
    bool active() const;
};

struct UpdateAssignment
{
    qint64 manifestId = 0;
    bool downloadOnly = false;
    QString createdBy;
    std::optional<qint64> campaignId;
};

struct AssignResult
{
    qint64 assigned = 0;
    qint64 skipped = 0;           // an active update past notified, or the same manifest already active
    QList<qint64> updateIdsSample; // at most kSampleSize
    QStringList unknownSerials;    // by serials: not a device of the tenant, or not accepted
    QList<std::pair<qint64, qint64>> created;  // (device id, update id)
    QList<std::pair<qint64, qint64>> replaced; // (device id, update id) canceled in favour of the new one
    static constexpr int kSampleSize = 20;
};

struct TransitionResult
{
    DeviceUpdate update; // as it is now
    campaign::Verdict verdict = campaign::Verdict::Refuse;
    bool terminalAlready = false;
    QString why;
};

// One row of the check-in cache's refresh: an update that changed at or after the watermark.
struct UpdateChange
{
    qint64 id = 0;
    qint64 deviceId = 0;
    QString state;
    bool active = false;
    qint64 updatedAt = 0;
};

class UpdateRepository
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::store::UpdateRepository)
public:
    explicit UpdateRepository(const Database &db) : m_db(db) {}

    // All accepted devices matching `where`.
    Result<AssignResult> assign(qint64 tenantId, const DeviceWhere &where, const UpdateAssignment &a) const;
    Result<AssignResult> assignSerials(qint64 tenantId, const QStringList &serials, const UpdateAssignment &a) const;

    Result<DeviceUpdate> find(qint64 tenantId, qint64 id, bool withSteps = false) const;
    // A device's own update (404 for another device's).
    Result<DeviceUpdate> findForDevice(qint64 deviceId, qint64 id) const;
    // The device's active update, if any.
    Result<std::optional<DeviceUpdate>> activeOf(qint64 deviceId) const;
    // Newest first. Sortable by id, state, updated_at, created_at, serial.
    Result<ListPage<DeviceUpdate>> list(qint64 tenantId, std::optional<qint64> manifestId,
                                        const QString &state, const ListQuery &query) const;
    Result<QList<DeviceUpdate>> forDevice(qint64 tenantId, qint64 deviceId, bool withSteps, int limit = 100) const;
    // state name -> count of the manifest's updates (every state present, zeros included).
    Result<QMap<QString, qint64>> summary(qint64 tenantId, qint64 manifestId) const;

    // tenantId 0: do not check the tenant (device routes check the device instead). bytes < 0: unchanged.
    Result<TransitionResult> transition(qint64 tenantId, qint64 id, campaign::UpdateState next,
                                        campaign::Actor actor, const QString &reason = {},
                                        const QString &message = {}, qint64 bytes = -1) const;

    // For the check-in cache: the active updates in one of `states` and the highest updated_at of the table;
    // then the rows changed at or after a watermark, oldest first.
    Result<std::pair<QList<UpdateChange>, qint64>> activeIn(const QStringList &states) const;
    Result<QList<UpdateChange>> changedSince(qint64 updatedAtFrom, int limit) const;

    // The tenant's payload with this SHA-256 (hex), if any.
    Result<std::optional<Payload>> payloadBySha256(qint64 tenantId, const QString &sha256) const;
    // What the device's last check-in report says it runs: component name -> (digest, slot).
    Result<QHash<QString, std::pair<QByteArray, int>>> installedComponents(qint64 deviceId) const;

private:
    Result<AssignResult> assignDevices(qint64 tenantId, const QString &condition, const QVariantList &values,
                                       const UpdateAssignment &a) const;
    Status addStep(qint64 updateId, const QString &state, const QString &reason, const QString &message,
                   qint64 at) const;
    Status loadSteps(QList<DeviceUpdate> &updates) const;

    const Database &m_db;
};

} // namespace otadesk::store
