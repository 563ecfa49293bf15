#pragma once
// Watches the bytes of one HTTP/1.1 connection before its HttpConnection reads them (which buffers a request body
// whole before the handler sees it). The gate parses just the request heads: a Content-Length above
// the limit is answered with 413 at once, without reading the body, and the connection is closed. It also knows
// whether a request is partly received, so a graceful shutdown can wait for those.
#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <functional>

class QTcpSocket;

namespace otadesk::server {

class RequestGate : public QObject
{
    Q_OBJECT
public:
    struct Rejection
    {
        int status = 413;
        QByteArray requestId;
        QByteArray method;
        QByteArray path;
        qint64 contentLength = -1;
    };
    using RejectHandler = std::function<QByteArray(const Rejection &)>; // returns the response body (JSON)

    // Connects to socket's readyRead; must happen before the HTTP server connects (so the gate sees bytes first).
    RequestGate(QTcpSocket *socket, qint64 maxBodyBytes, RejectHandler onReject);

    // A request head or body is partly received (a shutdown should wait for it).
    bool busy() const { return m_state == State::Body || (m_state == State::Head && !m_head.isEmpty()); }
    bool rejected() const { return m_state == State::Rejected; }
    // A request head has begun but not ended (slow heads are cut off sooner than slow bodies).
    bool headInProgress() const { return m_state == State::Head && !m_head.isEmpty(); }
    qint64 msSinceLastByte() const { return m_lastByte.elapsed(); }
    qint64 msSinceRequestStart() const { return m_started.isValid() ? m_started.elapsed() : 0; }
    // The connection carries a long-lived response (the event stream): never closed as idle.
    void setStreaming() { m_streaming = true; }
    bool streaming() const { return m_streaming; }
    // Answers 408 and closes the connection.
    void timeOut();
    // Milliseconds since the first byte of the current request arrived.
    double elapsedMs() const { return double(m_started.nsecsElapsed()) / 1e6; }

    static QByteArray headerValue(QByteArrayView head, QByteArrayView name);
    // The client's X-Request-Id if it is a sane token (1-64 of [A-Za-z0-9._:-]), else a new random id.
    static QByteArray requestIdFor(const QByteArray &incoming);

private:
    enum class State { Head, Body, Untracked, Rejected };
    void onReadyRead();
    void consume(const QByteArray &bytes);
    void reject(const QByteArray &head, qint64 contentLength, int status);
    void discard();

    QTcpSocket *m_socket;
    qint64 m_maxBodyBytes;
    RejectHandler m_onReject;
    State m_state = State::Head;
    QByteArray m_head;
    qint64 m_bodyLeft = 0;
    QElapsedTimer m_started;
    QElapsedTimer m_lastByte;
    bool m_streaming = false;
};

} // namespace otadesk::server
