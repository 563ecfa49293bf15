#pragma once
// The HTTP(S) front of otadesk-server on Qt HttpServer 6.4: listens on the configured address and port (HTTPS
// with the configured certificate and key), routes /api/v1/..., answers errors as JSON
// { "error": { "code", "message" } }, limits request bodies (413 before the body is read when the request
// declares its length), tags every response with X-Request-Id, logs every request, and shuts down gracefully.
#include "core/common/Error.h"
#include "core/server/ServerConfig.h"

#include <QObject>
#include <QUrl>
#include <memory>

namespace otadesk::store {
class Database;
}

namespace otadesk::server {

class HttpService : public QObject
{
    Q_OBJECT
public:
    // Without a database only /api/v1/health and /api/v1/version answer; the management API says 503.
    explicit HttpService(ServerConfig config, const store::Database *database = nullptr, QObject *parent = nullptr);
    ~HttpService() override;

    // Loads the TLS material (if configured) and starts listening.
    Status start();
    // The URL actually bound, e.g. http://127.0.0.1:43121 (the real port when the config says 0).
    QUrl url() const;
    // Stops accepting connections, closes idle ones, waits for partly received requests (at most the configured
    // shutdown timeout), then emits stopped(). A second call stops at once.
    void shutdown();
    bool isStopping() const;

Q_SIGNALS:
    void stopped();

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace otadesk::server
