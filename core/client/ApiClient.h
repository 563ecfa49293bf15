#pragma once
// Asynchronous client of the otadesk-server management API (/api/v1, docs/openapi.yaml, docs/client.md).
//
// Every call returns an ApiCall (a small QObject owned by the client) that emits finished() once — after its
// automatic retries — and then deletes itself; use call->then(context, callback) or connect to finished().
// Paths are relative to /api/v1 ("/payloads/3"). The token, the TLS settings and the transfer timeout of the
// endpoint are applied to every request. Idempotent calls (GET/PUT/DELETE/HEAD) are retried with exponential
// backoff (250 ms, 500 ms, 1 s, ... at most endpoint().retries times) after network errors, timeouts and
// 502/503/504; POST and PATCH never are.
#include "core/client/ApiCall.h"
#include "core/client/ApiTypes.h"
#include "core/client/ServerEndpoint.h"

#include <optional>
#include <QObject>
#include <QSslConfiguration>
#include <QUrlQuery>

class QNetworkAccessManager;

namespace otadesk::client {

class ApiClient : public QObject
{
    Q_OBJECT
public:
    explicit ApiClient(ServerEndpoint endpoint = {}, QObject *parent = nullptr);
    ~ApiClient() override;

    const ServerEndpoint &endpoint() const { return m_endpoint; }
    // Replaces the endpoint; calls already running keep the old settings.
    void setEndpoint(ServerEndpoint endpoint);
    QNetworkAccessManager *network() const { return m_network; }

    // base URL + "/api/v1" + path (+ query).
    QUrl url(const QString &path, const QUrlQuery &query = {}) const;
    // A request for path with the Authorization header, TLS configuration, transfer timeout and Accept set.
    // For code that drives a QNetworkReply itself (DownloadJob, EventStream).
    QNetworkRequest networkRequest(const QString &path, const QUrlQuery &query = {}) const;
    // The TLS problem of the endpoint's settings (unreadable CA file), empty if none.
    QString configurationError() const { return m_configError; }

    // Generic requests. body: JSON object (POST/PATCH/PUT) or raw bytes with their content type.
    ApiCall *get(const QString &path, const QUrlQuery &query = {});
    ApiCall *post(const QString &path, const QJsonObject &body, const QUrlQuery &query = {});
    ApiCall *patch(const QString &path, const QJsonObject &body);
    ApiCall *put(const QString &path, const QJsonObject &body);
    ApiCall *deleteResource(const QString &path);
    ApiCall *send(const QByteArray &method, const QString &path, const QUrlQuery &query = {},
                  const QByteArray &body = {}, const QByteArray &contentType = {});

    // --- typed helpers: the result is in call->object() (parse with the ApiTypes structs) ---
    ApiCall *health();  // GET /health (no token needed)
    ApiCall *version(); // GET /version
    ApiCall *whoami();  // -> WhoAmI

    ApiCall *listTenants();                                                  // -> Page<Tenant>
    ApiCall *createTenant(const QString &name, const QString &adminAccount); // -> {tenant, account, token}

    ApiCall *listAccounts(const ListQuery &query = {});               // -> Page<Account>
    ApiCall *account(qint64 id);                                      // -> Account
    ApiCall *createAccount(const QString &name, const QString &role); // -> Account
    ApiCall *setAccountRole(qint64 id, const QString &role);          // -> Account

    // accountId: list/create tokens of another account (tokens.manage).
    ApiCall *listTokens(std::optional<qint64> accountId = std::nullopt,
                        const ListQuery &query = {}); // Page<Token>
    ApiCall *createToken(const QString &label, std::optional<int> expiresInDays = std::nullopt,
                         std::optional<qint64> accountId = std::nullopt); // -> Token with secret
    ApiCall *revokeToken(qint64 id);

    ApiCall *listKeys(const ListQuery &query = {});                    // -> Page<Key>
    ApiCall *addKey(const QString &name, const QString &publicKeyPem); // -> Key
    ApiCall *removeKey(qint64 id);

    ApiCall *createUpload(const QString &name, qint64 size, const QString &sha256Hex = {}); // -> Upload
    // Upload ids are opaque strings.
    ApiCall *upload(const QString &id);                                                // -> Upload
    ApiCall *putUploadPart(const QString &id, qint64 offset, const QByteArray &bytes); // -> {received}
    ApiCall *finishUpload(const QString &id, const QString &sha256Hex);                // -> Payload
    ApiCall *abortUpload(const QString &id);

    ApiCall *listPayloads(const ListQuery &query = {}); // -> Page<Payload>
    ApiCall *payload(qint64 id);                        // -> Payload
    ApiCall *removePayload(qint64 id);

    // envelope: the signed SUIT envelope (raw CBOR); product empty: the server derives it.
    ApiCall *publishManifest(const QByteArray &envelope, const QString &product = {}); // -> Manifest
    ApiCall *listManifests(const ListQuery &query = {});                               // -> Page<Manifest>
    ApiCall *manifest(qint64 id);                                                      // -> Manifest
    ApiCall *manifestEnvelope(qint64 id);                                              // body() = raw bytes
    ApiCall *removeManifest(qint64 id);

    ApiCall *listAudit(const ListQuery &query = {}); // -> Page<AuditEntry>, newest first

    // Aborts every call still running (each finishes with Kind::Cancelled).
    void abortAll();

Q_SIGNALS:
    // Every failed call, after its retries (for a status bar / activity log). 401 means the token is not
    // valid.
    void callFailed(const otadesk::client::ApiError &error);

private:
    void applyEndpoint();

    ServerEndpoint m_endpoint;
    QNetworkAccessManager *m_network;
    QSslConfiguration m_ssl;
    QString m_configError;
};

} // namespace otadesk::client
