#include "core/agent/HttpPool.h"

#include "core/agent/AgentLogging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>

namespace otadesk::agent {

namespace {
constexpr qint64 kMaxBody = 64 * 1024 * 1024;
constexpr qsizetype kMaxHeader = 64 * 1024;
} // namespace

QString HttpResponse::describe() const
{
    if (status == 0)
        return error;
    const QJsonObject e = QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toObject();
    QString out = QStringLiteral("HTTP %1").arg(status);
    if (!e.isEmpty())
        out += QLatin1Char(' ') + e.value(QStringLiteral("code")).toString() + QStringLiteral(": ") +
               e.value(QStringLiteral("message")).toString();
    return out;
}

struct HttpPool::Connection
{
    enum class Stage { StatusLine, Headers, Body, ChunkSize, ChunkData, ChunkEnd, Trailer };
    QTcpSocket socket;
    QTimer timer;
    bool active = false; // a request is on this connection
    Pending pending;
    HttpResponse response;
    QByteArray buffer;
    Stage stage = Stage::StatusLine;
    qint64 remaining = 0; // body bytes (Content-Length) or bytes of the current chunk
    bool chunked = false;
    bool closeAfter = false;
    bool answerStarted = false;
    bool headRequest = false;
    bool aborting = false; // our own abort(): its signals are not a broken connection
};

HttpPool::HttpPool(const QUrl &server, int connections, QObject *parent) : QObject(parent), m_server(server)
{
    m_hostHeader = server.host().toUtf8() + ':' + QByteArray::number(server.port(80));
    for (int i = 0; i < qMax(1, connections); ++i) {
        auto c = std::make_unique<Connection>();
        Connection *raw = c.get();
        raw->timer.setSingleShot(true);
        connect(&raw->socket, &QTcpSocket::connected, this, [this, raw] {
            raw->socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
            if (raw->active)
                writeRequest(*raw);
        });
        connect(&raw->socket, &QTcpSocket::readyRead, this, [this, raw] { onReadyRead(*raw); });
        connect(&raw->socket, &QTcpSocket::disconnected, this, [this, raw] {
            if (!raw->aborting)
                onClosed(*raw, tr("The server closed the connection."));
        });
        connect(&raw->socket, &QTcpSocket::errorOccurred, this, [this, raw](QAbstractSocket::SocketError e) {
            if (raw->aborting || e == QAbstractSocket::RemoteHostClosedError)
                return; // disconnected() follows
            onClosed(*raw, raw->socket.errorString());
        });
        connect(&raw->timer, &QTimer::timeout, this, [this, raw] {
            abortSocket(*raw);
            onClosed(*raw, tr("No answer from %1 within %2 s.").arg(m_server.toString()).arg(m_timeoutMs / 1000));
        });
        m_connections.push_back(std::move(c));
    }
}

HttpPool::~HttpPool()
{
    for (auto &c : m_connections) {
        c->socket.disconnect(this);
        c->socket.abort();
    }
}

int HttpPool::busy() const
{
    int n = 0;
    for (const auto &c : m_connections)
        n += c->active ? 1 : 0;
    return n;
}

void HttpPool::send(HttpRequest request, Callback done)
{
    m_queue.push_back(Pending{std::move(request), std::move(done)});
    pump();
}

void HttpPool::pump()
{
    for (auto &c : m_connections) {
        if (m_queue.empty())
            return;
        if (c->active)
            continue;
        Pending p = std::move(m_queue.front());
        m_queue.pop_front();
        start(*c, std::move(p));
    }
}

void HttpPool::start(Connection &c, Pending &&p)
{
    c.active = true;
    c.pending = std::move(p);
    c.response = HttpResponse{};
    c.buffer.clear();
    c.stage = Connection::Stage::StatusLine;
    c.remaining = 0;
    c.chunked = c.closeAfter = c.answerStarted = false;
    c.headRequest = c.pending.request.method == "HEAD";
    c.timer.start(m_timeoutMs);
    if (c.socket.state() == QAbstractSocket::ConnectedState)
        writeRequest(c); // reuse the kept-alive connection
    else if (c.socket.state() == QAbstractSocket::UnconnectedState)
        c.socket.connectToHost(m_server.host(), quint16(m_server.port(80)));
    // else: connecting or closing; connected() or disconnected() follows
}

void HttpPool::abortSocket(Connection &c)
{
    c.aborting = true;
    c.socket.abort();
    c.aborting = false;
}

void HttpPool::writeRequest(Connection &c)
{
    const HttpRequest &r = c.pending.request;
    QByteArray head = r.method + ' ' + r.target + " HTTP/1.1\r\nHost: " + m_hostHeader + "\r\n";
    if (!r.authorization.isEmpty())
        head += "Authorization: " + r.authorization + "\r\n";
    if (!r.range.isEmpty())
        head += "Range: " + r.range + "\r\n";
    if (!r.contentType.isEmpty())
        head += "Content-Type: " + r.contentType + "\r\n";
    if (!r.body.isEmpty() || r.method == "POST" || r.method == "PUT")
        head += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\n";
    head += "\r\n";
    c.socket.write(head + r.body);
}

void HttpPool::onReadyRead(Connection &c)
{
    const QByteArray data = c.socket.readAll();
    if (!c.active)
        return; // nothing asked: ignore
    m_bytesIn += data.size();
    c.answerStarted = true;
    c.buffer += data;
    if (!parse(c)) {
        abortSocket(c);
        onClosed(c, tr("Malformed HTTP answer from %1.").arg(m_server.toString()));
    }
}

bool HttpPool::parse(Connection &c)
{
    using Stage = Connection::Stage;
    while (c.active) {
        switch (c.stage) {
        case Stage::StatusLine:
        case Stage::Headers:
        case Stage::ChunkSize:
        case Stage::ChunkEnd:
        case Stage::Trailer: {
            const qsizetype eol = c.buffer.indexOf("\r\n");
            if (eol < 0)
                return c.buffer.size() < kMaxHeader;
            const QByteArray line = c.buffer.left(eol);
            c.buffer.remove(0, eol + 2);
            if (c.stage == Stage::StatusLine) {
                if (!line.startsWith("HTTP/1.") || line.size() < 12)
                    return false;
                c.response.status = line.mid(9, 3).toInt();
                c.closeAfter = line.startsWith("HTTP/1.0");
                c.stage = Stage::Headers;
            } else if (c.stage == Stage::Headers) {
                if (!line.isEmpty()) {
                    const qsizetype colon = line.indexOf(':');
                    if (colon <= 0)
                        return false;
                    const QByteArray name = line.left(colon).trimmed().toLower();
                    const QByteArray value = line.mid(colon + 1).trimmed();
                    if (name == "content-length")
                        c.remaining = value.toLongLong();
                    else if (name == "transfer-encoding")
                        c.chunked = value.toLower().contains("chunked");
                    else if (name == "connection")
                        c.closeAfter = value.toLower() == "close";
                    else if (name == "content-type")
                        c.response.contentType = value;
                    else if (name == "content-range")
                        c.response.contentRange = value;
                    continue;
                }
                if (c.remaining < 0 || c.remaining > kMaxBody)
                    return false;
                if (c.headRequest || c.response.status == 204 || c.response.status == 304 ||
                    (!c.chunked && c.remaining == 0)) {
                    finish(c, std::move(c.response), !c.closeAfter);
                    return true;
                }
                c.stage = c.chunked ? Stage::ChunkSize : Stage::Body;
            } else if (c.stage == Stage::ChunkSize) {
                bool ok = false;
                const qsizetype semi = line.indexOf(';');
                c.remaining = (semi < 0 ? line : line.left(semi)).trimmed().toLongLong(&ok, 16);
                if (!ok || c.remaining < 0 || c.response.body.size() + c.remaining > kMaxBody)
                    return false;
                c.stage = c.remaining == 0 ? Stage::Trailer : Stage::ChunkData;
            } else if (c.stage == Stage::ChunkEnd) {
                if (!line.isEmpty())
                    return false;
                c.stage = Stage::ChunkSize;
            } else if (line.isEmpty()) { // end of the trailer
                finish(c, std::move(c.response), !c.closeAfter);
                return true;
            }
            break;
        }
        case Stage::Body:
        case Stage::ChunkData: {
            const qint64 take = qMin<qint64>(c.remaining, c.buffer.size());
            if (take == 0)
                return true;
            c.response.body += QByteArrayView(c.buffer).first(take);
            c.buffer.remove(0, take);
            c.remaining -= take;
            const qint64 drop = c.pending.request.dropAfterBytes;
            if (drop >= 0 && c.response.body.size() >= drop) {
                abortSocket(c);
                onClosed(c, tr("The connection to %1 broke during the answer (simulated).").arg(m_server.toString()));
                return true;
            }
            if (c.remaining > 0)
                return true;
            if (c.stage == Stage::ChunkData) {
                c.stage = Stage::ChunkEnd;
            } else {
                finish(c, std::move(c.response), !c.closeAfter);
                return true;
            }
            break;
        }
        }
    }
    return true;
}

void HttpPool::finish(Connection &c, HttpResponse &&r, bool keepOpen)
{
    c.timer.stop();
    Callback done = std::move(c.pending.done);
    c.pending = Pending{};
    c.active = false;
    if (!keepOpen || !c.buffer.isEmpty()) {
        abortSocket(c);
        c.buffer.clear();
    }
    ++m_done;
    if (r.status == 0)
        ++m_errors;
    if (done)
        done(std::move(r));
    pump();
}

void HttpPool::onClosed(Connection &c, const QString &why)
{
    if (!c.active)
        return;
    if (!c.answerStarted && !c.pending.retried && c.pending.request.dropAfterBytes < 0 &&
        c.socket.error() == QAbstractSocket::RemoteHostClosedError) {
        // The server closed an idle kept-alive connection just as we used it: send the request again once.
        c.pending.retried = true;
        Pending again = std::move(c.pending);
        c.active = false;
        c.timer.stop();
        m_queue.push_front(std::move(again));
        QTimer::singleShot(0, this, [this] { pump(); });
        return;
    }
    qCDebug(lcAgent) << "request" << c.pending.request.method << c.pending.request.target << "failed:" << why;
    HttpResponse r;
    r.error = why;
    finish(c, std::move(r), false);
}

} // namespace otadesk::agent
