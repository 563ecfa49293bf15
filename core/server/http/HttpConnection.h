#pragma once
// One client connection of otadesk-server: reads what arrives, parses requests with HttpRequestParser and hands
// each complete one to the handler, in order; answers "100 Continue" to requests that expect it; answers a
// malformed request with its error status and closes. The handler writes the response on the socket (see
// HttpService) and says whether the connection stays open. While a file is being streamed (FilePump) the next
// pipelined request waits. A child of its socket; the socket deletes itself when the peer disconnects.
#include "core/server/http/HttpRequestParser.h"

#include <QObject>
#include <functional>

class QTcpSocket;

namespace otadesk::server {

class HttpConnection : public QObject
{
    Q_OBJECT
public:
    // The handler answers the request; it returns false when it took the connection over for good (an event
    // stream): no further request is read from it.
    using Handler = std::function<bool(const HttpRequest &, QTcpSocket *)>;
    // What to send for a request that cannot be parsed (status, message): the whole response.
    using ErrorResponder = std::function<QByteArray(int status, const QByteArray &message)>;

    HttpConnection(QTcpSocket *socket, qint64 maxBodyBytes, bool tls, Handler handler, ErrorResponder onError);

private:
    void onReadyRead();
    void process();

    QTcpSocket *m_socket;
    HttpRequestParser m_parser;
    Handler m_handler;
    ErrorResponder m_onError;
    bool m_done = false; // closing, failed, or taken over
};

} // namespace otadesk::server
