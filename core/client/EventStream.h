#pragma once
// Live events of the tenant (GET /events, Server-Sent Events). start() connects; every event is emitted with
// eventReceived(); after a dropped connection (or no byte, not even the 15 s keep-alive, for 45 s) it
// reconnects with Last-Event-ID so that nothing is missed, waiting reconnectDelayMs (doubling up to 30 s
// while the server stays unreachable). 401/403/404 answers stop the stream with failed().
#include "core/client/ApiError.h"
#include "core/client/SseParser.h"

#include <QObject>
#include <QPointer>

class QNetworkReply;
class QTimer;

namespace otadesk::client {

class ApiClient;

class EventStream : public QObject
{
    Q_OBJECT
public:
    explicit EventStream(ApiClient *client, QObject *parent = nullptr);
    ~EventStream() override;

    // Events after this id are requested on the first connection too (default: only new events).
    void setLastEventId(const QString &id) { m_parser.setLastEventId(id); }
    QString lastEventId() const { return m_parser.lastEventId(); }
    void setReconnectDelayMs(int ms) { m_baseDelayMs = ms; }
    // Reconnect when nothing at all arrived for this long (default 45000).
    void setIdleTimeoutMs(int ms) { m_idleMs = ms; }

    void start();
    void stop();
    bool isRunning() const { return m_running; }
    bool isConnected() const { return m_connected; }
    int reconnects() const { return m_reconnects; }

Q_SIGNALS:
    void connected();
    void eventReceived(const otadesk::client::ServerEvent &event);
    // The connection dropped; a reconnect follows (reason says why).
    void disconnected(const otadesk::client::ApiError &reason);
    // Stopped for good (not authorised, not found, ...).
    void failed(const otadesk::client::ApiError &error);

private:
    void connectNow();
    void onReadyRead();
    void onFinished();
    void scheduleReconnect(const ApiError &reason);

    QPointer<ApiClient> m_client;
    QPointer<QNetworkReply> m_reply;
    SseParser m_parser;
    QTimer *m_reconnectTimer;
    QTimer *m_idleTimer;
    int m_baseDelayMs = 1000;
    int m_delayMs = 1000;
    int m_idleMs = 45000;
    int m_reconnects = 0;
    bool m_running = false;
    bool m_connected = false;
    bool m_idleAbort = false;
    QString m_tlsDetail;
};

} // namespace otadesk::client
