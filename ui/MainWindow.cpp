#include "ui/MainWindow.h"

#include "core/common/Logging.h"
#include "core/common/Version.h"
#include "core/common/Workspace.h"
#include "ui/bench/BenchPage.h"
#include "ui/devices/DevicesPage.h"
#include "ui/firmware/CommandLines.h"
#include "ui/firmware/FirmwarePage.h"
#include "ui/firmware/FirmwareTableModel.h"
#include "ui/keys/KeyCommandLines.h"
#include "ui/keys/KeysPage.h"
#include "ui/manifest/ManifestPage.h"
#include "ui/server/PublishActions.h"
#include "ui/server/ServerConnection.h"
#include "ui/server/ServerPage.h"
#include "ui/server/ServerStatusWidget.h"
#include "ui/shell/ActivityLogDock.h"
#include "ui/shell/ComingPage.h"
#include "ui/shell/DialogRunner.h"
#include "ui/shell/Navigation.h"
#include "ui/shell/SettingsDialog.h"
#include "ui/shell/TaskProgress.h"
#include "ui/widgets/Icons.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>

static void initResources() { Q_INIT_RESOURCE(otadesk); }

namespace otadesk::ui {

MainWindow::MainWindow(Settings &settings, const QString &workspacePath, ActivityLog *log, QWidget *parent)
    : QMainWindow(parent), m_settings(settings), m_log(log), m_navigation(new Navigation),
      m_connection(new ServerConnection(this)), m_logDock(new ActivityLogDock(log, this)), m_progress(new TaskProgress), m_workspaceLabel(new QLabel),
      m_countLabel(new QLabel)
{
    initResources();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("OTA Desk"));
    setWindowIcon(themeIcon(QStringLiteral("org.example.otadesk")));
    setCentralWidget(m_navigation);
    setDockNestingEnabled(true);
    addDockWidget(Qt::BottomDockWidgetArea, m_logDock);

    createPages();
    createMenus();
    createStatusBar();

    resize(1280, 820);
    restoreGeometry(m_settings.value(Settings::MainWindowGeometry).toByteArray());
    restoreState(m_settings.value(Settings::MainWindowState).toByteArray());
    resizeDocks({m_logDock}, {150}, Qt::Vertical);

    openWorkspace(Workspace::resolvePath(workspacePath, m_settings.workspacePath()));
}

MainWindow::~MainWindow() = default;

QString MainWindow::workspacePath() const { return m_firmware->workspacePath(); }

