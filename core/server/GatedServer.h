#pragma once
// The listening sockets of HttpService: a QTcpServer (HTTP) and a QSslServer (HTTPS) that put a RequestGate on
// every accepted connection (in nextPendingConnection()) before HttpService gives it its HttpConnection.
#include <QSslServer>
#include <QTcpServer>
#include <functional>

namespace otadesk::server {

using SocketHook = std::function<void(QTcpSocket *)>;

class GatedTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    GatedTcpServer(SocketHook hook, QObject *parent = nullptr) : QTcpServer(parent), m_hook(std::move(hook)) {}
    QTcpSocket *nextPendingConnection() override;

private:
    SocketHook m_hook;
};

class GatedSslServer : public QSslServer
{
    Q_OBJECT
public:
    GatedSslServer(SocketHook hook, QObject *parent = nullptr) : QSslServer(parent), m_hook(std::move(hook)) {}
    QTcpSocket *nextPendingConnection() override;

private:
    SocketHook m_hook;
};

} // namespace otadesk::server
