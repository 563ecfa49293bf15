#pragma once
// The fleet a simulator run creates (docs/simulator.md): groups of devices with model, hardware revision,
// batch, year, serial range, starting components, attributes, poll interval with jitter, wake schedule, link
// speed and fault rates. JSON; every problem names the field.
#include "core/agent/AgentHost.h"
#include "core/common/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QMap>
#include <QString>
#include <QUuid>
#include <memory>

namespace otadesk::agent {

struct SimComponent
{
    QString name;
    QString version;
    QString imagePath;      // a file (relative to the profile), or
    qint64 imageSize = 65536; // synthetic image of this size (deterministic: model, name, version)
};

struct SimGroup
{
    QString model, hardwareRevision, batch;
    int year = 0;
    QString vendorDomain, modelName; // vendor ID = UUIDv5(DNS, domain), class ID = UUIDv5(vendor, model name)
    QString serialPrefix;
    qint64 serialFrom = 1;
    int serialDigits = 6;
    qint64 count = 0;
    QList<SimComponent> components;
    QMap<QString, QString> attributes;
    std::shared_ptr<AgentConfig> config; // shared by every device of the group

    QUuid vendorId() const;
    QUuid classId() const;
    QString serial(qint64 k) const;
};

struct SimProfile
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::agent::SimProfile)
public:
    quint32 seed = 1;
    int connections = 32;
    QByteArray trustAnchorPem;
    QList<SimGroup> groups;

    qint64 deviceCount() const;
    // Scales the group sizes so they add up to `devices` (keeping their proportions).
    void scaleTo(qint64 devices);
    static Result<SimProfile> parse(const QByteArray &json, const QString &baseDir);
    static Result<SimProfile> load(const QString &path);
};

} // namespace otadesk::agent
