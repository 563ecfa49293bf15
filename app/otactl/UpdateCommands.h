#pragma once
// otactl updates assign|list|summary|cancel and otactl devices updates SERIAL: device updates on a server
// (docs/device-updates.md §1), through the management API (--server/--token as for "otactl remote").
#include "app/otactl/CommandLine.h"

namespace otadesk::cli {

void registerUpdateCommands(CommandLine &cli);

} // namespace otadesk::cli
