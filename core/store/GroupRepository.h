#pragma once
// Device groups of a tenant. A dynamic group is a saved filter (its members are whatever matches now); a static
// group is an explicit list of devices with no size limit, filled by serials or by a snapshot of a filter.
#include "core/common/Error.h"
#include "core/store/DeviceRepository.h"

namespace otadesk::store {

struct DeviceGroup
{
    qint64 id = 0;
    QString name;
    QString kind; // "static" or "dynamic"
    QString filter;
    QString description;
    QString createdBy;
    qint64 createdAt = 0;
    qint64 members = -1; // static groups: the member count; -1 when not counted
};

class GroupRepository
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::store::GroupRepository)
public:
    explicit GroupRepository(const Database &db) : m_db(db) {}

    Result<DeviceGroup> create(qint64 tenantId, const DeviceGroup &group) const;
    Result<QList<DeviceGroup>> list(qint64 tenantId) const;
    Result<DeviceGroup> find(qint64 tenantId, const QString &name) const;
    Status update(qint64 tenantId, qint64 id, const QString &filter, const QString &description) const;
    Status remove(qint64 tenantId, qint64 id) const;

    // Adds the devices with these serials; returns how many were added and the serials that are unknown.
    Result<std::pair<qint64, QStringList>> addMembers(qint64 tenantId, qint64 groupId, const QStringList &serials) const;
    // Adds every device matching `where` now (a snapshot); returns how many were added.
    Result<qint64> addMatching(qint64 tenantId, qint64 groupId, const DeviceWhere &where) const;
    Result<qint64> removeMembers(qint64 tenantId, qint64 groupId, const QStringList &serials) const;

    static bool validName(const QString &name);

private:
    const Database &m_db;
};

} // namespace otadesk::store
