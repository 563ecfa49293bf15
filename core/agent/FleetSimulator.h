#pragma once
// The engine of `otactl sim run` (docs/simulator.md): builds the fleet of a SimProfile in a state folder,
// registers new devices through the management API (POST /api/v1/devices/import?issue_tokens=1; a device the
// server knows but whose token was lost gets a new one), runs every agent in one AgentRuntime (one event loop,
// shared HTTP pool and timer queue) for a duration or until the fleet is idle, prints one progress line per
// second and returns a summary. A second run on the same state folder resumes the same fleet where it was.
//
// State folder: sim.json (server), store/objects/<sha256> (images, once per content), devices/<xx>/<serial>.agent
// and .flash (per device, compact JSON), .<component>.part / .delta only while a slot is being written.
#include "core/agent/AgentRuntime.h"
#include "core/agent/SimProfile.h"

#include <QJsonObject>
#include <QObject>
#include <functional>
#include <memory>
#include <vector>

namespace otadesk::agent {

class Agent;

struct SimOptions
{
    QUrl server;
    QByteArray token; // management token (devices.import)
    QString profilePath;
    QString stateDir;
    qint64 devices = -1;   // scale the profile to this many devices
    double durationS = 0;  // run this long (0: until idle, or forever without untilIdle)
    bool untilIdle = false; // stop when every device checked in with nothing to do and none is updating
    int progressMs = 1000;
    std::function<void(const QString &)> progress; // one line per progressMs; empty: silent
    std::function<bool()> cancelled;               // polled every 100 ms
};

class FleetSimulator : public QObject
{
    Q_OBJECT
public:
    explicit FleetSimulator(SimOptions options, QObject *parent = nullptr);
    ~FleetSimulator() override;

    // Profile, state folder, images, registration of new devices, loading of known ones.
    Status prepare();
    // Runs until the duration passed / the fleet is idle / cancelled; returns the summary.
    QJsonObject run();

    qint64 deviceCount() const { return qint64(m_agents.size()); }
    const std::vector<std::unique_ptr<Agent>> &agents() const { return m_agents; }
    AgentRuntime *runtime() { return m_runtime.get(); }
    static QString deviceBase(const QString &stateDir, const QString &serial);

private:
    struct Pending;
    Status registerDevices(std::vector<Pending> &pending);
    Result<QByteArray> imageFor(const SimGroup &g, const SimComponent &c);
    QString progressLine(double seconds) const;
    QJsonObject summary(double seconds) const;

    SimOptions m_o;
    SimProfile m_profile;
    std::unique_ptr<AgentRuntime> m_runtime;
    std::vector<std::unique_ptr<Agent>> m_agents;
    QMap<QString, QByteArray> m_images; // "model/name/version" -> digest
    qint64 m_registered = 0, m_resumed = 0;
    qint64 m_lastCheckins = 0;
};

} // namespace otadesk::agent
