#pragma once
// The objects of the management API (/tmp/api.md, docs/openapi.yaml) as plain structs, parsed from the JSON
// answers: WhoAmI, Tenant, Account, Token, Key, Upload, Payload, Manifest, AuditEntry and Page<T> for lists.
// Unknown fields are ignored; absent times are invalid QDateTimes; "json" keeps the original object.
#include <optional>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

namespace otadesk::client {

// ?offset=&limit=&sort=&order= of list endpoints.
struct ListQuery
{
    qint64 offset = 0;
    int limit = 50; // 1..500
    QString sort;   // field name, empty: the server's default
    bool descending = false;
    QUrlQuery toUrlQuery() const;
};

struct Tenant
{
    qint64 id = 0;
    QString name;
    QJsonObject json;
    static Tenant fromJson(const QJsonObject &o);
};

struct Account
{
    qint64 id = 0;
    QString name;
    QString role; // "admin", "release-manager", "author", "technician", "viewer"
    bool serverAdmin = false;
    QDateTime createdAt;
    QJsonObject json;
    static Account fromJson(const QJsonObject &o);
};

struct WhoAmI
{
    Tenant tenant;
    Account account;
    QStringList permissions;
    qint64 tokenId = 0;
    QString tokenPrefix;
    QDateTime tokenExpiresAt;
    QJsonObject json;
    bool can(const QString &permission) const { return permissions.contains(permission); }
    static WhoAmI fromJson(const QJsonObject &o);
};

struct Token
{
    qint64 id = 0;
    qint64 accountId = 0;
    QString prefix;
    QString label;
    QDateTime createdAt;
    QDateTime expiresAt;
    QDateTime lastUsedAt;
    bool revoked = false;
    QString secret; // only in the answer of POST /tokens ("token")
    QJsonObject json;
    static Token fromJson(const QJsonObject &o);
};

struct Key
{
    qint64 id = 0;
    QString name;
    QString algorithm;
    QString kid;
    QString fingerprint;
    QString publicKeyPem;
    QDateTime createdAt;
    QJsonObject json;
    static Key fromJson(const QJsonObject &o);
};

struct Upload
{
    QString id; // opaque (the server uses random hex ids for uploads)
    QString name;
    qint64 size = 0;
    qint64 received = 0;
    qint64 partSize = 0;
    QString state; // "open", "finished", "aborted"
    QDateTime createdAt;
    QDateTime expiresAt;
    std::optional<qint64> payloadId;
    QJsonObject json;
    static Upload fromJson(const QJsonObject &o);
};

struct Payload
{
    qint64 id = 0;
    QString name;
    qint64 size = 0;
    QString sha256; // lower-case hex
    QDateTime createdAt;
    QString createdBy;
    QJsonObject json;
    static Payload fromJson(const QJsonObject &o);
};

struct Manifest
{
    qint64 id = 0;
    QString product;
    qint64 sequenceNumber = 0;
    QString manifestDigest;
    QString envelopeSha256;
    qint64 size = 0;
    QString signer;
    QDateTime createdAt;
    QString createdBy;
    QJsonObject json;
    static Manifest fromJson(const QJsonObject &o);
};

struct AuditEntry
{
    qint64 id = 0;
    QString actor;
    QString action;
    QString objectType;
    QString objectId;
    QJsonObject details;
    QDateTime at;
    QJsonObject json;
    static AuditEntry fromJson(const QJsonObject &o);
};

// {"items":[...],"total":N,"offset":O,"limit":L}
template <typename T> struct Page
{
    QList<T> items;
    qint64 total = 0;
    qint64 offset = 0;
    int limit = 0;
    static Page fromJson(const QJsonObject &o)
    {
        Page p;
        const QJsonArray items = o.value(QLatin1String("items")).toArray();
        for (const QJsonValue &v : items)
            p.items.append(T::fromJson(v.toObject()));
        p.total = o.value(QLatin1String("total")).toInteger();
        p.offset = o.value(QLatin1String("offset")).toInteger();
        p.limit = o.value(QLatin1String("limit")).toInt();
        return p;
    }
    bool hasMore() const { return offset + items.size() < total; }
};

// "2026-11-29T17:40:00.123Z" -> UTC QDateTime (invalid for null/absent).
QDateTime parseApiTime(const QJsonValue &value);
// A JSON number or numeric string id -> qint64 (0 if absent).
qint64 idFromJson(const QJsonValue &value);

} // namespace otadesk::client
