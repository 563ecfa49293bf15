#pragma once
// Adds or edits a remote connection profile: name, server URL, CA certificate file, the insecure TLS opt-out
// (with a visible warning) and the API token. Shows where the token will be kept: the OS keychain, or — when
// the keychain cannot be used — the settings file in plain text, with the reason.
#include "ui/server/ConnectionProfiles.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace otadesk::ui {

class ProfileDialog : public QDialog
{
    Q_OBJECT
public:
    // existing: the profile being edited (its token is not shown; leave the field empty to keep it).
    ProfileDialog(ConnectionProfiles *profiles, const std::optional<ConnectionProfile> &existing,
                  QWidget *parent = nullptr);

    ConnectionProfile profile() const;
    QString token() const;
    QString previousName() const { return m_previousName; }

    QLineEdit *nameField() const { return m_name; }
    QLineEdit *urlField() const { return m_url; }
    QLineEdit *caField() const { return m_ca; }
    QCheckBox *insecureBox() const { return m_insecure; }
    QLineEdit *tokenField() const { return m_token; }
    QLabel *keychainNote() const { return m_keychainNote; }
    QLabel *problemLabel() const { return m_problem; }
    bool isKeychainProbeDone() const { return m_probeDone; }

    void accept() override; // checks the fields first

private:
    void chooseCaFile();
    void updateInsecureWarning();
    void showKeychainState(const QString &fallbackReason);

    ConnectionProfiles *m_profiles;
    QString m_previousName;
    bool m_hadSettingsToken = false;
    bool m_probeDone = false;
    QLineEdit *m_name;
    QLineEdit *m_url;
    QLineEdit *m_ca;
    QCheckBox *m_insecure;
    QLabel *m_insecureWarning;
    QLineEdit *m_token;
    QLabel *m_keychainNote;
    QLabel *m_problem;
};

} // namespace otadesk::ui
