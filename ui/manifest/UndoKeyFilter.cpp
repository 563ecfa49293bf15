#include "ui/manifest/UndoKeyFilter.h"

#include <QAbstractSpinBox>
#include <QComboBox>
#include <QKeyEvent>
#include <QLineEdit>

namespace otadesk::ui {

void UndoKeyFilter::watch(QWidget *form)
{
    for (QWidget *w : form->findChildren<QWidget *>())
        if (qobject_cast<QLineEdit *>(w) || qobject_cast<QAbstractSpinBox *>(w) ||
            qobject_cast<QComboBox *>(w))
            w->installEventFilter(this);
}

bool UndoKeyFilter::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo) ||
            key->keyCombination() == QKeyCombination(Qt::CTRL | Qt::SHIFT, Qt::Key_Z)) {
            event->ignore(); // the field does not claim the key: the shortcut goes to the actions
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace otadesk::ui
