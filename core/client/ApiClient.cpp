#include "core/client/ApiClient.h"
#include "core/client/ClientLogging.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>

namespace otadesk::client {

ApiClient::ApiClient(ServerEndpoint endpoint, QObject *parent)
    : QObject(parent), m_endpoint(std::move(endpoint)), m_network(new QNetworkAccessManager(this))
{
    applyEndpoint();
}

ApiClient::~ApiClient() = default;

void ApiClient::setEndpoint(ServerEndpoint endpoint)
{
    m_endpoint = std::move(endpoint);
    applyEndpoint();
}

void ApiClient::applyEndpoint()
{
    m_configError.clear();
    auto ssl = m_endpoint.sslConfiguration();
    if (ssl) {
        m_ssl = *ssl;
    } else {
        m_configError = ssl.error().message();
        m_ssl = QSslConfiguration::defaultConfiguration();
    }
    // Connections made with other TLS settings must not be reused.
    m_network->clearConnectionCache();
}

QUrl ApiClient::url(const QString &path, const QUrlQuery &query) const
{
    QUrl u = m_endpoint.normalizedBaseUrl();
    u.setPath(u.path() + QStringLiteral("/api/v1") + path);
    if (!query.isEmpty())
        u.setQuery(query);
    return u;
}

QNetworkRequest ApiClient::networkRequest(const QString &path, const QUrlQuery &query) const
{
    QNetworkRequest request(url(path, query));
    if (!m_endpoint.token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_endpoint.token.toUtf8());
    request.setRawHeader("Accept", "application/json");
    if (m_endpoint.isHttps())
        request.setSslConfiguration(m_ssl);
    if (m_endpoint.timeoutMs > 0)
        request.setTransferTimeout(m_endpoint.timeoutMs);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("otadesk-client"));
    return request;
}

ApiCall *ApiClient::send(const QByteArray &method, const QString &path, const QUrlQuery &query,
                         const QByteArray &body, const QByteArray &contentType)
{
    QNetworkRequest request = networkRequest(path, query);
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    auto *call =
        new ApiCall(m_network, request, method, body, m_endpoint.retries, m_endpoint.displayName(), this);
    connect(call, &ApiCall::finished, this, [this, call] {
        if (call->failed())
            Q_EMIT callFailed(call->error());
    });
    if (!m_configError.isEmpty()) {
        const ApiError error = ApiError::other(ApiError::Kind::Local, m_configError);
        QMetaObject::invokeMethod(
            call, [call, error] { call->finish(error); }, Qt::QueuedConnection);
        return call;
    }
    if (!m_endpoint.baseUrl.isValid() || m_endpoint.baseUrl.host().isEmpty()) {
        const ApiError error =
            ApiError::other(ApiError::Kind::Local, tr("No server URL is configured for this connection."));
        QMetaObject::invokeMethod(
            call, [call, error] { call->finish(error); }, Qt::QueuedConnection);
        return call;
    }
    call->startAttempt();
    return call;
}

ApiCall *ApiClient::get(const QString &path, const QUrlQuery &query)
{
    return send("GET", path, query);
}

ApiCall *ApiClient::post(const QString &path, const QJsonObject &body, const QUrlQuery &query)
{
    return send("POST", path, query, QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json");
}

ApiCall *ApiClient::patch(const QString &path, const QJsonObject &body)
{
    return send("PATCH", path, {}, QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json");
}

ApiCall *ApiClient::put(const QString &path, const QJsonObject &body)
{
    return send("PUT", path, {}, QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json");
}

ApiCall *ApiClient::deleteResource(const QString &path)
{
    return send("DELETE", path);
}

void ApiClient::abortAll()
{
    const QList<ApiCall *> calls = findChildren<ApiCall *>(Qt::FindDirectChildrenOnly);
    for (ApiCall *call : calls)
        call->abort();
}

} // namespace otadesk::client
