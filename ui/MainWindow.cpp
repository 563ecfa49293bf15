#include "ui/MainWindow.h"

namespace otadesk::ui {
MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent) { setWindowTitle(tr("OTA Desk")); }
} // namespace otadesk::ui
