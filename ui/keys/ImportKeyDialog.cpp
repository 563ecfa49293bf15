#include "ui/keys/ImportKeyDialog.h"

#include "ui/keys/KeyCommandLines.h"
#include "ui/keys/PassphraseFields.h"
#include "ui/shell/DialogRunner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace otadesk::ui {

namespace {
constexpr qint64 kMaxPemSize = 64 * 1024; // a key PEM is a few hundred bytes
}

ImportKeyDialog::PemKind ImportKeyDialog::classify(QByteArrayView pem)
{
    if (pem.contains(QByteArrayView("-----BEGIN ENCRYPTED PRIVATE KEY-----")))
        return PemKind::EncryptedPrivateKey;
    if (pem.contains(QByteArrayView("PRIVATE KEY-----")))
        return pem.contains(QByteArrayView("Proc-Type: 4,ENCRYPTED")) ? PemKind::EncryptedPrivateKey
                                                                       : PemKind::ClearPrivateKey;
    if (pem.contains(QByteArrayView("-----BEGIN PUBLIC KEY-----")))
        return PemKind::PublicKey;
    return PemKind::NotPem;
}

ImportKeyDialog::ImportKeyDialog(const QString &workspacePath, const QStringList &takenNames, QWidget *parent)
    : KeyFormDialog(workspacePath, parent), m_taken(takenNames), m_file(new QLineEdit),
      m_browse(new QPushButton(tr("&Browse…"))), m_name(new QLineEdit),
      m_source(newPassphraseEdit(QStringLiteral("sourcePassphrase")))
{
    setObjectName(QStringLiteral("importKeyDialog"));
    setWindowTitle(tr("Import key"));
    m_file->setObjectName(QStringLiteral("keyFile"));
    m_file->setPlaceholderText(tr("PEM file: private key (PKCS#8, SEC1) or public key"));
    m_browse->setObjectName(QStringLiteral("keyFileBrowse"));
    m_name->setObjectName(QStringLiteral("keyName"));
    m_source->setToolTip(tr("The passphrase the file was encrypted with"));

    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(m_browse);
    form()->addRow(tr("&File:"), fileRow);
    form()->addRow(tr("&Name:"), m_name);
    form()->addRow(tr("File &passphrase:"), m_source);
    m_new = new PassphraseFields(form(), tr("&New passphrase:"), QStringLiteral("new"), this);
    finishLayout(tr("&Import"));

    connect(m_browse, &QPushButton::clicked, this, &ImportKeyDialog::browse);
    connect(m_file, &QLineEdit::editingFinished, this, [this] { setFile(m_file->text()); });
    connect(m_name, &QLineEdit::textChanged, this, &ImportKeyDialog::changed);
    connect(m_source, &QLineEdit::textChanged, this, &ImportKeyDialog::updateOk);
    connect(m_new, &PassphraseFields::changed, this, &ImportKeyDialog::updateOk);
    changed();
}

ImportKeyDialog::~ImportKeyDialog() { crypto::wipe(m_pem); }

void ImportKeyDialog::browse()
{
    const QStringList files = DialogRunner::openFiles(this, tr("Import key"), QFileInfo(m_file->text()).absolutePath(),
                                                      tr("PEM keys (*.pem *.key *.pub);;All files (*)"));
    if (!files.isEmpty())
        setFile(files.first());
}

void ImportKeyDialog::setFile(const QString &path)
{
    if (m_file->text() != path)
        m_file->setText(path);
    crypto::wipe(m_pem);
    m_pem.clear();
    m_kind = PemKind::None;
    if (!path.isEmpty()) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly) || file.size() > kMaxPemSize)
            m_kind = PemKind::Unreadable;
        else {
            m_pem = file.readAll();
            m_kind = classify(m_pem);
        }
        if (m_name->text().isEmpty())
            m_name->setText(QFileInfo(path).baseName());
    }
    changed();
}

void ImportKeyDialog::changed()
{
    const bool encrypted = m_kind == PemKind::EncryptedPrivateKey;
    const bool isPrivate = encrypted || m_kind == PemKind::ClearPrivateKey;
    form()->setRowVisible(m_source, encrypted);
    form()->setRowVisible(m_new->passphrase(), isPrivate || m_kind == PemKind::None);
    form()->setRowVisible(m_new->confirm(), isPrivate || m_kind == PemKind::None);
    form()->setRowVisible(m_new->hint(), isPrivate || m_kind == PemKind::None);
    QString note;
    switch (m_kind) {
    case PemKind::Unreadable:
        note = tr("%1 cannot be read (or is larger than a key file can be).").arg(QDir::toNativeSeparators(m_file->text()));
        break;
    case PemKind::NotPem:
        note = tr("%1 holds no PEM key (no “-----BEGIN … KEY-----” line).").arg(QDir::toNativeSeparators(m_file->text()));
        break;
    default:
        break;
    }
    const QString name = m_name->text().trimmed();
    if (note.isEmpty() && m_taken.contains(name))
        note = tr("A key named “%1” exists already. Choose another name.").arg(name);
    showError(note);
    QString cli = keycommands::importFile(m_file->text(), name);
    if (isPrivate)
        cli += u'\n' + keycommands::importPassphraseNote();
    setCommandLine(cli);
    updateOk();
}

QString ImportKeyDialog::validate() const
{
    switch (m_kind) {
    case PemKind::None:
        return tr("Choose a PEM file to import.");
    case PemKind::Unreadable:
    case PemKind::NotPem:
        return tr("Choose a PEM key file.");
    default:
        break;
    }
    const QString name = m_name->text().trimmed();
    if (name.isEmpty())
        return tr("Enter a name for the key.");
    if (m_taken.contains(name))
        return tr("A key named “%1” exists already. Choose another name.").arg(name);
    if (m_kind == PemKind::EncryptedPrivateKey && m_source->text().isEmpty())
        return tr("Enter the passphrase the file was encrypted with.");
    if (m_kind == PemKind::PublicKey)
        return {};
    return m_new->problem();
}

KeyTask::Work ImportKeyDialog::work()
{
    const bool isPublic = m_kind == PemKind::PublicKey;
    QByteArray pem(m_pem.constData(), m_pem.size()); // a deep copy the worker owns and wipes
    return [name = m_name->text().trimmed(), pem = std::move(pem),
            source = m_kind == PemKind::EncryptedPrivateKey ? m_source->text().toUtf8() : QByteArray(),
            passphrase = isPublic ? QByteArray() : m_new->value()](crypto::KeyStore &store) mutable
           -> Result<crypto::KeyInfo> {
        auto imported = store.importPem(name, pem, source, passphrase);
        crypto::wipe(pem);
        crypto::wipe(source);
        crypto::wipe(passphrase);
        return imported;
    };
}

QString ImportKeyDialog::busyText() const { return tr("Importing key %1…").arg(m_name->text().trimmed()); }

void ImportKeyDialog::setInputsEnabled(bool enabled)
{
    m_file->setEnabled(enabled);
    m_browse->setEnabled(enabled);
    m_name->setEnabled(enabled);
    m_source->setEnabled(enabled);
    m_new->setEnabled(enabled);
}

void ImportKeyDialog::failed(const Error &error)
{
    if (m_kind == PemKind::EncryptedPrivateKey && error.code() == ErrorCode::InvalidArgument) {
        m_source->setFocus();
        m_source->selectAll();
    }
}

void ImportKeyDialog::clearSecrets()
{
    m_source->clear();
    m_new->clear();
    crypto::wipe(m_pem);
    m_pem.clear();
}

} // namespace otadesk::ui
