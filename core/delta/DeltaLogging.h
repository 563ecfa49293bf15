#pragma once
// Logging category of core/delta ("otadesk.delta"); kept here until it joins core/common/Logging.h.
#include <QLoggingCategory>

namespace otadesk::delta {
Q_DECLARE_LOGGING_CATEGORY(lcDelta)
}
