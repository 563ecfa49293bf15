#include "core/server/HttpService.h"

#include "core/common/Logging.h"
#include "core/common/Version.h"
#include "core/server/GatedServer.h"
#include "core/server/RequestGate.h"
#include "core/server/ServerLog.h"
#include "core/server/api/ApiContext.h"
#include "core/server/api/FilePump.h"
#include "core/server/api/JsonViews.h"
#include "core/server/api/Router.h"
#include "core/store/AuditLog.h"

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

    Private(HttpService *q, ServerConfig c, const store::Database *db) : q(q), config(std::move(c)), server(this)
    {
        if (db)
            api = std::make_unique<ApiContext>(*db, config);
    }

    void addRoutes();
    ApiResponse dispatch(const QHttpServerRequest &request, const QByteArray &requestId);
    ApiResponse authorize(const Router::Route &route, const QHttpServerRequest &request, Principal &principal);
    ApiResponse authorizeDevice(const QHttpServerRequest &request, store::DeviceIdentity &device);
    void writeResponse(ApiResponse &response, const QHttpServerRequest &request, QTcpSocket *socket,
                       QHttpServerResponder &responder, const QByteArray &requestId);
    void replayEvents(QTcpSocket *socket, qint64 tenantId, const QByteArray &lastEventId);
    void handle(const QHttpServerRequest &request, QTcpSocket *socket, QHttpServerResponder &&responder);
    QByteArray onRejected(const RequestGate::Rejection &r);
    void drain();
    void finish();
    void sweepConnections();

    HttpService *q;
    ServerConfig config;
    Server server;
    Router router;
    std::unique_ptr<ApiContext> api;
    QTimer housekeeping;
    QTimer sweep;
    QTimer logFlush;
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
    router.add(Method::Get, QStringLiteral("/api/v1/health"), Permission::Public, [this](ApiRequest &) {
        return ApiResponse::json(200, {{QStringLiteral("status"), QStringLiteral("ok")},
                                       {QStringLiteral("version"), QString::fromLatin1(kVersion)},
                                       {QStringLiteral("uptime_seconds"), double(uptime.elapsed()) / 1000.0},
                                       {QStringLiteral("started_at"), startedAt.toString(Qt::ISODateWithMs)},
                                       {QStringLiteral("tls"), config.tlsEnabled()},
                                       {QStringLiteral("database"), bool(api)},
                                       {QStringLiteral("max_body_bytes"), double(config.maxBodyBytes)}});
    });
    router.add(Method::Get, QStringLiteral("/api/v1/version"), Permission::Public, [](ApiRequest &) {
        return ApiResponse::json(200, {{QStringLiteral("name"), QStringLiteral("otadesk-server")},
                                       {QStringLiteral("version"), QString::fromLatin1(kVersion)},
                                       {QStringLiteral("api"), QStringLiteral("v1")},
                                       {QStringLiteral("qt"), QString::fromLatin1(qVersion())}});
    });
    if (!api)
        return;
    addIdentityRoutes(router, *api);
    addKeyRoutes(router, *api);
    addUploadRoutes(router, *api);
    addPayloadRoutes(router, *api);
    addManifestRoutes(router, *api);
    addAuditRoutes(router, *api);
    addDeviceListRoutes(router, *api);
    addDeviceEditRoutes(router, *api);
    addGroupRoutes(router, *api);
    addDeviceProtocolRoutes(router, *api);
}

