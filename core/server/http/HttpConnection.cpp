#include "core/server/http/HttpConnection.h"

#include "core/server/api/FilePump.h"

#include <QTcpSocket>

namespace otadesk::server {

HttpConnection::HttpConnection(QTcpSocket *socket, qint64 maxBodyBytes, bool tls, Handler handler,
                               ErrorResponder onError)
    : QObject(socket), m_socket(socket), m_parser(maxBodyBytes, socket->peerAddress(), tls),
      m_handler(std::move(handler)), m_onError(std::move(onError))
{
    connect(socket, &QIODevice::readyRead, this, &HttpConnection::onReadyRead);
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    if (socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
}

void HttpConnection::onReadyRead()
{
    if (m_done) {
        m_socket->readAll(); // after a failure or a take-over: nothing more is parsed
        return;
    }
    m_parser.append(m_socket->readAll());
    process();
}

void HttpConnection::process()
{
    while (!m_done) {
        // A response still streaming a file: the next request waits for it (answers stay in order).
        if (auto *pump = m_socket->findChild<FilePump *>(QString(), Qt::FindDirectChildrenOnly)) {
            connect(pump, &QObject::destroyed, this, &HttpConnection::process,
                    Qt::ConnectionType(Qt::QueuedConnection | Qt::UniqueConnection));
            return;
        }
        HttpRequest request;
        switch (m_parser.next(request)) {
        case HttpRequestParser::Outcome::NeedMore:
            if (m_parser.wantsContinue()) {
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
                m_parser.continueSent();
            }
            return;
        case HttpRequestParser::Outcome::Error:
            m_done = true;
            m_socket->write(m_onError(m_parser.errorStatus(), m_parser.errorMessage()));
            m_socket->disconnectFromHost();
            return;
        case HttpRequestParser::Outcome::Request:
            break;
        }
        if (!m_handler(request, m_socket)) {
            m_done = true;
            return;
        }
        if (!request.keepAlive()) {
            m_done = true;
            if (auto *pump = m_socket->findChild<FilePump *>(QString(), Qt::FindDirectChildrenOnly))
                connect(pump, &QObject::destroyed, m_socket, [s = m_socket] { s->disconnectFromHost(); });
            else
                m_socket->disconnectFromHost();
            return;
        }
    }
}

} // namespace otadesk::server
