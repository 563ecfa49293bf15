#include "ui/keys/ChangePassphraseDialog.h"

#include "ui/keys/KeyCommandLines.h"
#include "ui/keys/KeyTableModel.h"
#include "ui/keys/PassphraseFields.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace otadesk::ui {

ChangePassphraseDialog::ChangePassphraseDialog(const QString &workspacePath, const crypto::KeyInfo &key,
                                               QWidget *parent)
    : KeyFormDialog(workspacePath, parent), m_info(key), m_old(newPassphraseEdit(QStringLiteral("oldPassphrase")))
{
    setObjectName(QStringLiteral("changePassphraseDialog"));
    setWindowTitle(tr("Change passphrase of %1").arg(key.name));
    auto *which = new QLabel(tr("<b>%1</b> — %2, %3")
                                 .arg(key.name.toHtmlEscaped(), KeyTableModel::typeText(key.type),
                                      KeyTableModel::shortFingerprint(key.keyId)));
    form()->addRow(tr("Key:"), which);
    form()->addRow(tr("C&urrent passphrase:"), m_old);
    m_new = new PassphraseFields(form(), tr("&New passphrase:"), QStringLiteral("new"), this);
    setCommandLine(keycommands::changePassphrase(key.name) + u'\n' + keycommands::changePassphraseNote());
    finishLayout(tr("C&hange"));
    connect(m_old, &QLineEdit::textChanged, this, &ChangePassphraseDialog::updateOk);
    connect(m_new, &PassphraseFields::changed, this, &ChangePassphraseDialog::updateOk);
}

QString ChangePassphraseDialog::validate() const
{
    if (m_old->text().isEmpty())
        return tr("Enter the current passphrase of %1.").arg(m_info.name);
    return m_new->problem();
}

KeyTask::Work ChangePassphraseDialog::work()
{
    return [id = m_info.keyIdHex(), oldPassphrase = m_old->text().toUtf8(),
            newPassphrase = m_new->value()](crypto::KeyStore &store) mutable -> Result<crypto::KeyInfo> {
        const Status s = store.changePassphrase(id, oldPassphrase, newPassphrase);
        crypto::wipe(oldPassphrase);
        crypto::wipe(newPassphrase);
        if (!s)
            return std::unexpected(s.error());
        return store.find(id);
    };
}

QString ChangePassphraseDialog::busyText() const { return tr("Re-encrypting key %1…").arg(m_info.name); }

void ChangePassphraseDialog::setInputsEnabled(bool enabled)
{
    m_old->setEnabled(enabled);
    m_new->setEnabled(enabled);
}

void ChangePassphraseDialog::failed(const Error &error)
{
    if (error.code() == ErrorCode::InvalidArgument) { // wrong current passphrase
        m_old->setFocus();
        m_old->selectAll();
    }
}

void ChangePassphraseDialog::clearSecrets()
{
    m_old->clear();
    m_new->clear();
}

} // namespace otadesk::ui