ApiResponse HttpService::Private::authorize(const Router::Route &route, const QHttpServerRequest &request,
                                            Principal &principal)
{
    if (!api)
        return ApiResponse::error(503, QStringLiteral("unavailable"),
                                  tr("This server runs without a database (start it with --database)."));
    const auto verdict = api->auth.authenticate(headerOf(request, "authorization"), request.remoteAddress());
    switch (verdict.outcome) {
    case Authenticator::Outcome::Ok:
        break;
    case Authenticator::Outcome::Throttled: {
        ApiResponse r = ApiResponse::error(429, QStringLiteral("too_many_requests"), verdict.message);
        r.headers.push_back({"Retry-After", QByteArray::number(verdict.retryAfterSeconds)});
        return r;
    }
    case Authenticator::Outcome::Unavailable:
        return ApiResponse::error(503, QStringLiteral("unavailable"), verdict.message);
    case Authenticator::Outcome::Missing:
    case Authenticator::Outcome::Invalid: {
        ApiResponse r = ApiResponse::error(401, QStringLiteral("unauthenticated"), verdict.message);
        r.headers.push_back({"WWW-Authenticate", "Bearer realm=\"otadesk\""});
        return r;
    }
    }
    principal = verdict.principal;
    if (!roleAllows(principal.role, route.permission))
        return ApiResponse::error(403, QStringLiteral("forbidden"),
                                  tr("The role %1 of account \"%2\" does not allow this (it needs %3).")
                                      .arg(store::roleName(principal.role), principal.accountName,
                                           permissionName(route.permission)));
    return ApiResponse{0, {}, {}, {}, {}, false, 0};
}

ApiResponse HttpService::Private::authorizeDevice(const QHttpServerRequest &request, store::DeviceIdentity &device)
{
    if (!api)
        return ApiResponse::error(503, QStringLiteral("unavailable"),
                                  tr("This server runs without a database (start it with --database)."));
    const QByteArray certHeader =
        config.clientCertHeader.isEmpty() ? QByteArray() : headerOf(request, config.clientCertHeader.toLatin1());
    const auto verdict = api->deviceAuth.authenticate(headerOf(request, "authorization"), certHeader,
                                                      request.remoteAddress());
    switch (verdict.outcome) {
    case DeviceAuthenticator::Outcome::Ok:
        device = verdict.identity;
        return ApiResponse{0, {}, {}, {}, {}, false, 0};
    case DeviceAuthenticator::Outcome::Throttled: {
        ApiResponse r = ApiResponse::error(429, QStringLiteral("too_many_requests"), verdict.message);
        r.headers.push_back({"Retry-After", QByteArray::number(verdict.retryAfterSeconds)});
        return r;
    }
    case DeviceAuthenticator::Outcome::Unavailable:
        return ApiResponse::error(503, QStringLiteral("unavailable"), verdict.message);
    case DeviceAuthenticator::Outcome::Missing:
    case DeviceAuthenticator::Outcome::Invalid:
        break;
    }
    ApiResponse r = ApiResponse::error(401, QStringLiteral("unauthenticated"), verdict.message);
    r.headers.push_back({"WWW-Authenticate", "Bearer realm=\"otadesk-device\""});
    return r;
}

ApiResponse HttpService::Private::dispatch(const QHttpServerRequest &request, const QByteArray &requestId)
{
    const QString path = request.url().path();
    if (request.body().size() > config.maxBodyBytes) // bodies without Content-Length (chunked) end up here
        return ApiResponse::error(413, QStringLiteral("payload_too_large"),
                                  tr("The request body is larger than the limit of %1 bytes.").arg(config.maxBodyBytes));
    const Router::Match m = router.match(request.method(), path);
    if (!m.route && m.allowed.isEmpty())
        return ApiResponse::error(404, QStringLiteral("not_found"), tr("There is no resource at %1.").arg(path));
    if (!m.route) {
        ApiResponse r = ApiResponse::error(405, QStringLiteral("method_not_allowed"),
                                           tr("%1 is not allowed on %2; use %3.")
                                               .arg(QString::fromLatin1(Router::methodName(request.method())), path,
                                                    QString::fromLatin1(m.allowed.join(", "))));
        r.headers.push_back({"Allow", m.allowed.join(", ")});
        return r;
    }
    ApiRequest req{request, m.params, {}, requestId, {}};
    if (m.route->permission == Permission::Device) {
        ApiResponse denied = authorizeDevice(request, req.device);
        if (denied.status != 0)
            return denied;
    } else if (m.route->permission != Permission::Public) {
        ApiResponse denied = authorize(*m.route, request, req.principal);
        if (denied.status != 0)
            return denied;
    }
    return m.route->handler(req);
}