void MainWindow::createPages()
{
    m_firmware = new FirmwarePage(m_settings, m_log);
    m_navigation->addPage(QStringLiteral("firmware"), themeIcon(QStringLiteral("firmware")), tr("Firmware"),
                          m_firmware);
    m_keys = new KeysPage(m_log);
    m_keys->setProductProvider([this] {
        QStringList products;
        for (const library::FirmwareEntry &e : m_firmware->model()->entries())
            products << e.product;
        return products;
    });
    m_navigation->addPage(QStringLiteral("keys"), themeIcon(QStringLiteral("keys")), tr("Keys"), m_keys);
    m_manifests = new ManifestPage(m_log);
    m_manifests->setProductProvider([this] {
        QStringList products;
        for (const library::FirmwareEntry &e : m_firmware->model()->entries())
            products << e.product;
        products.removeAll(QString());
        products.removeDuplicates();
        products.sort(Qt::CaseInsensitive);
        return products;
    });
    m_manifests->setEntryProvider([this] { return m_firmware->model()->entries(); });
    m_navigation->addPage(QStringLiteral("manifests"), themeIcon(QStringLiteral("manifests")), tr("Manifests"),
                          m_manifests);
    struct Coming
    {
        const char *id;
        QString title;
        QString text;
        const char *cli;
    };
    auto *devices = new DevicesPage(m_connection, m_log);
    m_navigation->addPage(QStringLiteral("devices"), themeIcon(QStringLiteral("devices")), tr("Devices"), devices);
    connect(devices, &DevicesPage::showServerPage, this,
            [this] { m_navigation->setCurrent(m_navigation->stack()->indexOf(m_server)); });
    const Coming pages[] = {
        {"campaigns", tr("Campaigns"),
         tr("Plan staged rollouts — canary first, then waves in maintenance windows — approve them and watch "
            "their progress, pausing or aborting on failures."),
         "otactl campaign"},
    };
    for (const Coming &c : pages) {
        const QString id = QString::fromLatin1(c.id);
        auto *page = new ComingPage(themeIcon(id), c.title, c.text, QString::fromLatin1(c.cli));
        page->setObjectName(id + QStringLiteral("Page"));
        m_navigation->addPage(id, themeIcon(id), c.title, page);
    }
    m_navigation->addPage(QStringLiteral("bench"), themeIcon(QStringLiteral("bench")), tr("Bench"), new BenchPage);
    m_server = new ServerPage(m_connection, m_settings.fileName(), m_log);
    m_navigation->addPage(QStringLiteral("server"), themeIcon(QStringLiteral("server")), tr("Server"), m_server);
    // "Publish to Server" on the Firmware page (context menu, Ctrl+Shift+U) and the Manifests toolbar.
    m_publish = new PublishActions(m_connection, m_firmware, m_manifests, m_log, this);
    m_firmware->table()->addAction(m_publish->firmwareAction());
    m_firmware->addAction(m_publish->firmwareAction());
    m_manifests->addAction(m_publish->manifestAction());
    if (auto *bar = m_manifests->findChild<QToolBar *>(QStringLiteral("manifestsToolbar"))) {
        bar->addSeparator();
        bar->addAction(m_publish->manifestAction());
    }
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_firmware->importAction());
    file->addAction(m_firmware->exportAction());
    file->addSeparator();
    file->addAction(m_firmware->refreshAction());
    file->addSeparator();
    QAction *settings = file->addAction(tr("&Settings…"), this, &MainWindow::openSettings);
    settings->setObjectName(QStringLiteral("actionSettings"));
    settings->setShortcut(QKeySequence::Preferences);
    settings->setMenuRole(QAction::PreferencesRole);
    settings->setStatusTip(tr("Workspace folder, language, export defaults and logging"));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("actionQuit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    // Undo / Redo act on the manifest being edited (their shortcuts work while the Manifests page has focus).
    edit->addAction(m_manifests->undoAction());
    edit->addAction(m_manifests->redoAction());
    edit->addSeparator();
    QAction *copy = edit->addAction(tr("&Copy"));
    copy->setObjectName(QStringLiteral("actionCopy"));
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    copy->setStatusTip(tr("Copy the selected entries, bytes or log messages"));
    connect(copy, &QAction::triggered, this, [this] {
        QWidget *focus = QApplication::focusWidget();
        if (focus && m_logDock->isAncestorOf(focus))
            m_logDock->copySelection();
        else if (m_navigation->currentId() == QLatin1String("keys"))
            m_keys->copy();
        else
            m_firmware->copy();
    });
    QAction *selectAll = edit->addAction(tr("Select &All"));
    selectAll->setObjectName(QStringLiteral("actionSelectAll"));
    selectAll->setShortcut(QKeySequence::SelectAll);
    selectAll->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(selectAll, &QAction::triggered, this, [this] {
        QWidget *focus = QApplication::focusWidget();
        if (focus && m_logDock->isAncestorOf(focus))
            m_logDock->view()->selectAll();
        else if (m_navigation->currentId() == QLatin1String("firmware"))
            m_firmware->selectAll();
    });
    // Copy and Select All act on the focused widget; widgets with their own handling (line edits) keep it.
    m_navigation->addActions({copy, selectAll});
    m_logDock->addActions({copy, selectAll});
    edit->addSeparator();
    edit->addAction(m_firmware->findAction());
    edit->addAction(m_firmware->goToAddressAction());
    edit->addSeparator();
    edit->addAction(m_firmware->removeAction());

    QMenu *keys = menuBar()->addMenu(tr("&Keys"));
    keys->setObjectName(QStringLiteral("menuKeys"));
    const QList<QAction *> keyActions = m_keys->keyActions();
    for (QAction *a : keyActions) {
        if (a == m_keys->passphraseAction() || a == m_keys->removeAction() || a == m_keys->refreshAction())
            keys->addSeparator();
        keys->addAction(a);
    }
    // A key action chosen from the menu shows the page it acts on.
    connect(m_keys, &KeysPage::showRequested, this,
            [this] { m_navigation->setCurrent(m_navigation->stack()->indexOf(m_keys)); });

    QMenu *manifests = menuBar()->addMenu(tr("&Manifests"));
    manifests->setObjectName(QStringLiteral("menuManifests"));
    QMenu *newManifest = manifests->addMenu(tr("&New Manifest"));
    newManifest->addActions(m_manifests->templateActions());
    const QList<QAction *> manifestActions = m_manifests->fileActions();
    for (QAction *a : manifestActions) {
        if (a == m_manifests->signAction() || a == m_manifests->openEnvelopeAction())
            manifests->addSeparator();
        manifests->addAction(a);
    }
    connect(m_manifests, &ManifestPage::showRequested, this,
            [this] { m_navigation->setCurrent(m_navigation->stack()->indexOf(m_manifests)); });
    manifests->addSeparator();
    manifests->addAction(m_publish->manifestAction());

    QMenu *server = menuBar()->addMenu(tr("Se&rver"));
    server->setObjectName(QStringLiteral("menuServer"));
    const QList<QAction *> serverActions = m_server->serverActions();
    for (QAction *a : serverActions) {
        if (a == m_server->newProfileAction())
            server->addSeparator();
        server->addAction(a);
    }
    server->addSeparator();
    QAction *publishFirmware = server->addAction(tr("Publish Selected &Firmware…"), m_publish,
                                                 &PublishActions::publishSelectedFirmware);
    publishFirmware->setObjectName(QStringLiteral("actionServerPublishFirmware"));
    auto followEnabled = [](QAction *from, QAction *to) {
        to->setEnabled(from->isEnabled());
        QObject::connect(from, &QAction::changed, to, [from, to] { to->setEnabled(from->isEnabled()); });
    };
    followEnabled(m_publish->firmwareAction(), publishFirmware);
    // Menu commands show the Server page they act on.
    for (QAction *a : serverActions)
        connect(a, &QAction::triggered, this,
                [this] { m_navigation->setCurrent(m_navigation->stack()->indexOf(m_server)); });

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *logToggle = m_logDock->toggleViewAction();
    logToggle->setObjectName(QStringLiteral("actionActivityLog"));
    logToggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    logToggle->setStatusTip(tr("Show or hide the activity log"));
    view->addAction(logToggle);
    view->addSeparator();
    view->addActions(m_navigation->pageActions());
    addActions(m_navigation->pageActions()); // shortcuts work wherever the focus is

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About OTA Desk"), this, &MainWindow::about);
    about->setObjectName(QStringLiteral("actionAbout"));
    about->setMenuRole(QAction::AboutRole);
    QAction *aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::createStatusBar()
{
    m_workspaceLabel->setObjectName(QStringLiteral("workspaceLabel"));
    m_countLabel->setObjectName(QStringLiteral("entryCountLabel"));
    statusBar()->addWidget(m_workspaceLabel, 1);
    statusBar()->addPermanentWidget(m_progress);
    m_serverStatus = new ServerStatusWidget(m_connection);
    statusBar()->addPermanentWidget(m_serverStatus);
    connect(m_serverStatus, &ServerStatusWidget::clicked, this,
            [this] { m_navigation->setCurrent(m_navigation->stack()->indexOf(m_server)); });
    statusBar()->addPermanentWidget(m_countLabel);

    connect(m_progress, &TaskProgress::cancelRequested, m_firmware, &FirmwarePage::cancelTask);
    connect(m_firmware, &FirmwarePage::taskStarted, m_progress, &TaskProgress::begin);
    connect(m_firmware, &FirmwarePage::taskProgress, m_progress, &TaskProgress::setProgress);
    connect(m_firmware, &FirmwarePage::taskFinished, m_progress, &TaskProgress::end);
    connect(m_firmware, &FirmwarePage::entryCountChanged, this, &MainWindow::updateCount);
    connect(m_keys, &KeysPage::taskStarted, m_progress, &TaskProgress::begin);
    connect(m_keys, &KeysPage::taskFinished, m_progress, &TaskProgress::end);
    connect(m_keys, &KeysPage::keyCountChanged, this, &MainWindow::updateCount);
    connect(m_navigation, &Navigation::currentChanged, this, &MainWindow::updateCount);
    connect(m_manifests, &ManifestPage::taskStarted, m_progress, &TaskProgress::begin);
    connect(m_manifests, &ManifestPage::taskFinished, m_progress, &TaskProgress::end);
    connect(m_manifests, &ManifestPage::modifiedChanged, this, &MainWindow::updateTitle);
}

void MainWindow::updateCount()
{
    // What the status bar counts follows the page on screen.
    if (m_navigation->currentId() == QLatin1String("keys")) {
        m_countLabel->setText(tr("%n key(s)", nullptr, m_keys->keyCount()));
        m_countLabel->setToolTip(keycommands::list());
    } else {
        m_countLabel->setText(tr("%n entries", nullptr, m_firmware->entryCount()));
        m_countLabel->setToolTip(commands::list());
    }
}

void MainWindow::updateTitle()
{
    setWindowTitle(m_manifests->isModified() ? tr("%1* — OTA Desk").arg(m_manifests->documentName()) : tr("OTA Desk"));
}

void MainWindow::openWorkspace(const QString &path)
{
    const QString clean = QDir::cleanPath(path);
    if (m_firmware->setWorkspace(clean))
        m_log->info(QStringLiteral("library"), tr("Opened workspace %1").arg(QDir::toNativeSeparators(clean)));
    m_keys->setWorkspace(clean);
    m_manifests->setWorkspace(clean);
    m_server->setWorkspace(clean);
    if (auto *devices = findChild<DevicesPage *>(QStringLiteral("devicesPage")))
        devices->setWorkspace(clean);
    m_workspaceLabel->setText(tr("Workspace: %1").arg(QDir::toNativeSeparators(clean)));
    m_workspaceLabel->setToolTip(tr("Same workspace on the command line: otactl --workspace %1")
                                     .arg(commands::quoted(clean)));
    updateCount();
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_settings, this);
    if (DialogRunner::exec(&dialog) != QDialog::Accepted)
        return;
    applyLogRules(m_settings.value(Settings::LogRules).toString());
    const QString path = QDir::cleanPath(m_settings.workspacePath());
    if (path != workspacePath())
        openWorkspace(path);
}

