#include "ServerBenchReport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSysInfo>
#include <QThread>

namespace otadesk::bench {

namespace {

struct Ratio
{
    QString key, label;
    CaseId numerator, denominator;
    bool throughput; // MB/s, else req/s
    double goal;     // 0: for information
};

const QList<Ratio> &ratios()
{
    static const QList<Ratio> list{
        {QStringLiteral("small_server_vs_nginx"), QStringLiteral("small GET  otadesk-server / nginx static"),
         CaseId::SmallServer, CaseId::SmallNginx, false, 0.5},
        {QStringLiteral("small_proxy_vs_nginx"), QStringLiteral("small GET  nginx -> otadesk-server / nginx"),
         CaseId::SmallProxy, CaseId::SmallNginx, false, 0},
        {QStringLiteral("download_accel_vs_nginx"),
         QStringLiteral("download   nginx + X-Accel-Redirect / nginx static"), CaseId::DownloadAccel,
         CaseId::DownloadNginx, true, 0.8},
        {QStringLiteral("download_server_vs_nginx"),
         QStringLiteral("download   otadesk-server direct / nginx static"), CaseId::DownloadServer,
         CaseId::DownloadNginx, true, 0.8},
    };
    return list;
}

const CaseResult *find(const ReportData &data, CaseId id)
{
    for (const CaseResult &c : data.cases) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

// Requests or MB per second; perCpuSecond: per CPU second of the serving processes (server and nginx)
// instead, which other load on the machine disturbs far less than the rate itself.
double figure(const CaseResult &c, bool throughput, bool perCpuSecond)
{
    const double rate = throughput ? c.wrk.megabytesPerSecond() : c.wrk.requestsPerSecond();
    if (!perCpuSecond)
        return rate;
    const double cpu = c.wrk.serverCpu + c.wrk.nginxCpu;
    return cpu > 0 ? rate * c.wrk.seconds / cpu : 0;
}

// -1 when either case did not run.
double ratioValue(const ReportData &data, const Ratio &r, bool perCpuSecond = false)
{
    const CaseResult *a = find(data, r.numerator);
    const CaseResult *b = find(data, r.denominator);
    if (!a || !b)
        return -1;
    const double den = figure(*b, r.throughput, perCpuSecond);
    return den > 0 ? figure(*a, r.throughput, perCpuSecond) / den : -1;
}

QString cpuModel()
{
    QFile f(QStringLiteral("/proc/cpuinfo"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("model name"))
            return QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
    }
    return {};
}

QString percent(double cpuSeconds, double seconds)
{
    return cpuSeconds > 0 || seconds > 0 ? QStringLiteral("%1%").arg(cpuSeconds / seconds * 100, 0, 'f', 0)
                                         : QStringLiteral("-");
}

QJsonObject machine()
{
    return {{QStringLiteral("cpus"), QThread::idealThreadCount()},
            {QStringLiteral("cpu_model"), cpuModel()},
            {QStringLiteral("kernel"), QSysInfo::kernelVersion()},
            {QStringLiteral("os"), QSysInfo::prettyProductName()}};
}

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

QString command()
{
    return QCoreApplication::arguments().join(QLatin1Char(' '));
}

} // namespace

QByteArray reportTable(const ReportData &data)
{
    QString t;
    const QJsonObject m = machine();
    t += QStringLiteral("otadesk-server against nginx on loopback, %1, %2 CPUs (%3), %4\n")
             .arg(now())
             .arg(m.value(QStringLiteral("cpus")).toInt())
             .arg(m.value(QStringLiteral("cpu_model")).toString(), m.value(QStringLiteral("os")).toString());
    t += QStringLiteral(
             "%1 | %2 (worker_processes %3) | %4 -t1 | best of %5 x %6 s per case | payload %7 MiB\n")
             .arg(data.serverVersion, data.nginxVersion,
                  data.options.value(QStringLiteral("nginx_workers")).toString(), data.wrkVersion)
             .arg(data.options.value(QStringLiteral("rounds")).toInt())
             .arg(data.options.value(QStringLiteral("seconds_per_case")).toInt())
             .arg(qint64(data.options.value(QStringLiteral("payload_bytes")).toDouble()) >> 20);
    t += QStringLiteral("load average before %1, after %2\ncommand: %3\n\n")
             .arg(data.loadBefore, data.loadAfter, command());
    t += QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
             .arg(QStringLiteral("case"), -38)
             .arg(QStringLiteral("conns"), 5)
             .arg(QStringLiteral("req/s"), 9)
             .arg(QStringLiteral("MB/s"), 8)
             .arg(QStringLiteral("p50 ms"), 8)
             .arg(QStringLiteral("p99 ms"), 8)
             .arg(QStringLiteral("server CPU"), 10)
             .arg(QStringLiteral("nginx CPU"), 9)
             .arg(QStringLiteral("client CPU"), 10);
    for (const CaseResult &c : data.cases) {
        const WrkResult &w = c.wrk;
        const bool server = c.id != CaseId::SmallNginx && c.id != CaseId::DownloadNginx;
        const bool nginx = c.id != CaseId::SmallServer && c.id != CaseId::DownloadServer;
        t += QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
                 .arg(c.label, -38)
                 .arg(c.connections, 5)
                 .arg(w.requestsPerSecond(), 9, 'f', 1)
                 .arg(w.megabytesPerSecond(), 8, 'f', 1)
                 .arg(w.p50Ms, 8, 'f', 2)
                 .arg(w.p99Ms, 8, 'f', 2)
                 .arg(server ? percent(w.serverCpu, w.seconds) : QStringLiteral("-"), 10)
                 .arg(nginx ? percent(w.nginxCpu, w.seconds) : QStringLiteral("-"), 9)
                 .arg(percent(w.clientCpu, w.seconds), 10);
    }
    t += QStringLiteral(
        "(small GET client: wrk; download client: bench_server's own, 1 MiB recv() calls. CPU: per "
        "cent of one core\nover the run. MB = 10^6 bytes, response headers included.)\n\n");
    t += QStringLiteral("ratios\n");
    for (const Ratio &r : ratios()) {
        const double v = ratioValue(data, r);
        if (v < 0)
            continue;
        QString verdict = QStringLiteral("for information");
        if (r.goal > 0)
            verdict = v >= r.goal ? QStringLiteral("goal >= %1x: met").arg(r.goal)
                                  : QStringLiteral("goal >= %1x: missed by %2%")
                                        .arg(r.goal)
                                        .arg((r.goal - v) / r.goal * 100, 0, 'f', 0);
        t += QStringLiteral("  %1 %2x  (%3)  per CPU second: %4x\n")
                 .arg(r.label, -50)
                 .arg(v, 5, 'f', 2)
                 .arg(verdict)
                 .arg(ratioValue(data, r, true), 0, 'f', 2);
    }
    t += QStringLiteral(
        "  (per CPU second: the rates divided by the CPU time of otadesk-server + nginx during the "
        "run;\n   robust against other load on the machine)\n");
    t += QStringLiteral("\nmemory of otadesk-server\n");
    if (data.upload.hwmKiB >= 0)
        t += QStringLiteral("  %1 %2 MiB  (upload at %3 MB/s)\n")
                 .arg(QStringLiteral("upload instance VmHWM"), -48)
                 .arg(data.upload.hwmKiB / 1024.0, 6, 'f', 1)
                 .arg(data.upload.megabytesPerSecond, 0, 'f', 1);
    for (const auto &[name, kib] : data.rss)
        t += QStringLiteral("  %1 %2 MiB\n").arg(name, -48).arg(kib / 1024.0, 6, 'f', 1);
    if (!data.notes.isEmpty())
        t += QStringLiteral("\nnotes\n  ") + data.notes.join(QStringLiteral("\n  ")) + QLatin1Char('\n');
    return t.toUtf8();
}

QByteArray reportJson(const ReportData &data)
{
    QJsonArray cases;
    for (const CaseResult &c : data.cases) {
        const WrkResult &w = c.wrk;
        cases.append(QJsonObject{{QStringLiteral("id"), c.key},
                                 {QStringLiteral("url"), c.url},
                                 {QStringLiteral("connections"), c.connections},
                                 {QStringLiteral("seconds"), w.seconds},
                                 {QStringLiteral("requests"), double(w.requests)},
                                 {QStringLiteral("bytes"), double(w.bytes)},
                                 {QStringLiteral("requests_per_second"), w.requestsPerSecond()},
                                 {QStringLiteral("megabytes_per_second"), w.megabytesPerSecond()},
                                 {QStringLiteral("latency_p50_ms"), w.p50Ms},
                                 {QStringLiteral("latency_p99_ms"), w.p99Ms},
                                 {QStringLiteral("latency_max_ms"), w.maxMs},
                                 {QStringLiteral("server_cpu_seconds"), w.serverCpu},
                                 {QStringLiteral("nginx_cpu_seconds"), w.nginxCpu},
                                 {QStringLiteral("client_cpu_seconds"), w.clientCpu},
                                 {QStringLiteral("client"), c.id == CaseId::SmallNginx ||
                                                                    c.id == CaseId::SmallServer ||
                                                                    c.id == CaseId::SmallProxy
                                                                ? QStringLiteral("wrk")
                                                                : QStringLiteral("bench_server")},
                                 {QStringLiteral("rounds"), c.rounds}});
    }
    QJsonObject ratioObject;
    for (const Ratio &r : ratios()) {
        const double v = ratioValue(data, r);
        if (v >= 0)
            ratioObject.insert(
                r.key,
                QJsonObject{{QStringLiteral("value"), v},
                            {QStringLiteral("per_cpu_second"), ratioValue(data, r, true)},
                            {QStringLiteral("goal"), r.goal > 0 ? QJsonValue(r.goal) : QJsonValue()},
                            {QStringLiteral("met"), r.goal > 0 ? QJsonValue(v >= r.goal) : QJsonValue()}});
    }
    QJsonObject memory{{QStringLiteral("upload_hwm_kib"), double(data.upload.hwmKiB)}};
    for (const auto &[name, kib] : data.rss)
        memory.insert(name, double(kib));
    const QJsonObject doc{
        {QStringLiteral("date"), now()},
        {QStringLiteral("load_average_before"), data.loadBefore},
        {QStringLiteral("load_average_after"), data.loadAfter},
        {QStringLiteral("command"), command()},
        {QStringLiteral("machine"), machine()},
        {QStringLiteral("versions"), QJsonObject{{QStringLiteral("otadesk_server"), data.serverVersion},
                                                 {QStringLiteral("nginx"), data.nginxVersion},
                                                 {QStringLiteral("wrk"), data.wrkVersion}}},
        {QStringLiteral("options"), data.options},
        {QStringLiteral("cases"), cases},
        {QStringLiteral("ratios"), ratioObject},
        {QStringLiteral("memory"), memory},
        {QStringLiteral("upload_megabytes_per_second"), data.upload.megabytesPerSecond},
        {QStringLiteral("notes"), QJsonArray::fromStringList(data.notes)},
    };
    return QJsonDocument(doc).toJson(QJsonDocument::Indented);
}

} // namespace otadesk::bench
