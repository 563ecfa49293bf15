#include "ui/server/LocalServer.h"

#include "core/common/Logging.h"
#include "ui/server/LocalToken.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTimer>
#include <csignal>
#include <sys/prctl.h>

namespace otadesk::ui {

namespace {
const QString kServerName = QStringLiteral("otadesk-server");

QString executable(const QString &path)
{
    const QFileInfo info(path);
    return info.isFile() && info.isExecutable() ? info.absoluteFilePath() : QString();
}

// The message of a log line: "msg" of a JSON line, otherwise the line itself.
QString messageOf(const QByteArray &line, QString *level = nullptr)
{
    const QJsonDocument doc = QJsonDocument::fromJson(line);
    if (!doc.isObject())
        return QString::fromUtf8(line).trimmed();
    if (level)
        *level = doc.object().value(QStringLiteral("level")).toString();
    return doc.object().value(QStringLiteral("msg")).toString();
}
} // namespace

LocalServer::LocalServer(QObject *parent) : QObject(parent), m_startTimer(new QTimer(this)), m_killTimer(new QTimer(this))
{
    m_startTimer->setSingleShot(true);
    m_killTimer->setSingleShot(true);
    connect(m_startTimer, &QTimer::timeout, this, &LocalServer::onStartTimeout);
    connect(m_killTimer, &QTimer::timeout, this, [this] {
        if (!m_process)
            return;
        Q_EMIT notice(tr("The local server did not stop within %n second(s); killing it.", nullptr,
                         m_stopTimeoutMs / 1000));
        m_process->kill();
    });
}

LocalServer::~LocalServer() { stopAndWait(m_stopTimeoutMs); }

QString LocalServer::findBinary()
{
    const QString env = qEnvironmentVariable("OTADESK_SERVER_BINARY");
    if (!env.isEmpty())
        return executable(env);
    const QDir appDir(QCoreApplication::applicationDirPath());
    for (const QString &candidate : {appDir.filePath(kServerName),
                                     appDir.filePath(QStringLiteral("../otadesk-server/") + kServerName),
                                     appDir.filePath(QStringLiteral("../app/otadesk-server/") + kServerName)}) {
        if (const QString found = executable(candidate); !found.isEmpty())
            return QDir::cleanPath(found);
    }
    return QStandardPaths::findExecutable(kServerName);
}

QString LocalServer::databasePath() const
{
    return QDir(m_workspace).filePath(QStringLiteral("server/server.sqlite"));
}

QStringList LocalServer::arguments() const
{
    return {QStringLiteral("--listen"),   QStringLiteral("127.0.0.1"),
            QStringLiteral("--port"),     QStringLiteral("0"),
            QStringLiteral("--database"), QStringLiteral("sqlite:") + databasePath(),
            QStringLiteral("--log-format"), QStringLiteral("json")};
}

qint64 LocalServer::processId() const { return m_process ? m_process->processId() : 0; }

void LocalServer::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void LocalServer::start()
{
    if (m_process) {
        if (m_state == State::Stopping)
            m_restartPending = true;
        return;
    }
    m_url.clear();
    m_token.clear();
    m_lastError.clear();
    m_stdout.clear();
    m_stderr.clear();
    m_recentErrors.clear();
    setState(State::Starting);

    const QString program = binary();
    if (program.isEmpty())
        return fail(tr("Cannot find the otadesk-server program next to OTA Desk or on the PATH. Install it, or "
                       "set OTADESK_SERVER_BINARY to its path."));
    if (m_workspace.isEmpty())
        return fail(tr("No workspace is open; the local server keeps its database in the workspace."));
    if (!QDir().mkpath(QFileInfo(databasePath()).absolutePath()))
        return fail(tr("Cannot create the folder %1.")
                        .arg(QDir::toNativeSeparators(QFileInfo(databasePath()).absolutePath())));
    auto token = issueLocalToken(databasePath());
    if (!token)
        return fail(tr("Cannot prepare the local server's database %1: %2")
                        .arg(QDir::toNativeSeparators(databasePath()), token.error().message()));
    m_token = *token;

    m_process = new QProcess(this);
    m_process->setProgram(program);
    m_process->setArguments(arguments());
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->setStandardInputFile(QProcess::nullDevice());
    connect(m_process, &QProcess::readyReadStandardOutput, this, &LocalServer::onStdout);
    connect(m_process, &QProcess::readyReadStandardError, this, &LocalServer::onStderr);
    connect(m_process, &QProcess::finished, this, &LocalServer::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, &LocalServer::onError);
    Q_EMIT notice(tr("Starting %1 %2").arg(QDir::toNativeSeparators(program), arguments().join(QLatin1Char(' '))));
    qCInfo(lcUi) << "starting local server" << program << arguments();
    m_startTimer->start(m_startTimeoutMs);
    // If the app dies without stopping it (a signal, a crash), the kernel sends the server SIGTERM: no orphans.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_process->start();
}

void LocalServer::stop()
{
    m_restartPending = false;
    if (!m_process) {
        if (m_state == State::Crashed)
            setState(State::Stopped);
        return;
    }
    if (m_state == State::Stopping)
        return;
    m_startTimer->stop();
    setState(State::Stopping);
    Q_EMIT notice(tr("Stopping the local server (process %1)").arg(m_process->processId()));
    m_process->terminate();
    m_killTimer->start(m_stopTimeoutMs);
}

void LocalServer::restart()
{
    if (!m_process)
        return start();
    stop();
    m_restartPending = true;
}

bool LocalServer::stopAndWait(int msecs)
{
    if (!m_process)
        return true;
    stop();
    m_restartPending = false;
    QProcess *process = m_process;
    if (!process->waitForFinished(msecs)) {
        process->kill();
        process->waitForFinished(3000);
    }
    // waitForFinished delivered finished() (onFinished cleaned up); make sure nothing is left behind.
    if (m_process == process)
        onFinished(process->exitCode(), process->exitStatus());
    return m_process == nullptr;
}

void LocalServer::onStdout()
{
    m_stdout += m_process->readAllStandardOutput();
    qsizetype nl;
    while ((nl = m_stdout.indexOf('\n')) >= 0) {
        const QByteArray line = m_stdout.left(nl).trimmed();
        m_stdout.remove(0, nl + 1);
        static const QByteArray prefix = "listening on ";
        if (m_state != State::Starting || !line.startsWith(prefix))
            continue;
        m_url = QUrl(QString::fromUtf8(line.mid(prefix.size())));
        m_startTimer->stop();
        setState(State::Running);
        Q_EMIT notice(tr("The local server is listening on %1").arg(m_url.toString()));
        Q_EMIT started(m_url);
    }
}

void LocalServer::onStderr()
{
    m_stderr += m_process->readAllStandardError();
    qsizetype nl;
    while ((nl = m_stderr.indexOf('\n')) >= 0) {
        const QByteArray line = m_stderr.left(nl).trimmed();
        m_stderr.remove(0, nl + 1);
        if (line.isEmpty())
            continue;
        QString level;
        const QString message = messageOf(line, &level);
        if (level.isEmpty() || level == QLatin1String("error") || level == QLatin1String("fatal")) {
            m_recentErrors << message;
            if (m_recentErrors.size() > 5)
                m_recentErrors.removeFirst();
        }
        Q_EMIT logLine(line);
    }
}

QString LocalServer::lastErrorLogLine() const { return m_recentErrors.isEmpty() ? QString() : m_recentErrors.last(); }

void LocalServer::onFinished(int exitCode, QProcess::ExitStatus status)
{
    if (!m_process)
        return;
    if (!m_stderr.isEmpty()) {
        m_stderr += '\n';
        onStderr();
    }
    m_startTimer->stop();
    m_killTimer->stop();
    QProcess *process = m_process;
    m_process = nullptr;
    process->disconnect(this);
    process->deleteLater();
    m_url.clear();

    const QString how = status == QProcess::CrashExit ? tr("it was killed or crashed")
                                                      : tr("exit code %1").arg(exitCode);
    const QString reason = lastErrorLogLine();
    const State was = m_state;
    if (was == State::Stopping) {
        m_token.clear();
        setState(State::Stopped);
        Q_EMIT notice(tr("The local server stopped (%1).").arg(how));
        Q_EMIT stopped();
        if (m_restartPending) {
            m_restartPending = false;
            start();
        }
        return;
    }
    m_token.clear();
    if (was == State::Starting) {
        fail(reason.isEmpty() ? tr("The local server ended before it was ready (%1).").arg(how)
                              : tr("The local server ended before it was ready (%1): %2").arg(how, reason));
        return;
    }
    m_lastError = reason.isEmpty() ? tr("The local server ended unexpectedly (%1).").arg(how)
                                   : tr("The local server ended unexpectedly (%1). Its last error: %2").arg(how, reason);
    qCWarning(lcUi) << m_lastError;
    setState(State::Crashed);
    Q_EMIT crashed(m_lastError);
}

void LocalServer::onError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || !m_process)
        return;
    const QString text = m_process->errorString();
    QProcess *process = m_process;
    m_process = nullptr;
    process->disconnect(this);
    process->deleteLater();
    m_token.clear();
    fail(tr("Cannot start %1: %2").arg(QDir::toNativeSeparators(binary()), text));
}

void LocalServer::onStartTimeout()
{
    if (!m_process || m_state != State::Starting)
        return;
    QProcess *process = m_process;
    m_process = nullptr;
    process->disconnect(this);
    process->kill();
    process->waitForFinished(3000);
    process->deleteLater();
    m_token.clear();
    fail(tr("The local server did not report its address within %n second(s).", nullptr, m_startTimeoutMs / 1000));
}

void LocalServer::fail(const QString &message)
{
    m_lastError = message;
    qCWarning(lcUi) << "local server:" << message;
    setState(State::Stopped);
    Q_EMIT failed(message);
}

} // namespace otadesk::ui
