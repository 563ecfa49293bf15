#pragma once
// A new passphrase typed twice, with a strength hint under it and a mismatch message; used by the generate,
// import and change-passphrase dialogs. It adds its rows to a QFormLayout owned by the dialog.
#include <QObject>
#include <QString>

class QFormLayout;
class QLabel;
class QLineEdit;

namespace otadesk::ui {

struct PassphraseStrength
{
    enum Level { Empty, Weak, Fair, Strong, VeryStrong };
    Level level = Empty;
    int bits = 0; // rough estimate: length × log2(alphabet)
    QString text; // for people, e.g. "Fair (about 52 bits) — longer is better"
};
PassphraseStrength estimateStrength(const QString &passphrase);

class PassphraseFields : public QObject
{
    Q_OBJECT
public:
    // Adds "label" and "Confirm:" rows (plus the hint row) to form; objectNames are prefix + "Passphrase",
    // prefix + "Confirm", prefix + "Strength".
    PassphraseFields(QFormLayout *form, const QString &label, const QString &prefix, QObject *parent = nullptr);

    QLineEdit *passphrase() const { return m_passphrase; }
    QLineEdit *confirm() const { return m_confirm; }
    QLabel *hint() const { return m_hint; }
    // Empty if the passphrase can be used; otherwise what is wrong ("The passphrases do not match.").
    QString problem() const;
    bool isAcceptable() const { return problem().isEmpty(); }
    // The passphrase as UTF-8 (a fresh buffer the caller wipes).
    QByteArray value() const;
    void setEnabled(bool enabled);
    void clear();

Q_SIGNALS:
    void changed();

private:
    void update();

    QLineEdit *m_passphrase;
    QLineEdit *m_confirm;
    QLabel *m_hint;
};

// A password-mode line edit with the given objectName.
QLineEdit *newPassphraseEdit(const QString &objectName);

} // namespace otadesk::ui
