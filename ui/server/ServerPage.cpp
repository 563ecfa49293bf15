#include "ui/server/ServerPage.h"

#include "core/common/Logging.h"
#include "ui/server/ProfileDialog.h"
#include "ui/server/ServerConnection.h"
#include "ui/server/ServerLogModel.h"
#include "ui/server/ServerLogView.h"
#include "ui/shell/DialogRunner.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace otadesk::ui {

namespace {
const QString kSource = QStringLiteral("server");

QToolButton *buttonFor(QAction *action)
{
    auto *b = new QToolButton;
    b->setDefaultAction(action);
    b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    b->setObjectName(action->objectName() + QStringLiteral("Button"));
    return b;
}

QLabel *banner(const QString &name, const QString &style)
{
    auto *l = new QLabel;
    l->setObjectName(name);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setStyleSheet(style);
    l->hide();
    return l;
}
} // namespace

ServerPage::ServerPage(ServerConnection *connection, const QString &settingsFile, ActivityLog *log, QWidget *parent)
    : QWidget(parent), m_connection(connection), m_log(log), m_local(new LocalServer(this)),
      m_profiles(new ConnectionProfiles(settingsFile, this)), m_logModel(new ServerLogModel(this)),
      m_logView(new ServerLogView(m_logModel)), m_chooser(new QComboBox),
      m_insecureBanner(banner(QStringLiteral("insecureBanner"),
                              QStringLiteral("QLabel { background: #c01c28; color: white; padding: 6px; "
                                             "border-radius: 3px; }"))),
      m_error(banner(QStringLiteral("serverErrorLabel"),
                     QStringLiteral("QLabel { background: #fbe3e4; color: #8a1219; border: 1px solid #e8a0a5; "
                                    "padding: 6px; border-radius: 3px; }"))),
      m_tokenNote(banner(QStringLiteral("tokenStorageNote"),
                         QStringLiteral("QLabel { background: #fdf0d5; color: #5c3c00; border: 1px solid #e0b050; "
                                        "padding: 6px; border-radius: 3px; }"))),
      m_localInfo(new QLabel), m_logBox(new QGroupBox(tr("Local server log")))
{
    setObjectName(QStringLiteral("serverPage"));
    createActions();

    m_chooser->setObjectName(QStringLiteral("connectionChooser"));
    m_chooser->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_chooser->setMinimumContentsLength(24);
    m_chooser->setToolTip(tr("Local (bundled): otadesk-server started by OTA Desk on this computer with the "
                             "workspace's database. Remote: a server profile with its URL and token."));
    connect(m_chooser, &QComboBox::currentIndexChanged, this, &ServerPage::updateState);
    auto *chooserLabel = new QLabel(tr("C&onnection:"));
    chooserLabel->setBuddy(m_chooser);

    auto *row = new QHBoxLayout;
    row->addWidget(chooserLabel);
    row->addWidget(m_chooser);
    row->addWidget(buttonFor(m_newProfile));
    row->addWidget(buttonFor(m_editProfile));
    row->addWidget(buttonFor(m_removeProfile));
    row->addSpacing(16);
    row->addWidget(buttonFor(m_connect));
    row->addWidget(buttonFor(m_disconnect));
    row->addWidget(buttonFor(m_restart));
    row->addStretch(1);

    m_localInfo->setObjectName(QStringLiteral("localServerInfo"));
    m_localInfo->setWordWrap(true);
    m_localInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *logLayout = new QVBoxLayout(m_logBox);
    logLayout->addWidget(m_localInfo);
    logLayout->addWidget(m_logView, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 4);
    layout->addLayout(row);
    layout->addWidget(m_insecureBanner);
    layout->addWidget(m_error);
    layout->addWidget(m_tokenNote);
    layout->addWidget(createStatusBox());
    layout->addWidget(m_logBox, 1);

    connect(m_local, &LocalServer::logLine, m_logModel, &ServerLogModel::appendLine);
    connect(m_local, &LocalServer::notice, m_logModel, &ServerLogModel::appendNotice);
    connect(m_local, &LocalServer::stateChanged, this, &ServerPage::updateState);
    connect(m_local, &LocalServer::started, this, [this] {
        if (m_wantLocal)
            connectLocal();
    });
    connect(m_local, &LocalServer::failed, this, [this](const QString &message) {
        m_wantLocal = false;
        showError(message);
    });
    connect(m_local, &LocalServer::crashed, this, [this](const QString &message) {
        m_wantLocal = false;
        if (m_connection && m_connection->isLocal())
            m_connection->disconnectFromServer();
        m_logModel->appendNotice(message);
        showError(message);
    });
    connect(m_connection, &ServerConnection::stateChanged, this, &ServerPage::updateState);
    connect(m_connection, &ServerConnection::connected, this, [this] {
        m_error->hide();
        m_log->info(kSource, tr("Connected to %1 (%2) as %3, role %4, tenant %5")
                                 .arg(m_connection->name(), m_connection->endpoint().displayName(),
                                      m_connection->identity().account.name, m_connection->identity().account.role,
                                      m_connection->identity().tenant.name));
    });
    connect(m_connection, &ServerConnection::error, this, &ServerPage::showError);
    connect(m_profiles, &ConnectionProfiles::changed, this, &ServerPage::updateState);

    reloadProfiles(m_profiles->lastConnection());
}

