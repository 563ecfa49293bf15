// The Server page driven like a user: start the bundled local server (the real otadesk-server binary on a
// temporary workspace), see tenant and role in the status bar and the server's log lines on the page, publish a
// firmware library entry and a signed SUIT envelope through the real HTTP API (checked back over HTTP, byte for
// byte), stop the server and check that the child process is gone; a crashed child is reported; a remote profile
// with a wrong token shows the server's own refusal; a valid remote token shows its role and the permissions
// gate the publish actions. Every dialog is answered through DialogRunner.
#include "core/client/ApiClient.h"
#include "core/crypto/Digest.h"
#include "core/crypto/Key.h"
#include "core/library/FirmwareLibrary.h"
#include "core/manifest/EnvelopeSigner.h"
#include "core/server/Bootstrap.h"
#include "core/store/Database.h"
#include "TestData.h"
#include "tst_gui_util.h"
#include "ui/MainWindow.h"
#include "ui/firmware/FirmwarePage.h"
#include "ui/firmware/FirmwareTableModel.h"
#include "ui/manifest/ManifestDrafts.h"
#include "ui/manifest/ManifestPage.h"
#include "ui/server/PublishActions.h"
#include "ui/server/PublishDialog.h"
#include "ui/server/ProfileDialog.h"
#include "ui/server/ServerConnection.h"
#include "ui/server/ServerLogModel.h"
#include "ui/server/ServerLogView.h"
#include "ui/server/ServerPage.h"
#include "ui/server/ServerStatusWidget.h"
#include "ui/shell/Navigation.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <sys/types.h>

using namespace otadesk;
using namespace otadesk::ui;

namespace {
bool processAlive(qint64 pid) { return pid > 0 && ::kill(pid_t(pid), 0) == 0; }

// A plain HTTP GET with a token, outside the client library (an independent check of what the server holds).
QPair<int, QByteArray> httpGet(const QUrl &url, const QString &token)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(url);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    QNetworkReply *reply = nam.get(request);
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!done.wait(15000))
        return {0, {}};
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return {status, body};
}

// An otadesk-server started by the test itself: the "remote" server of a profile.
struct RemoteServer
{
    QProcess process;
    QUrl url;
    QString database;
    bool start(const QString &dir)
    {
        database = QDir(dir).filePath(QStringLiteral("remote.sqlite"));
        process.setProgram(QStringLiteral(OTADESK_SERVER_PATH));
        process.setArguments({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--database"),
                              QStringLiteral("sqlite:") + database, QStringLiteral("--log-format"),
                              QStringLiteral("json")});
        process.setStandardErrorFile(QProcess::nullDevice());
        process.start();
        if (!process.waitForStarted(10000))
            return false;
        QByteArray out;
        QDeadlineTimer deadline(30000);
        while (!out.contains('\n') && !deadline.hasExpired() && process.state() == QProcess::Running)
            if (process.waitForReadyRead(500))
                out += process.readAllStandardOutput();
        if (!out.startsWith("listening on "))
            return false;
        url = QUrl(QString::fromUtf8(out.mid(13).trimmed()));
        return url.isValid();
    }
    // A token issued directly on the database (like "otactl server token").
    QString token(const QString &tenant, const QString &account, store::Role role)
    {
        auto db = store::Database::open(QStringLiteral("sqlite:") + database);
        if (!db || !(*db)->migrate())
            return {};
        auto issued = server::issueBootstrapToken(**db, tenant, account, role, QStringLiteral("tst_gui_server"));
        return issued ? issued->token.secret : QString();
    }
    ~RemoteServer()
    {
        process.terminate();
        if (!process.waitForFinished(15000))
            process.kill();
        process.waitForFinished(3000);
    }
};
} // namespace