void MainWindow::about()
{
    QMessageBox box(QMessageBox::NoIcon, tr("About OTA Desk"),
                    tr("<h3>OTA Desk %1</h3><p>Firmware update management for IoT device fleets: import and "
                       "inspect firmware, author and sign SUIT manifests, roll out updates in stages.</p>"
                       "<p>The command-line tool <code>otactl</code> does everything this window does.</p>")
                        .arg(QString::fromLatin1(kVersion)),
                    QMessageBox::Ok, this);
    box.setIconPixmap(windowIcon().pixmap(64, 64));
    box.setObjectName(QStringLiteral("aboutBox"));
    DialogRunner::exec(&box);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_firmware->isBusy()) {
        if (!DialogRunner::confirm(this, tr("Quit OTA Desk"),
                                   tr("An import or export is still running. Cancel it and quit?"), tr("Quit"))) {
            event->ignore();
            return;
        }
        m_firmware->cancelTask();
    }
    if (!m_manifests->maybeDiscard()) {
        event->ignore();
        return;
    }
    m_server->shutdown(); // stops the bundled local server (SIGTERM, then kill after a timeout)
    m_settings.setValue(Settings::MainWindowGeometry, saveGeometry());
    m_settings.setValue(Settings::MainWindowState, saveState());
    m_settings.sync();
    QMainWindow::closeEvent(event);
}

} // namespace otadesk::ui
