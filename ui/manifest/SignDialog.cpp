#include "ui/manifest/SignDialog.h"

#include "core/crypto/KeyStore.h"
#include "core/manifest/CoseAlgorithm.h"
#include "core/manifest/EnvelopeSigner.h"
#include "core/manifest/ManifestBuilder.h"
#include "core/manifest/SequenceRegistry.h"
#include "core/manifest/SuitDecoder.h"
#include "ui/keys/KeyCommandLines.h"
#include "ui/keys/KeyTableModel.h"
#include "ui/keys/PassphraseFields.h"
#include "ui/manifest/ManifestCommandLines.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace otadesk::ui {

using namespace otadesk::manifest;

SignDialog::SignDialog(const QString &workspacePath, const ManifestSpec &spec, QWidget *parent)
    : KeyFormDialog(workspacePath, parent), m_spec(spec), m_key(new QComboBox), m_algorithm(new QComboBox),
      m_passphrase(newPassphraseEdit(QStringLiteral("signPassphrase"))), m_useNext(new QPushButton)
{
    setObjectName(QStringLiteral("signManifestDialog"));
    setWindowTitle(spec.product.isEmpty() ? tr("Sign manifest")
                                          : tr("Sign manifest for %1").arg(spec.product));

    auto *what = new QLabel(
        tr("<b>%1</b>, sequence number %2%3")
            .arg(spec.product.isEmpty() ? tr("(no product)") : spec.product.toHtmlEscaped())
            .arg(spec.sequenceNumber)
            .arg(spec.version.isEmpty() ? QString() : tr(", version %1").arg(spec.version.toHtmlEscaped())));
    what->setObjectName(QStringLiteral("signWhat"));
    form()->addRow(tr("Manifest:"), what);

    m_key->setObjectName(QStringLiteral("signKeyCombo"));
    const crypto::KeyStore store{Workspace(workspacePath)};
    const auto keys = store.list();
    std::optional<crypto::KeyInfo> defaultKey;
    if (!spec.product.isEmpty())
        if (auto d = store.defaultFor(spec.product))
            defaultKey = *d;
    if (keys) {
        for (const crypto::KeyInfo &k : *keys) {
            if (!k.hasPrivateKey)
                continue;
            QString text =
                tr("%1 — %2, %3")
                    .arg(k.name, KeyTableModel::typeText(k.type), KeyTableModel::shortFingerprint(k.keyId));
            if (defaultKey && defaultKey->keyId == k.keyId)
                text += tr(" (default for %1)").arg(spec.product);
            m_key->addItem(text, k.keyIdHex());
            m_key->setItemData(m_key->count() - 1, k.name, Qt::UserRole + 1);
            m_key->setItemData(m_key->count() - 1, int(k.type), Qt::UserRole + 2);
        }
    }
    if (defaultKey)
        m_key->setCurrentIndex(qMax(0, m_key->findData(defaultKey->keyIdHex())));
    form()->addRow(tr("Signing &key:"), m_key);

    m_algorithm->setObjectName(QStringLiteral("signAlgorithmCombo"));
    form()->addRow(tr("&Algorithm:"), m_algorithm);
    m_key->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_algorithm, &QComboBox::currentIndexChanged, this, &SignDialog::updateCommandLine);
    auto fillAlgorithms = [this] {
        const auto type = crypto::KeyType(m_key->currentData(Qt::UserRole + 2).toInt());
        const QSignalBlocker block(m_algorithm);
        m_algorithm->clear();
        const QList<qint64> algs = type == crypto::KeyType::Ed25519
                                       ? QList<qint64>{coseAlg::Ed25519, coseAlg::EdDSA}
                                       : QList<qint64>{coseAlg::ESP256, coseAlg::ES256};
        for (qint64 alg : algs)
            m_algorithm->addItem(alg == algs.first()
                                     ? tr("%1 (recommended)").arg(CoseAlgorithms::name(alg))
                                     : tr("%1 (for older devices)").arg(CoseAlgorithms::name(alg)),
                                 alg);
    };
    fillAlgorithms();
    connect(m_key, &QComboBox::currentIndexChanged, this, [this, fillAlgorithms] {
        fillAlgorithms();
        updateCommandLine();
        updateOk();
    });

    form()->addRow(tr("&Passphrase:"), m_passphrase);
    connect(m_passphrase, &QLineEdit::textChanged, this, &SignDialog::updateOk);

    m_useNext->setObjectName(QStringLiteral("signUseNext"));
    m_useNext->hide();
    connect(m_useNext, &QPushButton::clicked, this, &SignDialog::useNext);
    form()->addRow(QString(), m_useNext);

    updateCommandLine();
    finishLayout(tr("&Sign"));
    if (m_key->count() == 0)
        showError(
            tr("There is no signing key with a private key in this workspace. Generate or import one on the "
               "Keys page first."));
    m_passphrase->setFocus();
}

