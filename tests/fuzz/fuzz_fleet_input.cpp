// libFuzzer target: what devices and provisioning files send the server. A check-in report that parses
// serialises to JSON that parses to the same report (same fingerprint); provisioning files (CSV and JSON) never
// crash and every accepted row passes validation again unchanged.
#include "core/fleet/DeviceImport.h"
#include "core/protocol/CheckinReport.h"

#include <cstdlib>

using namespace otadesk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    if (auto report = protocol::CheckinReport::parse(input)) {
        auto again = protocol::CheckinReport::parse(report->toJson());
        if (!again || again->fingerprint() != report->fingerprint())
            std::abort();
    }
    for (bool json : {false, true}) {
        auto file = json ? fleet::DeviceImport::readJson(input) : fleet::DeviceImport::readCsv(input);
        if (!file)
            continue;
        for (fleet::ProvisionRow row : file->rows) {
            const fleet::Device before = row.device;
            if (!fleet::DeviceImport::validate(row.device, row.certFingerprint).isEmpty() ||
                row.device.serial != before.serial || row.device.serial.isEmpty())
                std::abort();
        }
    }
    return 0;
}
