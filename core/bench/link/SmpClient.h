#pragma once
// SmpClient: requests and responses over an SmpTransport.
//
//   SmpClient client(transport);
//   client.send({SmpOp::Read, SmpGroup::Os, OsCommand::Echo, SmpCommands::echo(u"hi"_s)},
//               [](Result<SmpResponse> r) { ... });   // exactly one call: response, timeout or cancel
//
// - Sequence numbers: every request gets the next one; a response is matched by its sequence (and must be the
//   response op of the request); stray or duplicate responses are logged and dropped.
// - Timeouts per request (SmpRequest::timeoutMs). On lossy transports (UDP) the same packet is sent again up
//   to `retries` times before the request fails.
// - Version: requests go out as SMP v2 first. A reply with rc 12/13 (SMP-level "unsupported too old/new")
//   switches to the version in the reply header and resends the request; a v1-shaped reply (header version 0)
//   to a v2 request is accepted and later requests use v1. versionChanged() tells the UI.
// - Device errors (v1 {"rc": n} and v2 {"err": {"group", "rc"}}) are not failures of the request: the
//   response carries them in `status`; SmpResponse::check() turns one into an Error with a clear message.
// - packetLogged() reports every packet both ways (raw bytes + one-line summary) for the raw SMP log.
#include "core/bench/link/SmpTransport.h"
#include "core/bench/smp/SmpHeader.h"
#include "core/bench/smp/SmpPacket.h"
#include "core/bench/smp/SmpStatus.h"

#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <functional>
#include <memory>

class QTimer;

namespace otadesk::bench {

struct SmpRequest
{
    SmpOp op = SmpOp::Read;
    quint16 group = 0;
    quint8 command = 0;
    CborValue body = CborValue::map(); // a map; an invalid value means {}
    int timeoutMs = 0;    // 0 = the client's default
    int retries = -1;     // -1 = the client's default (lossy transports only)
};

struct SmpResponse
{
    SmpHeader header;
    CborValue body;
    SmpStatus status;
    qint64 roundTripMs = 0;
    // An Error (ErrorCode::Conflict) naming the command and the device's error, or nothing if status is ok.
    Status check() const;
};

// Error codes used for request failures: Io = no answer / transport broke (message says which), Cancelled,
// Format = the device's reply cannot be decoded.
class SmpClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(Result<SmpResponse>)>;
    enum class Direction { Sent, Received };
    Q_ENUM(Direction)

    explicit SmpClient(SmpTransport *transport, QObject *parent = nullptr);
    ~SmpClient() override;

    SmpTransport *transport() const { return m_transport; }
    SmpVersion version() const { return m_version; }
    void setVersion(SmpVersion version) { m_version = version; }
    void setDefaultTimeout(int ms) { m_defaultTimeoutMs = ms; }
    int defaultTimeout() const { return m_defaultTimeoutMs; }
    void setDefaultRetries(int retries) { m_defaultRetries = retries; }

    // Sends a request; `done` is called exactly once (never from inside send()). Returns a request id.
    quint64 send(const SmpRequest &request, Callback done);
    // Fails every pending request with ErrorCode::Cancelled (callbacks run before this returns).
    void cancelAll(const QString &reason = {});
    int pendingCount() const { return int(m_pending.size()); }
    // Retransmissions so far (UDP), and responses dropped as stray/duplicate/malformed.
    int retransmissions() const { return m_retransmissions; }
    int droppedResponses() const { return m_dropped; }

Q_SIGNALS:
    void packetLogged(otadesk::bench::SmpClient::Direction direction, const QByteArray &packet,
                      const QString &summary);
    void versionChanged(otadesk::bench::SmpVersion version);

private:
    struct Pending
    {
        quint64 id = 0;
        SmpRequest request;
        Callback done;
        QByteArray packet;
        SmpVersion sentVersion = SmpVersion::V2;
        int retriesLeft = 0;
        bool versionRetried = false;
        std::unique_ptr<QTimer> timer;
        QElapsedTimer elapsed;
    };

    void transmit(Pending &pending);
    void onPacket(const QByteArray &packet);
    void onTimeout(quint8 sequence);
    void onTransportError(const QString &message);
    void finish(quint8 sequence, Result<SmpResponse> result);
    QString summarize(const SmpHeader &header, const CborValue &body) const;

    QPointer<SmpTransport> m_transport;
    SmpVersion m_version = SmpVersion::V2;
    quint8 m_nextSequence = 0;
    quint64 m_nextId = 1;
    int m_defaultTimeoutMs = 3000;
    int m_defaultRetries = 3;
    int m_retransmissions = 0;
    int m_dropped = 0;
    std::unordered_map<quint8, std::unique_ptr<Pending>> m_pending;
};

} // namespace otadesk::bench
