#pragma once
// Every modal dialog of the GUI runs through here (QGroundControl's scripted message boxes): in the application
// it is QDialog::exec(); a test installs a handler that fills in the dialog and answers for the user.
#include <QDialog>
#include <QString>
#include <functional>

class QWidget;

namespace otadesk::ui {

class DialogRunner
{
public:
    using Handler = std::function<int(QDialog *dialog)>;

    // Runs a modal dialog and returns its result (QDialog::Accepted / Rejected, or a QMessageBox button).
    static int exec(QDialog *dialog);
    // Shows a non-modal dialog; tests see it through the handler (its return value is ignored).
    static void show(QDialog *dialog);

    // Installs a handler for tests; an empty handler restores the normal behaviour.
    static void setHandler(Handler handler);
    static bool hasHandler();

    // Convenience wrappers built on exec().
    static bool confirm(QWidget *parent, const QString &title, const QString &text, const QString &acceptText);
    static void warn(QWidget *parent, const QString &title, const QString &text);
    // Returns the chosen files, empty if cancelled.
    static QStringList openFiles(QWidget *parent, const QString &title, const QString &folder,
                                 const QString &filter);
    static QString saveFile(QWidget *parent, const QString &title, const QString &path, const QString &filter);
};

} // namespace otadesk::ui
