#pragma once
// The processes bench_server drives: otadesk-server instances (started with --port 0, URL read from their
// "listening on URL" line), one nginx of our own (-p <temp dir>, never the system service or /etc/nginx) and
// wrk runs whose figures come from a Lua done() hook. Also /proc readings: CPU time and memory of a process.
#include <memory>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

class QProcess;

namespace otadesk::bench {

// The executable's path, also searched in the sbin folders (nginx lives in /usr/sbin); empty if missing.
QString findTool(const QString &name);
// Runs a short-lived tool and returns its stdout (stderr in *err); exit code in *exitCode (-1: did not run).
QByteArray runTool(const QString &program, const QStringList &args, QByteArray *err = nullptr,
                   int *exitCode = nullptr, int timeoutMs = 60000);
quint16 freeLoopbackPort();
bool waitForPort(quint16 port, int timeoutMs);

// /proc/<pid>: user+system CPU seconds, and a "VmRSS"/"VmHWM" value in KiB (-1 if unreadable).
double cpuSeconds(qint64 pid);
qint64 statusKiB(qint64 pid, const char *field);
// The pid and its direct children (nginx master and workers).
QList<qint64> processTree(qint64 pid);

class ManagedProcess
{
public:
    ManagedProcess(QString name, QString program, QStringList args, QString logPath);
    ~ManagedProcess(); // stops the process (SIGTERM, then SIGKILL after 15 s)
    ManagedProcess(const ManagedProcess &) = delete;
    ManagedProcess &operator=(const ManagedProcess &) = delete;

    // Starts it; with waitForListeningLine, waits for "listening on URL" on stdout (url() then holds it).
    // On failure the message names the process and quotes the end of its log.
    bool start(bool waitForListeningLine, QString *error, int timeoutMs = 30000);
    bool isRunning() const;
    void stop();
    qint64 pid() const;
    QUrl url() const { return m_url; }
    QString logTail() const;

private:
    QString m_name;
    QString m_program;
    QStringList m_args;
    QString m_logPath;
    std::unique_ptr<QProcess> m_process;
    QUrl m_url;
};

struct WrkRun
{
    QString url;
    int connections = 1;
    int seconds = 10;
    QByteArray token;         // sent as Authorization: Bearer when not empty
    QList<qint64> serverPids; // CPU measured over the run
    QList<qint64> nginxPids;  // CPU measured over the run
    qint64 rssPid = 0;        // VmRSS sampled every 50 ms when not 0
    QString stopFile;         // when not empty: wrk is interrupted (SIGINT: it still reports) once this file exists
};

struct WrkResult
{
    bool ok = false;
    QString error;
    double seconds = 0;
    qint64 requests = 0;
    qint64 bytes = 0;
    qint64 failures = 0; // responses >= 400, socket errors and timeouts
    double p50Ms = 0, p99Ms = 0, maxMs = 0;
    double clientCpu = 0, serverCpu = 0, nginxCpu = 0; // CPU seconds during the run
    qint64 peakRssKiB = -1;

    double requestsPerSecond() const { return seconds > 0 ? requests / seconds : 0; }
    double megabytesPerSecond() const { return seconds > 0 ? bytes / seconds / 1e6 : 0; }
};

// wrk -t1 -c<connections> -d<seconds>s --latency --timeout 120s -s <done() script> [-H auth] URL
WrkResult runWrk(const QString &wrk, const QString &scriptPath, const WrkRun &run);
// The Lua script whose done() prints the figures runWrk reads.
QByteArray wrkReportScript();

} // namespace otadesk::bench
