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
#include "core/server/device/DeviceUpdates.h"
#include "core/store/AuditLog.h"

#include "core/server/http/HttpConnection.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QMetaEnum>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTcpSocket>
#include <QTimer>

namespace otadesk::server {

class HttpService::Private
{
public:
    Private(HttpService *q, ServerConfig c, const store::Database *db) : q(q), config(std::move(c))
    {
        if (db)
            api = std::make_unique<ApiContext>(*db, config);
    }

    void addRoutes();
    ApiResponse dispatch(const HttpRequest &request, const QByteArray &requestId);
    ApiResponse authorize(const Router::Route &route, const HttpRequest &request, Principal &principal);
    ApiResponse authorizeDevice(const HttpRequest &request, store::DeviceIdentity &device);
    void writeResponse(ApiResponse &response, const HttpRequest &request, QTcpSocket *socket,
                       const QByteArray &requestId);
    void replayEvents(QTcpSocket *socket, qint64 tenantId, const QByteArray &lastEventId);
    // Answers one request; false when the connection became an event stream.
    bool handle(const HttpRequest &request, QTcpSocket *socket);
    QByteArray malformedRequest(int status, const QByteArray &message);
    void accept();
    QByteArray onRejected(const RequestGate::Rejection &r);
    void drain();
    void finish();
    void sweepConnections();

