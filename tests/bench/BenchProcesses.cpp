#include "BenchProcesses.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <csignal>
#include <sys/resource.h>
#include <unistd.h>

namespace otadesk::bench {

QString findTool(const QString &name)
{
    QString path = QStandardPaths::findExecutable(name);
    if (path.isEmpty())
        path = QStandardPaths::findExecutable(
            name, {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"), QStringLiteral("/usr/local/sbin")});
    return path;
}

QByteArray runTool(const QString &program, const QStringList &args, QByteArray *err, int *exitCode,
                   int timeoutMs)
{
    QProcess p;
    p.start(program, args);
    const bool finished = p.waitForStarted(10000) && p.waitForFinished(timeoutMs);
    if (!finished)
        p.kill();
    if (exitCode)
        *exitCode = finished && p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    if (err)
        *err = p.readAllStandardError();
    return p.readAllStandardOutput();
}

quint16 freeLoopbackPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

bool waitForPort(quint16 port, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (socket.waitForConnected(500))
            return true;
        QThread::msleep(50);
    }
    return false;
}

double cpuSeconds(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray stat = f.readAll();
    // Fields after the ")" that closes the command name: state is field 3, utime 14, stime 15.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return 0;
    return double(fields.at(11).toLongLong() + fields.at(12).toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

qint64 statusKiB(qint64 pid, const char *field)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

QList<qint64> processTree(qint64 pid)
{
    QList<qint64> pids{pid};
    QFile f(QStringLiteral("/proc/%1/task/%1/children").arg(pid));
    if (f.open(QIODevice::ReadOnly)) {
        for (const QByteArray &child : f.readAll().simplified().split(' ')) {
            if (!child.isEmpty())
                pids << child.toLongLong();
        }
    }
    return pids;
}

ManagedProcess::ManagedProcess(QString name, QString program, QStringList args, QString logPath)
    : m_name(std::move(name)), m_program(std::move(program)), m_args(std::move(args)),
      m_logPath(std::move(logPath))
{
}

ManagedProcess::~ManagedProcess()
{
    stop();
}

bool ManagedProcess::start(bool waitForListeningLine, QString *error, int timeoutMs)
{
    m_process = std::make_unique<QProcess>();
    m_process->setStandardErrorFile(m_logPath, QIODevice::Append);
    if (!waitForListeningLine)
        m_process->setStandardOutputFile(m_logPath, QIODevice::Append);
    m_process->start(m_program, m_args);
    if (!m_process->waitForStarted(10000)) {
        *error = QStringLiteral("%1 (%2) did not start: %3").arg(m_name, m_program, m_process->errorString());
        return false;
    }
    if (!waitForListeningLine)
        return true;
    static const QRegularExpression listening(QStringLiteral("^listening on (\\S+)"));
    QElapsedTimer timer;
    timer.start();
    QByteArray out;
    while (timer.elapsed() < timeoutMs && m_process->state() == QProcess::Running) {
        m_process->waitForReadyRead(200);
        out += m_process->readAllStandardOutput();
        const auto match = listening.match(QString::fromUtf8(out));
        if (match.hasMatch() && out.contains('\n')) {
            m_url = QUrl(match.captured(1));
            return true;
        }
    }
    *error = QStringLiteral("%1 printed no \"listening on URL\" line (%2); its log %3 ends with:\n%4")
                 .arg(m_name,
                      m_process->state() == QProcess::Running
                          ? QStringLiteral("still running after %1 s").arg(timeoutMs / 1000)
                          : QStringLiteral("exit code %1").arg(m_process->exitCode()),
                      m_logPath, logTail());
    stop();
    return false;
}

bool ManagedProcess::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

void ManagedProcess::stop()
{
    if (!isRunning())
        return;
    m_process->terminate();
    if (!m_process->waitForFinished(15000)) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
}

qint64 ManagedProcess::pid() const
{
    return m_process ? m_process->processId() : 0;
}

QString ManagedProcess::logTail() const
{
    QFile f(m_logPath);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray all = f.readAll();
    return QString::fromUtf8(all.right(2000));
}

QByteArray wrkReportScript()
{
    return "done = function(summary, latency, requests)\n"
           "  local e = summary.errors\n"
           "  io.write(string.format(\"BENCH %d %d %d %d %d %d %d %d %d %d %d\\n\",\n"
           "    summary.requests, summary.bytes, summary.duration, e.status, e.connect, e.read, e.write,\n"
           "    e.timeout, latency:percentile(50), latency:percentile(99), latency.max))\n"
           "end\n";
}

namespace {
double childrenCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double sumCpu(const QList<qint64> &pids)
{
    double total = 0;
    for (qint64 pid : pids)
        total += cpuSeconds(pid);
    return total;
}
} // namespace

WrkResult runWrk(const QString &wrk, const QString &scriptPath, const WrkRun &run)
{
    QStringList args{QStringLiteral("-t1"),
                     QStringLiteral("-c%1").arg(run.connections),
                     QStringLiteral("-d%1s").arg(run.seconds),
                     QStringLiteral("--latency"),
                     QStringLiteral("--timeout"),
                     QStringLiteral("120s"),
                     QStringLiteral("-s"),
                     scriptPath};
    if (!run.token.isEmpty())
        args << QStringLiteral("-H")
             << QStringLiteral("Authorization: Bearer %1").arg(QString::fromLatin1(run.token));
    args << run.url;

    WrkResult result;
    const double client0 = childrenCpuSeconds();
    const double server0 = sumCpu(run.serverPids);
    const double nginx0 = sumCpu(run.nginxPids);
    QProcess p;
    p.start(wrk, args);
    if (!p.waitForStarted(10000)) {
        result.error = QStringLiteral("wrk did not start: %1").arg(p.errorString());
        return result;
    }
    bool interrupted = false;
    while (!p.waitForFinished(50)) {
        if (run.rssPid)
            result.peakRssKiB = std::max(result.peakRssKiB, statusKiB(run.rssPid, "VmRSS"));
        if (!run.stopFile.isEmpty() && QFile::exists(run.stopFile) && !interrupted) {
            ::kill(pid_t(p.processId()), SIGINT); // wrk stops and still runs done()
            interrupted = true;
        }
        if (p.state() != QProcess::Running)
            break;
    }
    result.serverCpu = sumCpu(run.serverPids) - server0;
    result.nginxCpu = sumCpu(run.nginxPids) - nginx0;
    result.clientCpu = childrenCpuSeconds() - client0;
    const QByteArray out = p.readAllStandardOutput();
    const qsizetype at = out.indexOf("BENCH ");
    const QList<QByteArray> f = at < 0 ? QList<QByteArray>() : out.mid(at + 6).split('\n').first().split(' ');
    if (p.exitCode() != 0 || f.size() != 11) {
        result.error = QStringLiteral("wrk %1 failed (exit code %2): %3%4")
                           .arg(args.join(QLatin1Char(' ')))
                           .arg(p.exitCode())
                           .arg(QString::fromUtf8(out), QString::fromUtf8(p.readAllStandardError()));
        return result;
    }
    result.requests = f[0].toLongLong();
    result.bytes = f[1].toLongLong();
    result.seconds = f[2].toDouble() / 1e6;
    result.failures =
        f[3].toLongLong() + f[4].toLongLong() + f[5].toLongLong() + f[6].toLongLong() + f[7].toLongLong();
    result.p50Ms = f[8].toDouble() / 1000;
    result.p99Ms = f[9].toDouble() / 1000;
    result.maxMs = f[10].toDouble() / 1000;
    result.ok = true;
    return result;
}

} // namespace otadesk::bench