void HttpService::Private::replayEvents(QTcpSocket *socket, qint64 tenantId, const QByteArray &lastEventId)
{
    bool ok = false;
    const qint64 after = lastEventId.toLongLong(&ok);
    if (!ok || after < 0)
        return;
    auto missed = store::AuditLog(api->db).listAfter(tenantId, after, store::AuditLog::kMaxPageSize);
    if (!missed)
        return;
    for (const store::AuditEntry &e : *missed)
        socket->write("id: " + QByteArray::number(e.id) + "\nevent: audit\ndata: " +
                      QJsonDocument(auditJson(e)).toJson(QJsonDocument::Compact) + "\n\n");
}

void HttpService::Private::writeResponse(ApiResponse &r, const QHttpServerRequest &request, QTcpSocket *socket,
                                         QHttpServerResponder &responder, const QByteArray &requestId)
{
    responder.writeStatusLine(QHttpServerResponder::StatusCode(r.status));
    if (!r.contentType.isEmpty())
        responder.writeHeader("Content-Type", r.contentType);
    responder.writeHeader("X-Request-Id", requestId);
    for (const auto &[name, value] : std::as_const(r.headers))
        responder.writeHeader(name, value);
    if (r.eventStream) {
        // No Content-Length: the stream lasts as long as the connection.
        responder.writeHeader("Connection", "close");
        responder.writeBody(QByteArrayLiteral(": otadesk event stream\n\n"));
        replayEvents(socket, r.eventTenant, headerOf(request, "last-event-id"));
        api->events.subscribe(socket, r.eventTenant);
        if (auto *gate = socket->findChild<RequestGate *>(QString(), Qt::FindDirectChildrenOnly))
            gate->setStreaming();
        return;
    }
    if (r.file) {
        responder.writeHeader("Content-Length", QByteArray::number(r.file->length));
        responder.writeBody(QByteArray());
        if (r.file->length > 0 && !FilePump::start(socket, r.file->path, r.file->offset, r.file->length)) {
            qCWarning(lcServer).noquote() << "cannot open" << r.file->path;
            socket->abort();
        }
        return;
    }
    responder.writeHeader("Content-Length", QByteArray::number(r.body.size()));
    responder.writeBody(r.body);
    socket->flush(); // send now rather than one event-loop turn later (saves a wake-up per request)
}

void HttpService::Private::handle(const QHttpServerRequest &request, QTcpSocket *socket,
                                  QHttpServerResponder &&responder)
{
    const QByteArray id = RequestGate::requestIdFor(headerOf(request, "x-request-id"));
    const auto *gate = socket->findChild<RequestGate *>(QString(), Qt::FindDirectChildrenOnly);
    ApiResponse reply = dispatch(request, id);
    writeResponse(reply, request, socket, responder, id);
    const qint64 bytesOut = reply.file ? reply.file->length : reply.body.size();
    const LogFields fields(QJsonObject{
        {QStringLiteral("request_id"), QString::fromLatin1(id)},
        {QStringLiteral("method"), QString::fromLatin1(Router::methodName(request.method()))},
        {QStringLiteral("path"), request.url().path()},
        {QStringLiteral("status"), reply.status},
        {QStringLiteral("duration_ms"), gate ? qRound(gate->elapsedMs() * 1000.0) / 1000.0 : 0.0},
        {QStringLiteral("remote"), request.remoteAddress().toString()},
        {QStringLiteral("bytes_in"), double(request.body().size())},
        {QStringLiteral("bytes_out"), double(bytesOut)}});
    if (reply.status >= 500)
        qCWarning(lcServer, "request");
    else
        qCInfo(lcServer, "request");
}

