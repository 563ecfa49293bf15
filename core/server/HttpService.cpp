#include "core/server/HttpService.h"

#include "core/common/Logging.h"
#include "core/common/Version.h"
#include "core/server/GatedServer.h"
#include "core/server/RequestGate.h"
#include "core/server/ServerLog.h"

#include <QAbstractHttpServer>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QMetaEnum>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTcpSocket>
#include <QTimer>

namespace otadesk::server {

namespace {
using Method = QHttpServerRequest::Method;

struct Reply
{
    int status = 200;
    QJsonObject body;
    QByteArray allow; // for 405
};

Reply errorReply(int status, const QString &code, const QString &message)
{
    return {status, QJsonObject{{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), code},
                                                                      {QStringLiteral("message"), message}}}},
            {}};
}

QByteArray methodName(Method m)
{
    return QByteArray(QMetaEnum::fromType<Method>().valueToKey(int(m))).toUpper();
}

QByteArray headerOf(const QHttpServerRequest &request, const QByteArray &name)
{
    for (const auto &[key, value] : request.headers()) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}
} // namespace

class HttpService::Private
{
public:
    struct Route
    {
        QString path;
        Method method;
        std::function<Reply(const QHttpServerRequest &)> handler;
    };

    class Server : public QAbstractHttpServer
    {
    public:
        explicit Server(Private *d) : m_d(d) {}

    protected:
        bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
        {
            m_d->handle(request, socket, makeResponder(request, socket));
            return true;
        }
        void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override
        {
            m_d->handle(request, socket, makeResponder(request, socket));
        }

    private:
        Private *m_d;
    };

    explicit Private(HttpService *q, ServerConfig c) : q(q), config(std::move(c)), server(this) {}

    void addRoutes();
    Reply dispatch(const QHttpServerRequest &request) const;
    void handle(const QHttpServerRequest &request, QTcpSocket *socket, QHttpServerResponder &&responder);
    QByteArray onRejected(const RequestGate::Rejection &r);
    void drain();
    void finish();

    HttpService *q;
    ServerConfig config;
    Server server;
    QList<Route> routes;
    QPointer<QTcpServer> listener;
    QList<QPointer<RequestGate>> gates;
    QElapsedTimer uptime;
    QDateTime startedAt;
    QElapsedTimer stopClock;
    bool stopping = false;
    bool finished = false;
};

void HttpService::Private::addRoutes()
{
    routes.append({QStringLiteral("/api/v1/health"), Method::Get, [this](const QHttpServerRequest &) {
                       return Reply{200,
                                    QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                                {QStringLiteral("version"), QString::fromLatin1(kVersion)},
                                                {QStringLiteral("uptime_seconds"), double(uptime.elapsed()) / 1000.0},
                                                {QStringLiteral("started_at"),
                                                 startedAt.toString(Qt::ISODateWithMs)},
                                                {QStringLiteral("tls"), config.tlsEnabled()},
                                                {QStringLiteral("max_body_bytes"), double(config.maxBodyBytes)}},
                                    {}};
                   }});
    routes.append({QStringLiteral("/api/v1/version"), Method::Get, [](const QHttpServerRequest &) {
                       return Reply{200,
                                    QJsonObject{{QStringLiteral("name"), QStringLiteral("otadesk-server")},
                                                {QStringLiteral("version"), QString::fromLatin1(kVersion)},
                                                {QStringLiteral("api"), QStringLiteral("v1")},
                                                {QStringLiteral("qt"), QString::fromLatin1(qVersion())}},
                                    {}};
                   }});
}

Reply HttpService::Private::dispatch(const QHttpServerRequest &request) const
{
    const QString path = request.url().path();
    if (request.body().size() > config.maxBodyBytes) // bodies without Content-Length (chunked) end up here
        return errorReply(413, QStringLiteral("payload_too_large"),
                          tr("The request body is larger than the limit of %1 bytes.").arg(config.maxBodyBytes));
    QByteArrayList allowed;
    for (const Route &route : routes) {
        if (route.path != path)
            continue;
        if (route.method == request.method())
            return route.handler(request);
        allowed << methodName(route.method);
    }
    if (allowed.isEmpty())
        return errorReply(404, QStringLiteral("not_found"), tr("There is no resource at %1.").arg(path));
    Reply r = errorReply(405, QStringLiteral("method_not_allowed"),
                         tr("%1 is not allowed on %2; use %3.")
                             .arg(QString::fromLatin1(methodName(request.method())), path,
                                  QString::fromLatin1(allowed.join(", "))));
    r.allow = allowed.join(", ");
    return r;
}