ServerPage::~ServerPage()
{
    // The connection may be gone already; nothing on this page needs to follow the stop any more.
    m_local->disconnect(this);
    m_local->stopAndWait(15000);
}

QList<QAction *> ServerPage::serverActions() const
{
    return {m_connect, m_disconnect, m_restart, m_newProfile, m_editProfile, m_removeProfile};
}

void ServerPage::createActions()
{
    auto make = [this](const QString &name, const QIcon &icon, const QString &text, void (ServerPage::*slot)()) {
        auto *a = new QAction(icon, text, this);
        a->setObjectName(name);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    m_connect = make(QStringLiteral("actionServerConnect"), style()->standardIcon(QStyle::SP_MediaPlay),
                     tr("&Connect"), &ServerPage::connectSelected);
    m_connect->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_connect->setStatusTip(tr("Connect to the chosen server; the local one is started first"));
    m_disconnect = make(QStringLiteral("actionServerDisconnect"), style()->standardIcon(QStyle::SP_MediaStop),
                        tr("&Disconnect"), &ServerPage::disconnectFromServer);
    m_disconnect->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    m_disconnect->setStatusTip(tr("Close the connection; the local server is stopped"));
    m_restart = make(QStringLiteral("actionServerRestart"), style()->standardIcon(QStyle::SP_BrowserReload),
                     tr("&Restart Local Server"), &ServerPage::restartLocalServer);
    m_restart->setStatusTip(tr("Stop the bundled otadesk-server and start it again"));
    m_newProfile = make(QStringLiteral("actionServerNewProfile"), {}, tr("&New Profile…"), &ServerPage::newProfile);
    m_newProfile->setStatusTip(tr("Add a remote server: URL, CA certificate and API token"));
    m_editProfile = make(QStringLiteral("actionServerEditProfile"), {}, tr("&Edit Profile…"), &ServerPage::editProfile);
    m_editProfile->setStatusTip(tr("Change the chosen remote profile"));
    m_removeProfile = make(QStringLiteral("actionServerRemoveProfile"), {}, tr("Delete Pro&file"),
                           &ServerPage::removeProfile);
    m_removeProfile->setStatusTip(tr("Delete the chosen remote profile and its stored token"));
    for (QAction *a : {m_connect, m_disconnect})
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addActions({m_connect, m_disconnect});
}

QWidget *ServerPage::createStatusBox()
{
    auto *box = new QGroupBox(tr("Status"));
    box->setObjectName(QStringLiteral("serverStatusBox"));
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const QList<std::pair<QString, QString>> fields = {
        {QStringLiteral("state"), tr("State:")},     {QStringLiteral("url"), tr("Server:")},
        {QStringLiteral("version"), tr("Version:")}, {QStringLiteral("tenant"), tr("Tenant:")},
        {QStringLiteral("account"), tr("Account:")}, {QStringLiteral("role"), tr("Role:")},
    };
    for (const auto &[key, label] : fields) {
        auto *value = new QLabel;
        value->setObjectName(QStringLiteral("serverValue_") + key);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        form->addRow(label, value);
        m_values.insert(key, value);
    }
    return box;
}

QLabel *ServerPage::value(const QString &field) const { return m_values.value(field); }

void ServerPage::reloadProfiles(const QString &select)
{
    const QSignalBlocker block(m_chooser);
    m_chooser->clear();
    m_chooser->addItem(tr("Local (bundled)"), QString());
    for (const ConnectionProfile &p : m_profiles->profiles())
        m_chooser->addItem(tr("Remote: %1").arg(p.name), p.name);
    const int index = m_chooser->findData(select);
    m_chooser->setCurrentIndex(index < 0 ? 0 : index);
    updateState();
}

bool ServerPage::selectConnection(const QString &profileName)
{
    const int index = m_chooser->findData(profileName);
    if (index < 0)
        return false;
    m_chooser->setCurrentIndex(index);
    return true;
}

QString ServerPage::selectedProfile() const { return m_chooser->currentData().toString(); }

void ServerPage::setWorkspace(const QString &path)
{
    if (QDir::cleanPath(path) == QDir::cleanPath(m_local->workspace()))
        return;
    if (m_local->state() != LocalServer::State::Stopped && m_local->state() != LocalServer::State::Crashed) {
        if (m_connection->isLocal())
            m_connection->disconnectFromServer();
        m_wantLocal = false;
        m_local->stopAndWait(m_local->isRunning() ? 15000 : 3000);
        m_logModel->appendNotice(tr("The workspace changed; the local server of the previous one was stopped."));
    }
    m_local->setWorkspace(path);
    updateState();
}

void ServerPage::connectAtStartup()
{
    if (m_profiles->connectAtStart())
        connectSelected();
}

void ServerPage::connectSelected()
{
    m_error->hide();
    const QString name = selectedProfile();
    m_profiles->setLastConnection(name);
    m_profiles->setConnectAtStart(true);
    if (name.isEmpty()) {
        m_wantLocal = true;
        if (m_local->isRunning())
            connectLocal();
        else if (m_local->state() != LocalServer::State::Starting)
            m_local->start();
        updateState();
        return;
    }
    m_wantLocal = false;
    if (m_connection->isLocal() && m_local->isRunning())
        m_local->stop(); // switching from the local server to a remote one
    const std::optional<ConnectionProfile> profile = m_profiles->profile(name);
    if (!profile)
        return showError(tr("The profile \"%1\" does not exist any more.").arg(name));
    m_profiles->loadToken(name, [this, profile](Result<QString> token) {
        if (!token)
            return showError(tr("Cannot read the token of profile \"%1\": %2. Edit the profile and enter the token "
                                "again.")
                                 .arg(profile->name, token.error().message()));
        client::ServerEndpoint endpoint = profile->endpoint();
        endpoint.token = *token;
        m_connection->connectTo(profile->name, endpoint, false);
    });
}

void ServerPage::connectLocal()
{
    m_wantLocal = false;
    client::ServerEndpoint endpoint;
    endpoint.baseUrl = m_local->url();
    endpoint.token = m_local->token();
    m_connection->connectTo(tr("Local (bundled)"), endpoint, true);
}

void ServerPage::disconnectFromServer()
{
    m_wantLocal = false;
    m_profiles->setConnectAtStart(false);
    const bool wasConnected = m_connection->state() != ServerConnection::State::Disconnected;
    const QString name = m_connection->name();
    m_connection->disconnectFromServer();
    if (wasConnected)
        m_log->info(kSource, tr("Disconnected from %1").arg(name));
    if (m_local->state() != LocalServer::State::Stopped)
        m_local->stop();
    updateState();
}

void ServerPage::restartLocalServer()
{
    if (m_connection->isLocal())
        m_connection->disconnectFromServer();
    m_error->hide();
    m_wantLocal = true;
    m_local->restart();
}

void ServerPage::shutdown()
{
    m_wantLocal = false;
    if (m_connection && m_connection->isLocal())
        m_connection->disconnectFromServer();
    m_local->stopAndWait(15000);
}

void ServerPage::newProfile() { runProfileDialog(std::nullopt); }

void ServerPage::editProfile()
{
    if (const std::optional<ConnectionProfile> p = m_profiles->profile(selectedProfile()))
        runProfileDialog(p);
}

void ServerPage::runProfileDialog(const std::optional<ConnectionProfile> &existing)
{
    ProfileDialog dialog(m_profiles, existing, this);
    if (DialogRunner::exec(&dialog) != QDialog::Accepted)
        return;
    const ConnectionProfile profile = dialog.profile();
    m_profiles->save(profile, dialog.token(), dialog.previousName(), [this, profile](Status st, const QString &note) {
        if (!st)
            return showError(tr("Cannot save the profile \"%1\": %2").arg(profile.name, st.error().message()));
        if (!note.isEmpty())
            m_log->warning(kSource, note);
        m_log->info(kSource, tr("Saved server profile \"%1\" (%2)").arg(profile.name, profile.url));
        reloadProfiles(profile.name);
    });
}

void ServerPage::removeProfile()
{
    const QString name = selectedProfile();
    if (name.isEmpty())
        return;
    if (!DialogRunner::confirm(this, tr("Delete Profile"),
                               tr("Delete the server profile \"%1\" and its stored token?").arg(name), tr("Delete")))
        return;
    if (m_connection->name() == name && !m_connection->isLocal())
        m_connection->disconnectFromServer();
    m_profiles->remove(name);
    m_log->info(kSource, tr("Deleted server profile \"%1\"").arg(name));
    reloadProfiles({});
}

void ServerPage::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
    m_log->error(kSource, message);
    updateState();
}

