#pragma once
// What a device agent keeps across reboots and power cuts, in <base>.agent (compact JSON, replaced
// atomically): its identity and credential, the trust anchor it verifies manifests against, the sequence number
// of the last installed manifest (anti-rollback), the update it is working on (id, sequence, phase) and
// counters. What the device runs (components, versions, digests, slots) is in its SimulatedFlash; download
// progress is the verified length of the slot being written (<base>.<component>.part), plus the delta decoder
// state in <base>.<component>.delta when a patch is being applied.
#include "core/common/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QMap>
#include <QString>
#include <QUuid>

namespace otadesk::agent {

class PowerCut;

struct AgentState
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::agent::AgentState)
public:
    enum class Phase : quint8 { Idle, Updating, Installing, Rebooting };

    QString serial;
    QByteArray token;       // device credential (otdd_…)
    QByteArray trustAnchor; // PEM of the public key manifests must be signed with
    QUuid vendorId, classId;
    QString model, hardwareRevision;
    QMap<QString, QString> attributes;
    quint64 lastSequence = 0; // of the last installed manifest: anything not above it is a rollback

    // The update being worked on.
    qint64 updateId = 0;
    quint64 updateSequence = 0;
    Phase phase = Phase::Idle;
    bool interrupted = false; // a power cut happened during this update (reported once as install_interrupted)
    qint64 lastFinishedUpdate = 0; // a repeated command for it is ignored

    // Counters (for the simulator's summary).
    quint32 confirmed = 0, failed = 0, rolledBack = 0, rejected = 0, notApplicable = 0, powerCuts = 0;

    QByteArray toJson() const;
    static Result<AgentState> fromJson(QByteArrayView json);
    Status save(const QString &base, PowerCut *cut) const;
    static Result<AgentState> load(const QString &base);
    static bool exists(const QString &base);
};

} // namespace otadesk::agent
