#pragma once
// The write side of device check-ins, the hottest path of the server. A check-in that reports nothing new only
// moves last_seen/address: those are collected in memory and written many at a time (touch()); a report that
// differs from the stored one (by fingerprint) replaces the device's components and attributes and leaves an
// event in the device's history (applyReport()).
#include "core/common/Error.h"
#include "core/fleet/Device.h"

#include <QCoreApplication>

namespace otadesk::store {

class Database;

struct DeviceTouch
{
    qint64 deviceId = 0;
    qint64 at = 0;
    QString address;
    int checkins = 1;
};

struct ReportedState
{
    QList<fleet::InstalledComponent> components;
    QMap<QString, QString> attributes;
    QString updateState;
    QString wakeSchedule;
    QString fingerprint;
};

class DeviceCheckins
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::store::DeviceCheckins)
public:
    explicit DeviceCheckins(const Database &db) : m_db(db) {}

    // One transaction for all of them.
    Status touch(const QList<DeviceTouch> &touches) const;
    // Stores what the device reported (and touches it) and adds a history entry naming the previous versions.
    Status applyReport(qint64 tenantId, qint64 deviceId, const ReportedState &state, const DeviceTouch &touch) const;

private:
    const Database &m_db;
};

} // namespace otadesk::store