class TestGuiServer : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<ActivityLog> m_log;
    std::unique_ptr<MainWindow> m_window;

    ServerPage *page() const { return m_window->serverPage(); }
    ServerConnection *connection() const { return m_window->serverConnection(); }
    QString workspace() const { return m_dir->filePath(QStringLiteral("ws")); }
    QString statusText() const { return m_window->serverStatus()->text(); }

    void showServerPage()
    {
        m_window->navigation()->setCurrent(m_window->navigation()->stack()->indexOf(page()));
        QCOMPARE(m_window->navigation()->currentId(), QStringLiteral("server"));
    }

    // Chooses "Local (bundled)", clicks Connect and waits until /whoami answered.
    void connectLocal()
    {
        showServerPage();
        QVERIFY(page()->selectConnection({}));
        QVERIFY(page()->connectAction()->isEnabled());
        QTest::mouseClick(page()->findChild<QWidget *>(QStringLiteral("actionServerConnectButton")), Qt::LeftButton);
        QVERIFY2(QTest::qWaitFor([this] { return connection()->isConnected() || page()->errorLabel()->isVisible(); },
                                 60000),
                 qPrintable(page()->errorLabel()->text()));
        QVERIFY2(connection()->isConnected(), qPrintable(page()->errorLabel()->text()));
        QVERIFY(connection()->isLocal());
        QVERIFY(page()->localServer()->isRunning());
    }

    // Saves a remote profile through the profile dialog; returns the keychain note the dialog showed.
    QString saveProfile(const QString &name, const QUrl &url, const QString &token, bool insecure = false,
                        bool edit = false)
    {
        QString note;
        bool sawDialog = false;
        test::ScriptedDialogs dialogs([&](QDialog *d) {
            auto *pd = qobject_cast<ProfileDialog *>(d);
            if (!pd)
                return int(QDialog::Rejected);
            sawDialog = true;
            if (!QTest::qWaitFor([pd] { return pd->isKeychainProbeDone(); }, 20000))
                return int(QDialog::Rejected);
            note = pd->keychainNote()->text();
            if (qEnvironmentVariableIsSet("OTADESK_SCREENSHOT"))
                pd->grab().save(QStringLiteral("/tmp/server-profile-dialog.png"));
            pd->nameField()->setText(name);
            pd->urlField()->setText(url.toString());
            pd->tokenField()->setText(token);
            pd->insecureBox()->setChecked(insecure);
            if (pd->insecureBox()->isChecked() != !pd->findChild<QLabel *>(QStringLiteral("profileInsecureWarning"))->isHidden())
                return int(QDialog::Rejected);
            pd->accept();
            return pd->result();
        });
        QSignalSpy changed(page()->profiles(), &ConnectionProfiles::changed);
        if (edit)
            page()->editProfileAction()->trigger();
        else
            page()->newProfileAction()->trigger();
        if (!sawDialog || (changed.isEmpty() && !changed.wait(20000)))
            return QStringLiteral("(profile not saved)");
        return note;
    }

    // Runs the Publish dialog the action opens and waits for it to finish.
    bool runPublish(QAction *action, bool *ok, QString *status, client::Payload *payload = nullptr,
                    client::Manifest *manifest = nullptr, std::function<void()> trigger = {})
    {
        bool sawDialog = false;
        test::ScriptedDialogs dialogs([&](QDialog *d) {
            auto *pd = qobject_cast<PublishDialog *>(d);
            if (!pd) {
                *status = d->objectName() + QStringLiteral(": ") + static_cast<QMessageBox *>(d)->text();
                return int(QDialog::Rejected);
            }
            sawDialog = true;
            if (!QTest::qWaitFor([pd] { return pd->isFinished(); }, 60000))
                return int(QDialog::Rejected);
            *ok = pd->succeeded();
            *status = pd->statusLabel()->text();
            if (payload)
                *payload = pd->payload();
            if (manifest)
                *manifest = pd->manifest();
            return int(QDialog::Accepted);
        });
        if (trigger)
            trigger();
        else
            action->trigger();
        return sawDialog;
    }

    library::FirmwareEntry importIntoLibrary(const QString &path)
    {
        auto lib = library::FirmwareLibrary::open(Workspace(workspace()));
        if (!lib)
            return {};
        library::ImportRequest request;
        request.path = path;
        request.product = QStringLiteral("cityhub");
        request.version = QStringLiteral("7.27.0");
        auto outcome = (*lib)->importFile(request);
        if (!outcome || outcome->entries.isEmpty()) {
            qWarning("%s", outcome ? "no entry" : qPrintable(outcome.error().toString()));
            return {};
        }
        m_window->firmwarePage()->refresh();
        m_window->firmwarePage()->selectIds({outcome->entries.first().id});
        return outcome->entries.first();
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("OTADESK_SERVER_BINARY", OTADESK_SERVER_PATH);
        QVERIFY2(QFileInfo(QStringLiteral(OTADESK_SERVER_PATH)).isExecutable(), OTADESK_SERVER_PATH);
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("settings.ini")));
        m_log = std::make_unique<ActivityLog>();
        m_window = std::make_unique<MainWindow>(*m_settings, workspace(), m_log.get());
        m_window->show();
        QApplication::setActiveWindow(m_window.get());
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanup()
    {
        m_window.reset();
        m_log.reset();
        m_settings.reset();
        m_dir.reset();
    }

    void logLinesParsed()
    {
        const ServerLogLine json = ServerLogModel::parse(
            R"({"ts":"2026-11-29T16:09:50.194Z","level":"info","category":"otadesk.server","msg":"request","method":"GET","path":"/api/v1/health","status":200})");
        QCOMPARE(json.level, QStringLiteral("info"));
        QCOMPARE(json.message, QStringLiteral("request"));
        QCOMPARE(json.details, QStringLiteral("method=GET path=/api/v1/health status=200"));
        const ServerLogLine text = ServerLogModel::parse("otadesk-server: Invalid setting port = \"70000\"");
        QVERIFY(text.level.isEmpty());
        QCOMPARE(ServerLogModel::levelRank(text.level), 3); // start-up errors are never filtered away
        QVERIFY(text.message.startsWith(QStringLiteral("otadesk-server: Invalid")));
    }

    void pageReplacesComingSoon()
    {
        auto *action = m_window->findChild<QAction *>(QStringLiteral("actionPage_server"));
        QVERIFY(action);
        action->trigger();
        QCOMPARE(m_window->navigation()->currentId(), QStringLiteral("server"));
        QCOMPARE(m_window->navigation()->stack()->currentWidget(), page());
        QCOMPARE(statusText(), QStringLiteral("Not connected"));
        QCOMPARE(page()->connectionChooser()->currentText(), QStringLiteral("Local (bundled)"));
        QVERIFY(!page()->disconnectAction()->isEnabled());
        QVERIFY(!page()->insecureBanner()->isVisible());
        QVERIFY(!m_window->publishActions()->firmwareAction()->isEnabled());
        QVERIFY(!m_window->publishActions()->manifestAction()->isEnabled());
        QVERIFY(m_window->publishActions()->firmwareAction()->toolTip().contains(QStringLiteral("Connect to a server")));
    }

    void localServerStatusAndLog()
    {
        connectLocal();
        const qint64 pid = page()->localServer()->processId();
        QVERIFY(processAlive(pid));
        QVERIFY(page()->localServer()->url().toString().startsWith(QStringLiteral("http://127.0.0.1:")));
        QVERIFY(QFileInfo::exists(QDir(workspace()).filePath(QStringLiteral("server/server.sqlite"))));

        // Status bar and page: tenant "local", account "desktop", role admin.
        QCOMPARE(statusText(), QStringLiteral("Local (bundled) · local · admin"));
        QCOMPARE(page()->value(QStringLiteral("tenant"))->text(), QStringLiteral("local"));
        QVERIFY(page()->value(QStringLiteral("account"))->text().startsWith(QStringLiteral("desktop")));
        QCOMPARE(page()->value(QStringLiteral("role"))->text(), QStringLiteral("admin"));
        QVERIFY(!page()->value(QStringLiteral("version"))->text().isEmpty());
        QVERIFY(!m_window->serverStatus()->isShowingInsecureMark());

        // The log view got the server's JSON lines, among them the /whoami request of the connection.
        QVERIFY(QTest::qWaitFor(
            [this] {
                for (const ServerLogLine &l : page()->logModel()->lines())
                    if (l.details.contains(QStringLiteral("/api/v1/whoami")))
                        return true;
                return false;
            },
            10000));
        bool sawListening = false;
        for (const ServerLogLine &l : page()->logModel()->lines())
            sawListening |= l.message == QLatin1String("listening") && !l.time.isEmpty();
        QVERIFY(sawListening);
        ServerLogView *view = page()->logView();
        view->filterField()->setText(QStringLiteral("whoami"));
        QVERIFY(view->table()->model()->rowCount() >= 1);
        QVERIFY(view->table()->model()->rowCount() < page()->logModel()->rowCount());
        for (int r = 0; r < view->table()->model()->rowCount(); ++r)
            QVERIFY(view->table()->model()->index(r, 0).data(ServerLogModel::RawRole).toByteArray().contains("whoami"));
        view->filterField()->clear();

        if (qEnvironmentVariableIsSet("OTADESK_SCREENSHOT")) {
            m_window->resize(1280, 820);
            QTest::qWait(200);
            QVERIFY(m_window->grab().save(qEnvironmentVariable("OTADESK_SCREENSHOT")));
            QVERIFY(page()->grab().save(QStringLiteral("/tmp/server-page.png")));
        }
    }

    void publishFirmwareEntries()
    {
        connectLocal();
        // Publish a real firmware file (stored as is: a .bin) from the library.
        const QString bin = test::testData(QStringLiteral("firmware/pybricks/7.27.0/cityhub/firmware-base.bin"));
        const library::FirmwareEntry binEntry = importIntoLibrary(bin);
        QVERIFY(binEntry.id > 0);
        QCOMPARE(m_window->firmwarePage()->selectedEntries().size(), 1);
        QAction *publishFirmware = m_window->publishActions()->firmwareAction();
        QVERIFY(publishFirmware->isEnabled());
        bool ok = false;
        QString status;
        client::Payload payload;
        // Ctrl+Shift+U in the firmware table publishes the selected entry.
        m_window->navigation()->setCurrent(m_window->navigation()->stack()->indexOf(m_window->firmwarePage()));
        m_window->firmwarePage()->table()->setFocus();
        QVERIFY(runPublish(publishFirmware, &ok, &status, &payload, nullptr, [this] {
            QTest::keyClick(m_window->firmwarePage()->table(), Qt::Key_U, Qt::ControlModifier | Qt::ShiftModifier);
        }));
        QVERIFY2(ok, qPrintable(status));
        const QByteArray binBytes = test::readFile(bin);
        QCOMPARE(payload.sha256, QString::fromLatin1(crypto::sha256(binBytes).toHex()));
        QCOMPARE(payload.size, binBytes.size());
        QCOMPARE(payload.name, QStringLiteral("firmware-base.bin"));

        // An Intel HEX entry is published as its flattened image (what a manifest's digest names).
        const QString hex = m_dir->filePath(QStringLiteral("app.hex"));
        QVERIFY(test::writeIntelHex(hex, 300 * 1024 + 7));
        const library::FirmwareEntry hexEntry = importIntoLibrary(hex);
        QVERIFY(hexEntry.id > 0);
        client::Payload flat;
        QVERIFY(runPublish(publishFirmware, &ok, &status, &flat));
        QVERIFY2(ok, qPrintable(status));
        auto lib = library::FirmwareLibrary::open(Workspace(workspace()));
        QVERIFY(lib);
        const auto image = libraryImageBytes(**lib, hexEntry);
        QVERIFY(image);
        QCOMPARE(flat.name, QStringLiteral("app.bin"));
        QCOMPARE(flat.sha256, QString::fromLatin1(crypto::sha256(*image).toHex()));

        // Both payloads are on the server: listed, and their content is byte for byte what was published.
        const QUrl base = page()->localServer()->url();
        const QString token = page()->localServer()->token();
        auto [listStatus, listBody] = httpGet(QUrl(base.toString() + QStringLiteral("/api/v1/payloads?limit=50")), token);
        QCOMPARE(listStatus, 200);
        const QJsonArray items = QJsonDocument::fromJson(listBody).object().value(QLatin1String("items")).toArray();
        QStringList digests;
        for (const QJsonValue &v : items)
            digests << v.toObject().value(QLatin1String("sha256")).toString();
        QVERIFY2(digests.contains(payload.sha256) && digests.contains(flat.sha256), listBody.constData());
        auto [contentStatus, content] = httpGet(
            QUrl(base.toString() + QStringLiteral("/api/v1/payloads/%1/content").arg(flat.id)), token);
        QCOMPARE(contentStatus, 200);
        QVERIFY(content == *image);
    }

    void cancelPublishing()
    {
        connectLocal();
        // 40 MiB in 8 MiB parts: Cancel as soon as the first part is acknowledged.
        const QString big = m_dir->filePath(QStringLiteral("big.bin"));
        QByteArray bytes(40 << 20, Qt::Uninitialized);
        for (qsizetype i = 0; i < bytes.size(); ++i)
            bytes[i] = char((i * 131) ^ (i >> 12));
        QVERIFY(test::writeFile(big, bytes));
        QVERIFY(importIntoLibrary(big).id > 0);
        bool sawProgress = false, cancelled = false;
        QString status, closeText;
        test::ScriptedDialogs dialogs([&](QDialog *d) {
            auto *pd = qobject_cast<PublishDialog *>(d);
            if (!pd)
                return int(QDialog::Rejected);
            QObject::connect(pd->progressBar(), &QProgressBar::valueChanged, pd, [&, pd](int value) {
                if (value > 0 && !sawProgress && !pd->isFinished()) {
                    sawProgress = true;
                    QTest::mouseClick(pd->cancelButton(), Qt::LeftButton);
                }
            });
            if (!QTest::qWaitFor([pd] { return pd->isFinished(); }, 60000))
                return int(QDialog::Rejected);
            cancelled = !pd->succeeded();
            status = pd->statusLabel()->text();
            closeText = pd->cancelButton()->text();
            return int(QDialog::Rejected);
        });
        m_window->publishActions()->firmwareAction()->trigger();
        QVERIFY(sawProgress);
        QVERIFY(cancelled);
        QVERIFY2(status.contains(QStringLiteral("Cancelled")), qPrintable(status));
        QCOMPARE(closeText, QStringLiteral("Close"));
        // Nothing was published.
        auto [listStatus, listBody] = httpGet(QUrl(page()->localServer()->url().toString()
                                                   + QStringLiteral("/api/v1/payloads")),
                                              page()->localServer()->token());
        QCOMPARE(listStatus, 200);
        QVERIFY(!listBody.contains(crypto::sha256(bytes).toHex()));
        QCOMPARE(QJsonDocument::fromJson(listBody).object().value(QLatin1String("total")).toInt(), 0);
        QVERIFY(m_log->entries().last().text.contains(QStringLiteral("cancelled")));
    }

    void publishSignedEnvelope()
    {
        connectLocal();
        const QUrl base = page()->localServer()->url();
        const QString token = page()->localServer()->token();
        bool ok = false;
        QString status;
        // A signed SUIT envelope: refused while the tenant has no key (the server's words on screen), accepted
        // once its public key is registered.
        auto key = crypto::PrivateKey::generate(crypto::KeyType::EcdsaP256);
        QVERIFY(key);
        auto envelope = manifest::EnvelopeSigner::sign(
            test::readFile(QStringLiteral("tests/data/golden/single-image.suit")), *key);
        QVERIFY2(envelope, envelope ? "" : qPrintable(envelope.error().toString()));
        const QString suit = m_dir->filePath(QStringLiteral("signed.suit"));
        QVERIFY(test::writeFile(suit, *envelope));
        QVERIFY(m_window->manifestsPage()->openEnvelope(suit));
        QAction *publishManifest = m_window->publishActions()->manifestAction();
        QVERIFY(publishManifest->isEnabled());
        QVERIFY(runPublish(publishManifest, &ok, &status));
        QVERIFY(!ok);
        QVERIFY2(status.contains(QStringLiteral("422 unknown_key")), qPrintable(status));
        QVERIFY2(status.startsWith(QStringLiteral("The server refused the manifest: ")), qPrintable(status));

        auto *added = connection()->client()->addKey(QStringLiteral("release"), QString::fromLatin1(key->publicKey().toPem()));
        QVERIFY(added->waitForFinished(15000));
        QVERIFY2(added->ok(), qPrintable(added->error().toString()));
        delete added;
        client::Manifest published;
        QVERIFY(runPublish(publishManifest, &ok, &status, nullptr, &published));
        QVERIFY2(ok, qPrintable(status));
        QVERIFY(published.id > 0);
        QCOMPARE(published.sequenceNumber, 7);
        auto [envStatus, envBody] = httpGet(
            QUrl(base.toString() + QStringLiteral("/api/v1/manifests/%1/envelope").arg(published.id)), token);
        QCOMPARE(envStatus, 200);
        QVERIFY(envBody == *envelope);
    }

    void disconnectStopsChild()
    {
        connectLocal();
        const qint64 pid = page()->localServer()->processId();
        const QString token = page()->localServer()->token();
        QAction *publishFirmware = m_window->publishActions()->firmwareAction();
        QVERIFY(publishFirmware->isEnabled());
        // Disconnect: the child process ends and the status bar says so.
        QTest::mouseClick(page()->findChild<QWidget *>(QStringLiteral("actionServerDisconnectButton")), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([this] { return page()->localServer()->state() == LocalServer::State::Stopped; }, 20000));
        QVERIFY(QTest::qWaitFor([pid] { return !processAlive(pid); }, 5000));
        QCOMPARE(statusText(), QStringLiteral("Not connected"));
        QVERIFY(!publishFirmware->isEnabled());
        QVERIFY(!page()->errorLabel()->isVisible());
        bool sawStopped = false;
        for (const ServerLogLine &l : page()->logModel()->lines())
            sawStopped |= l.message == QLatin1String("stopped");
        QVERIFY(sawStopped); // the server's own last line after SIGTERM

        // The token was kept in memory only: a new start issues a new one, the old one is not in settings.
        QVERIFY(!test::readFile(m_settings->fileName()).contains(token.toUtf8()));
    }

    void crashedChildIsReported()
    {
        connectLocal();
        const qint64 pid = page()->localServer()->processId();
        QSignalSpy crashed(page()->localServer(), &LocalServer::crashed);
        QVERIFY(::kill(pid_t(pid), SIGKILL) == 0);
        QVERIFY(crashed.wait(10000));
        QCOMPARE(page()->localServer()->state(), LocalServer::State::Crashed);
        QVERIFY(page()->errorLabel()->isVisible());
        QVERIFY2(page()->errorLabel()->text().contains(QStringLiteral("ended unexpectedly")),
                 qPrintable(page()->errorLabel()->text()));
        QVERIFY(!connection()->isConnected());
        QCOMPARE(statusText(), QStringLiteral("Not connected"));
        QCOMPARE(page()->value(QStringLiteral("state"))->text(), QStringLiteral("The local server ended unexpectedly"));
        QVERIFY(m_log->entries().last().text.contains(QStringLiteral("ended unexpectedly")));

        // Connect again: a fresh child.
        connectLocal();
        QVERIFY(page()->localServer()->processId() != pid);
        const qint64 second = page()->localServer()->processId();
        // Closing the window stops it.
        m_window->close();
        QVERIFY(QTest::qWaitFor([second] { return !processAlive(second); }, 20000));
    }

    void remoteProfileWithWrongToken()
    {
        RemoteServer remote;
        QVERIFY(remote.start(m_dir->path()));
        QVERIFY(!remote.token(QStringLiteral("acme"), QStringLiteral("root"), store::Role::Admin).isEmpty());
        showServerPage();

        const QString wrong = QStringLiteral("otd_0123456789ab_notTheRightSecretAtAll");
        const QString note = saveProfile(QStringLiteral("staging"), remote.url, wrong);
        QVERIFY(page()->profiles()->contains(QStringLiteral("staging")));
        const ConnectionProfile stored = *page()->profiles()->profile(QStringLiteral("staging"));
        qInfo("profile dialog said: %s", qPrintable(note));
        // Keychain or visible fallback: whichever the dialog announced is what happened.
        if (note.contains(QStringLiteral("stored unencrypted"))) {
            QVERIFY(stored.tokenInSettings);
            QVERIFY(test::readFile(m_settings->fileName()).contains(wrong.toUtf8()));
            QVERIFY(page()->tokenNote()->isVisible());
            QVERIFY(page()->tokenNote()->text().contains(QStringLiteral("unencrypted")));
        } else {
            QVERIFY2(note.contains(QStringLiteral("OS keychain")), qPrintable(note));
            QVERIFY(!stored.tokenInSettings);
            QVERIFY(!test::readFile(m_settings->fileName()).contains(wrong.toUtf8()));
        }
        QCOMPARE(page()->selectedProfile(), QStringLiteral("staging"));
        QVERIFY(!page()->insecureBanner()->isVisible());

        // The server's own sentence for the refusal, as a plain HTTP client sees it.
        auto [status, body] = httpGet(QUrl(remote.url.toString() + QStringLiteral("/api/v1/whoami")), wrong);
        QCOMPARE(status, 401);
        const QString serverMessage =
            QJsonDocument::fromJson(body).object().value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString();
        QVERIFY(!serverMessage.isEmpty());

        page()->connectAction()->trigger();
        QVERIFY(QTest::qWaitFor([this] { return page()->errorLabel()->isVisible(); }, 30000));
        QVERIFY2(page()->errorLabel()->text().contains(serverMessage), qPrintable(page()->errorLabel()->text()));
        QVERIFY(page()->errorLabel()->text().contains(QStringLiteral("401")));
        QVERIFY(!connection()->isConnected());
        QCOMPARE(statusText(), QStringLiteral("Not connected"));

        // The insecure opt-out is visible on the page as soon as the profile has it.
        saveProfile(QStringLiteral("staging"), remote.url, {}, true, true);
        QVERIFY(page()->profiles()->profile(QStringLiteral("staging"))->insecure);
        QVERIFY(page()->insecureBanner()->isVisible());
        QVERIFY(page()->insecureBanner()->text().contains(QStringLiteral("verification is switched off")));
        // An empty token field kept the stored token.
        QString kept;
        page()->profiles()->loadToken(QStringLiteral("staging"), [&kept](Result<QString> t) { kept = t.value_or(QString()); });
        QVERIFY(QTest::qWaitFor([&kept] { return !kept.isEmpty(); }, 20000));
        QCOMPARE(kept, wrong);
    }

    void remoteProfileWithRoleGatesPublishing()
    {
        RemoteServer remote;
        QVERIFY(remote.start(m_dir->path()));
        QVERIFY(!remote.token(QStringLiteral("acme"), QStringLiteral("root"), store::Role::Admin).isEmpty());
        const QString token = remote.token(QStringLiteral("acme"), QStringLiteral("bench"), store::Role::Technician);
        QVERIFY(token.startsWith(QStringLiteral("otd_")));
        showServerPage();
        saveProfile(QStringLiteral("production"), remote.url, token);
        QCOMPARE(page()->selectedProfile(), QStringLiteral("production"));
        page()->connectAction()->trigger();
        QVERIFY2(QTest::qWaitFor([this] { return connection()->isConnected() || page()->errorLabel()->isVisible(); }, 30000),
                 qPrintable(page()->errorLabel()->text()));
        QVERIFY2(connection()->isConnected(), qPrintable(page()->errorLabel()->text()));
        QVERIFY(!connection()->isLocal());
        QCOMPARE(statusText(), QStringLiteral("production · acme · technician"));
        QCOMPARE(page()->value(QStringLiteral("account"))->text(), QStringLiteral("bench"));
        // A technician may not write payloads or manifests: the actions say so instead of failing later.
        QVERIFY(!m_window->publishActions()->firmwareAction()->isEnabled());
        QVERIFY(m_window->publishActions()->firmwareAction()->toolTip().contains(QStringLiteral("payloads.write")));
        QVERIFY(!m_window->publishActions()->manifestAction()->isEnabled());
        // No local server was started for a remote connection.
        QCOMPARE(page()->localServer()->state(), LocalServer::State::Stopped);

        page()->disconnectAction()->trigger();
        QCOMPARE(statusText(), QStringLiteral("Not connected"));
        // The choice is remembered for the next start.
        QCOMPARE(page()->profiles()->lastConnection(), QStringLiteral("production"));
    }
};

QTEST_MAIN(TestGuiServer)
#include "tst_gui_server.moc"
