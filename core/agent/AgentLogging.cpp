#include "core/agent/AgentLogging.h"

namespace otadesk::agent {
Q_LOGGING_CATEGORY(lcAgent, "otadesk.agent", QtWarningMsg)
}
