#include "core/client/ApiTypes.h"

namespace otadesk::client {

namespace {
QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}
qint64 num(const QJsonObject &o, const char *key)
{
    return idFromJson(o.value(QLatin1String(key)));
}
QDateTime time(const QJsonObject &o, const char *key)
{
    return parseApiTime(o.value(QLatin1String(key)));
}
} // namespace

QDateTime parseApiTime(const QJsonValue &value)
{
    if (!value.isString())
        return {};
    QDateTime t = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : t;
}

qint64 idFromJson(const QJsonValue &value)
{
    if (value.isString())
        return value.toString().toLongLong();
    return value.toInteger();
}

QUrlQuery ListQuery::toUrlQuery() const
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    q.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    if (!sort.isEmpty()) {
        q.addQueryItem(QStringLiteral("sort"), sort);
        q.addQueryItem(QStringLiteral("order"), descending ? QStringLiteral("desc") : QStringLiteral("asc"));
    } else if (descending) {
        q.addQueryItem(QStringLiteral("order"), QStringLiteral("desc"));
    }
    return q;
}

Tenant Tenant::fromJson(const QJsonObject &o)
{
    return {num(o, "id"), str(o, "name"), o};
}

Account Account::fromJson(const QJsonObject &o)
{
    Account a;
    a.id = num(o, "id");
    a.name = str(o, "name");
    a.role = str(o, "role");
    a.serverAdmin = o.value(QLatin1String("server_admin")).toBool();
    a.createdAt = time(o, "created_at");
    a.json = o;
    return a;
}

WhoAmI WhoAmI::fromJson(const QJsonObject &o)
{
    WhoAmI w;
    w.tenant = Tenant::fromJson(o.value(QLatin1String("tenant")).toObject());
    w.account = Account::fromJson(o.value(QLatin1String("account")).toObject());
    const QJsonArray permissions = o.value(QLatin1String("permissions")).toArray();
    for (const QJsonValue &p : permissions)
        w.permissions.append(p.toString());
    const QJsonObject token = o.value(QLatin1String("token")).toObject();
    w.tokenId = num(token, "id");
    w.tokenPrefix = str(token, "prefix");
    w.tokenExpiresAt = time(token, "expires_at");
    w.json = o;
    return w;
}

Token Token::fromJson(const QJsonObject &o)
{
    Token t;
    t.id = num(o, "id");
    t.accountId = num(o, "account_id");
    t.prefix = str(o, "prefix");
    t.label = str(o, "label");
    t.createdAt = time(o, "created_at");
    t.expiresAt = time(o, "expires_at");
    t.lastUsedAt = time(o, "last_used_at");
    t.revoked = o.value(QLatin1String("revoked")).toBool();
    t.secret = str(o, "token");
    t.json = o;
    return t;
}

Key Key::fromJson(const QJsonObject &o)
{
    Key k;
    k.id = num(o, "id");
    k.name = str(o, "name");
    k.algorithm = str(o, "algorithm");
    k.kid = str(o, "kid");
    k.fingerprint = str(o, "fingerprint");
    k.publicKeyPem = str(o, "public_key_pem");
    k.createdAt = time(o, "created_at");
    k.json = o;
    return k;
}

Upload Upload::fromJson(const QJsonObject &o)
{
    Upload u;
    const QJsonValue id = o.value(QLatin1String("id"));
    u.id = id.isString() ? id.toString() : QString::number(id.toInteger());
    u.name = str(o, "name");
    u.size = num(o, "size");
    u.received = num(o, "received");
    u.partSize = num(o, "part_size");
    u.state = str(o, "state");
    u.createdAt = time(o, "created_at");
    u.expiresAt = time(o, "expires_at");
    const QJsonValue payload = o.value(QLatin1String("payload_id"));
    if (!payload.isNull() && !payload.isUndefined())
        u.payloadId = idFromJson(payload);
    u.json = o;
    return u;
}

Payload Payload::fromJson(const QJsonObject &o)
{
    Payload p;
    p.id = num(o, "id");
    p.name = str(o, "name");
    p.size = num(o, "size");
    p.sha256 = str(o, "sha256").toLower();
    p.createdAt = time(o, "created_at");
    const QJsonValue by = o.value(QLatin1String("created_by"));
    p.createdBy = by.isString() ? by.toString() : by.isDouble() ? QString::number(by.toInteger()) : QString();
    p.json = o;
    return p;
}

Manifest Manifest::fromJson(const QJsonObject &o)
{
    Manifest m;
    m.id = num(o, "id");
    m.product = str(o, "product");
    m.sequenceNumber = num(o, "sequence_number");
    m.manifestDigest = str(o, "manifest_digest");
    m.envelopeSha256 = str(o, "envelope_sha256");
    m.size = num(o, "size");
    m.signer = str(o, "signer");
    m.createdAt = time(o, "created_at");
    const QJsonValue by = o.value(QLatin1String("created_by"));
    m.createdBy = by.isString() ? by.toString() : by.isDouble() ? QString::number(by.toInteger()) : QString();
    m.json = o;
    return m;
}

AuditEntry AuditEntry::fromJson(const QJsonObject &o)
{
    AuditEntry a;
    a.id = num(o, "id");
    const QJsonValue actor = o.value(QLatin1String("actor"));
    a.actor = actor.isString()   ? actor.toString()
              : actor.isObject() ? actor.toObject().value(QLatin1String("name")).toString()
              : actor.isDouble() ? QString::number(actor.toInteger())
                                 : QString();
    a.action = str(o, "action");
    a.objectType = str(o, "object_type");
    const QJsonValue objectId = o.value(QLatin1String("object_id"));
    a.objectId = objectId.isDouble() ? QString::number(objectId.toInteger()) : objectId.toString();
    a.details = o.value(QLatin1String("details")).toObject();
    a.at = time(o, "at");
    a.json = o;
    return a;
}

} // namespace otadesk::client