QByteArray HttpService::Private::onRejected(const RequestGate::Rejection &r)
{
    const ApiResponse reply =
        r.status == 413   ? ApiResponse::error(413, QStringLiteral("payload_too_large"),
                                               tr("The request body (%1 bytes) is larger than the limit of %2 bytes.")
                                                   .arg(r.contentLength)
                                                   .arg(config.maxBodyBytes))
        : r.status == 408 ? ApiResponse::error(408, QStringLiteral("request_timeout"),
                                               tr("The request did not arrive in time (at most %1 ms for the head, "
                                                  "at most %1 ms without progress for the body).")
                                                   .arg(config.requestTimeoutMs))
                          : ApiResponse::error(431, QStringLiteral("headers_too_large"), tr("The request head is too large."));
    const LogFields fields(QJsonObject{{QStringLiteral("request_id"), QString::fromLatin1(r.requestId)},
                                       {QStringLiteral("method"), QString::fromLatin1(r.method)},
                                       {QStringLiteral("path"), QString::fromLatin1(r.path)},
                                       {QStringLiteral("status"), r.status},
                                       {QStringLiteral("content_length"), double(r.contentLength)}});
    qCWarning(lcServer, "request rejected before its body was read");
    return reply.body;
}

// Slow or idle connections: a head that takes longer than request_timeout_ms, or a body without a byte for that
// long, gets 408 and is closed (slowloris); a keep-alive connection with nothing in flight is closed after
// idle_timeout_ms. Event streams and running downloads are left alone.
void HttpService::Private::sweepConnections()
{
    gates.removeAll(QPointer<RequestGate>());
    for (const QPointer<RequestGate> &gate : std::as_const(gates)) {
        auto *socket = qobject_cast<QTcpSocket *>(gate->parent());
        if (!socket || socket->state() != QAbstractSocket::ConnectedState || gate->streaming() || gate->rejected())
            continue;
        if (gate->headInProgress() ? gate->msSinceRequestStart() > config.requestTimeoutMs
                                   : gate->busy() && gate->msSinceLastByte() > config.requestTimeoutMs) {
            gate->timeOut();
            continue;
        }
        const bool sending = socket->bytesToWrite() > 0 || socket->findChild<FilePump *>();
        if (!gate->busy() && !sending && gate->msSinceLastByte() > config.idleTimeoutMs)
            socket->disconnectFromHost();
    }
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
    if (api)
        api->checkins.flush(); // last-seen times collected since the last write
    for (const QPointer<RequestGate> &gate : std::as_const(gates)) {
        if (auto *socket = gate ? qobject_cast<QTcpSocket *>(gate->parent()) : nullptr)
            socket->abort();
    }
    // Queued, so that listeners run outside of the caller's log scope and stack.
    QMetaObject::invokeMethod(q, [this] { Q_EMIT q->stopped(); }, Qt::QueuedConnection);
}

HttpService::HttpService(ServerConfig config, const store::Database *database, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(this, std::move(config), database))
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
    QObject::connect(&d->sweep, &QTimer::timeout, this, [this] { d->sweepConnections(); });
    QObject::connect(&d->logFlush, &QTimer::timeout, this, [] { flushServerLog(); });
    d->logFlush.start(100);
    d->sweep.start(std::clamp(std::min(c.requestTimeoutMs, c.idleTimeoutMs) / 4, 50, 5000));
    if (d->api) {
        // Left-overs of a killed server: half-written blobs (older than an hour, so that another instance sharing
        // data_dir keeps the files it is writing) and uploads nobody resumed within a day.
        d->api->blobs.purgeTemporaryFiles();
        purgeStaleUploads(*d->api);
        d->housekeeping.setInterval(3600 * 1000);
        QObject::connect(&d->housekeeping, &QTimer::timeout, this, [this] { purgeStaleUploads(*d->api); });
        d->housekeeping.start();
    }
    d->listener = listener.get();
    d->server.bind(listener.release()); // the HTTP server becomes the parent
    d->uptime.start();
    d->startedAt = QDateTime::currentDateTimeUtc();
    const LogFields fields(QJsonObject{{QStringLiteral("url"), url().toString()},
                                       {QStringLiteral("tls"), c.tlsEnabled()},
                                       {QStringLiteral("max_body_bytes"), double(c.maxBodyBytes)},
                                       {QStringLiteral("database"), maskedDatabaseUrl(c.database)},
                                       {QStringLiteral("data_dir"), c.dataDir}});
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
