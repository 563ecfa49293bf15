#include "core/store/StoreTypes.h"

#include <QDateTime>

namespace otadesk::store {

namespace {
struct RoleName
{
    Role role;
    const char *name;
};
constexpr RoleName kRoles[] = {{Role::Admin, "admin"},
                               {Role::ReleaseManager, "release-manager"},
                               {Role::Author, "author"},
                               {Role::Technician, "technician"},
                               {Role::Viewer, "viewer"}};
} // namespace

QString roleName(Role role)
{
    for (const RoleName &r : kRoles) {
        if (r.role == role)
            return QString::fromLatin1(r.name);
    }
    return QStringLiteral("viewer");
}

std::optional<Role> parseRole(const QString &name)
{
    for (const RoleName &r : kRoles) {
        if (name == QLatin1String(r.name))
            return r.role;
    }
    return std::nullopt;
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace otadesk::store
