#pragma once
// otactl delta create | apply | info (DeltaCommands.cpp): delta patches between two firmware images.
namespace otadesk::cli {
class CommandLine;
void registerDeltaCommands(CommandLine &cli);
} // namespace otadesk::cli
