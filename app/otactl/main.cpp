// otactl: the command-line front end of OTA Desk. Every command group lives in its own file(s)
// (FirmwareCommands.cpp, BundleCommands.cpp, KeyCommands.cpp, Manifest*.cpp); CommandLine.cpp dispatches
// and parses.
#include "app/otactl/BenchCommands.h"
#include "app/otactl/BenchSimulate.h"
#include "app/otactl/CommandLine.h"
#include "app/otactl/DeviceCommands.h"
#include "app/otactl/DeltaCommands.h"
#include "app/otactl/SimCommands.h"
#include "app/otactl/UpdateCommands.h"
#include "core/common/Version.h"

#include <QCoreApplication>
#include <csignal>

namespace {
void onInterrupt(int)
{
    otadesk::cli::Context::interrupted().store(true);
    std::signal(SIGINT, SIG_DFL); // a second Ctrl+C ends the process at once
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // Same settings as the desktop application (workspace folder, log rules).
    QCoreApplication::setApplicationName(QStringLiteral("otadesk"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(otadesk::kVersion));
    std::signal(SIGINT, onInterrupt);
    otadesk::cli::CommandLine cli;
    otadesk::cli::registerFirmwareCommands(cli);
    otadesk::cli::registerBundleCommands(cli);
    otadesk::cli::registerKeyCommands(cli);
    otadesk::cli::registerManifestCommands(cli);
    otadesk::cli::registerServerCommands(cli);
    otadesk::cli::registerRemoteCommands(cli);
    otadesk::cli::registerDeviceCommands(cli);
    otadesk::cli::registerBenchCommands(cli);
    otadesk::cli::registerBenchSimulateCommand(cli);
    otadesk::cli::registerDeltaCommands(cli);
    otadesk::cli::registerUpdateCommands(cli);
    otadesk::cli::registerSimCommands(cli);
    return cli.run(otadesk::cli::joinRemoteValueOptions(QCoreApplication::arguments()));
}
