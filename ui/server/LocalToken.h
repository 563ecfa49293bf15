#pragma once
// The bundled local server's credentials: opens (and migrates) the workspace's server database and issues an
// admin token for tenant "local" / account "desktop" through core/server/Bootstrap.h. The token is kept in
// memory by the caller only; the tokens of earlier sessions are revoked.
#include "core/common/Error.h"

#include <QString>

namespace otadesk::ui {

Result<QString> issueLocalToken(const QString &sqlitePath);

} // namespace otadesk::ui
