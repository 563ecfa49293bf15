#include "core/common/Logging.h"

Q_LOGGING_CATEGORY(lcApp, "otadesk.app", QtInfoMsg)
Q_LOGGING_CATEGORY(lcFirmware, "otadesk.firmware", QtInfoMsg)
Q_LOGGING_CATEGORY(lcLibrary, "otadesk.library", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "otadesk.ui", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCli, "otadesk.cli", QtWarningMsg)
Q_LOGGING_CATEGORY(lcServer, "otadesk.server", QtInfoMsg)

namespace otadesk {
void applyLogRules(const QString &rules)
{
    QString r = rules;
    r.replace(QLatin1Char(';'), QLatin1Char('\n'));
    QLoggingCategory::setFilterRules(r);
}
} // namespace otadesk
