#pragma once
// The AgentHost of a process that runs agents: one HttpPool per server (N keep-alive connections shared by
// every agent), one TimerQueue, the shared ContentStore, parsed trust anchors (one per distinct PEM), a seeded
// random generator for fault injection and counters of what the agents did. FleetSimulator and the agent tests
// both run their agents in one.
#include "core/agent/AgentHost.h"
#include "core/agent/ContentStore.h"
#include "core/agent/TimerQueue.h"
#include "core/crypto/Key.h"

#include <QHash>
#include <QMap>
#include <QObject>
#include <memory>

namespace otadesk::agent {

struct RuntimeCounters
{
    qint64 checkins = 0, checkinFailures = 0, reports = 0, corruptChunks = 0, connectionsLost = 0, powerCuts = 0,
           unbootable = 0;
    QMap<QString, qint64> outcomes; // confirmed, failed, rolled_back, rejected, not_applicable, canceled
    QMap<QString, qint64> reported; // status reports accepted, per state
    QStringList unbootableDevices;
};

class AgentRuntime : public QObject, public AgentHost
{
    Q_OBJECT
public:
    AgentRuntime(const QUrl &server, const QString &storeDir, int connections, quint32 seed,
                 QObject *parent = nullptr);
    ~AgentRuntime() override;

    HttpPool *serverPool() override { return m_server.get(); }
    HttpPool *poolFor(const QUrl &url) override;
    ContentStore *store() override { return &m_store; }
    void schedule(qint64 delayMs, std::function<void()> task) override { m_timers.schedule(delayMs, std::move(task)); }
    const crypto::PublicKey *trustAnchor(const QByteArray &pem) override;
    QRandomGenerator &random() override { return m_random; }
    qint64 nowMs() const override;
    void note(Agent &agent, AgentEvent event, const QString &detail) override;

    const RuntimeCounters &counters() const { return m_counters; }
    TimerQueue &timers() { return m_timers; }

private:
    std::unique_ptr<HttpPool> m_server;
    std::map<QString, std::unique_ptr<HttpPool>> m_others;
    int m_connections;
    ContentStore m_store;
    TimerQueue m_timers;
    QHash<QByteArray, std::shared_ptr<crypto::PublicKey>> m_anchors;
    QRandomGenerator m_random;
    RuntimeCounters m_counters;
};

} // namespace otadesk::agent
