#include "ui/keys/GenerateKeyDialog.h"

#include "ui/keys/KeyCommandLines.h"
#include "ui/keys/KeyTableModel.h"
#include "ui/keys/PassphraseFields.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>

namespace otadesk::ui {

GenerateKeyDialog::GenerateKeyDialog(const QString &workspacePath, const QStringList &takenNames,
                                     const QStringList &products, QWidget *parent)
    : KeyFormDialog(workspacePath, parent), m_taken(takenNames), m_name(new QLineEdit), m_type(new QComboBox),
      m_product(new QComboBox)
{
    setObjectName(QStringLiteral("generateKeyDialog"));
    setWindowTitle(tr("Generate signing key"));

    m_name->setObjectName(QStringLiteral("keyName"));
    m_name->setPlaceholderText(tr("e.g. release-2025"));
    m_type->setObjectName(QStringLiteral("keyType"));
    m_type->addItem(KeyTableModel::typeText(crypto::KeyType::EcdsaP256), int(crypto::KeyType::EcdsaP256));
    m_type->setItemData(0, tr("ECDSA with NIST P-256 and SHA-256 (COSE ES256): understood by MCUboot and most "
                              "device bootloaders"),
                        Qt::ToolTipRole);
    m_type->addItem(KeyTableModel::typeText(crypto::KeyType::Ed25519), int(crypto::KeyType::Ed25519));
    m_type->setItemData(1, tr("Ed25519 (COSE EdDSA): small and fast; the device must support it"), Qt::ToolTipRole);
    m_product->setObjectName(QStringLiteral("keyDefaultProduct"));
    m_product->setEditable(true);
    m_product->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_product->addItem(QString());
    m_product->addItems(products);
    m_product->lineEdit()->setPlaceholderText(tr("none — set later with “Set as Default for Product…”"));
    m_product->setToolTip(tr("Manifests for this product are signed with this key unless you choose another"));

    form()->addRow(tr("&Name:"), m_name);
    form()->addRow(tr("&Type:"), m_type);
    m_passphrase = new PassphraseFields(form(), tr("&Passphrase:"), QStringLiteral("new"), this);
    form()->addRow(tr("&Default for:"), m_product);
    finishLayout(tr("&Generate"));

    connect(m_name, &QLineEdit::textChanged, this, &GenerateKeyDialog::changed);
    connect(m_type, &QComboBox::currentIndexChanged, this, &GenerateKeyDialog::changed);
    connect(m_product, &QComboBox::currentTextChanged, this, &GenerateKeyDialog::changed);
    connect(m_passphrase, &PassphraseFields::changed, this, &GenerateKeyDialog::updateOk);
    changed();
}

crypto::KeyType GenerateKeyDialog::type() const { return crypto::KeyType(m_type->currentData().toInt()); }

QString GenerateKeyDialog::product() const { return m_product->currentText().trimmed(); }

void GenerateKeyDialog::changed()
{
    setCommandLine(keycommands::generate(m_name->text().trimmed(), type(), product()) + u'\n' +
                   keycommands::passphraseNote());
    const QString name = m_name->text().trimmed();
    showError(m_taken.contains(name) ? tr("A key named “%1” exists already. Choose another name.").arg(name)
                                     : QString());
    updateOk();
}

QString GenerateKeyDialog::validate() const
{
    const QString name = m_name->text().trimmed();
    if (name.isEmpty())
        return tr("Enter a name for the key.");
    if (m_taken.contains(name))
        return tr("A key named “%1” exists already. Choose another name.").arg(name);
    return m_passphrase->problem();
}

KeyTask::Work GenerateKeyDialog::work()
{
    return [name = m_name->text().trimmed(), type = type(), product = product(),
            passphrase = m_passphrase->value()](crypto::KeyStore &store) mutable -> Result<crypto::KeyInfo> {
        auto generated = store.generate(name, type, passphrase);
        crypto::wipe(passphrase);
        if (!generated || product.isEmpty())
            return generated;
        if (const Status s = store.setDefaultFor(generated->keyIdHex(), product); !s)
            return std::unexpected(s.error());
        return store.find(generated->keyIdHex());
    };
}

QString GenerateKeyDialog::busyText() const { return tr("Generating key %1…").arg(m_name->text().trimmed()); }

void GenerateKeyDialog::setInputsEnabled(bool enabled)
{
    m_name->setEnabled(enabled);
    m_type->setEnabled(enabled);
    m_product->setEnabled(enabled);
    m_passphrase->setEnabled(enabled);
}

void GenerateKeyDialog::failed(const Error &error)
{
    Q_UNUSED(error);
    m_name->setFocus();
    m_name->selectAll();
}

void GenerateKeyDialog::clearSecrets() { m_passphrase->clear(); }

} // namespace otadesk::ui
