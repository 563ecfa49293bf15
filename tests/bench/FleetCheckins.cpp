#include "FleetCheckins.h"

#include "core/store/Database.h"

#include <QDir>
#include <QFile>
#include <QThread>
#include <unistd.h>

namespace otadesk::bench {

namespace {
constexpr auto kMainDigest = "3b1f0c8e9a7d6c5b4a392817f6e5d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b";
constexpr auto kBootDigest = "a0b1c2d3e4f5061728394a5b6c7d8e9fa0b1c2d3e4f5061728394a5b6c7d8e9f";

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray luaQuote(const QByteArray &s)
{
    QByteArray out = s;
    out.replace('\\', "\\\\").replace('\'', "\\'");
    return '\'' + out + '\'';
}

struct Measured
{
    WrkResult wrk;
    qint64 recorded = -1; // growth of SUM(devices.checkins); -1 for nginx
};
} // namespace

QByteArray CheckinBench::reportBody()
{
    return QByteArray("{\"components\":[{\"name\":\"main\",\"version\":\"2.3.0\",\"digest\":\"") + kMainDigest +
           "\",\"slot\":0},{\"name\":\"bootloader\",\"version\":\"1.4.2+17\",\"digest\":\"" + kBootDigest +
           "\"}],\"attributes\":{\"region\":\"eu-west\",\"net\":\"wifi\",\"rssi\":\"-67\"},\"update_state\":\"idle\"}";
}

QByteArray CheckinBench::luaScript(const QString &tokensPath, int changedEvery, qint64 stopAfter,
                                   const QString &badPath, const QString &stopPath)
{
    QByteArray changed = reportBody();
    changed.replace("\"version\":\"2.3.0\"", "\"version\":\"2.4.%d\"");
    QByteArray s = "local tokens = {}\n"
                   "for line in io.lines(" + luaQuote(tokensPath.toUtf8()) + ") do tokens[#tokens + 1] = line end\n"
                   "local n, i, k = #tokens, 0, 0\n"
                   "local changedEvery = " + QByteArray::number(changedEvery) + "\n"
                   "local body = " + luaQuote(reportBody()) + "\n"
                   "local changed = " + luaQuote(changed) + "\n"
                   "local headers = {[\"Content-Type\"] = \"application/json\"}\n"
                   "request = function()\n"
                   "  i = i + 1\n"
                   "  if i > n then i = 1 end\n"
                   "  headers[\"Authorization\"] = \"Bearer \" .. tokens[i]\n"
                   "  if changedEvery > 0 and i % changedEvery == 0 then\n"
                   "    k = k + 1\n"
                   "    return wrk.format(\"POST\", \"/device/v1/checkin\", headers, string.format(changed, k))\n"
                   "  end\n"
                   "  return wrk.format(\"POST\", \"/device/v1/checkin\", headers, body)\n"
                   "end\n";
    if (stopAfter > 0)
        s += "local got = 0\n"
             "response = function(status, headers, body)\n"
             "  got = got + 1\n"
             "  if status ~= 200 then\n"
             "    local f = io.open(" + luaQuote(badPath.toUtf8()) + ", \"a\")\n"
             "    f:write(status, \" \", body, \"\\n\")\n"
             "    f:close()\n"
             "  end\n"
             "  if got == " + QByteArray::number(stopAfter) + " then\n"
             "    local f = io.open(" + luaQuote(stopPath.toUtf8()) + ", \"w\")\n"
             "    f:close()\n"
             "  end\n"
             "end\n";
    return s + wrkReportScript();
}

bool CheckinBench::run(const QString &backend, FleetServer &server, const QByteArrayList &tokens,
                       FleetReport &report, QString *error)
{
    const QString tag = backend.toLower();
    const QString tokensPath = m_o.dir + QStringLiteral("/tokens-%1.txt").arg(tag);
    const QString badPath = m_o.dir + QStringLiteral("/warmup-%1-non200.txt").arg(tag);
    const QString warmPath = m_o.dir + QStringLiteral("/warmup-%1.lua").arg(tag);
    const QString steadyPath = m_o.dir + QStringLiteral("/checkin-%1.lua").arg(tag);
    const QString changedPath = m_o.dir + QStringLiteral("/checkin-changed-%1.lua").arg(tag);
    if (!writeFile(tokensPath, tokens.join('\n') + '\n') ||
        !writeFile(steadyPath, luaScript(tokensPath, 0, 0, {}, {})) ||
        !writeFile(changedPath, luaScript(tokensPath, 10, 0, {}, {}))) {
        *error = QStringLiteral("cannot write the wrk scripts in %1").arg(m_o.dir);
        return false;
    }
    QFile::remove(badPath);
    store::Database *db = server.database(error);
    if (!db)
        return false;
    auto recorded = [&]() -> qint64 {
        auto v = db->scalar(QStringLiteral("SELECT COALESCE(SUM(checkins), 0) FROM devices"));
        return v ? v->toLongLong() : -1;
    };
    const QString serverUrl = server.url().toString(QUrl::RemovePath);
    FleetSection &sec = report.section(
        QStringLiteral("checkins"), QStringLiteral("(a) Check-ins per second, %1 devices, wrk -t1 -c%2, %3 s per case")
                                        .arg(tokens.size())
                                        .arg(m_o.connections)
                                        .arg(m_o.seconds),
        {{QStringLiteral("backend"), QStringLiteral("backend")},
         {QStringLiteral("case"), QStringLiteral("case")},
         {QStringLiteral("requests_per_second"), QStringLiteral("req/s")},
         {QStringLiteral("ratio_to_nginx"), QStringLiteral("x nginx"), 3},
         {QStringLiteral("p50_ms"), QStringLiteral("p50 ms"), 2},
         {QStringLiteral("p99_ms"), QStringLiteral("p99 ms"), 2},
         {QStringLiteral("server_cpu_s"), QStringLiteral("server CPU s"), 1},
         {QStringLiteral("client_cpu_s"), QStringLiteral("wrk CPU s"), 1},
         {QStringLiteral("requests"), QStringLiteral("requests")},
         {QStringLiteral("errors"), QStringLiteral("non-2xx/errors")},
         {QStringLiteral("recorded"), QStringLiteral("recorded by server")}});

    // 1. Warm-up: every device reports once (its components and attributes are stored).
    const QString stopPath = m_o.dir + QStringLiteral("/warmup-%1.done").arg(tag);
    QFile::remove(stopPath);
    if (!writeFile(warmPath, luaScript(tokensPath, 0, tokens.size(), badPath, stopPath))) {
        *error = QStringLiteral("cannot write %1").arg(warmPath);
        return false;
    }
    WrkRun warm{serverUrl, m_o.connections, 3600, {}, {server.pid()}, {}, 0, stopPath};
    const qint64 before = recorded();
    const WrkResult w = runWrk(m_o.wrk, warmPath, warm);
    if (!w.ok || w.failures > 0 || QFile::exists(badPath) || w.requests < tokens.size()) {
        *error = QStringLiteral("%1 warm-up: %2 (%3 answers, %4 failures; non-200 answers: %5)")
                     .arg(backend, w.error)
                     .arg(w.requests)
                     .arg(w.failures)
                     .arg(QString::fromUtf8([&] {
                         QFile f(badPath);
                         return f.open(QIODevice::ReadOnly) ? f.read(600) : QByteArray("none");
                     }()));
        return false;
    }
    QThread::msleep(1500 + 1000 * m_o.lastSeenIntervalSeconds); // last_seen writes: batched, per device at most every interval
    const qint64 warmRecorded = recorded() - before;
    sec.rows.append({backend, QStringLiteral("warm-up: first report of each device (stored)"), w.requestsPerSecond(),
                     QString(), w.p50Ms, w.p99Ms, w.serverCpu, w.clientCpu, w.requests, w.failures,
                     warmRecorded});

    // 2. The answer nginx will give: the server's own answer to a steady-state check-in (same size).
    BenchHttp device(tokens.first());
    const HttpResult answer = device.request("POST", server.url().resolved(QUrl(QStringLiteral("/device/v1/checkin"))),
                                             reportBody(), "application/json");
    if (answer.status != 200) {
        *error = QStringLiteral("%1: a check-in of device 1: %2").arg(backend, answer.describe());
        return false;
    }
    const QString prefix = m_o.dir + QStringLiteral("/nginx-%1").arg(tag);
    QDir().mkpath(prefix);
    const quint16 port = freeLoopbackPort();
    QString conf = QStringLiteral("worker_processes 1;\ndaemon off;\npid %1/nginx.pid;\nerror_log %1/error.log warn;\n")
                       .arg(prefix);
    if (geteuid() == 0)
        conf += QStringLiteral("user root;\n");
    conf += QStringLiteral("events { worker_connections 1024; }\nhttp {\n  access_log off;\n"
                           "  keepalive_requests 100000000;\n  client_body_buffer_size 16k;\n");
    for (const char *temp : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"})
        conf += QStringLiteral("  %1_temp_path %2/%1;\n").arg(QLatin1String(temp), prefix);
    conf += QStringLiteral("  server {\n    listen 127.0.0.1:%1;\n    location = /device/v1/checkin {\n"
                           "      default_type application/json;\n      return 200 '%2';\n    }\n  }\n}\n")
                .arg(port)
                .arg(QString::fromUtf8(answer.body));
    writeFile(prefix + QStringLiteral("/nginx.conf"), conf.toUtf8());
    ManagedProcess nginx(QStringLiteral("nginx"), m_o.nginx,
                         {QStringLiteral("-p"), prefix, QStringLiteral("-c"), prefix + QStringLiteral("/nginx.conf"),
                          QStringLiteral("-e"), prefix + QStringLiteral("/error.log")},
                         prefix + QStringLiteral("/output.log"));
    if (!nginx.start(false, error))
        return false;
    if (!waitForPort(port, 10000)) {
        *error = QStringLiteral("nginx (-p %1) does not answer on port %2").arg(prefix).arg(port);
        return false;
    }
    BenchHttp probe(tokens.first());
    const HttpResult staticAnswer = probe.request(
        "POST", QUrl(QStringLiteral("http://127.0.0.1:%1/device/v1/checkin").arg(port)), reportBody(), "application/json");
    if (staticAnswer.status != 200 || staticAnswer.body.size() != answer.body.size()) {
        *error = QStringLiteral("nginx answers %1 with %2 bytes, not 200 with %3 bytes")
                     .arg(staticAnswer.status)
                     .arg(staticAnswer.body.size())
                     .arg(answer.body.size());
        return false;
    }

    // 3. Measure, round after round; the best round of each case counts.
    Measured best[3];
    const QString urls[3] = {QStringLiteral("http://127.0.0.1:%1").arg(port), serverUrl, serverUrl};
    const QString scripts[3] = {steadyPath, steadyPath, changedPath};
    for (int round = 0; round < m_o.rounds; ++round) {
        for (int c = 0; c < 3; ++c) {
            WrkRun run{urls[c], m_o.connections, m_o.seconds, {}, {server.pid()}, processTree(nginx.pid()), 0, {}};
            const qint64 start = c == 0 ? 0 : recorded();
            Measured m{runWrk(m_o.wrk, scripts[c], run), -1};
            if (!m.wrk.ok) {
                *error = backend + QStringLiteral(": ") + m.wrk.error;
                return false;
            }
            if (c > 0) {
                QThread::msleep(1500 + 1000 * m_o.lastSeenIntervalSeconds); // last_seen writes: batched, per device at most every interval
                m.recorded = recorded() - start;
            }
            if (m.wrk.requestsPerSecond() > best[c].wrk.requestsPerSecond())
                best[c] = m;
        }
    }
    nginx.stop();
    const char *names[3] = {"nginx: static answer of the same size", "otadesk: check-in, nothing changed",
                            "otadesk: check-in, 10 % report a new version"};
    const double nginxRate = best[0].wrk.requestsPerSecond();
    for (int c = 0; c < 3; ++c) {
        const WrkResult &r = best[c].wrk;
        const double cpu = c == 0 ? r.nginxCpu : r.serverCpu;
        sec.rows.append({backend, QString::fromUtf8(names[c]), r.requestsPerSecond(),
                         nginxRate > 0 ? r.requestsPerSecond() / nginxRate : 0.0, r.p50Ms, r.p99Ms, cpu, r.clientCpu,
                         r.requests, r.failures,
                         best[c].recorded < 0 ? QVariant(QStringLiteral("-")) : QVariant(best[c].recorded)});
        if (c > 0 && (r.failures > 0 || best[c].recorded < r.requests ||
                      best[c].recorded > r.requests + 2 * m_o.connections)) {
            *error = QStringLiteral("%1, %2: wrk counted %3 answers and %4 failures, but the server recorded %5 "
                                    "check-ins")
                         .arg(backend, QString::fromUtf8(names[c]))
                         .arg(r.requests)
                         .arg(r.failures)
                         .arg(best[c].recorded);
            return false;
        }
    }
    m_ratio = nginxRate > 0 ? best[1].wrk.requestsPerSecond() / nginxRate : 0;
    return true;
}

} // namespace otadesk::bench
