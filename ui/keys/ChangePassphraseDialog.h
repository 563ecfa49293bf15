#pragma once
// Change passphrase…: the current passphrase, the new one twice. A wrong current passphrase leaves the key
// file untouched; the dialog says so and selects the field to type it again.
#include "ui/keys/KeyFormDialog.h"

class QLineEdit;

namespace otadesk::ui {

class PassphraseFields;

class ChangePassphraseDialog : public KeyFormDialog
{
    Q_OBJECT
public:
    ChangePassphraseDialog(const QString &workspacePath, const crypto::KeyInfo &key, QWidget *parent = nullptr);

    QLineEdit *oldPassphrase() const { return m_old; }
    PassphraseFields *newPassphrase() const { return m_new; }

protected:
    QString validate() const override;
    KeyTask::Work work() override;
    QString busyText() const override;
    void setInputsEnabled(bool enabled) override;
    void failed(const Error &error) override;
    void clearSecrets() override;

private:
    crypto::KeyInfo m_info;
    QLineEdit *m_old;
    PassphraseFields *m_new;
};

} // namespace otadesk::ui
