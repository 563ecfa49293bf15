#pragma once
// The application's one connection to an otadesk-server (owned by the main window): the current endpoint, an
// ApiClient for it, and who the token speaks for (GET /whoami) and which server version answers
// (GET /version). Views use client() for their calls and follow the connected()/disconnected() signals.
#include "core/client/ApiClient.h"
#include "core/client/ApiTypes.h"

#include <QObject>

namespace otadesk::ui {

class ServerConnection : public QObject
{
    Q_OBJECT
public:
    enum class State { Disconnected, Connecting, Connected };
    Q_ENUM(State)

    explicit ServerConnection(QObject *parent = nullptr);
    ~ServerConnection() override;

    // name: what the user chose ("Local (bundled)" or a profile name); local: the bundled child process.
    void connectTo(const QString &name, const client::ServerEndpoint &endpoint, bool local);
    void disconnectFromServer();

    State state() const { return m_state; }
    bool isConnected() const { return m_state == State::Connected; }
    bool isLocal() const { return m_local; }
    QString name() const { return m_name; }
    const client::ServerEndpoint &endpoint() const { return m_client->endpoint(); }
    bool isInsecure() const { return m_client->endpoint().insecureSkipTlsVerify; }
    client::ApiClient *client() const { return m_client; }
    const client::WhoAmI &identity() const { return m_identity; }
    bool can(const QString &permission) const { return isConnected() && m_identity.can(permission); }
    QString serverVersion() const { return m_version; }
    QString lastError() const { return m_lastError; }
    // "server · tenant · role" or "Not connected".
    QString summary() const;

Q_SIGNALS:
    void stateChanged(otadesk::ui::ServerConnection::State state);
    void connected();
    void disconnected();
    void error(const QString &message);

private:
    void setState(State state);
    void failConnect(const QString &message);

    client::ApiClient *m_client;
    State m_state = State::Disconnected;
    QString m_name;
    bool m_local = false;
    client::WhoAmI m_identity;
    QString m_version;
    QString m_lastError;
    int m_attempt = 0; // ignores answers of an attempt that was superseded
};

} // namespace otadesk::ui
