#include "ServerBenchCases.h"

#include "BenchDownloader.h"
#include "BenchHttp.h"

#include <QUrl>

namespace otadesk::bench {

Cases::Cases(int seconds, QString wrk, QString scriptPath, QByteArray token)
    : m_seconds(seconds), m_wrk(std::move(wrk)), m_script(std::move(scriptPath)), m_token(std::move(token))
{
}

void Cases::setProcesses(qint64 directServer, qint64 accelServer, qint64 nginxMaster)
{
    m_direct = directServer;
    m_accel = accelServer;
    m_nginx = nginxMaster;
}

QString Cases::key(CaseId id)
{
    switch (id) {
    case CaseId::SmallNginx:
        return QStringLiteral("small_nginx_static");
    case CaseId::SmallServer:
        return QStringLiteral("small_server");
    case CaseId::SmallProxy:
        return QStringLiteral("small_nginx_proxy_server");
    case CaseId::DownloadNginx:
        return QStringLiteral("download_nginx_static");
    case CaseId::DownloadAccel:
        return QStringLiteral("download_nginx_accel_redirect");
    case CaseId::DownloadServer:
        return QStringLiteral("download_server");
    }
    return {};
}

QString Cases::label(CaseId id)
{
    switch (id) {
    case CaseId::SmallNginx:
        return QStringLiteral("small GET  nginx static file");
    case CaseId::SmallServer:
        return QStringLiteral("small GET  otadesk-server");
    case CaseId::SmallProxy:
        return QStringLiteral("small GET  nginx -> otadesk-server");
    case CaseId::DownloadNginx:
        return QStringLiteral("download   nginx static, sendfile");
    case CaseId::DownloadAccel:
        return QStringLiteral("download   nginx + X-Accel-Redirect");
    case CaseId::DownloadServer:
        return QStringLiteral("download   otadesk-server direct");
    }
    return {};
}

bool Cases::checkSmall(BenchHttp &http, const QString &url, const QByteArray &expectedBody, QString *error)
{
    const HttpResult r = http.request("GET", QUrl(url));
    if (r.status != 200) {
        *error = QStringLiteral("check of GET %1: %2").arg(url, r.describe());
        return false;
    }
    if (!expectedBody.isEmpty() && r.body != expectedBody) {
        *error = QStringLiteral("check of GET %1: the body differs from the expected %2 bytes")
                     .arg(url)
                     .arg(expectedBody.size());
        return false;
    }
    return true;
}

bool Cases::checkDownload(BenchHttp &http, const QString &url, const QString &sha256, qint64 size,
                          bool fromServer, QString *error)
{
    const HttpResult r = http.request("GET", QUrl(url), {}, {}, true);
    if (r.status != 200 || r.bodyBytes != size || QString::fromLatin1(r.sha256) != sha256) {
        *error =
            QStringLiteral("check of GET %1: expected 200 with the %2 bytes of SHA-256 %3, got %4, %5 bytes "
                           "of SHA-256 %6")
                .arg(url)
                .arg(size)
                .arg(sha256, r.describe())
                .arg(r.bodyBytes)
                .arg(QString::fromLatin1(r.sha256));
        return false;
    }
    const QByteArray etag = r.header("ETag");
    if (fromServer && etag != '"' + sha256.toLatin1() + '"')
        m_notes << QStringLiteral("GET %1 answered ETag: %2 (expected \"%3\")")
                       .arg(url, etag.isEmpty() ? QStringLiteral("(none)") : QString::fromLatin1(etag),
                            sha256);
    return true;
}

bool Cases::checkRange(BenchHttp &http, const QString &url, qint64 from, const QByteArray &expected,
                       qint64 total, QString *error)
{
    const qint64 last = from + expected.size() - 1;
    const QByteArray range = "bytes=" + QByteArray::number(from) + '-' + QByteArray::number(last);
    const HttpResult r = http.request("GET", QUrl(url), {}, {}, false, {{"Range", range}});
    const QByteArray contentRange = "bytes " + QByteArray::number(from) + '-' + QByteArray::number(last) +
                                    '/' + QByteArray::number(total);
    if (r.status != 206 || r.body != expected || r.header("Content-Range") != contentRange) {
        *error = QStringLiteral(
                     "check of GET %1 with Range: %2: expected 206, Content-Range: %3 and %4 bytes, got "
                     "%5, Content-Range: %6, %7 bytes")
                     .arg(url, QString::fromLatin1(range), QString::fromLatin1(contentRange))
                     .arg(expected.size())
                     .arg(r.describe(), QString::fromLatin1(r.header("Content-Range")))
                     .arg(r.body.size());
        return false;
    }
    return true;
}

bool Cases::run(CaseId id, const QString &url, int connections, QString *error)
{
    WrkRun run;
    run.url = url;
    run.connections = connections;
    run.seconds = m_seconds;
    run.token = m_token;
    const QList<qint64> nginx = processTree(m_nginx);
    switch (id) {
    case CaseId::SmallNginx:
    case CaseId::DownloadNginx:
        run.nginxPids = nginx;
        break;
    case CaseId::SmallServer:
    case CaseId::DownloadServer:
        run.serverPids = {m_direct};
        run.rssPid = m_direct;
        break;
    case CaseId::SmallProxy:
    case CaseId::DownloadAccel:
        run.serverPids = {m_accel};
        run.nginxPids = nginx;
        run.rssPid = m_accel;
        break;
    }
    const bool download =
        id == CaseId::DownloadNginx || id == CaseId::DownloadAccel || id == CaseId::DownloadServer;
    WrkResult measured;
    if (download) {
        const QUrl parsed(url);
        DownloadRun d{quint16(parsed.port()),
                      parsed.path(QUrl::FullyEncoded).toLatin1(),
                      run.token,
                      connections,
                      run.seconds,
                      run.serverPids,
                      run.nginxPids,
                      run.rssPid};
        measured = runDownloads(d);
    } else {
        measured = runWrk(m_wrk, m_script, run);
    }
    m_last = measured;
    CaseResult result{id, key(id), label(id), url, connections, measured};
    if (!result.wrk.ok) {
        *error = QStringLiteral("%1: %2").arg(result.label.simplified(), result.wrk.error);
        return false;
    }
    if (result.wrk.failures > 0 || result.wrk.requests == 0) {
        *error =
            QStringLiteral("%1 (%2): %3 failed requests, %4 good ones (HTTP status >= 400, socket errors or "
                           "timeouts) %5")
                .arg(result.label.simplified(), url)
                .arg(result.wrk.failures)
                .arg(result.wrk.requests)
                .arg(result.wrk.error);
        return false;
    }
    // Several rounds: the best one counts (other load on the machine only ever makes a run slower).
    for (CaseResult &r : m_results) {
        if (r.id == id) {
            const double before = download ? r.wrk.megabytesPerSecond() : r.wrk.requestsPerSecond();
            const double now = download ? measured.megabytesPerSecond() : measured.requestsPerSecond();
            ++r.rounds;
            if (now > before) {
                const int rounds = r.rounds;
                r = result;
                r.rounds = rounds;
            }
            return true;
        }
    }
    m_results.append(result);
    return true;
}

WrkResult Cases::result(CaseId id) const
{
    for (const CaseResult &r : m_results) {
        if (r.id == id)
            return r.wrk;
    }
    return {};
}

} // namespace otadesk::bench
