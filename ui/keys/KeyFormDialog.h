#pragma once
// The common frame of the dialogs that change the key store (generate, import, change passphrase): a form, the
// equivalent otactl command line, an error line, and OK that runs the operation on a worker thread while the
// dialog stays open. A failure (wrong passphrase, name taken) is shown in the dialog with everything the user
// typed kept; success closes it. Passphrases are wiped when the dialog closes.
#include "ui/keys/KeyTask.h"

#include <QDialog>

class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QProgressBar;

namespace otadesk::ui {

class KeyFormDialog : public QDialog
{
    Q_OBJECT
public:
    KeyFormDialog(QString workspacePath, QWidget *parent = nullptr);
    ~KeyFormDialog() override;

    bool isBusy() const { return m_task != nullptr; }
    QString errorText() const;
    bool canAccept() const; // OK enabled
    // The key as stored after success.
    const crypto::KeyInfo &key() const { return m_key; }

    void accept() override;
    void reject() override;

Q_SIGNALS:
    void taskStarted(const QString &text);
    void taskFinished();

protected:
    QFormLayout *form() const { return m_form; }
    QString workspacePath() const { return m_workspacePath; }
    void setCommandLine(const QString &line);
    void showError(const QString &text);
    // Re-evaluates validate() for the OK button; subclasses call it when a field changes.
    void updateOk();
    // Call at the end of the subclass constructor: adds error line, command line and buttons.
    void finishLayout(const QString &okText);

    // Empty if OK may run; otherwise the reason, shown in place of the error when OK is pressed.
    virtual QString validate() const = 0;
    // The operation; it takes copies of the passphrases and wipes them.
    virtual KeyTask::Work work() = 0;
    virtual QString busyText() const = 0;
    virtual void setInputsEnabled(bool enabled) = 0;
    // Called on failure, e.g. to select the passphrase that was wrong.
    virtual void failed(const Error &error) { Q_UNUSED(error); }
    // Clears the passphrase fields.
    virtual void clearSecrets() = 0;

private:
    void onFinished();

    QString m_workspacePath;
    QFormLayout *m_form;
    QLabel *m_error;
    QLabel *m_cli;
    QProgressBar *m_busy;
    QDialogButtonBox *m_buttons;
    KeyTask *m_task = nullptr;
    crypto::KeyInfo m_key;
};

} // namespace otadesk::ui
