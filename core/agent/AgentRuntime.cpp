#include "core/agent/AgentRuntime.h"

#include "core/agent/Agent.h"
#include "core/agent/HttpPool.h"

#include <QDateTime>

namespace otadesk::agent {

AgentRuntime::AgentRuntime(const QUrl &server, const QString &storeDir, int connections, quint32 seed,
                           QObject *parent)
    : QObject(parent),
      m_server(std::make_unique<HttpPool>(server, connections)),
      m_connections(connections),
      m_store(storeDir),
      m_random(seed)
{
}

AgentRuntime::~AgentRuntime() = default;

HttpPool *AgentRuntime::poolFor(const QUrl &url)
{
    if (url.scheme() != QLatin1String("http") || url.host().isEmpty())
        return nullptr; // the simulator speaks plain HTTP only
    const QString key = url.host() + QLatin1Char(':') + QString::number(url.port(80));
    auto &pool = m_others[key];
    if (!pool) {
        QUrl base;
        base.setScheme(QStringLiteral("http"));
        base.setHost(url.host());
        base.setPort(url.port(80));
        pool = std::make_unique<HttpPool>(base, qMax(1, m_connections / 4));
    }
    return pool.get();
}

const crypto::PublicKey *AgentRuntime::trustAnchor(const QByteArray &pem)
{
    auto it = m_anchors.find(pem);
    if (it == m_anchors.end()) {
        auto key = crypto::PublicKey::fromPem(pem);
        it = m_anchors.insert(pem, key ? std::make_shared<crypto::PublicKey>(std::move(*key)) : nullptr);
    }
    return it.value().get();
}

qint64 AgentRuntime::nowMs() const { return QDateTime::currentMSecsSinceEpoch(); }

void AgentRuntime::note(Agent &agent, AgentEvent event, const QString &detail)
{
    switch (event) {
    case AgentEvent::CheckinOk: ++m_counters.checkins; break;
    case AgentEvent::CheckinFailed: ++m_counters.checkinFailures; break;
    case AgentEvent::Report:
        ++m_counters.reports;
        ++m_counters.reported[detail];
        break;
    case AgentEvent::ChunkCorrupt: ++m_counters.corruptChunks; break;
    case AgentEvent::ConnectionLost: ++m_counters.connectionsLost; break;
    case AgentEvent::PowerCut: ++m_counters.powerCuts; break;
    case AgentEvent::Unbootable:
        ++m_counters.unbootable;
        if (m_counters.unbootableDevices.size() < 20)
            m_counters.unbootableDevices << agent.state().serial + QStringLiteral(": ") + detail;
        break;
    case AgentEvent::UpdateFinished: ++m_counters.outcomes[detail]; break;
    }
}

} // namespace otadesk::agent
