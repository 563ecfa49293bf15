#pragma once
// The bundled local server: otadesk-server as a child process on 127.0.0.1 with a free port and the
// workspace's SQLite database (WORKSPACE/server/server.sqlite), JSON logs on stderr. Before the child starts,
// an admin token for tenant "local" / account "desktop" is issued directly on the database and kept in memory
// only. The URL comes from the child's one stdout line "listening on URL". Stopping sends SIGTERM and kills
// the child if it has not ended after a timeout; an exit nobody asked for is reported as a crash.
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QUrl>

class QTimer;

namespace otadesk::ui {

class LocalServer : public QObject
{
    Q_OBJECT
public:
    enum class State { Stopped, Starting, Running, Stopping, Crashed };
    Q_ENUM(State)

    explicit LocalServer(QObject *parent = nullptr);
    ~LocalServer() override; // stops the child (SIGTERM, then kill)

    // $OTADESK_SERVER_BINARY, otadesk-server next to this executable (or in the build tree's app folder),
    // then PATH. Empty if none is found.
    static QString findBinary();
    void setBinary(const QString &path) { m_binary = path; }
    QString binary() const { return m_binary.isEmpty() ? findBinary() : m_binary; }

    void setWorkspace(const QString &path) { m_workspace = path; }
    QString workspace() const { return m_workspace; }
    QString databasePath() const; // WORKSPACE/server/server.sqlite
    QStringList arguments() const;

    void setStartTimeout(int msecs) { m_startTimeoutMs = msecs; }
    void setStopTimeout(int msecs) { m_stopTimeoutMs = msecs; }

    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    QUrl url() const { return m_url; }
    QString token() const { return m_token; }
    qint64 processId() const;
    QString lastError() const { return m_lastError; }

public Q_SLOTS:
    void start();   // issues the token, then starts the child; started() or failed() follows
    void stop();    // asynchronous; stopped() follows
    void restart(); // stop, then start again
    // Synchronous stop for application shutdown; true if the child has ended.
    bool stopAndWait(int msecs = 10000);

Q_SIGNALS:
    void stateChanged(otadesk::ui::LocalServer::State state);
    void started(const QUrl &url);
    void stopped();
    void failed(const QString &message);  // could not start
    void crashed(const QString &message); // ended although nobody asked it to
    void logLine(const QByteArray &line); // one stderr line of the child, without the newline
    void notice(const QString &text);     // what the manager itself did, for the log view

private:
    void setState(State state);
    void onStdout();
    void onStderr();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onError(QProcess::ProcessError error);
    void onStartTimeout();
    void fail(const QString &message);
    QString lastErrorLogLine() const;

    QString m_binary;
    QString m_workspace;
    QProcess *m_process = nullptr;
    QTimer *m_startTimer;
    QTimer *m_killTimer;
    State m_state = State::Stopped;
    QUrl m_url;
    QString m_token;
    QString m_lastError;
    QByteArray m_stdout;
    QByteArray m_stderr;
    QStringList m_recentErrors;
    bool m_restartPending = false;
    int m_startTimeoutMs = 30000;
    int m_stopTimeoutMs = 15000;
};

} // namespace otadesk::ui
