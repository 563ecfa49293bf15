#pragma once
// Typed rows the repositories hand out. Ids are database keys; times are milliseconds since the epoch (UTC).
#include <optional>
#include <QJsonObject>
#include <QString>

namespace otadesk::store {

enum class Role
{
    Admin,
    ReleaseManager,
    Author,
    Technician,
    Viewer
};
QString roleName(Role role); // "admin", "release-manager", ...
std::optional<Role> parseRole(const QString &name);

struct Tenant
{
    qint64 id = 0;
    QString name;
    qint64 createdAt = 0;
};

struct Account
{
    qint64 id = 0;
    qint64 tenantId = 0;
    QString name;
    Role role = Role::Viewer;
    qint64 createdAt = 0;
    bool serverAdmin = false; // may create tenants and see all of them
};

// Returned once by TokenRepository::issue(); only the prefix and a SHA-256 of the secret are stored.
struct IssuedToken
{
    qint64 id = 0;
    QString prefix;
    QString secret; // the whole token the client presents: "otd_<prefix>_<random>"
    std::optional<qint64> expiresAt;
};

// Who a valid token speaks for.
struct TokenIdentity
{
    qint64 tokenId = 0;
    qint64 tenantId = 0;
    qint64 accountId = 0;
    QString accountName;
    Role role = Role::Viewer;
    bool serverAdmin = false;
    QString tokenPrefix;
    std::optional<qint64> expiresAt;
    QString tenantName;
};

struct TokenInfo
{
    qint64 id = 0;
    qint64 accountId = 0;
    QString prefix;
    QString label;
    qint64 createdAt = 0;
    std::optional<qint64> expiresAt;
    std::optional<qint64> lastUsedAt;
    bool revoked = false;
};

struct AuditEntry
{
    qint64 id = 0;
    qint64 tenantId = 0;
    QString actor;
    QString action;
    QString objectType;
    QString objectId;
    QJsonObject details;
    qint64 at = 0;
};

// A public key SUIT envelopes of the tenant are verified against. kid: hex SHA-256 of the SPKI (the COSE kid
// OTA Desk's signer puts in the protected header).
struct TenantKey
{
    qint64 id = 0;
    qint64 tenantId = 0;
    QString name;
    QString algorithm;
    QString kid;
    QString publicKeyPem;
    qint64 createdAt = 0;
};

struct Payload
{
    qint64 id = 0;
    qint64 tenantId = 0;
    QString sha256;
    qint64 size = 0;
    QString name;
    qint64 createdAt = 0;
    QString createdBy;
};

enum class UploadState
{
    Open,
    Finished,
    Aborted
};
QString uploadStateName(UploadState state);

struct Upload
{
    QString id; // random, unguessable
    qint64 tenantId = 0;
    QString name;
    qint64 size = 0;
    qint64 received = 0;
    UploadState state = UploadState::Open;
    QString expectedSha256;
    std::optional<qint64> payloadId;
    QString createdBy;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

struct ManifestRecord
{
    qint64 id = 0;
    qint64 tenantId = 0;
    QString product;
    qint64 sequenceNumber = 0;
    QString manifestDigest; // hex
    QString envelopeSha256; // hex; the envelope bytes live in the blob store
    qint64 size = 0;
    QString signer;
    qint64 createdAt = 0;
    QString createdBy;
};

// Paging and sorting of a list: the sort column is checked against the repository's allowed names.
struct ListQuery
{
    qint64 offset = 0;
    int limit = 50;
    QString sort;    // empty: the repository's default
    bool descending = false;
    static constexpr int kMaxLimit = 500;
};

template<typename T>
struct ListPage
{
    QList<T> items;
    qint64 total = 0;
};

qint64 nowMs();
// Qt Sql binds a null QString as SQL NULL; text columns that are NOT NULL get "" instead.
inline QString text(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

} // namespace otadesk::store
