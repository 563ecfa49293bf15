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

QString uploadStateName(UploadState state)
{
    switch (state) {
    case UploadState::Open:
        return QStringLiteral("open");
    case UploadState::Finished:
        return QStringLiteral("finished");
    case UploadState::Aborted:
        return QStringLiteral("aborted");
    }
    return QStringLiteral("open");
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace otadesk::store
