#pragma once
// Test helpers for otadesk-server as a real process: start it on a free loopback port (reads the "listening on
// URL" line), stop it with SIGTERM (SIGKILL if it hangs), and one-shot HTTP requests with QNetworkAccessManager.
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrl>

namespace {
const QString kServer = QStringLiteral(OTADESK_SERVER_PATH);

using HeaderListOut = QList<QPair<QByteArray, QByteArray>>;

struct Response
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QByteArray requestId;
    QByteArray allow;
    HeaderListOut headers;
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[n, v] : headers) {
            if (n == name.toLower())
                return v;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString errorCode() const
    {
        return json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
    }
};

// A started otadesk-server; stops it (SIGTERM, then SIGKILL) when destroyed.
class Server
{
public:
    bool start(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        m_process.setProcessEnvironment(env);
        QElapsedTimer clock;
        clock.start();
        m_process.start(kServer, args);
        if (!m_process.waitForStarted(5000))
            return false;
        QByteArray line;
        while (!line.contains('\n') && clock.elapsed() < 10000) {
            if (!m_process.waitForReadyRead(200) && m_process.state() != QProcess::Running)
                return false;
            line += m_process.readAllStandardOutput();
        }
        startupMs = double(clock.nsecsElapsed()) / 1e6;
        line = line.left(line.indexOf('\n'));
        if (!line.startsWith("listening on "))
            return false;
        url = QUrl(QString::fromUtf8(line.mid(13)));
        return url.isValid();
    }
    ~Server()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(5000))
                m_process.kill();
            m_process.waitForFinished(2000);
        }
    }
    QUrl at(const QString &path) const
    {
        QUrl u = url;
        u.setPath(path);
        return u;
    }
    QByteArray stderrText()
    {
        m_err += m_process.readAllStandardError();
        return m_err;
    }
    QProcess &process() { return m_process; }

    QUrl url;
    double startupMs = 0;

private:
    QProcess m_process;
    QByteArray m_err;
};

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

Response fetch(QNetworkAccessManager &nam, const QUrl &url, const QByteArray &method = "GET",
               const QByteArray &body = {}, const QSslConfiguration *ssl = nullptr,
               const QByteArray &requestId = {}, const HeaderList &headers = {})
{
    QNetworkRequest request(url);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    if (ssl)
        request.setSslConfiguration(*ssl);
    if (!requestId.isEmpty())
        request.setRawHeader("X-Request-Id", requestId);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
    QNetworkReply *reply = nam.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    Response r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.error = reply->error();
    r.body = reply->readAll();
    r.requestId = reply->rawHeader("X-Request-Id");
    r.allow = reply->rawHeader("Allow");
    for (const auto &[name, value] : reply->rawHeaderPairs())
        r.headers.append(qMakePair(name.toLower(), value));
    reply->deleteLater();
    return r;
}

} // namespace