void HttpService::Private::handle(const QHttpServerRequest &request, QTcpSocket *socket,
                                  QHttpServerResponder &&responder)
{
    const QByteArray id = RequestGate::requestIdFor(headerOf(request, "x-request-id"));
    const auto *gate = socket->findChild<RequestGate *>(QString(), Qt::FindDirectChildrenOnly);
    const Reply reply = dispatch(request);
    const QByteArray body = QJsonDocument(reply.body).toJson(QJsonDocument::Compact);
    const auto status = QHttpServerResponder::StatusCode(reply.status);
    const QByteArray json("application/json");
    if (reply.allow.isEmpty())
        responder.write(body, {{"Content-Type", json}, {"X-Request-Id", id}}, status);
    else
        responder.write(body, {{"Content-Type", json}, {"X-Request-Id", id}, {"Allow", reply.allow}}, status);
    const LogFields fields(QJsonObject{
        {QStringLiteral("request_id"), QString::fromLatin1(id)},
        {QStringLiteral("method"), QString::fromLatin1(methodName(request.method()))},
        {QStringLiteral("path"), request.url().path()},
        {QStringLiteral("status"), reply.status},
        {QStringLiteral("duration_ms"), gate ? qRound(gate->elapsedMs() * 1000.0) / 1000.0 : 0.0},
        {QStringLiteral("remote"), request.remoteAddress().toString()},
        {QStringLiteral("bytes_in"), double(request.body().size())},
        {QStringLiteral("bytes_out"), double(body.size())}});
    if (reply.status >= 500)
        qCWarning(lcServer, "request");
    else
        qCInfo(lcServer, "request");
}

QByteArray HttpService::Private::onRejected(const RequestGate::Rejection &r)
{
    const Reply reply =
        r.status == 413 ? errorReply(413, QStringLiteral("payload_too_large"),
                                     tr("The request body (%1 bytes) is larger than the limit of %2 bytes.")
                                         .arg(r.contentLength)
                                         .arg(config.maxBodyBytes))
                        : errorReply(431, QStringLiteral("headers_too_large"), tr("The request head is too large."));
    const LogFields fields(QJsonObject{{QStringLiteral("request_id"), QString::fromLatin1(r.requestId)},
                                       {QStringLiteral("method"), QString::fromLatin1(r.method)},
                                       {QStringLiteral("path"), QString::fromLatin1(r.path)},
                                       {QStringLiteral("status"), r.status},
                                       {QStringLiteral("content_length"), double(r.contentLength)}});
    qCWarning(lcServer, "request rejected before its body was read");
    return QJsonDocument(reply.body).toJson(QJsonDocument::Compact);
}

void HttpService::Private::drain()
{
    if (finished)
        return;
    int busy = 0;
    for (const QPointer<RequestGate> &gate : std::as_const(gates)) {
        if (!gate)
            continue;
        auto *socket = qobject_cast<QTcpSocket *>(gate->parent());
        if (!socket || socket->state() == QAbstractSocket::UnconnectedState)
            continue;
        if (gate->busy()) {
            ++busy;
        } else {
            socket->disconnectFromHost(); // idle keep-alive connection; waits for unsent bytes
            if (socket->state() != QAbstractSocket::UnconnectedState && socket->bytesToWrite() > 0)
                ++busy;
        }
    }
    gates.removeAll(QPointer<RequestGate>());
    if (busy > 0 && stopClock.elapsed() < config.shutdownTimeoutMs) {
        QTimer::singleShot(20, q, [this] { drain(); });
        return;
    }
    if (busy > 0) {
        const LogFields fields(QJsonObject{{QStringLiteral("connections"), busy}});
        qCWarning(lcServer, "shutdown timeout reached; dropping unfinished requests");
    }
    finish();
}

