#pragma once
// The live event stream (Server-Sent Events): GET /api/v1/events keeps its connection open and receives every
// event of its tenant as "id: N\nevent: TYPE\ndata: JSON\n\n"; a ": keep-alive" comment every kKeepAliveMs keeps
// proxies from closing idle streams. A subscriber whose socket cannot keep up (more than kMaxBacklogBytes
// unsent) is disconnected rather than buffered without bound; clients reconnect with Last-Event-ID.
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QTcpSocket;

namespace otadesk::server {

class EventHub : public QObject
{
    Q_OBJECT
public:
    explicit EventHub(QObject *parent = nullptr);

    void subscribe(QTcpSocket *socket, qint64 tenantId);
    void publish(qint64 tenantId, const QByteArray &type, qint64 id, const QJsonObject &data);
    int subscriberCount() const;

    static constexpr int kKeepAliveMs = 15'000;
    static constexpr qint64 kMaxBacklogBytes = 4 << 20;

private:
    struct Subscriber
    {
        QPointer<QTcpSocket> socket;
        qint64 tenantId = 0;
    };
    void send(Subscriber &s, const QByteArray &frame);
    void keepAlive();

    QList<Subscriber> m_subscribers;
    QTimer m_keepAlive;
};

} // namespace otadesk::server
