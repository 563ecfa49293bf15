#pragma once
// The "otactl remote ..." command groups (management API of otadesk-server through core/client).
#include "app/otactl/CommandLine.h"

namespace otadesk::cli {

void registerRemotePayloadCommands(CommandLine &cli);  // RemotePayloads.cpp
void registerRemoteManifestCommands(CommandLine &cli); // RemoteManifests.cpp
void registerRemoteAdminCommands(CommandLine &cli);    // RemoteAdmin.cpp: key, token, account

} // namespace otadesk::cli
