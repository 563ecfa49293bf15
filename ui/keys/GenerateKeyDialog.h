#pragma once
// Key > Generate…: name, type (ECDSA P-256 or Ed25519), the passphrase that encrypts the private key (twice,
// with a strength hint) and optionally the product it becomes the default signing key of.
#include "ui/keys/KeyFormDialog.h"

class QComboBox;
class QLineEdit;

namespace otadesk::ui {

class PassphraseFields;

class GenerateKeyDialog : public KeyFormDialog
{
    Q_OBJECT
public:
    // takenNames: names already in the store (checked as the user types); products: suggestions for the default.
    GenerateKeyDialog(const QString &workspacePath, const QStringList &takenNames, const QStringList &products,
                      QWidget *parent = nullptr);

    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *typeBox() const { return m_type; }
    QComboBox *productBox() const { return m_product; }
    PassphraseFields *passphrase() const { return m_passphrase; }
    crypto::KeyType type() const;
    QString product() const;

protected:
    QString validate() const override;
    KeyTask::Work work() override;
    QString busyText() const override;
    void setInputsEnabled(bool enabled) override;
    void failed(const Error &error) override;
    void clearSecrets() override;

private:
    void changed();

    QStringList m_taken;
    QLineEdit *m_name;
    QComboBox *m_type;
    QComboBox *m_product;
    PassphraseFields *m_passphrase;
};

} // namespace otadesk::ui
