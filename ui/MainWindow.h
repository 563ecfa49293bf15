#pragma once
#include <QMainWindow>

namespace otadesk::ui {
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
};
} // namespace otadesk::ui
