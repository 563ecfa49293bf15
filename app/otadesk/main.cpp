#include "core/common/Version.h"
#include "ui/MainWindow.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("otadesk"));
    QApplication::setApplicationDisplayName(QString::fromLatin1(otadesk::kApplicationName));
    QApplication::setApplicationVersion(QString::fromLatin1(otadesk::kVersion));
    otadesk::ui::MainWindow w;
    w.show();
    return app.exec();
}
