#include "ui/keys/PassphraseFields.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <cmath>

namespace otadesk::ui {

PassphraseStrength estimateStrength(const QString &passphrase)
{
    PassphraseStrength s;
    if (passphrase.isEmpty()) {
        s.text = PassphraseFields::tr("Choose a passphrase; it cannot be recovered if you forget it.");
        return s;
    }
    bool lower = false, upper = false, digit = false, symbol = false, other = false;
    for (const QChar c : passphrase) {
        if (c.unicode() > 0x7f)
            other = true;
        else if (c.isLower())
            lower = true;
        else if (c.isUpper())
            upper = true;
        else if (c.isDigit())
            digit = true;
        else
            symbol = true;
    }
    const int alphabet = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (symbol ? 33 : 0) + (other ? 100 : 0);
    s.bits = int(std::floor(double(passphrase.size()) * std::log2(double(qMax(alphabet, 2)))));
    if (passphrase.size() < 8 || s.bits < 40) {
        s.level = PassphraseStrength::Weak;
        s.text = PassphraseFields::tr("Weak (about %1 bits): use at least 12 characters or several words.").arg(s.bits);
    } else if (s.bits < 60) {
        s.level = PassphraseStrength::Fair;
        s.text = PassphraseFields::tr("Fair (about %1 bits): longer is better.").arg(s.bits);
    } else if (s.bits < 90) {
        s.level = PassphraseStrength::Strong;
        s.text = PassphraseFields::tr("Strong (about %1 bits).").arg(s.bits);
    } else {
        s.level = PassphraseStrength::VeryStrong;
        s.text = PassphraseFields::tr("Very strong (about %1 bits).").arg(s.bits);
    }
    return s;
}

QLineEdit *newPassphraseEdit(const QString &objectName)
{
    auto *edit = new QLineEdit;
    edit->setObjectName(objectName);
    edit->setEchoMode(QLineEdit::Password);
    edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    edit->setMinimumWidth(edit->fontMetrics().averageCharWidth() * 32);
    return edit;
}

PassphraseFields::PassphraseFields(QFormLayout *form, const QString &label, const QString &prefix, QObject *parent)
    : QObject(parent), m_passphrase(newPassphraseEdit(prefix + QStringLiteral("Passphrase"))),
      m_confirm(newPassphraseEdit(prefix + QStringLiteral("Confirm"))), m_hint(new QLabel)
{
    m_hint->setObjectName(prefix + QStringLiteral("Strength"));
    m_hint->setWordWrap(true);
    m_hint->setMinimumWidth(m_passphrase->minimumWidth());
    QFont small = m_hint->font();
    small.setPointSizeF(small.pointSizeF() * 0.92);
    m_hint->setFont(small);
    form->addRow(label, m_passphrase);
    form->addRow(tr("Con&firm:"), m_confirm);
    form->addRow(QString(), m_hint);
    connect(m_passphrase, &QLineEdit::textChanged, this, &PassphraseFields::update);
    connect(m_confirm, &QLineEdit::textChanged, this, &PassphraseFields::update);
    update();
}

QString PassphraseFields::problem() const
{
    if (m_passphrase->text().isEmpty())
        return tr("Enter a passphrase: private keys are only stored encrypted.");
    if (m_confirm->text() != m_passphrase->text())
        return tr("The passphrases do not match. Type the same passphrase in both fields.");
    return {};
}

QByteArray PassphraseFields::value() const { return m_passphrase->text().toUtf8(); }

void PassphraseFields::setEnabled(bool enabled)
{
    m_passphrase->setEnabled(enabled);
    m_confirm->setEnabled(enabled);
}

void PassphraseFields::clear()
{
    m_passphrase->clear();
    m_confirm->clear();
}

void PassphraseFields::update()
{
    const PassphraseStrength s = estimateStrength(m_passphrase->text());
    QString text = s.text;
    QString color;
    if (!m_confirm->text().isEmpty() && m_confirm->text() != m_passphrase->text()) {
        text = tr("The passphrases do not match.");
        color = QStringLiteral("#b3261e");
    } else if (s.level == PassphraseStrength::Weak) {
        color = QStringLiteral("#9a5b00");
    } else if (s.level >= PassphraseStrength::Strong) {
        color = QStringLiteral("#2e7d32");
    }
    m_hint->setText(text);
    m_hint->setStyleSheet(color.isEmpty() ? QString() : QStringLiteral("color: %1;").arg(color));
    Q_EMIT changed();
}

} // namespace otadesk::ui
