#pragma once
// Logging category of core/client: "otadesk.client" (--log-rules "otadesk.client.debug=true").
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcClient)
