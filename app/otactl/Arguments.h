#pragma once
// Parsing of otactl option values: addresses, ranges, byte values, format names.
#include "core/common/Error.h"
#include "core/firmware/ImageFormat.h"
#include "core/firmware/MemoryImage.h"

class QCommandLineParser;

namespace otadesk::cli {

// "0x08000000", "134217728", "0x0800_0000" (underscores ignored).
Result<quint64> parseAddress(const QString &text, const QString &option);
// "START-END" (END exclusive) or "START+SIZE".
Result<firmware::AddressRange> parseRange(const QString &text);
Result<quint8> parseByte(const QString &text, const QString &option);
Result<int> parseInt(const QString &text, const QString &option, int min, int max);
// A format name or alias ("hex" -> "ihex", "s19" -> "srec") to a registry id; empty stays empty.
Result<QString> formatIdFor(const QString &nameOrAlias);
// The format implied by a file name's last suffix ("app.v1.2.hex" -> "ihex").
Result<QString> formatIdFromFileName(const QString &fileName);

// --base-address and --strict, shared by the commands that read firmware files.
Result<firmware::ReadOptions> readOptionsFrom(const QCommandLineParser &parser);

} // namespace otadesk::cli