void ServerPage::updateState()
{
    const QString selected = selectedProfile();
    const std::optional<ConnectionProfile> profile = m_profiles->profile(selected);
    const ServerConnection::State state = m_connection->state();
    const LocalServer::State local = m_local->state();
    const bool localBusy = local == LocalServer::State::Starting || local == LocalServer::State::Stopping;
    const bool active = state != ServerConnection::State::Disconnected || local == LocalServer::State::Starting
                        || local == LocalServer::State::Running;

    m_connect->setEnabled(!localBusy && state != ServerConnection::State::Connecting
                          && !(state == ServerConnection::State::Connected
                               && (selected.isEmpty() ? m_connection->isLocal() : m_connection->name() == selected)));
    m_disconnect->setEnabled(active);
    m_restart->setEnabled(!m_local->workspace().isEmpty() && local != LocalServer::State::Stopping);
    m_editProfile->setEnabled(profile.has_value());
    m_removeProfile->setEnabled(profile.has_value());

    // The insecure opt-out is shown for the connection in use, and for a chosen profile before connecting.
    const bool insecure = (state != ServerConnection::State::Disconnected && m_connection->isInsecure())
                          || (profile && profile->insecure);
    m_insecureBanner->setText(
        tr("<b>TLS certificate verification is switched off</b> for %1. The connection is encrypted but the server "
           "is not authenticated: anybody on the network path could read the token or change what is sent. Trust the "
           "server's certificate in the profile (CA certificate) instead.")
            .arg((state != ServerConnection::State::Disconnected && m_connection->isInsecure() ? m_connection->name()
                                                                                                : selected)
                     .toHtmlEscaped()));
    m_insecureBanner->setVisible(insecure);
    m_tokenNote->setVisible(profile && profile->tokenInSettings);
    if (profile && profile->tokenInSettings)
        m_tokenNote->setText(tr("The token of \"%1\" is stored unencrypted in %2 because the OS keychain could not "
                                "be used%3.")
                                 .arg(profile->name, QDir::toNativeSeparators(m_profiles->settingsFile()),
                                      m_profiles->lastFallbackReason().isEmpty()
                                          ? QString()
                                          : tr(" (%1)").arg(m_profiles->lastFallbackReason())));

    QString stateText;
    switch (state) {
    case ServerConnection::State::Connected: stateText = tr("Connected to %1").arg(m_connection->name()); break;
    case ServerConnection::State::Connecting: stateText = tr("Connecting to %1…").arg(m_connection->name()); break;
    case ServerConnection::State::Disconnected:
        stateText = local == LocalServer::State::Starting   ? tr("Starting the local server…")
                    : local == LocalServer::State::Stopping ? tr("Stopping the local server…")
                    : local == LocalServer::State::Crashed  ? tr("The local server ended unexpectedly")
                                                            : tr("Not connected");
        break;
    }
    const bool connected = state == ServerConnection::State::Connected;
    const client::WhoAmI &me = m_connection->identity();
    m_values.value(QStringLiteral("state"))->setText(stateText);
    m_values.value(QStringLiteral("url"))
        ->setText(state == ServerConnection::State::Disconnected ? QString() : m_connection->endpoint().displayName());
    m_values.value(QStringLiteral("version"))->setText(connected ? m_connection->serverVersion() : QString());
    m_values.value(QStringLiteral("tenant"))->setText(connected ? me.tenant.name : QString());
    m_values.value(QStringLiteral("account"))
        ->setText(connected ? (me.account.serverAdmin ? tr("%1 (server administrator)").arg(me.account.name)
                                                      : me.account.name)
                            : QString());
    m_values.value(QStringLiteral("role"))->setText(connected ? me.account.role : QString());
    m_values.value(QStringLiteral("role"))->setToolTip(connected ? tr("Permissions: %1").arg(me.permissions.join(u", "))
                                                                 : QString());

    QString info = m_local->workspace().isEmpty()
                       ? tr("No workspace is open.")
                       : tr("Runs otadesk-server on 127.0.0.1 with the database %1.")
                             .arg(QDir::toNativeSeparators(m_local->databasePath()));
    if (m_local->isRunning())
        info += u' ' + tr("Process %1 listening on %2.").arg(m_local->processId()).arg(m_local->url().toString());
    m_localInfo->setText(info);
}

} // namespace otadesk::ui
