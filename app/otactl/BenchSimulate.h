#pragma once
// otactl bench simulate: runs the simulated MCUboot/MCUmgr device (core/bench/sim) on a pseudo-terminal or UDP.
#include "app/otactl/CommandLine.h"

namespace otadesk::cli {
void registerBenchSimulateCommand(CommandLine &cli);
}
