#pragma once
// Import…: a PEM file (private key, encrypted or clear, or a public key). An encrypted file needs the
// passphrase it was written with; a private key is stored encrypted with a new passphrase; a public key
// becomes a public-only entry (a trust anchor for verifying).
#include "ui/keys/KeyFormDialog.h"

class QLineEdit;
class QPushButton;

namespace otadesk::ui {

class PassphraseFields;

class ImportKeyDialog : public KeyFormDialog
{
    Q_OBJECT
public:
    enum class PemKind { None, Unreadable, NotPem, PublicKey, ClearPrivateKey, EncryptedPrivateKey };
    static PemKind classify(QByteArrayView pem);

    ImportKeyDialog(const QString &workspacePath, const QStringList &takenNames, QWidget *parent = nullptr);
    ~ImportKeyDialog() override;

    void setFile(const QString &path);
    QLineEdit *fileEdit() const { return m_file; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *sourcePassphrase() const { return m_source; }
    PassphraseFields *newPassphrase() const { return m_new; }
    PemKind kind() const { return m_kind; }

protected:
    QString validate() const override;
    KeyTask::Work work() override;
    QString busyText() const override;
    void setInputsEnabled(bool enabled) override;
    void failed(const Error &error) override;
    void clearSecrets() override;

private:
    void browse();
    void changed();

    QStringList m_taken;
    QLineEdit *m_file;
    QPushButton *m_browse;
    QLineEdit *m_name;
    QLineEdit *m_source;
    PassphraseFields *m_new;
    QByteArray m_pem; // may be a clear private key: wiped when replaced and on close
    PemKind m_kind = PemKind::None;
};

} // namespace otadesk::ui
