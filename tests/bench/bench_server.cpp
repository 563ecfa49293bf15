// otadesk-server against nginx on loopback, all in one run (issue 4's benchmark). Needs Debian nginx and wrk.
//   bench_server [--quick] [--duration S] [--rounds N] [--size-mib N] [--json] [--keep] ...  (--help lists
//   all)
// In a temporary folder it bootstraps a token (otactl server token on a fresh SQLite file), uploads a random
// payload through the chunked upload API, starts two otadesk-server instances (one plain, one with
// accel_redirect_prefix) and one nginx of its own (never the system service): a static server block plus
// packaging/nginx/otadesk-server.conf, the documented scale-out configuration, pointed at the second
// instance. After checking every path once (status, body, SHA-256, ETag, a Range request) it measures, round
// after round (the best round of each case counts):
//   small GET    (wrk -t1) nginx static JSON file (the whoami answer's exact bytes) / otadesk-server GET
//                whoami with a bearer token / the same through nginx (proxy)
//   download     (BenchDownloader) nginx static file with sendfile (the blob file itself) / nginx +
//                X-Accel-Redirect in front of otadesk-server / otadesk-server streaming the content itself
// and prints req/s, MB/s (10^6 bytes), latency p50/p99, CPU use of server, nginx and client, the server's
// memory (VmHWM/VmRSS) and the ratios against nginx with the goals (>= 0.5 small GET, >= 0.8 download), also
// per CPU second. docs/benchmarks.md explains the set-up and has the figures.
// Exit codes: 0 measured (goals met or not), 1 a step failed, 2 nginx or wrk missing.
#include "BenchHttp.h"
#include "BenchProcesses.h"
#include "ServerBenchReport.h"

#include "core/crypto/Digest.h"

#include <cstdio>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <unistd.h>

using namespace otadesk;
using namespace otadesk::bench;

namespace {

constexpr auto kAccelPrefix = "/_otadesk_blobs/";

struct Options
{
    int seconds = 10;
    int sizeMib = 64;
    int smallConnections = 32;
    int downloadConnections = 4;
    int rounds = 3;
    QString nginxWorkers = QStringLiteral("1");
    QString apiPath = QStringLiteral("/api/v1/whoami");
    QString nginxConf = QStringLiteral(OTADESK_NGINX_CONF);
    bool json = false;
    bool keep = false;
    bool noAuth = false;
    bool skipDownload = false;
};

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll().split(' ').mid(0, 3).join(' '))
                                       : QString();
}

int failWith(const QString &message)
{
    std::fprintf(stderr, "bench_server: %s\n", qPrintable(message));
    return 1;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Random bytes in 1 MiB steps, hashed on the way; returns the SHA-256 (hex) or empty on a write error.
QString writeRandomPayload(const QString &path, qint64 size)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    crypto::Digest digest;
    QByteArray chunk(1 << 20, Qt::Uninitialized);
    QRandomGenerator rng(20261129);
    for (qint64 done = 0; done < size; done += chunk.size()) {
        rng.fillRange(reinterpret_cast<quint32 *>(chunk.data()), chunk.size() / 4);
        const QByteArrayView part(chunk.constData(), std::min<qint64>(chunk.size(), size - done));
        digest.addData(part);
        if (f.write(part.data(), part.size()) != part.size())
            return {};
    }
    return QString::fromLatin1(digest.result().toHex());
}

QString findFileNamed(const QString &root, const QString &name)
{
    QDirIterator it(root, {name}, QDir::Files, QDirIterator::Subdirectories);
    return it.hasNext() ? it.next() : QString();
}

// The packaging file with its listen port, upstream address and data folder replaced; empty + *error when one
// of the expected lines is missing (the benchmark must run the documented file, not something else).
QString scaleOutConfig(const Options &o, quint16 listenPort, quint16 upstreamPort, const QString &dataDir,
                       QString *error)
{
    QString conf = QString::fromUtf8(readFile(o.nginxConf));
    const QList<QPair<QString, QString>> replacements{
        {QStringLiteral("listen 80;"), QStringLiteral("listen 127.0.0.1:%1;").arg(listenPort)},
        {QStringLiteral("server 127.0.0.1:8080;"), QStringLiteral("server 127.0.0.1:%1;").arg(upstreamPort)},
        {QStringLiteral("/var/lib/otadesk-server/data/"), dataDir + QLatin1Char('/')},
    };
    for (const auto &[from, to] : replacements) {
        if (!conf.contains(from)) {
            *error = QStringLiteral("%1 has no \"%2\" to adapt").arg(o.nginxConf, from);
            return {};
        }
        conf.replace(from, to);
    }
    if (!conf.contains(QLatin1String("location ") + QLatin1String(kAccelPrefix))) {
        *error = QStringLiteral("%1 has no \"location %2\"").arg(o.nginxConf, QLatin1String(kAccelPrefix));
        return {};
    }
    return conf;
}

