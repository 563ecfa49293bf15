#pragma once
// Sends Undo / Redo keys (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y) typed in a form's fields to the window's Undo / Redo
// actions instead of the field's own edit history, so one undo stack covers the whole form.
#include <QObject>

class QWidget;

namespace otadesk::ui {

class UndoKeyFilter : public QObject
{
    Q_OBJECT
public:
    explicit UndoKeyFilter(QObject *parent = nullptr) : QObject(parent) {}
    // Installs the filter on every line edit, spin box and combo box inside `form`.
    void watch(QWidget *form);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};

} // namespace otadesk::ui
