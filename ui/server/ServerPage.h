#pragma once
// The Server page: choose a connection — "Local (bundled)" (otadesk-server started as a child process on the
// workspace's database, its log shown below) or a remote profile (URL, CA certificate, insecure opt-out, token
// in the OS keychain) — connect and disconnect, and see who the connection speaks for (GET /whoami: tenant,
// account, role) and which server version answers. A banner warns while TLS verification is switched off.
#include "core/common/ActivityLog.h"
#include "ui/server/ConnectionProfiles.h"
#include "ui/server/LocalServer.h"

#include <QPointer>
#include <QWidget>

class QAction;
class QComboBox;
class QGroupBox;
class QLabel;

namespace otadesk::ui {

class ServerConnection;
class ServerLogModel;
class ServerLogView;

class ServerPage : public QWidget
{
    Q_OBJECT
public:
    // settingsFile: where profiles are kept (the application's Settings::fileName()).
    ServerPage(ServerConnection *connection, const QString &settingsFile, ActivityLog *log, QWidget *parent = nullptr);
    ~ServerPage() override;

    void setWorkspace(const QString &path);
    ServerConnection *connection() const { return m_connection; }
    LocalServer *localServer() const { return m_local; }
    ConnectionProfiles *profiles() const { return m_profiles; }
    ServerLogModel *logModel() const { return m_logModel; }
    ServerLogView *logView() const { return m_logView; }
    QComboBox *connectionChooser() const { return m_chooser; }
    QLabel *insecureBanner() const { return m_insecureBanner; }
    QLabel *errorLabel() const { return m_error; }
    QLabel *tokenNote() const { return m_tokenNote; }
    QLabel *value(const QString &field) const; // "state", "url", "version", "tenant", "account", "role"

    QAction *connectAction() const { return m_connect; }
    QAction *disconnectAction() const { return m_disconnect; }
    QAction *restartAction() const { return m_restart; }
    QAction *newProfileAction() const { return m_newProfile; }
    QAction *editProfileAction() const { return m_editProfile; }
    QAction *removeProfileAction() const { return m_removeProfile; }
    QList<QAction *> serverActions() const;

    // Selects "Local (bundled)" (empty name) or a profile in the chooser.
    bool selectConnection(const QString &profileName);
    QString selectedProfile() const; // empty for the local server

public Q_SLOTS:
    void connectSelected();
    // At application start: connects to the last connection (the bundled local server by default) unless the
    // user disconnected last time.
    void connectAtStartup();
    void disconnectFromServer();
    void restartLocalServer();
    void newProfile();
    void editProfile();
    void removeProfile();
    // For application shutdown: disconnects and stops the local server, waiting for it.
    void shutdown();

Q_SIGNALS:
    void showRequested();

private:
    void createActions();
    QWidget *createStatusBox();
    void reloadProfiles(const QString &select);
    void connectLocal();
    void showError(const QString &message);
    void updateState();
    void runProfileDialog(const std::optional<ConnectionProfile> &existing);

    QPointer<ServerConnection> m_connection; // owned by the main window, which may delete it first
    ActivityLog *m_log;
    LocalServer *m_local;
    ConnectionProfiles *m_profiles;
    ServerLogModel *m_logModel;
    ServerLogView *m_logView;
    QComboBox *m_chooser;
    QLabel *m_insecureBanner;
    QLabel *m_error;
    QLabel *m_tokenNote;
    QLabel *m_localInfo;
    QGroupBox *m_logBox;
    QHash<QString, QLabel *> m_values;
    bool m_wantLocal = false; // connect once the local server is listening

    QAction *m_connect = nullptr;
    QAction *m_disconnect = nullptr;
    QAction *m_restart = nullptr;
    QAction *m_newProfile = nullptr;
    QAction *m_editProfile = nullptr;
    QAction *m_removeProfile = nullptr;
};

} // namespace otadesk::ui
