#include "core/server/api/Permissions.h"

namespace otadesk::server {

namespace {
using store::Role;

struct Grant
{
    Permission permission;
    const char *name;
    std::initializer_list<Role> roles;
};

const Grant kGrants[] = {
    {Permission::TenantRead, "tenant.read",
     {Role::Admin, Role::ReleaseManager, Role::Author, Role::Technician, Role::Viewer}},
    {Permission::AccountsRead, "accounts.read", {Role::Admin, Role::ReleaseManager}},
    {Permission::AccountsWrite, "accounts.write", {Role::Admin}},
    {Permission::TokensManage, "tokens.manage", {Role::Admin}},
    {Permission::KeysRead, "keys.read", {Role::Admin, Role::ReleaseManager, Role::Author, Role::Technician, Role::Viewer}},
    {Permission::KeysWrite, "keys.write", {Role::Admin, Role::ReleaseManager}},
    {Permission::PayloadsRead, "payloads.read",
     {Role::Admin, Role::ReleaseManager, Role::Author, Role::Technician, Role::Viewer}},
    {Permission::PayloadsWrite, "payloads.write", {Role::Admin, Role::ReleaseManager, Role::Author}},
    {Permission::PayloadsDelete, "payloads.delete", {Role::Admin, Role::ReleaseManager}},
    {Permission::ManifestsRead, "manifests.read",
     {Role::Admin, Role::ReleaseManager, Role::Author, Role::Technician, Role::Viewer}},
    {Permission::ManifestsWrite, "manifests.write", {Role::Admin, Role::ReleaseManager, Role::Author}},
    {Permission::ManifestsDelete, "manifests.delete", {Role::Admin, Role::ReleaseManager}},
    {Permission::AuditRead, "audit.read", {Role::Admin, Role::ReleaseManager, Role::Author, Role::Technician, Role::Viewer}},
    {Permission::EventsRead, "events.read",
     {Role::Admin, Role::ReleaseManager, Role::Author, Role::Technician, Role::Viewer}},
    {Permission::DevicesRead, "devices.read",
     {Role::Admin, Role::ReleaseManager, Role::Author, Role::Technician, Role::Viewer}},
    {Permission::DevicesWrite, "devices.write", {Role::Admin, Role::ReleaseManager, Role::Technician}},
    {Permission::DevicesImport, "devices.import", {Role::Admin, Role::ReleaseManager}},
    {Permission::GroupsWrite, "groups.write", {Role::Admin, Role::ReleaseManager, Role::Author, Role::Technician}},
    {Permission::UpdatesWrite, "updates.write", {Role::Admin, Role::ReleaseManager}},
};
} // namespace

bool roleAllows(Role role, Permission permission)
{
    if (permission == Permission::Public || permission == Permission::Authenticated)
        return true;
    if (permission == Permission::Device)
        return false; // only device credentials, never an account's token
    for (const Grant &g : kGrants) {
        if (g.permission == permission)
            return std::find(g.roles.begin(), g.roles.end(), role) != g.roles.end();
    }
    return false;
}

QString permissionName(Permission permission)
{
    for (const Grant &g : kGrants) {
        if (g.permission == permission)
            return QString::fromLatin1(g.name);
    }
    if (permission == Permission::Device)
        return QStringLiteral("device");
    return permission == Permission::Public ? QStringLiteral("public") : QStringLiteral("authenticated");
}

QStringList permissionNames(Role role)
{
    QStringList out;
    for (const Grant &g : kGrants) {
        if (std::find(g.roles.begin(), g.roles.end(), role) != g.roles.end())
            out << QString::fromLatin1(g.name);
    }
    return out;
}

} // namespace otadesk::server
