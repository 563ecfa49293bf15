#pragma once
// A small keep-alive HTTP/1.1 client pool that every agent of a process shares: N connections to one server
// (QTcpSocket, event-driven, no thread), a FIFO request queue, bodies with Content-Length or chunked
// transfer-encoding, Range requests. Agents own no socket and no QNetworkAccessManager, so 100,000 agents cost
// their state and not 100,000 connections. A request that finds its kept-alive connection closed by the server
// before any answer byte is sent again once; everything else is reported to the caller (who resumes).
#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUrl>
#include <deque>
#include <functional>
#include <memory>
#include <vector>

namespace otadesk::agent {

struct HttpRequest
{
    QByteArray method = "GET";
    QByteArray target;        // path and query
    QByteArray authorization; // the whole header value, e.g. "Bearer otdd_…"
    QByteArray contentType;
    QByteArray body;
    QByteArray range;         // e.g. "bytes=0-4095"
    qint64 dropAfterBytes = -1; // fault injection: the connection breaks after this many answer body bytes
};

struct HttpResponse
{
    int status = 0;   // 0: no answer, see error
    QString error;    // transport problem (connection refused / lost, timeout, malformed answer)
    QByteArray body;
    QByteArray contentType;
    QByteArray contentRange;
    bool isSuccess() const { return status >= 200 && status < 300; }
    // "HTTP 404 not_found: <message>" or the transport error, for reports and logs.
    QString describe() const;
};

class HttpPool : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(HttpResponse &&)>;

    HttpPool(const QUrl &server, int connections, QObject *parent = nullptr);
    ~HttpPool() override;

    void send(HttpRequest request, Callback done);
    const QUrl &server() const { return m_server; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    qint64 queued() const { return qint64(m_queue.size()); }
    int busy() const;
    qint64 requestsDone() const { return m_done; }
    qint64 transportErrors() const { return m_errors; }
    qint64 bytesReceived() const { return m_bytesIn; }

private:
    struct Pending
    {
        HttpRequest request;
        Callback done;
        bool retried = false;
    };
    struct Connection;

    void pump();
    void start(Connection &c, Pending &&p);
    void writeRequest(Connection &c);
    static void abortSocket(Connection &c);
    void onReadyRead(Connection &c);
    void onClosed(Connection &c, const QString &why);
    void finish(Connection &c, HttpResponse &&r, bool keepOpen);
    bool parse(Connection &c); // false: malformed answer (connection dropped)

    QUrl m_server;
    QByteArray m_hostHeader;
    int m_timeoutMs = 30000;
    std::vector<std::unique_ptr<Connection>> m_connections;
    std::deque<Pending> m_queue;
    qint64 m_done = 0, m_errors = 0, m_bytesIn = 0;
};

} // namespace otadesk::agent
