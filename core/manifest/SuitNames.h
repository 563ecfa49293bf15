#pragma once
// Names of SUIT commands, parameters and manifest members for reports and the GUI, and which codes are known.
#include <QString>

namespace otadesk::manifest::suitNames {

QString command(qint64 code);        // "directive-fetch", "condition-image-match", "custom -257", "command 99"
bool isKnownCommand(qint64 code);    // core draft + trust-domains + update-management; custom nint < -256 too
QString parameter(qint64 key);       // "vendor-identifier", ...
QString manifestMember(qint64 key);  // "validate", "install", "text", ...
bool isKnownManifestKey(qint64 key);

} // namespace otadesk::manifest::suitNames
