#pragma once
// The application shell: the navigation sidebar with its pages, menus, the status bar (workspace, entry count,
// progress + Cancel of long work) and the activity log dock. Geometry and dock state are kept in Settings.
#include "core/common/ActivityLog.h"
#include "core/common/Settings.h"

#include <QMainWindow>

class QLabel;

namespace otadesk::ui {

class ActivityLogDock;
class FirmwarePage;
class KeysPage;
class ManifestPage;
class Navigation;
class PublishActions;
class ServerConnection;
class ServerPage;
class ServerStatusWidget;
class TaskProgress;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // workspacePath: from --workspace (empty: resolved from the environment and settings).
    MainWindow(Settings &settings, const QString &workspacePath = {},
               ActivityLog *log = ActivityLog::instance(), QWidget *parent = nullptr);
    ~MainWindow() override;

    Navigation *navigation() const { return m_navigation; }
    FirmwarePage *firmwarePage() const { return m_firmware; }
    KeysPage *keysPage() const { return m_keys; }
    ManifestPage *manifestsPage() const { return m_manifests; }
    ServerPage *serverPage() const { return m_server; }
    ServerConnection *serverConnection() const { return m_connection; }
    ServerStatusWidget *serverStatus() const { return m_serverStatus; }
    PublishActions *publishActions() const { return m_publish; }
    ActivityLogDock *activityDock() const { return m_logDock; }
    TaskProgress *taskProgress() const { return m_progress; }
    QString workspacePath() const;

    void openSettings();
    void openWorkspace(const QString &path);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createPages();
    void createMenus();
    void createStatusBar();
    void about();
    void updateCount(); // entries or keys, whichever page is shown
    void updateTitle(); // shows an unsaved manifest

    Settings &m_settings;
    ActivityLog *m_log;
    Navigation *m_navigation;
    FirmwarePage *m_firmware = nullptr;
    KeysPage *m_keys = nullptr;
    ManifestPage *m_manifests = nullptr;
    ServerConnection *m_connection;
    ServerPage *m_server = nullptr;
    PublishActions *m_publish = nullptr;
    ServerStatusWidget *m_serverStatus = nullptr;
    ActivityLogDock *m_logDock;
    TaskProgress *m_progress;
    QLabel *m_workspaceLabel;
    QLabel *m_countLabel;
};

} // namespace otadesk::ui
