#pragma once
// otactl devices ... and otactl groups ...: the fleet on a server (DeviceCommands.cpp, DeviceImportCommand.cpp,
// GroupCommands.cpp).
#include "app/otactl/CommandLine.h"
#include "core/fleet/Device.h"

namespace otadesk::cli {

void registerDeviceCommands(CommandLine &cli);
void registerDeviceImportCommand(CommandLine &cli);
void registerGroupCommands(CommandLine &cli);

namespace remote {
class Session;
}

namespace devices {
QString seenText(qint64 ms);
QString componentsText(const fleet::Device &device);
int sessionFor(Context &ctx, const QCommandLineParser &parser, std::unique_ptr<remote::Session> &session);
} // namespace devices

} // namespace otadesk::cli
