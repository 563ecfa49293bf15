#pragma once
// otactl sim run (SimCommands.cpp): the fleet simulator (core/agent/FleetSimulator, docs/simulator.md).
namespace otadesk::cli {
class CommandLine;
void registerSimCommands(CommandLine &cli);
} // namespace otadesk::cli
