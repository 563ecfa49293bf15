#include "core/server/GatedServer.h"

#include <QTcpSocket>

namespace otadesk::server {

QTcpSocket *GatedTcpServer::nextPendingConnection()
{
    QTcpSocket *socket = QTcpServer::nextPendingConnection();
    if (socket && m_hook)
        m_hook(socket);
    return socket;
}

QTcpSocket *GatedSslServer::nextPendingConnection()
{
    QTcpSocket *socket = QSslServer::nextPendingConnection();
    if (socket && m_hook)
        m_hook(socket);
    return socket;
}

} // namespace otadesk::server