void HttpService::Private::finish()
{
    if (finished)
        return;
    finished = true;
    for (const QPointer<RequestGate> &gate : std::as_const(gates)) {
        if (auto *socket = gate ? qobject_cast<QTcpSocket *>(gate->parent()) : nullptr)
            socket->abort();
    }
    // Queued, so that listeners run outside of the caller's log scope and stack.
    QMetaObject::invokeMethod(q, [this] { Q_EMIT q->stopped(); }, Qt::QueuedConnection);
}

HttpService::HttpService(ServerConfig config, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(this, std::move(config)))
{
    d->addRoutes();
}

HttpService::~HttpService() = default;

Status HttpService::start()
{
    const ServerConfig &c = d->config;
    const auto hook = [this](QTcpSocket *socket) {
        d->gates.append(new RequestGate(socket, d->config.maxBodyBytes,
                                        [this](const RequestGate::Rejection &r) { return d->onRejected(r); }));
    };
    std::unique_ptr<QTcpServer> listener;
    if (c.tlsEnabled()) {
        QFile certFile(c.tlsCert);
        QFile keyFile(c.tlsKey);
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
            return fail(ErrorCode::InvalidArgument, tr("Cannot read the TLS certificate %1 or key %2.")
                                                        .arg(c.tlsCert, c.tlsKey));
        const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
        const QByteArray keyPem = keyFile.readAll();
        QSslKey key(keyPem, QSsl::Ec);
        if (key.isNull())
            key = QSslKey(keyPem, QSsl::Rsa);
        if (chain.isEmpty() || key.isNull())
            return fail(ErrorCode::InvalidArgument, tr("The TLS certificate %1 or key %2 cannot be loaded.")
                                                        .arg(c.tlsCert, c.tlsKey));
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setLocalCertificateChain(chain);
        ssl.setPrivateKey(key);
        ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
        ssl.setProtocol(QSsl::TlsV1_2OrLater);
        auto sslServer = std::make_unique<GatedSslServer>(hook);
        sslServer->setSslConfiguration(ssl);
        listener = std::move(sslServer);
    } else {
        listener = std::make_unique<GatedTcpServer>(hook);
    }
    if (!listener->listen(c.listen, c.port))
        return fail(ErrorCode::Io, tr("Cannot listen on %1 port %2: %3")
                                       .arg(c.listenText)
                                       .arg(c.port)
                                       .arg(listener->errorString()));
    d->listener = listener.get();
    d->server.bind(listener.release()); // the HTTP server becomes the parent
    d->uptime.start();
    d->startedAt = QDateTime::currentDateTimeUtc();
    const LogFields fields(QJsonObject{{QStringLiteral("url"), url().toString()},
                                       {QStringLiteral("tls"), c.tlsEnabled()},
                                       {QStringLiteral("max_body_bytes"), double(c.maxBodyBytes)},
                                       {QStringLiteral("database"), maskedDatabaseUrl(c.database)}});
    qCInfo(lcServer, "listening");
    return {};
}

QUrl HttpService::url() const
{
    QUrl u;
    if (!d->listener)
        return u;
    u.setScheme(d->config.tlsEnabled() ? QStringLiteral("https") : QStringLiteral("http"));
    u.setHost(d->listener->serverAddress().toString());
    u.setPort(d->listener->serverPort());
    return u;
}

void HttpService::shutdown()
{
    if (d->stopping) {
        qCWarning(lcServer, "second stop request: stopping now");
        d->finish();
        return;
    }
    d->stopping = true;
    d->stopClock.start();
    if (d->listener)
        d->listener->close();
    const LogFields fields(QJsonObject{{QStringLiteral("timeout_ms"), d->config.shutdownTimeoutMs}});
    qCInfo(lcServer, "stopping: no new connections; waiting for requests in progress");
    d->drain();
}

bool HttpService::isStopping() const
{
    return d->stopping;
}

} // namespace otadesk::server
