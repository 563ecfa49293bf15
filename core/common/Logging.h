#pragma once
// Logging categories, one per subsystem. Enable with QT_LOGGING_RULES="otadesk.firmware.debug=true", with
// --log-rules on any of the executables, or from the settings dialog.
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcApp)
Q_DECLARE_LOGGING_CATEGORY(lcFirmware)
Q_DECLARE_LOGGING_CATEGORY(lcLibrary)
Q_DECLARE_LOGGING_CATEGORY(lcUi)
Q_DECLARE_LOGGING_CATEGORY(lcCli)
Q_DECLARE_LOGGING_CATEGORY(lcServer)

namespace otadesk {
// Applies filter rules in QLoggingCategory syntax ("otadesk.*.debug=true;otadesk.ui.info=false").
void applyLogRules(const QString &rules);
} // namespace otadesk
