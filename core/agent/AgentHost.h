#pragma once
// What an Agent gets from the process that runs it (FleetSimulator, or a test): the shared HTTP pools, the
// shared image store, one timer queue for every agent, parsed trust anchors, randomness for fault injection and
// a place to count what happened. Agents own no socket, no timer and no thread.
#include <QByteArray>
#include <QRandomGenerator>
#include <QString>
#include <QUrl>
#include <functional>

namespace otadesk::crypto {
class PublicKey;
}

namespace otadesk::agent {

class Agent;
class ContentStore;
class HttpPool;

// Behaviour shared by a group of devices (one profile entry).
struct AgentConfig
{
    int pollSeconds = 0;          // 0: what the server says
    double pollJitter = 0.1;      // ± fraction of the interval
    qint64 linkBytesPerSecond = 0; // 0: unthrottled
    qint64 clockSkewMs = 0;       // ± device clock error
    int wakeEverySeconds = 0;     // 0: always awake
    int awakeSeconds = 0;
    QString wakeSchedule;         // reported text, e.g. "every 6h"
    // Fault rates: per chunk request (drop, corrupt), per update (power loss during install, boot failure).
    double dropRate = 0, corruptRate = 0, powerLossRate = 0, bootFailureRate = 0;
    int retryBaseMs = 500;        // first back-off after a transport error (doubles, capped at 60 s)
    qint64 reloadDelayMs = 200;   // how long the power stays off
};

enum class AgentEvent {
    CheckinOk,
    CheckinFailed,
    Report,           // a status report was accepted (detail: state)
    ChunkCorrupt,     // a chunk failed its leaf check and is fetched again
    ConnectionLost,   // a transfer broke; resumed
    PowerCut,
    Unbootable,       // must never happen: a device with no bootable image after a reload
    UpdateFinished,   // detail: confirmed / failed / rolled_back / rejected / not_applicable / canceled
};

class AgentHost
{
public:
    virtual ~AgentHost() = default;
    virtual HttpPool *serverPool() = 0;
    // A pool for another host named by a manifest (resource-request URI); nullptr when it cannot be reached.
    virtual HttpPool *poolFor(const QUrl &url) = 0;
    virtual ContentStore *store() = 0;
    virtual void schedule(qint64 delayMs, std::function<void()> task) = 0;
    virtual const crypto::PublicKey *trustAnchor(const QByteArray &pem) = 0;
    virtual QRandomGenerator &random() = 0;
    virtual qint64 nowMs() const = 0;
    virtual void note(Agent &agent, AgentEvent event, const QString &detail = {}) = 0;
};

} // namespace otadesk::agent
