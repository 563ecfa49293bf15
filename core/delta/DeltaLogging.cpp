#include "core/delta/DeltaLogging.h"

namespace otadesk::delta {
Q_LOGGING_CATEGORY(lcDelta, "otadesk.delta", QtWarningMsg)
}
