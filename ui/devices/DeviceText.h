#pragma once
// Text helpers the Devices view shares ("5 min ago", the main component's version).
#include "core/fleet/Device.h"

#include <QCoreApplication>

namespace otadesk::ui {

class DeviceText
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::ui::DeviceText)
public:
    // "just now", "5 min ago", "3 h ago", "2 days ago", "never"; nowMs: the reference time.
    static QString relativeTime(qint64 ms, qint64 nowMs);
    static QString exactTime(qint64 ms); // local date and time, "" for 0
    // The version of the "main" component, or of the first one; "" without components.
    static QString mainVersion(const fleet::Device &d);
    static QString componentsSummary(const fleet::Device &d); // "main 2.3.0, radio 1.1.0"
};

} // namespace otadesk::ui
