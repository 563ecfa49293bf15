#pragma once
// Remote server connection profiles, kept in the application settings (group "ServerProfiles"): name, URL, CA
// certificate file, the insecure TLS opt-out, and where the token is. The token goes to the OS keychain
// (TokenVault); when that is not possible it is stored in the settings file instead, the profile records this
// (tokenInSettings) and the reason is kept for the dialog to show. The local bundled server is not a profile.
#include "core/common/Error.h"
#include "core/client/ServerEndpoint.h"

#include <QObject>
#include <QSettings>
#include <functional>
#include <memory>
#include <optional>

namespace otadesk::ui {

class TokenVault;

struct ConnectionProfile
{
    QString name;
    QString url;
    QString caCertificateFile;
    bool insecure = false;
    bool tokenInSettings = false; // the keychain could not be used: the token is in the settings file
    // Builds the client endpoint (without the token).
    client::ServerEndpoint endpoint() const;
};

class ConnectionProfiles : public QObject
{
    Q_OBJECT
public:
    // settingsFile: the application's settings file (Settings::fileName()); an INI file path is opened as
    // such, anything else (the platform's native store) through QSettings' default constructor.
    explicit ConnectionProfiles(const QString &settingsFile, QObject *parent = nullptr);
    ~ConnectionProfiles() override;

    QList<ConnectionProfile> profiles() const;
    std::optional<ConnectionProfile> profile(const QString &name) const;
    bool contains(const QString &name) const { return profile(name).has_value(); }
    QString settingsFile() const;

    // Which connection the page showed last: "" for the local server, else a profile name.
    QString lastConnection() const;
    void setLastConnection(const QString &name);
    // Whether the app connects to the last connection when it starts (default: yes, the bundled local server);
    // an explicit disconnect turns it off, a connect on.
    bool connectAtStart() const;
    void setConnectAtStart(bool on);

    // Stores the profile (replacing one of the same name, or renaming `previousName`) and its token; an empty
    // token keeps the stored one. done(status, note): note is non-empty when the token had to go to the
    // settings file (it says why).
    using Saved = std::function<void(Status, const QString &note)>;
    void save(const ConnectionProfile &profile, const QString &token, const QString &previousName, Saved done);
    // The token of a profile (keychain or settings).
    void loadToken(const QString &name, std::function<void(Result<QString>)> done);
    void remove(const QString &name);

    TokenVault *vault() const { return m_vault; }
    // Why the keychain was not used for the last save, empty if it was.
    QString lastFallbackReason() const { return m_fallbackReason; }

Q_SIGNALS:
    void changed();

private:
    void writeProfile(const ConnectionProfile &profile, const QString &tokenInSettings);
    void removeEntry(const QString &name);
    static QString groupFor(const QString &name);
    static QString keychainKey(const QString &name) { return QStringLiteral("profile:") + name; }

    std::unique_ptr<QSettings> m_settings;
    TokenVault *m_vault;
    QString m_fallbackReason;
};

} // namespace otadesk::ui