QString nginxMainConfig(const Options &o, const QString &prefix, quint16 staticPort, const QString &smallPath,
                        const QString &payloadPath, const QString &scaleOut)
{
    QString c;
    c +=
        QStringLiteral("worker_processes %1;\ndaemon off;\npid %2/nginx.pid;\nerror_log %2/error.log warn;\n")
            .arg(o.nginxWorkers, prefix);
    if (geteuid() == 0)
        c += QStringLiteral("user root;\n"); // workers must read the 0700 temporary folder
    c += QStringLiteral("events { worker_connections 1024; }\nhttp {\n    access_log off;\n");
    for (const char *temp : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"})
        c += QStringLiteral("    %1_temp_path %2/%1;\n").arg(QLatin1String(temp), prefix);
    // Keep-alive connections as long-lived as otadesk-server's (nginx closes after 1000 requests by default).
    c += QStringLiteral("    keepalive_requests 100000000;\n    default_type application/octet-stream;\n"
                        "    types { application/json json; }\n    sendfile on;\n    tcp_nopush on;\n");
    c += QStringLiteral("    server {\n        listen 127.0.0.1:%1;\n"
                        "        location = /static/small.json { alias %2; }\n")
             .arg(staticPort)
             .arg(smallPath);
    if (!payloadPath.isEmpty())
        c += QStringLiteral("        location = /static/payload.bin { alias %1; }\n").arg(payloadPath);
    c += QStringLiteral("    }\n");
    if (!scaleOut.isEmpty())
        c += QStringLiteral("    # --- packaging/nginx/otadesk-server.conf, adapted ---\n") + scaleOut;
    c += QStringLiteral("}\n");
    return c;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("otadesk-server against nginx on loopback; see docs/benchmarks.md."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("quick"), QStringLiteral("One round of 3 s per case (smoke checks).")},
        {QStringLiteral("duration"), QStringLiteral("Seconds per case and round (default 10)."),
         QStringLiteral("S")},
        {QStringLiteral("rounds"), QStringLiteral("Rounds; the best of each case counts (default 3)."),
         QStringLiteral("N")},
        {QStringLiteral("size-mib"), QStringLiteral("Payload size in MiB (default 64)."),
         QStringLiteral("N")},
        {QStringLiteral("small-connections"), QStringLiteral("wrk connections, small GET (default 32)."),
         QStringLiteral("N")},
        {QStringLiteral("download-connections"), QStringLiteral("Parallel downloads (default 4)."),
         QStringLiteral("N")},
        {QStringLiteral("nginx-workers"), QStringLiteral("nginx worker_processes (default 1)."),
         QStringLiteral("N")},
        {QStringLiteral("api-path"), QStringLiteral("Small GET path (default /api/v1/whoami)."),
         QStringLiteral("P")},
        {QStringLiteral("no-auth"),
         QStringLiteral("No token (for unauthenticated paths such as /api/v1/health).")},
        {QStringLiteral("skip-download"), QStringLiteral("Only the small GET cases.")},
        {QStringLiteral("server-arg"),
         QStringLiteral("Pass ARG to every otadesk-server instance (repeatable), e.g. "
                        "--server-arg=--log-rules=otadesk.server.info=false."),
         QStringLiteral("ARG")},
        {QStringLiteral("nginx-conf"), QStringLiteral("The scale-out configuration to run."),
         QStringLiteral("FILE")},
        {QStringLiteral("json"), QStringLiteral("Print the results as JSON instead of the table.")},
        {QStringLiteral("json-file"), QStringLiteral("Also write the JSON results to FILE."),
         QStringLiteral("FILE")},
        {QStringLiteral("keep"), QStringLiteral("Keep the temporary folder (logs, configuration).")},
    });
    parser.process(app);
    Options o;
    o.json = parser.isSet(QStringLiteral("json"));
    o.keep = parser.isSet(QStringLiteral("keep"));
    o.noAuth = parser.isSet(QStringLiteral("no-auth"));
    o.skipDownload = parser.isSet(QStringLiteral("skip-download"));
    if (parser.isSet(QStringLiteral("quick"))) {
        o.seconds = 3;
        o.rounds = 1;
    }
    auto intOption = [&](const char *name, int &target, int min, int max) {
        if (!parser.isSet(QLatin1String(name)))
            return true;
        bool ok = false;
        const int v = parser.value(QLatin1String(name)).toInt(&ok);
        if (ok && v >= min && v <= max)
            target = v;
        return ok && v >= min && v <= max;
    };
    if (!intOption("duration", o.seconds, 1, 3600) || !intOption("size-mib", o.sizeMib, 1, 16384) ||
        !intOption("small-connections", o.smallConnections, 1, 10000) ||
        !intOption("download-connections", o.downloadConnections, 1, 1000) ||
        !intOption("rounds", o.rounds, 1, 100))
        return failWith(QStringLiteral("bad number for an option; see --help"));
    if (parser.isSet(QStringLiteral("nginx-workers")))
        o.nginxWorkers = parser.value(QStringLiteral("nginx-workers"));
    if (parser.isSet(QStringLiteral("api-path")))
        o.apiPath = parser.value(QStringLiteral("api-path"));
    if (parser.isSet(QStringLiteral("nginx-conf")))
        o.nginxConf = parser.value(QStringLiteral("nginx-conf"));

    const QString nginx = findTool(QStringLiteral("nginx"));
    const QString wrk = findTool(QStringLiteral("wrk"));
    if (nginx.isEmpty() || wrk.isEmpty()) {
        std::fprintf(stderr,
                     "bench_server: %s not found; install the Debian package(s): apt-get install -y %s\n",
                     nginx.isEmpty() && wrk.isEmpty() ? "nginx and wrk"
                     : nginx.isEmpty()                ? "nginx"
                                                      : "wrk",
                     nginx.isEmpty() && wrk.isEmpty() ? "nginx wrk"
                     : nginx.isEmpty()                ? "nginx"
                                                      : "wrk");
        return 2;
    }

    QTemporaryDir tmp(QDir::tempPath() + QStringLiteral("/otadesk-bench-XXXXXX"));
    if (!tmp.isValid())
        return failWith(QStringLiteral("cannot create a temporary folder: %1").arg(tmp.errorString()));
    tmp.setAutoRemove(!o.keep);
    const QString root = tmp.path();
    const QString dataDir = root + QStringLiteral("/data");
    const QString database = QStringLiteral("sqlite:") + root + QStringLiteral("/server.sqlite");
    QDir(root).mkpath(QStringLiteral("static"));
    QDir(root).mkpath(QStringLiteral("nginx"));
    if (o.keep)
        std::fprintf(stderr, "bench_server: keeping %s\n", qPrintable(root));

    ReportData report;
    report.options = {
        {QStringLiteral("seconds_per_case"), o.seconds},
        {QStringLiteral("payload_bytes"), double(qint64(o.sizeMib) << 20)},
        {QStringLiteral("small_connections"), o.smallConnections},
        {QStringLiteral("download_connections"), o.downloadConnections},
        {QStringLiteral("nginx_workers"), o.nginxWorkers},
        {QStringLiteral("rounds"), o.rounds},
        {QStringLiteral("wrk_threads"), 1},
        {QStringLiteral("api_path"), o.apiPath},
        {QStringLiteral("server_args"), parser.values(QStringLiteral("server-arg")).join(QLatin1Char(' '))}};
    report.nginxVersion = QString::fromUtf8([&] {
        QByteArray err;
        runTool(nginx, {QStringLiteral("-v")}, &err);
        return err.trimmed().split(' ').last(); // "nginx version: nginx/1.22.1"
    }());
    // "wrk debian/4.1.0-3+b2 [epoll] Copyright ..."
    report.wrkVersion =
        QString::fromUtf8(runTool(wrk, {QStringLiteral("-v")}).split(' ').mid(0, 2).join(' '));
    report.serverVersion = QString::fromUtf8(
        runTool(QStringLiteral(OTADESK_SERVER_PATH), {QStringLiteral("--version")}).trimmed());

    // 1. A token, straight on the database (the server is not running yet).
    BenchHttp http;
    if (!o.noAuth) {
        QByteArray err;
        int code = 0;
        const QByteArray token = runTool(QStringLiteral(OTACTL_PATH),
                                         {QStringLiteral("server"), QStringLiteral("token"),
                                          QStringLiteral("--database"), database},
                                         &err, &code)
                                     .trimmed();
        if (code != 0 || !token.startsWith("otd_"))
            return failWith(QStringLiteral("otactl server token --database %1 failed (exit code %2): %3%4")
                                .arg(database)
                                .arg(code)
                                .arg(QString::fromUtf8(err), QString::fromUtf8(token)));
        http.setToken(token);
    }
    auto serverArgs = [&](const QStringList &extra) {
        return QStringList{QStringLiteral("--listen"),     QStringLiteral("127.0.0.1"),
                           QStringLiteral("--port"),       QStringLiteral("0"),
                           QStringLiteral("--database"),   database,
                           QStringLiteral("--data-dir"),   dataDir,
                           QStringLiteral("--log-format"), QStringLiteral("json")} +
               parser.values(QStringLiteral("server-arg")) + extra;
    };
    QString error;

    // 2. The payload, uploaded through the chunked upload API by an instance of its own (its memory peak is
    //    reported separately from the download instances').
    QString payloadId, payloadSha, blobPath;
    const qint64 payloadBytes = qint64(o.sizeMib) << 20;
    if (!o.skipDownload) {
        payloadSha = writeRandomPayload(root + QStringLiteral("/payload.bin"), payloadBytes);
        if (payloadSha.isEmpty())
            return failWith(QStringLiteral("cannot write the payload file in %1").arg(root));
        ManagedProcess uploader(QStringLiteral("otadesk-server (upload)"),
                                QStringLiteral(OTADESK_SERVER_PATH), serverArgs({}),
                                root + QStringLiteral("/server-upload.log"));
        if (!uploader.start(true, &error))
            return failWith(error);
        QElapsedTimer timer;
        timer.start();
        payloadId =
            http.uploadPayload(uploader.url(), root + QStringLiteral("/payload.bin"), payloadSha, &error);
        if (payloadId.isEmpty())
            return failWith(
                QStringLiteral("upload of the %1 MiB payload failed: %2").arg(o.sizeMib).arg(error));
        report.upload = {payloadBytes / 1e6 / (timer.nsecsElapsed() / 1e9),
                         statusKiB(uploader.pid(), "VmHWM")};
        uploader.stop();
        blobPath = findFileNamed(dataDir, payloadSha);
        if (blobPath.isEmpty())
            return failWith(
                QStringLiteral("the uploaded payload %1 is not in the data folder %2 as a file named "
                               "after its SHA-256")
                    .arg(payloadSha, dataDir));
    }

    // 3. The measured instances, and nginx.
    ManagedProcess direct(QStringLiteral("otadesk-server"), QStringLiteral(OTADESK_SERVER_PATH),
                          serverArgs({}), root + QStringLiteral("/server-direct.log"));
    ManagedProcess accel(QStringLiteral("otadesk-server (accel)"), QStringLiteral(OTADESK_SERVER_PATH),
                         serverArgs({QStringLiteral("--accel-redirect-prefix"), QLatin1String(kAccelPrefix)}),
                         root + QStringLiteral("/server-accel.log"));
    if (!direct.start(true, &error) || !accel.start(true, &error))
        return failWith(error);
    const QUrl directUrl = direct.url();
    const HttpResult small = http.request("GET", directUrl.resolved(QUrl(o.apiPath)));
    if (small.status != 200)
        return failWith(QStringLiteral("GET %1 on otadesk-server: %2").arg(o.apiPath, small.describe()));
    writeFile(root + QStringLiteral("/static/small.json"), small.body);

    const quint16 staticPort = freeLoopbackPort();
    const quint16 proxyPort = freeLoopbackPort();
    const QString prefix = root + QStringLiteral("/nginx");
    const QString scaleOut = scaleOutConfig(o, proxyPort, quint16(accel.url().port()), dataDir, &error);
    if (scaleOut.isEmpty())
        return failWith(error);
    writeFile(prefix + QStringLiteral("/nginx.conf"),
              nginxMainConfig(o, prefix, staticPort, root + QStringLiteral("/static/small.json"), blobPath,
                              scaleOut)
                  .toUtf8());
    ManagedProcess nginxProcess(QStringLiteral("nginx"), nginx,
                                {QStringLiteral("-p"), prefix, QStringLiteral("-c"),
                                 prefix + QStringLiteral("/nginx.conf"), QStringLiteral("-e"),
                                 prefix + QStringLiteral("/error.log")},
                                prefix + QStringLiteral("/output.log"));
    if (!nginxProcess.start(false, &error))
        return failWith(error);
    if (!waitForPort(staticPort, 10000) || !waitForPort(proxyPort, 5000))
        return failWith(
            QStringLiteral("nginx (%1 -p %2) does not answer on ports %3/%4; %2/error.log:\n%5")
                .arg(nginx, prefix)
                .arg(staticPort)
                .arg(proxyPort)
                .arg(QString::fromUtf8(readFile(prefix + QStringLiteral("/error.log")).right(2000))));
    const QString staticBase = QStringLiteral("http://127.0.0.1:%1").arg(staticPort);
    const QString proxyBase = QStringLiteral("http://127.0.0.1:%1").arg(proxyPort);

    // 4. Every path answers what it should before anything is timed.
    const QString contentPath = QStringLiteral("/api/v1/payloads/%1/content").arg(payloadId);
    Cases cases(o.seconds, wrk, root + QStringLiteral("/report.lua"), http.token());
    cases.setProcesses(direct.pid(), accel.pid(), nginxProcess.pid());
    writeFile(root + QStringLiteral("/report.lua"), wrkReportScript());
    if (!cases.checkSmall(http, staticBase + QStringLiteral("/static/small.json"), small.body, &error) ||
        !cases.checkSmall(http, proxyBase + o.apiPath, {}, &error))
        return failWith(error);
    if (!o.skipDownload) {
        QFile payloadFile(root + QStringLiteral("/payload.bin"));
        const QByteArray rangeBytes =
            payloadFile.open(QIODevice::ReadOnly) && payloadFile.seek(payloadBytes / 3)
                ? payloadFile.read(100000)
                : QByteArray();
        const QStringList urls{staticBase + QStringLiteral("/static/payload.bin"), proxyBase + contentPath,
                               directUrl.toString() + contentPath};
        for (const QString &url : urls) {
            if (!cases.checkDownload(http, url, payloadSha, payloadBytes, url.endsWith(contentPath),
                                     &error) ||
                !cases.checkRange(http, url, payloadBytes / 3, rangeBytes, payloadBytes, &error))
                return failWith(error);
        }
    }

    // 5. Measure: the cases of a group take turns, round after round; the best round of each counts.
    report.loadBefore = loadAverage();
    report.rss.append({QStringLiteral("direct_start_rss_kib"), statusKiB(direct.pid(), "VmRSS")});
    for (int round = 0; round < o.rounds; ++round) {
        if (!cases.run(CaseId::SmallNginx, staticBase + QStringLiteral("/static/small.json"),
                       o.smallConnections, &error) ||
            !cases.run(CaseId::SmallServer, directUrl.toString() + o.apiPath, o.smallConnections, &error) ||
            !cases.run(CaseId::SmallProxy, proxyBase + o.apiPath, o.smallConnections, &error))
            return failWith(error);
    }
    report.rss.append({QStringLiteral("direct_hwm_after_small_kib"), statusKiB(direct.pid(), "VmHWM")});
    qint64 peakRss = -1;
    for (int round = 0; round < o.rounds && !o.skipDownload; ++round) {
        if (!cases.run(CaseId::DownloadNginx, staticBase + QStringLiteral("/static/payload.bin"),
                       o.downloadConnections, &error) ||
            !cases.run(CaseId::DownloadAccel, proxyBase + contentPath, o.downloadConnections, &error) ||
            !cases.run(CaseId::DownloadServer, directUrl.toString() + contentPath, o.downloadConnections,
                       &error))
            return failWith(error);
        peakRss = std::max(peakRss, cases.lastRun().peakRssKiB);
    }
    if (!o.skipDownload) {
        report.rss.append({QStringLiteral("direct_peak_rss_during_download_kib"), peakRss});
        report.rss.append(
            {QStringLiteral("direct_hwm_after_download_kib"), statusKiB(direct.pid(), "VmHWM")});
        report.rss.append({QStringLiteral("accel_hwm_kib"), statusKiB(accel.pid(), "VmHWM")});
    }
    report.loadAfter = loadAverage();
    nginxProcess.stop();
    direct.stop();
    accel.stop();

    report.cases = cases.results();
    report.notes = cases.notes();
    const QString jsonFile = parser.value(QStringLiteral("json-file"));
    if (!jsonFile.isEmpty() && !writeFile(jsonFile, reportJson(report)))
        return failWith(QStringLiteral("cannot write %1").arg(jsonFile));
    const QByteArray text = o.json ? reportJson(report) : reportTable(report);
    std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
    return 0;
}
