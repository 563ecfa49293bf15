#include "core/client/EventStream.h"
#include "core/client/ApiClient.h"
#include "core/client/ClientLogging.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslError>
#include <QTimer>

namespace otadesk::client {

EventStream::EventStream(ApiClient *client, QObject *parent)
    : QObject(parent), m_client(client), m_reconnectTimer(new QTimer(this)), m_idleTimer(new QTimer(this))
{
    m_reconnectTimer->setSingleShot(true);
    m_idleTimer->setSingleShot(true);
    connect(m_reconnectTimer, &QTimer::timeout, this, &EventStream::connectNow);
    connect(m_idleTimer, &QTimer::timeout, this, [this] {
        qCInfo(lcClient) << "event stream idle for" << m_idleMs << "ms; reconnecting";
        m_idleAbort = true;
        if (m_reply)
            m_reply->abort();
    });
}

EventStream::~EventStream()
{
    m_running = false;
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void EventStream::start()
{
    if (m_running)
        return;
    m_running = true;
    m_delayMs = m_baseDelayMs;
    connectNow();
}

void EventStream::stop()
{
    m_running = false;
    m_reconnectTimer->stop();
    m_idleTimer->stop();
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    m_connected = false;
}

void EventStream::connectNow()
{
    if (!m_running || !m_client)
        return;
    if (!m_client->configurationError().isEmpty()) {
        m_running = false;
        Q_EMIT failed(ApiError::other(ApiError::Kind::Local, m_client->configurationError()));
        return;
    }
    QNetworkRequest request = m_client->networkRequest(QStringLiteral("/events"));
    request.setRawHeader("Accept", "text/event-stream");
    request.setRawHeader("Cache-Control", "no-cache");
    request.setTransferTimeout(0); // the idle timer watches the stream instead
    if (!m_parser.lastEventId().isEmpty())
        request.setRawHeader("Last-Event-ID", m_parser.lastEventId().toUtf8());
    m_parser.reset();
    m_tlsDetail.clear();
    m_idleAbort = false;
    m_reply = m_client->network()->get(request);
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        QStringList texts;
        for (const QSslError &e : errors)
            texts << e.errorString();
        m_tlsDetail = texts.join(QStringLiteral("; "));
    });
    connect(m_reply, &QNetworkReply::metaDataChanged, this, [this] {
        // Headers arrived: connected, even before the first event or keep-alive.
        if (m_reply && m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200 &&
            !m_connected) {
            m_connected = true;
            m_delayMs = m_baseDelayMs;
            m_idleTimer->start(m_idleMs);
            Q_EMIT connected();
        }
    });
    connect(m_reply, &QNetworkReply::readyRead, this, &EventStream::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &EventStream::onFinished);
    m_idleTimer->start(m_idleMs);
}

void EventStream::onReadyRead()
{
    if (!m_reply)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200)
        return; // an error body: read at the end
    m_idleTimer->start(m_idleMs);
    if (!m_connected) {
        m_connected = true;
        m_delayMs = m_baseDelayMs;
        Q_EMIT connected();
    }
    const QList<ServerEvent> events = m_parser.feed(m_reply->readAll());
    for (const ServerEvent &e : events) {
        Q_EMIT eventReceived(e);
        if (!m_running)
            return;
    }
}

void EventStream::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    reply->deleteLater();
    m_idleTimer->stop();
    const bool wasConnected = m_connected;
    m_connected = false;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray rest = reply->readAll();
    if (status == 200 && !rest.isEmpty()) {
        const QList<ServerEvent> events = m_parser.feed(rest);
        for (const ServerEvent &e : events)
            Q_EMIT eventReceived(e);
    }
    if (!m_running)
        return;
    ApiError error =
        ApiError::fromReply(reply, rest, m_idleAbort, false,
                            m_client ? m_client->endpoint().displayName() : QString(), m_tlsDetail);
    if (!error.isError()) // the server ended the stream normally
        error = ApiError::other(ApiError::Kind::Network, tr("The server closed the event stream."));
    const bool permanent =
        error.kind() == ApiError::Kind::Tls || error.kind() == ApiError::Kind::Local ||
        (error.kind() == ApiError::Kind::Http && !error.isTransient() && error.httpStatus() != 429);
    if (permanent) {
        m_running = false;
        Q_EMIT failed(error);
        return;
    }
    if (wasConnected)
        Q_EMIT disconnected(error);
    scheduleReconnect(error);
}

void EventStream::scheduleReconnect(const ApiError &reason)
{
    int delay = m_parser.retryMs() >= 0 ? qMax(m_parser.retryMs(), m_delayMs) : m_delayMs;
    if (reason.retryAfterSeconds() >= 0)
        delay = qMax(delay, reason.retryAfterSeconds() * 1000);
    qCInfo(lcClient).noquote() << "event stream:" << reason.toString() << "- reconnecting in" << delay
                               << "ms";
    m_delayMs = qMin(m_delayMs * 2, 30000);
    ++m_reconnects;
    m_reconnectTimer->start(delay);
}

} // namespace otadesk::client
