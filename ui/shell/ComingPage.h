#pragma once
// Placeholder for a page that a later version fills in: its icon, its name and what it will do.
#include <QWidget>

namespace otadesk::ui {

class ComingPage : public QWidget
{
    Q_OBJECT
public:
    ComingPage(const QIcon &icon, const QString &title, const QString &description, const QString &cli,
               QWidget *parent = nullptr);
};

} // namespace otadesk::ui
