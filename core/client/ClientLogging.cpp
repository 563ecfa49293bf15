#include "core/client/ClientLogging.h"

Q_LOGGING_CATEGORY(lcClient, "otadesk.client", QtInfoMsg)
