// The typed helpers of ApiClient: one line per endpoint of the management API.
#include "core/client/ApiClient.h"

namespace otadesk::client {

namespace {
QString path(const char *prefix, qint64 id)
{
    return QLatin1String(prefix) + QString::number(id);
}
} // namespace

ApiCall *ApiClient::health()
{
    return get(QStringLiteral("/health"));
}
ApiCall *ApiClient::version()
{
    return get(QStringLiteral("/version"));
}
ApiCall *ApiClient::whoami()
{
    return get(QStringLiteral("/whoami"));
}

ApiCall *ApiClient::listTenants()
{
    return get(QStringLiteral("/tenants"));
}

ApiCall *ApiClient::createTenant(const QString &name, const QString &adminAccount)
{
    return post(QStringLiteral("/tenants"),
                {{QStringLiteral("name"), name}, {QStringLiteral("admin_account"), adminAccount}});
}

ApiCall *ApiClient::listAccounts(const ListQuery &query)
{
    return get(QStringLiteral("/accounts"), query.toUrlQuery());
}
ApiCall *ApiClient::account(qint64 id)
{
    return get(path("/accounts/", id));
}

ApiCall *ApiClient::createAccount(const QString &name, const QString &role)
{
    return post(QStringLiteral("/accounts"),
                {{QStringLiteral("name"), name}, {QStringLiteral("role"), role}});
}

ApiCall *ApiClient::setAccountRole(qint64 id, const QString &role)
{
    return patch(path("/accounts/", id), {{QStringLiteral("role"), role}});
}

ApiCall *ApiClient::listTokens(std::optional<qint64> accountId, const ListQuery &query)
{
    QUrlQuery q = query.toUrlQuery();
    if (accountId)
        q.addQueryItem(QStringLiteral("account_id"), QString::number(*accountId));
    return get(QStringLiteral("/tokens"), q);
}

ApiCall *ApiClient::createToken(const QString &label, std::optional<int> expiresInDays,
                                std::optional<qint64> accountId)
{
    QJsonObject body{{QStringLiteral("label"), label}};
    if (expiresInDays)
        body.insert(QStringLiteral("expires_in_days"), *expiresInDays);
    if (accountId)
        body.insert(QStringLiteral("account_id"), *accountId);
    return post(QStringLiteral("/tokens"), body);
}

ApiCall *ApiClient::revokeToken(qint64 id)
{
    return deleteResource(path("/tokens/", id));
}

ApiCall *ApiClient::listKeys(const ListQuery &query)
{
    return get(QStringLiteral("/keys"), query.toUrlQuery());
}

ApiCall *ApiClient::addKey(const QString &name, const QString &publicKeyPem)
{
    return post(QStringLiteral("/keys"),
                {{QStringLiteral("name"), name}, {QStringLiteral("public_key_pem"), publicKeyPem}});
}

ApiCall *ApiClient::removeKey(qint64 id)
{
    return deleteResource(path("/keys/", id));
}

ApiCall *ApiClient::createUpload(const QString &name, qint64 size, const QString &sha256Hex)
{
    QJsonObject body{{QStringLiteral("name"), name}, {QStringLiteral("size"), size}};
    if (!sha256Hex.isEmpty())
        body.insert(QStringLiteral("sha256"), sha256Hex);
    return post(QStringLiteral("/uploads"), body);
}

namespace {
QString uploadPath(const QString &id)
{
    return QStringLiteral("/uploads/") + QString::fromLatin1(QUrl::toPercentEncoding(id));
}
} // namespace

ApiCall *ApiClient::upload(const QString &id)
{
    return get(uploadPath(id));
}

ApiCall *ApiClient::putUploadPart(const QString &id, qint64 offset, const QByteArray &bytes)
{
    return send("PUT", uploadPath(id) + QStringLiteral("/parts/") + QString::number(offset), {}, bytes,
                "application/octet-stream");
}

ApiCall *ApiClient::finishUpload(const QString &id, const QString &sha256Hex)
{
    return post(uploadPath(id) + QStringLiteral("/finish"), {{QStringLiteral("sha256"), sha256Hex}});
}

ApiCall *ApiClient::abortUpload(const QString &id)
{
    return deleteResource(uploadPath(id));
}

ApiCall *ApiClient::listPayloads(const ListQuery &query)
{
    return get(QStringLiteral("/payloads"), query.toUrlQuery());
}
ApiCall *ApiClient::payload(qint64 id)
{
    return get(path("/payloads/", id));
}
ApiCall *ApiClient::removePayload(qint64 id)
{
    return deleteResource(path("/payloads/", id));
}

ApiCall *ApiClient::publishManifest(const QByteArray &envelope, const QString &product)
{
    QUrlQuery q;
    if (!product.isEmpty())
        q.addQueryItem(QStringLiteral("product"), product);
    return send("POST", QStringLiteral("/manifests"), q, envelope, "application/suit-envelope+cose");
}

ApiCall *ApiClient::listManifests(const ListQuery &query)
{
    return get(QStringLiteral("/manifests"), query.toUrlQuery());
}
ApiCall *ApiClient::manifest(qint64 id)
{
    return get(path("/manifests/", id));
}
ApiCall *ApiClient::manifestEnvelope(qint64 id)
{
    return get(path("/manifests/", id) + QStringLiteral("/envelope"));
}
ApiCall *ApiClient::removeManifest(qint64 id)
{
    return deleteResource(path("/manifests/", id));
}

ApiCall *ApiClient::listAudit(const ListQuery &query)
{
    return get(QStringLiteral("/audit"), query.toUrlQuery());
}

} // namespace otadesk::client
