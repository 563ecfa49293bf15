#include "core/bench/link/SmpClient.h"
#include "core/manifest/CborDiagnostic.h"

#include <QTimer>

namespace otadesk::bench {

namespace {
constexpr int kUnsupportedTooOld = 12;
constexpr int kUnsupportedTooNew = 13;
constexpr qsizetype kSummaryBodyLimit = 160;
} // namespace

Status SmpResponse::check() const
{
    if (status.ok())
        return {};
    return fail(ErrorCode::Conflict,
                SmpClient::tr("The device refused %1: %2")
                    .arg(smpCommandName(header.group, header.command), status.text()));
}

SmpClient::SmpClient(SmpTransport *transport, QObject *parent) : QObject(parent), m_transport(transport)
{
    connect(transport, &SmpTransport::packetReceived, this, &SmpClient::onPacket);
    connect(transport, &SmpTransport::transportError, this, &SmpClient::onTransportError);
}

SmpClient::~SmpClient()
{
    // Callbacks may touch objects being destroyed: drop them silently.
    m_pending.clear();
}

quint64 SmpClient::send(const SmpRequest &request, Callback done)
{
    auto pending = std::make_unique<Pending>();
    pending->id = m_nextId++;
    pending->request = request;
    if (!pending->request.body.isValid())
        pending->request.body = CborValue::map();
    pending->done = std::move(done);
    pending->retriesLeft = request.retries >= 0 ? request.retries
                                                : (m_transport && m_transport->isLossy() ? m_defaultRetries : 0);
    const quint64 id = pending->id;
    if (!m_transport || !m_transport->isOpen()) {
        auto cb = std::move(pending->done);
        QTimer::singleShot(0, this, [cb = std::move(cb)] {
            cb(fail(ErrorCode::Io, tr("The connection to the device is not open.")));
        });
        return id;
    }
    // Next free sequence number (a full window of 256 outstanding requests never happens in practice).
    for (int i = 0; i < 256 && m_pending.contains(m_nextSequence); ++i)
        ++m_nextSequence;
    const quint8 sequence = m_nextSequence++;
    pending->timer = std::make_unique<QTimer>();
    pending->timer->setSingleShot(true);
    connect(pending->timer.get(), &QTimer::timeout, this, [this, sequence] { onTimeout(sequence); });
    Pending &ref = *pending;
    m_pending[sequence] = std::move(pending);
    ref.sentVersion = m_version;
    ref.packet = SmpPacket::encode(ref.request.op, m_version, ref.request.group, ref.request.command, sequence,
                                   ref.request.body);
    if (ref.packet.isEmpty()) {
        QTimer::singleShot(0, this, [this, sequence] {
            finish(sequence, fail(ErrorCode::InvalidArgument, tr("The request is too large for one SMP packet.")));
        });
        return id;
    }
    ref.elapsed.start();
    transmit(ref);
    return id;
}

void SmpClient::transmit(Pending &pending)
{
    auto header = SmpHeader::parse(pending.packet);
    if (header) {
        QString summary = summarize(*header, pending.request.body);
        Q_EMIT packetLogged(Direction::Sent, pending.packet, summary);
    }
    pending.timer->start(pending.request.timeoutMs > 0 ? pending.request.timeoutMs : m_defaultTimeoutMs);
    m_transport->send(pending.packet);
}

void SmpClient::onPacket(const QByteArray &packet)
{
    auto decoded = SmpPacket::decode(packet);
    if (!decoded) {
        ++m_dropped;
        Q_EMIT packetLogged(Direction::Received, packet,
                          tr("malformed packet dropped: %1").arg(decoded.error().message()));
        return;
    }
    const SmpHeader &h = decoded->header;
    Q_EMIT packetLogged(Direction::Received, packet, summarize(h, decoded->body));
    auto it = m_pending.find(h.sequence);
    if (it == m_pending.end() || !h.isResponse() || h.op != SmpHeader::responseOp(it->second->request.op)
        || h.group != it->second->request.group || h.command != it->second->request.command) {
        ++m_dropped; // late answer to a retransmitted or timed-out request, or not ours
        return;
    }
    Pending &p = *it->second;
    SmpResponse response;
    response.header = h;
    response.body = decoded->body;
    response.status = SmpStatus::fromBody(decoded->body);
    response.roundTripMs = p.elapsed.elapsed();

    // Version negotiation (STANDARDS.md §3.2).
    const bool versionRejected = !response.status.group
        && (response.status.rc == kUnsupportedTooOld || response.status.rc == kUnsupportedTooNew);
    if (versionRejected && !p.versionRetried && h.version != p.sentVersion) {
        p.versionRetried = true;
        m_version = h.version;
        Q_EMIT versionChanged(m_version);
        p.sentVersion = m_version;
        p.packet = SmpPacket::encode(p.request.op, m_version, p.request.group, p.request.command, h.sequence,
                                     p.request.body);
        transmit(p);
        return;
    }
    if (versionRejected && !p.versionRetried && h.version == p.sentVersion) {
        // The device names no other version: try the other one once.
        p.versionRetried = true;
        m_version = p.sentVersion == SmpVersion::V2 ? SmpVersion::V1 : SmpVersion::V2;
        Q_EMIT versionChanged(m_version);
        p.sentVersion = m_version;
        p.packet = SmpPacket::encode(p.request.op, m_version, p.request.group, p.request.command, h.sequence,
                                     p.request.body);
        transmit(p);
        return;
    }
    if (!versionRejected && h.version != m_version && h.version == SmpVersion::V1) {
        m_version = SmpVersion::V1; // an old server answering v2 requests with v1 replies
        Q_EMIT versionChanged(m_version);
    }
    finish(h.sequence, std::move(response));
}

void SmpClient::onTimeout(quint8 sequence)
{
    auto it = m_pending.find(sequence);
    if (it == m_pending.end())
        return;
    Pending &p = *it->second;
    if (p.retriesLeft > 0 && m_transport && m_transport->isOpen()) {
        --p.retriesLeft;
        ++m_retransmissions;
        transmit(p);
        return;
    }
    const int timeout = p.request.timeoutMs > 0 ? p.request.timeoutMs : m_defaultTimeoutMs;
    finish(sequence, fail(ErrorCode::Io,
                          tr("No answer from the device to %1 within %2 ms over %3. Check that the device is "
                             "powered and running an MCUmgr-enabled application, and the port/address and "
                             "baud rate.")
                              .arg(smpCommandName(p.request.group, p.request.command))
                              .arg(timeout)
                              .arg(m_transport ? m_transport->name() : QString())));
}

void SmpClient::onTransportError(const QString &message)
{
    const auto sequences = [this] {
        QList<quint8> s;
        for (const auto &[seq, p] : m_pending)
            s.append(seq);
        return s;
    }();
    for (quint8 seq : sequences)
        finish(seq, fail(ErrorCode::Io, message));
}

void SmpClient::cancelAll(const QString &reason)
{
    QList<quint8> sequences;
    for (const auto &[seq, p] : m_pending)
        sequences.append(seq);
    for (quint8 seq : sequences)
        finish(seq, fail(ErrorCode::Cancelled, reason.isEmpty() ? tr("Cancelled.") : reason));
}

void SmpClient::finish(quint8 sequence, Result<SmpResponse> result)
{
    auto it = m_pending.find(sequence);
    if (it == m_pending.end())
        return;
    std::unique_ptr<Pending> p = std::move(it->second);
    m_pending.erase(it);
    p->timer->stop();
    if (p->done)
        p->done(std::move(result));
}

QString SmpClient::summarize(const SmpHeader &h, const CborValue &body) const
{
    static const char *const ops[] = {"read", "read-rsp", "write", "write-rsp"};
    QString text = QStringLiteral("v%1 %2 %3 seq %4")
                       .arg(int(h.version) + 1)
                       .arg(QLatin1String(ops[int(h.op) & 3]), smpCommandName(h.group, h.command))
                       .arg(h.sequence);
    if (h.length <= kSummaryBodyLimit) {
        text += QLatin1Char(' ') + manifest::toDiagnostic(body);
    } else {
        // Uploads: show the small fields, not the data.
        CborValue shown = CborValue::map();
        for (const auto &entry : body.entries()) {
            if (entry.value.isBytes() && entry.value.bytes().size() > 48)
                shown.entries().push_back({entry.key, CborValue::fromText(
                                                          QStringLiteral("<%1 bytes>").arg(entry.value.bytes().size()))});
            else
                shown.entries().push_back(entry);
        }
        text += QLatin1Char(' ') + manifest::toDiagnostic(shown);
    }
    return text;
}

} // namespace otadesk::bench