    HttpService *q;
    ServerConfig config;
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
    addUpdateRoutes(router, *api);
    addDeviceUpdateRoutes(router, *api);
}

ApiResponse HttpService::Private::authorize(const Router::Route &route, const HttpRequest &request,
                                            Principal &principal)
{
    if (!api)
        return ApiResponse::error(503, QStringLiteral("unavailable"),
                                  tr("This server runs without a database (start it with --database)."));
    const auto verdict = api->auth.authenticate(request.value("authorization"), request.remoteAddress());
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

ApiResponse HttpService::Private::authorizeDevice(const HttpRequest &request, store::DeviceIdentity &device)
{
    if (!api)
        return ApiResponse::error(503, QStringLiteral("unavailable"),
                                  tr("This server runs without a database (start it with --database)."));
    const QByteArray certHeader =
        config.clientCertHeader.isEmpty() ? QByteArray() : request.value(config.clientCertHeader.toLatin1());
    const auto verdict = api->deviceAuth.authenticate(request.value("authorization"), certHeader,
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

ApiResponse HttpService::Private::dispatch(const HttpRequest &request, const QByteArray &requestId)
{
    const QString path = request.path();
    if (request.body().size() > config.maxBodyBytes) // bodies without Content-Length (chunked) end up here
        return ApiResponse::error(413, QStringLiteral("payload_too_large"),
                                  tr("The request body is larger than the limit of %1 bytes.").arg(config.maxBodyBytes));
    // HEAD is GET without the body (writeResponse leaves it out).
    const Router::Match m = router.match(request.method() == Method::Head ? Method::Get : request.method(), path);
    if (!m.route && m.allowed.isEmpty())
        return ApiResponse::error(404, QStringLiteral("not_found"), tr("There is no resource at %1.").arg(path));
    if (!m.route) {
        ApiResponse r = ApiResponse::error(405, QStringLiteral("method_not_allowed"),
                                           tr("%1 is not allowed on %2; use %3.")
                                               .arg(QString::fromLatin1(request.methodText()), path,
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

void HttpService::Private::writeResponse(ApiResponse &r, const HttpRequest &request, QTcpSocket *socket,
                                         const QByteArray &requestId)
{
    // One write of the whole head (and a small body): one send() per answer.
    QByteArray out;
    out.reserve(256 + (r.file || r.eventStream ? 0 : r.body.size()));
    out += "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + reasonPhrase(r.status) + "\r\n";
    if (!r.contentType.isEmpty())
        out += "Content-Type: " + r.contentType + "\r\n";
    out += "X-Request-Id: " + requestId + "\r\n";
    for (const auto &[name, value] : std::as_const(r.headers))
        out += name + ": " + value + "\r\n";
    if (r.eventStream) {
        // No Content-Length: the stream lasts as long as the connection.
        out += "Connection: close\r\n\r\n: otadesk event stream\n\n";
        socket->write(out);
        replayEvents(socket, r.eventTenant, request.value("last-event-id"));
        api->events.subscribe(socket, r.eventTenant);
        if (auto *gate = socket->findChild<RequestGate *>(QString(), Qt::FindDirectChildrenOnly))
            gate->setStreaming();
        return;
    }
    const qint64 length = r.file ? r.file->length : r.body.size();
    out += "Content-Length: " + QByteArray::number(length) + "\r\n";
    if (!request.keepAlive())
        out += "Connection: close\r\n";
    else if (request.http10())
        out += "Connection: keep-alive\r\n";
    out += "\r\n";
    const bool head = request.method() == Method::Head;
    if (r.file) {
        socket->write(out);
        if (!head && r.file->length > 0 && !FilePump::start(socket, r.file->path, r.file->offset, r.file->length)) {
            qCWarning(lcServer).noquote() << "cannot open" << r.file->path;
            socket->abort();
        }
        return;
    }
    if (!head)
        out += r.body;
    socket->write(out);
    socket->flush(); // send now rather than one event-loop turn later (saves a wake-up per request)
}

bool HttpService::Private::handle(const HttpRequest &request, QTcpSocket *socket)
{
    const QByteArray id = RequestGate::requestIdFor(request.value("x-request-id"));
    const auto *gate = socket->findChild<RequestGate *>(QString(), Qt::FindDirectChildrenOnly);
    ApiResponse reply = dispatch(request, id);
    writeResponse(reply, request, socket, id);
    RequestLogLine line;
    line.requestId = id;
    const QByteArray method = request.methodText();
    line.method = method;
    line.path = request.path();
    line.status = reply.status;
    line.durationMs = gate ? qRound(gate->elapsedMs() * 1000.0) / 1000.0 : 0.0;
    line.remote = request.remoteAddress().toString();
    line.bytesIn = request.body().size();
    line.bytesOut = reply.file ? reply.file->length : reply.body.size();
    logRequest(line);
    return !reply.eventStream;
}

QByteArray HttpService::Private::malformedRequest(int status, const QByteArray &message)
{
    const char *code = status == 413   ? "payload_too_large"
                       : status == 431 ? "headers_too_large"
                       : status == 501 ? "not_implemented"
                       : status == 505 ? "http_version_not_supported"
                                       : "bad_request";
    const ApiResponse reply = ApiResponse::error(
        status, QString::fromLatin1(code),
        QCoreApplication::translate("otadesk::server::HttpRequestParser", message.constData()));
    const LogFields fields(QJsonObject{{QStringLiteral("status"), status},
                                       {QStringLiteral("problem"), QString::fromLatin1(message)}});
    qCWarning(lcServer, "malformed request");
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) +
           "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(reply.body.size()) +
           "\r\nConnection: close\r\n\r\n" + reply.body;
}

void HttpService::Private::accept()
{
    while (listener && listener->hasPendingConnections()) {
        QTcpSocket *socket = listener->nextPendingConnection(); // the gate is installed here (GatedServer)
        if (!socket)
            break;
        new HttpConnection(
            socket, config.maxBodyBytes, config.tlsEnabled(),
            [this](const HttpRequest &request, QTcpSocket *s) { return handle(request, s); },
            [this](int status, const QByteArray &message) { return malformedRequest(status, message); });
    }
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
        api->checkins.flushAll(); // last-seen times and check-ins counted since the last write
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
    d->listener = listener.release();
    d->listener->setParent(this);
    QObject::connect(d->listener, &QTcpServer::pendingConnectionAvailable, this, [this] { d->accept(); });
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
