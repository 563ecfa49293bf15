#pragma once
// What each role may do. Every route names the permission it needs; the router checks it before the handler
// runs. Tokens of one's own account can always be listed, created and revoked.
#include "core/store/StoreTypes.h"

#include <QStringList>

namespace otadesk::server {

enum class Permission
{
    Public,        // no token needed (health, version)
    Authenticated, // any valid token
    TenantRead,
    AccountsRead,
    AccountsWrite,
    TokensManage, // tokens of other accounts
    KeysRead,
    KeysWrite,
    PayloadsRead,
    PayloadsWrite,
    PayloadsDelete,
    ManifestsRead,
    ManifestsWrite,
    ManifestsDelete,
    AuditRead,
    EventsRead,
    DevicesRead,
    DevicesWrite,  // tags, metadata, acceptance, tokens, removal
    DevicesImport, // bulk registration, enrolment tokens
    GroupsWrite,
    UpdatesWrite,  // assign manifests to devices, cancel updates (reading them needs DevicesRead)
    Device,        // a device's own credential (device token or client certificate), on /device/v1
};

bool roleAllows(store::Role role, Permission permission);
QString permissionName(Permission permission); // "payloads.write"
QStringList permissionNames(store::Role role);  // everything the role allows, for whoami

} // namespace otadesk::server
