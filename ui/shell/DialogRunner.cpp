#include "ui/shell/DialogRunner.h"

#include <QFileDialog>
#include <QMessageBox>
#include <QPushButton>

namespace otadesk::ui {

namespace {
DialogRunner::Handler &handler()
{
    static DialogRunner::Handler h;
    return h;
}
} // namespace

int DialogRunner::exec(QDialog *dialog)
{
    if (handler())
        return handler()(dialog);
    return dialog->exec();
}

void DialogRunner::show(QDialog *dialog)
{
    dialog->show();
    if (handler())
        handler()(dialog);
}

void DialogRunner::setHandler(Handler h) { handler() = std::move(h); }

bool DialogRunner::hasHandler() { return bool(handler()); }

bool DialogRunner::confirm(QWidget *parent, const QString &title, const QString &text, const QString &acceptText)
{
    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::Cancel, parent);
    box.setObjectName(QStringLiteral("confirmBox"));
    QPushButton *accept = box.addButton(acceptText, QMessageBox::AcceptRole);
    box.setDefaultButton(QMessageBox::Cancel);
    const int result = exec(&box);
    if (hasHandler())
        return result == QDialog::Accepted || result == QMessageBox::Ok;
    return box.clickedButton() == accept;
}

void DialogRunner::warn(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::Ok, parent);
    box.setObjectName(QStringLiteral("warningBox"));
    exec(&box);
}

QStringList DialogRunner::openFiles(QWidget *parent, const QString &title, const QString &folder,
                                    const QString &filter)
{
    QFileDialog dialog(parent, title, folder, filter);
    dialog.setObjectName(QStringLiteral("openFilesDialog"));
    dialog.setFileMode(QFileDialog::ExistingFiles);
    dialog.setAcceptMode(QFileDialog::AcceptOpen);
    if (exec(&dialog) != QDialog::Accepted)
        return {};
    return dialog.selectedFiles();
}

QString DialogRunner::saveFile(QWidget *parent, const QString &title, const QString &path, const QString &filter)
{
    QFileDialog dialog(parent, title, path, filter);
    dialog.setObjectName(QStringLiteral("saveFileDialog"));
    dialog.setFileMode(QFileDialog::AnyFile);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    if (exec(&dialog) != QDialog::Accepted)
        return {};
    const QStringList files = dialog.selectedFiles();
    return files.isEmpty() ? QString() : files.first();
}

} // namespace otadesk::ui
