#include "ui/widgets/Icons.h"

#include <QFile>

namespace otadesk::ui {

QIcon themeIcon(const QString &name)
{
    const QString path = QStringLiteral(":/icons/%1.svg").arg(name);
    return QFile::exists(path) ? QIcon(path) : QIcon();
}

} // namespace otadesk::ui
