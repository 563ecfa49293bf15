#pragma once
// Readable, translated names for the keys of an entry's format metadata (the "mcuboot" and "elf" maps and
// their lists), and the display of a few special values (the MCUboot hash check, yes/no flags). Unknown keys
// are shown as they are, so new reader metadata is never hidden.
#include <QString>
#include <QVariant>
#include <optional>

namespace otadesk::ui {

// "baseAddress" → "Base address"; unknown keys unchanged.
QString metadataLabel(const QString &key);
bool hasMetadataLabel(const QString &key);

// The MCUboot hash check as people read it: "valid" or "MISMATCH".
QString hashCheckText(bool valid);

// The security counter of an MCUboot map, from its SEC_CNT TLV (little-endian), if the image has one.
std::optional<quint32> mcubootSecurityCounter(const QVariantMap &mcuboot);

} // namespace otadesk::ui
