#pragma once
// One device of a tenant's fleet as the server knows it: identity and production data (set at provisioning),
// what the device reports about itself at check-in (components, attributes, address), operator tags and
// metadata, and bookkeeping (first/last seen, update state). The device's own report is the truth about what
// it runs.
#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace otadesk::fleet {

struct InstalledComponent
{
    QString name;      // "main", "radio", "bootloader"
    QString version;   // as reported: "2.3.0", "1.4.2+17" (MCUboot), "[1,4,2]" (SUIT)
    QByteArray digest; // SHA-256 of the installed image, may be empty
    int slot = -1;     // A/B slot it runs from, -1 when not reported
};

struct Device
{
    qint64 id = 0;
    qint64 tenantId = 0;
    QString serial;           // device id, unique per tenant
    QString model;            // product code, e.g. GW-200
    QString hardwareRevision; // e.g. C
    QString batch;            // production batch, e.g. B17
    int year = 0;             // production year, 0 = unknown
    QString vendorId;         // SUIT vendor UUID (text form), may be empty
    QString classId;          // SUIT class UUID (text form), may be empty
    QString status;           // "pending" (self-registered, awaiting acceptance), "accepted", "rejected"
    QString updateState;      // "idle" or the state of the running update
    QList<InstalledComponent> components;
    QMap<QString, QString> attributes; // reported by the device (free form)
    QStringList tags;                  // set by operators
    QMap<QString, QString> metadata;   // set by operators
    QString address;                   // network address of the last check-in
    QString wakeSchedule;              // as reported, e.g. "every 6h" or a cron-like text
    qint64 firstSeen = 0;              // ms since epoch, 0 = never
    qint64 lastSeen = 0;
    qint64 createdAt = 0;

    const InstalledComponent *component(const QString &name) const; // nullptr when not installed
};

} // namespace otadesk::fleet
