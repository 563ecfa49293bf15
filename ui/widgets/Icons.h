#pragma once
// Icons from the embedded resources (:/icons/<name>.svg), rendered by the Qt SVG icon engine.
#include <QIcon>

namespace otadesk::ui {

QIcon themeIcon(const QString &name);

} // namespace otadesk::ui
