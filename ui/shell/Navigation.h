#pragma once
// The sidebar and the stack of pages it switches between; View > page actions (Ctrl+1..9, in sidebar order) stay in sync.
#include <QWidget>

class QActionGroup;
class QListWidget;
class QStackedWidget;

namespace otadesk::ui {

class Navigation : public QWidget
{
    Q_OBJECT
public:
    explicit Navigation(QWidget *parent = nullptr);

    // Adds a page with its sidebar entry and a checkable action with the shortcut Ctrl+<n>.
    QAction *addPage(const QString &id, const QIcon &icon, const QString &title, QWidget *page);
    void setCurrent(int index);
    int current() const;
    QString currentId() const;
    QWidget *page(const QString &id) const;
    QList<QAction *> pageActions() const;
    QListWidget *sidebar() const { return m_sidebar; }
    QStackedWidget *stack() const { return m_stack; }

Q_SIGNALS:
    void currentChanged(int index);

private:
    QListWidget *m_sidebar;
    QStackedWidget *m_stack;
    QActionGroup *m_actions;
    QStringList m_ids;
};

} // namespace otadesk::ui
