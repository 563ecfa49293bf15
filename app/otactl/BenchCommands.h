#pragma once
// otactl bench ...: flashing devices on the bench over MCUmgr/SMP (serial console or UDP). Shared helpers of
// BenchCommands.cpp (list, scan, registration), BenchDeviceCommands.cpp (info, test, confirm, reset, erase)
// and BenchUpload.cpp (upload). Exit codes: docs/bench.md.
#include "app/otactl/CommandLine.h"
#include "core/bench/link/BenchFlasher.h"
#include "core/bench/link/DeviceProbe.h"
#include "core/bench/link/SmpClient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <memory>

namespace otadesk::cli::bench {

using namespace otadesk::bench;

QString tr(const char *text);

// --serial PORT, --baud N, --udp HOST[:PORT], --timeout MS: every command that talks to a device.
void addDeviceOptions(QCommandLineParser &parser);

struct Connection
{
    std::unique_ptr<SmpTransport> transport;
    std::unique_ptr<SmpClient> client;
};
// Builds and opens the transport the options name (usage errors for a missing/double choice).
Result<Connection> openDevice(const QCommandLineParser &parser);

// Runs one request, waiting in an event loop; SIGINT cancels it.
Result<SmpResponse> call(SmpClient &client, const SmpRequest &request);
// Runs an event loop until `done` is true; SIGINT calls `cancel` once.
void waitUntil(const std::function<bool()> &done, const std::function<void()> &cancel);

// Exit codes of the bench commands (docs/bench.md): no answer / link error 8, device error 9, hash or slot
// state wrong (incl. revert) 6, bad image 2, cancelled 130, usage 1.
int exitCodeForFailure(BenchFailure failure);
int failRequest(Context &ctx, const Error &error); // prints, maps Io → 8, Conflict/Format → 9
int failWith(Context &ctx, BenchFailure failure, const Error &error);

QJsonObject slotToJson(const ImageSlotState &slot);
QJsonArray slotsToJson(const QList<ImageSlotState> &slots);
void printSlots(QTextStream &out, const QList<ImageSlotState> &slots);

// Parses a hex hash argument ("" → empty).
Result<QByteArray> parseHash(const QString &text);

void registerUpload(CommandLine &cli);
void registerDeviceCommands(CommandLine &cli);

} // namespace otadesk::cli::bench

namespace otadesk::cli {
void registerBenchCommands(CommandLine &cli); // BenchCommands.cpp: otactl bench ...
}
