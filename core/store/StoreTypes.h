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

qint64 nowMs();

} // namespace otadesk::store
