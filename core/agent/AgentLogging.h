#pragma once
// Logging category of core/agent ("otadesk.agent"); kept here until it joins core/common/Logging.h.
#include <QLoggingCategory>

namespace otadesk::agent {
Q_DECLARE_LOGGING_CATEGORY(lcAgent)
}
