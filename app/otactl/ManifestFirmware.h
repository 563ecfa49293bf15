#pragma once
// The image bytes a manifest component describes: what the device installs. FIRMWARE is a library entry (id,
// SHA-256 prefix or exact file name) or file:PATH. Binaries (MCUboot images included) and auxiliary files
// count as they are stored; HEX, S-record and ELF files as their flattened image (gaps 0xFF), i.e. what
// `otactl firmware export REF OUT.bin` writes.
#include "app/otactl/CommandLine.h"

namespace otadesk::cli {

struct ComponentImage
{
    QByteArray bytes;
    QString firmwareId;  // library entry id, or empty for file:PATH
    QString version;     // the library entry's version, if any
    QString payloadFile; // a file holding exactly `bytes` (for integrated payloads), or empty
    QString description; // "entry 12 app.hex (ihex, flattened)" for messages
};

Result<ComponentImage> resolveComponentImage(Context &ctx, const QString &firmware);

} // namespace otadesk::cli
