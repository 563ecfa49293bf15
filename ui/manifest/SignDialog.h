#pragma once
// Signs the manifest being edited: the signing key (the product's default key preselected), the COSE
// algorithm, the key's passphrase. Before anything is unlocked the sequence number is checked against the
// workspace's SequenceRegistry; a rollback is explained and the next free number offered. Unlocking,
// recording the sequence number and EnvelopeSigner::sign run on a worker thread while the dialog stays open;
// a wrong passphrase is shown in the dialog and nothing else changes.
#include "core/manifest/ManifestSpec.h"
#include "ui/keys/KeyFormDialog.h"

#include <memory>

class QComboBox;
class QLineEdit;
class QPushButton;

namespace otadesk::ui {

class SignDialog : public KeyFormDialog
{
    Q_OBJECT
public:
    SignDialog(const QString &workspacePath, const manifest::ManifestSpec &spec, QWidget *parent = nullptr);

    QComboBox *keyCombo() const { return m_key; }
    QComboBox *algorithmCombo() const { return m_algorithm; }
    QLineEdit *passphrase() const { return m_passphrase; }
    QPushButton *useNextButton() const { return m_useNext; }
    // After success: the signed envelope and the key that signed it.
    QByteArray signedEnvelope() const { return *m_signed; }
    QString keyName() const;

    void accept() override;

Q_SIGNALS:
    // The user accepted the offered sequence number; the editor should use it too.
    void sequenceNumberChosen(quint64 number);

protected:
    QString validate() const override;
    KeyTask::Work work() override;
    QString busyText() const override;
    void setInputsEnabled(bool enabled) override;
    void failed(const Error &error) override;
    void clearSecrets() override;

private:
    void useNext();
    void updateCommandLine();

    manifest::ManifestSpec m_spec;
    QComboBox *m_key;
    QComboBox *m_algorithm;
    QLineEdit *m_passphrase;
    QPushButton *m_useNext;
    quint64 m_nextNumber = 0;
    QByteArray m_envelope;       // unsigned, built at accept()
    QByteArray m_manifestDigest; // its SUIT manifest digest
    std::shared_ptr<QByteArray> m_signed = std::make_shared<QByteArray>();
};

} // namespace otadesk::ui
