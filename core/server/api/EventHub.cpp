#include "core/server/api/EventHub.h"

#include <QJsonDocument>
#include <QTcpSocket>

namespace otadesk::server {

EventHub::EventHub(QObject *parent) : QObject(parent)
{
    m_keepAlive.setInterval(kKeepAliveMs);
    connect(&m_keepAlive, &QTimer::timeout, this, &EventHub::keepAlive);
}

void EventHub::subscribe(QTcpSocket *socket, qint64 tenantId)
{
    m_subscribers.append({socket, tenantId});
    if (!m_keepAlive.isActive())
        m_keepAlive.start();
}

void EventHub::send(Subscriber &s, const QByteArray &frame)
{
    if (!s.socket || s.socket->state() != QAbstractSocket::ConnectedState) {
        s.socket.clear();
        return;
    }
    if (s.socket->bytesToWrite() > kMaxBacklogBytes) {
        s.socket->abort(); // a stalled reader; it reconnects with Last-Event-ID
        s.socket.clear();
        return;
    }
    s.socket->write(frame);
}

void EventHub::publish(qint64 tenantId, const QByteArray &type, qint64 id, const QJsonObject &data)
{
    const QByteArray frame = "id: " + QByteArray::number(id) + "\nevent: " + type + "\ndata: " +
                             QJsonDocument(data).toJson(QJsonDocument::Compact) + "\n\n";
    for (Subscriber &s : m_subscribers) {
        if (s.tenantId == tenantId)
            send(s, frame);
    }
    m_subscribers.removeIf([](const Subscriber &s) { return s.socket.isNull(); });
}

void EventHub::keepAlive()
{
    for (Subscriber &s : m_subscribers)
        send(s, QByteArrayLiteral(": keep-alive\n\n"));
    m_subscribers.removeIf([](const Subscriber &s) { return s.socket.isNull(); });
    if (m_subscribers.isEmpty())
        m_keepAlive.stop();
}

int EventHub::subscriberCount() const
{
    return int(std::count_if(m_subscribers.begin(), m_subscribers.end(), [](const Subscriber &s) {
        return s.socket && s.socket->state() == QAbstractSocket::ConnectedState;
    }));
}

} // namespace otadesk::server
