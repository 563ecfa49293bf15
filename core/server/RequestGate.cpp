#include "core/server/RequestGate.h"

#include <QPointer>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>

namespace otadesk::server {

namespace {
constexpr qsizetype kMaxHeadBytes = 64 * 1024;
constexpr int kLingerMs = 500; // keep reading (and dropping) a rejected body briefly so the client sees the reply

QByteArray reasonPhrase(int status)
{
    return status == 413   ? QByteArrayLiteral("Payload Too Large")
           : status == 408 ? QByteArrayLiteral("Request Timeout")
                           : QByteArrayLiteral("Request Header Fields Too Large");
}
} // namespace

RequestGate::RequestGate(QTcpSocket *socket, qint64 maxBodyBytes, RejectHandler onReject)
    : QObject(socket), m_socket(socket), m_maxBodyBytes(maxBodyBytes), m_onReject(std::move(onReject))
{
    setObjectName(QStringLiteral("otadesk-request-gate"));
    m_lastByte.start();
    connect(socket, &QIODevice::readyRead, this, &RequestGate::onReadyRead);
}

void RequestGate::timeOut()
{
    if (m_state == State::Rejected)
        return;
    reject(m_head, -1, 408);
}

QByteArray RequestGate::headerValue(QByteArrayView head, QByteArrayView name)
{
    // Line by line without copies (this runs for every request).
    QByteArrayView rest(head);
    qsizetype end = rest.indexOf('\n');
    while (end >= 0) {
        rest = rest.sliced(end + 1);
        end = rest.indexOf('\n');
        const QByteArrayView line = end < 0 ? rest : rest.first(end);
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.first(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.sliced(colon + 1).trimmed().toByteArray();
    }
    return {};
}

QByteArray RequestGate::requestIdFor(const QByteArray &incoming)
{
    bool ok = !incoming.isEmpty() && incoming.size() <= 64;
    for (char ch : incoming)
        ok = ok && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.'
                    || ch == '_' || ch == ':' || ch == '-');
    if (ok)
        return incoming;
    return QByteArray::number(QRandomGenerator::global()->generate64(), 16).rightJustified(16, '0');
}

void RequestGate::onReadyRead()
{
    m_lastByte.restart();
    if (m_state == State::Rejected) {
        discard();
        return;
    }
    if (m_state == State::Untracked)
        return;
    consume(m_socket->peek(m_socket->bytesAvailable()));
}

void RequestGate::consume(const QByteArray &bytes)
{
    QByteArrayView data(bytes);
    while (!data.isEmpty()) {
        if (m_state == State::Body) {
            const qint64 take = qMin<qint64>(m_bodyLeft, data.size());
            m_bodyLeft -= take;
            data = data.sliced(take);
            if (m_bodyLeft == 0)
                m_state = State::Head;
            continue;
        }
        if (m_state != State::Head)
            return;
        if (m_head.isEmpty()) {
            while (!data.isEmpty() && (data.front() == '\r' || data.front() == '\n'))
                data = data.sliced(1); // blank lines between requests are allowed
            if (data.isEmpty())
                return;
            m_started.start();
        }
        // The head is looked for in what arrived without copying it, unless it spans reads.
        QByteArrayView head;
        qsizetype taken = 0;
        if (m_head.isEmpty()) {
            const qsizetype end = data.indexOf("\r\n\r\n");
            if (end < 0) {
                m_head = data.toByteArray();
                if (m_head.size() > kMaxHeadBytes)
                    reject(m_head, -1, 431);
                return;
            }
            head = data.first(end + 4);
            taken = end + 4;
        } else {
            const qsizetype before = m_head.size();
            m_head += data;
            const qsizetype end = m_head.indexOf("\r\n\r\n", std::max<qsizetype>(0, before - 3));
            if (end < 0) {
                if (m_head.size() > kMaxHeadBytes)
                    reject(m_head, -1, 431);
                return;
            }
            head = QByteArrayView(m_head).first(end + 4);
            taken = end + 4 - before;
        }
        data = data.sliced(taken);
        const QByteArray te = headerValue(head, "transfer-encoding");
        bool ok = false;
        const qint64 length = headerValue(head, "content-length").toLongLong(&ok);
        const bool tooLarge = ok && length > m_maxBodyBytes;
        const QByteArray rejectedHead = tooLarge ? head.toByteArray() : QByteArray();
        m_head.clear(); // `head` may point into it: not used below
        if (!te.isEmpty() && te.compare("identity", Qt::CaseInsensitive) != 0) {
            m_state = State::Untracked; // chunked: the parser counts the body and answers 413 past the limit
            return;
        }
        if (tooLarge) {
            reject(rejectedHead, length, 413);
            return;
        }
        m_bodyLeft = ok && length > 0 ? length : 0;
        m_state = m_bodyLeft > 0 ? State::Body : State::Head;
    }
}

void RequestGate::reject(const QByteArray &head, qint64 contentLength, int status)
{
    m_state = State::Rejected;
    const QList<QByteArray> requestLine = head.left(head.indexOf('\r')).split(' ');
    Rejection r;
    r.status = status;
    r.requestId = requestIdFor(headerValue(head, "x-request-id"));
    r.method = requestLine.value(0).left(16);
    r.path = requestLine.value(1).left(256);
    r.contentLength = contentLength;
    const QByteArray body = m_onReject ? m_onReject(r) : QByteArray();
    // From now on the HTTP server does not see this connection's bytes; the gate drops them.
    disconnect(m_socket, &QIODevice::readyRead, nullptr, nullptr);
    connect(m_socket, &QIODevice::readyRead, this, &RequestGate::discard);
    discard();
    m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
                    + "\r\nX-Request-Id: " + r.requestId + "\r\nConnection: close\r\n\r\n" + body);
    m_socket->flush();
    QPointer<QTcpSocket> socket(m_socket);
    QTimer::singleShot(kLingerMs, this, [socket] {
        if (socket)
            socket->disconnectFromHost();
    });
}

void RequestGate::discard()
{
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    m_socket->readAll();
}

} // namespace otadesk::server