QString SignDialog::keyName() const
{
    return m_key->currentData(Qt::UserRole + 1).toString();
}

void SignDialog::updateCommandLine()
{
    const qint64 alg = m_algorithm->currentData().toLongLong();
    setCommandLine(
        manifestcommands::sign(QString(), m_spec.product, keyName(),
                               m_algorithm->currentIndex() > 0 ? CoseAlgorithms::name(alg) : QString()) +
        u'\n' + keycommands::passphraseNote());
}

QString SignDialog::validate() const
{
    if (m_key->currentIndex() < 0)
        return tr("Choose a signing key.");
    if (m_passphrase->text().isEmpty())
        return tr("Enter the passphrase of %1.").arg(keyName());
    return {};
}

void SignDialog::accept()
{
    if (isBusy())
        return;
    const auto envelope = ManifestBuilder::buildEnvelope(m_spec);
    if (!envelope) {
        showError(envelope.error().message());
        return;
    }
    const auto decoded = SuitDecoder::decodeEnvelope(*envelope);
    if (!decoded || !decoded->manifestDigest) {
        showError(decoded ? tr("The envelope has no manifest digest.") : decoded.error().message());
        return;
    }
    m_envelope = *envelope;
    m_manifestDigest = decoded->manifestDigest->bytes;

    const SequenceRegistry registry{Workspace(workspacePath())};
    const Status ok = registry.check(m_spec.product, m_spec.sequenceNumber, m_manifestDigest);
    if (!ok) {
        const auto next = registry.next(m_spec.product);
        showError(
            tr("Not signed: %1\nDevices that installed the newer manifest would refuse this one (rollback "
               "protection).")
                .arg(ok.error().message()));
        if (next) {
            m_nextNumber = *next;
            m_useNext->setText(tr("Use sequence number %1").arg(*next));
            m_useNext->show();
        }
        return;
    }
    m_useNext->hide();
    KeyFormDialog::accept();
}

void SignDialog::useNext()
{
    m_spec.sequenceNumber = m_nextNumber;
    m_useNext->hide();
    showError({});
    Q_EMIT sequenceNumberChosen(m_nextNumber);
    if (auto *what = findChild<QLabel *>(QStringLiteral("signWhat")))
        what->setText(
            tr("<b>%1</b>, sequence number %2").arg(m_spec.product.toHtmlEscaped()).arg(m_nextNumber));
}

KeyTask::Work SignDialog::work()
{
    EnvelopeSigner::Options options;
    options.algorithm = m_algorithm->currentData().toLongLong();
    return [id = m_key->currentData().toString(), passphrase = m_passphrase->text().toUtf8(),
            envelope = m_envelope, digest = m_manifestDigest, product = m_spec.product,
            number = m_spec.sequenceNumber, workspace = workspacePath(), options,
            out = m_signed](crypto::KeyStore &store) mutable -> Result<crypto::KeyInfo> {
        auto key = store.unlock(id, passphrase);
        crypto::wipe(passphrase);
        if (!key)
            return std::unexpected(key.error());
        SequenceRegistry registry{Workspace(workspace)};
        if (const Status published = registry.publish(product, number, digest); !published)
            return std::unexpected(published.error());
        auto signedEnvelope = EnvelopeSigner::sign(envelope, *key, options);
        if (!signedEnvelope)
            return std::unexpected(signedEnvelope.error());
        *out = *signedEnvelope;
        return store.find(id);
    };
}

QString SignDialog::busyText() const
{
    return tr("Signing the manifest with %1…").arg(keyName());
}

void SignDialog::setInputsEnabled(bool enabled)
{
    m_key->setEnabled(enabled);
    m_algorithm->setEnabled(enabled);
    m_passphrase->setEnabled(enabled);
}

void SignDialog::failed(const Error &error)
{
    Q_UNUSED(error);
    m_passphrase->setFocus();
    m_passphrase->selectAll();
}

void SignDialog::clearSecrets()
{
    m_passphrase->clear();
}

} // namespace otadesk::ui
