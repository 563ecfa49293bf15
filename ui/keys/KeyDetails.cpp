#include "ui/keys/KeyDetails.h"

#include "ui/keys/KeyTableModel.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace otadesk::ui {

KeyDetails::KeyDetails(QWidget *parent)
    : QWidget(parent), m_title(new QLabel), m_form(new QFormLayout), m_pem(new QPlainTextEdit),
      m_copy(new QPushButton(tr("&Copy Public Key")))
{
    setObjectName(QStringLiteral("keyDetails"));
    m_title->setObjectName(QStringLiteral("keyDetailsTitle"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setTextFormat(Qt::PlainText);

    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_form->setLabelAlignment(Qt::AlignRight);
    addField(QStringLiteral("type"), tr("Type:"));
    QLabel *id = addField(QStringLiteral("keyId"), tr("Key id:"));
    id->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    id->setToolTip(tr("SHA-256 of the public key (SubjectPublicKeyInfo DER); manifests name their signing key "
                      "by it"));
    addField(QStringLiteral("defaultFor"), tr("Default for:"));
    addField(QStringLiteral("created"), tr("Created:"));
    addField(QStringLiteral("storage"), tr("Private key:"));

    m_pem->setObjectName(QStringLiteral("keyPublicPem"));
    m_pem->setReadOnly(true);
    m_pem->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_pem->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_pem->setPlaceholderText(tr("The public key of the selected key appears here."));
    m_pem->setMaximumHeight(m_pem->fontMetrics().lineSpacing() * 7 + 16);
    m_copy->setObjectName(QStringLiteral("keyCopyPem"));
    m_copy->setToolTip(tr("Copy the public key PEM to the clipboard, e.g. for a bootloader build or a server"));
    connect(m_copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_pem->toPlainText()); });

    auto *pemHeader = new QHBoxLayout;
    pemHeader->addWidget(new QLabel(tr("Public key (PEM):")), 1);
    pemHeader->addWidget(m_copy);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_title);
    layout->addLayout(m_form);
    layout->addLayout(pemHeader);
    layout->addWidget(m_pem);
    layout->addStretch(1);
    setKey(nullptr);
}

QLabel *KeyDetails::addField(const QString &name, const QString &label)
{
    auto *value = new QLabel;
    value->setObjectName(QStringLiteral("keyField_") + name);
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_form->addRow(label, value);
    m_fields.insert(name, value);
    return value;
}

QString KeyDetails::value(const QString &field) const
{
    const QLabel *l = m_fields.value(field);
    return l ? l->text() : QString();
}

void KeyDetails::setKey(const crypto::KeyInfo *key, const QByteArray &pem, const QString &error)
{
    for (QLabel *l : std::as_const(m_fields))
        l->clear();
    m_pem->clear();
    m_copy->setEnabled(false);
    if (!key) {
        m_title->setText(tr("No key selected"));
        m_title->setEnabled(false);
        return;
    }
    m_title->setEnabled(true);
    m_title->setText(key->name);
    m_fields[QStringLiteral("type")]->setText(KeyTableModel::typeText(key->type) + QStringLiteral(" (") +
                                              crypto::keyTypeName(key->type) + u')');
    m_fields[QStringLiteral("keyId")]->setText(key->keyIdHex());
    m_fields[QStringLiteral("defaultFor")]->setText(key->defaultFor.isEmpty()
                                                        ? tr("no product")
                                                        : key->defaultFor.join(QStringLiteral(", ")));
    m_fields[QStringLiteral("created")]->setText(QLocale().toString(key->createdAt.toLocalTime(), QLocale::ShortFormat));
    m_fields[QStringLiteral("storage")]->setText(
        key->hasPrivateKey ? tr("stored encrypted in the workspace (scrypt + AES-256); asks for the passphrase to sign")
                           : tr("not held — public key only, for verifying signatures"));
    if (pem.isEmpty()) {
        m_pem->setPlaceholderText(error.isEmpty() ? tr("No public key") : tr("Cannot read the public key: %1").arg(error));
        return;
    }
    m_pem->setPlainText(QString::fromLatin1(pem).trimmed());
    m_copy->setEnabled(true);
}

} // namespace otadesk::ui
