#include "BenchHttp.h"

#include "core/crypto/Digest.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace otadesk::bench {

namespace {
constexpr int kTimeoutMs = 300 * 1000;

QJsonObject jsonOf(const HttpResult &r)
{
    return QJsonDocument::fromJson(r.body).object();
}
} // namespace

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString HttpResult::describe() const
{
    if (status == 0)
        return QStringLiteral("no HTTP answer: %1").arg(error);
    const QJsonObject err = QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toObject();
    if (err.isEmpty())
        return QStringLiteral("HTTP %1 %2").arg(status).arg(QString::fromUtf8(body.left(200)));
    return QStringLiteral("HTTP %1 %2: %3")
        .arg(status)
        .arg(err.value(QStringLiteral("code")).toString(), err.value(QStringLiteral("message")).toString());
}

BenchHttp::BenchHttp(QByteArray token) : m_manager(new QNetworkAccessManager), m_token(std::move(token))
{
    m_manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

BenchHttp::~BenchHttp()
{
    delete m_manager;
}

HttpResult BenchHttp::request(const QByteArray &verb, const QUrl &url, const QByteArray &body,
                              const QByteArray &contentType, bool hashOnly,
                              const QList<QPair<QByteArray, QByteArray>> &extraHeaders)
{
    QNetworkRequest req(url);
    for (const auto &[name, value] : extraHeaders)
        req.setRawHeader(name, value);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    if (!m_token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + m_token);
    if (!contentType.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    QNetworkReply *reply = m_manager->sendCustomRequest(req, verb, body);
    HttpResult result;
    crypto::Digest digest;
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, reply, &QNetworkReply::abort);
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [&] {
        const QByteArray chunk = reply->readAll();
        result.bodyBytes += chunk.size();
        if (hashOnly)
            digest.addData(chunk);
        else
            result.body += chunk;
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    timeout.start(kTimeoutMs);
    loop.exec();
    const QByteArray rest = reply->readAll();
    result.bodyBytes += rest.size();
    if (hashOnly) {
        digest.addData(rest);
        result.sha256 = digest.result().toHex();
    } else {
        result.body += rest;
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (result.status == 0)
        result.error = reply->errorString();
    result.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return result;
}

QString BenchHttp::uploadPayload(const QUrl &base, const QString &path, const QString &sha256Hex,
                                 QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return {};
    }
    const QByteArray json = "application/json";
    const QJsonObject create{{QStringLiteral("name"), QStringLiteral("bench-payload.bin")},
                             {QStringLiteral("size"), double(file.size())},
                             {QStringLiteral("sha256"), sha256Hex}};
    const HttpResult created = request("POST", base.resolved(QUrl(QStringLiteral("/api/v1/uploads"))),
                                       QJsonDocument(create).toJson(QJsonDocument::Compact), json);
    if (created.status != 201) {
        *error = QStringLiteral("POST /api/v1/uploads: %1").arg(created.describe());
        return {};
    }
    const QJsonObject upload = jsonOf(created);
    const QString id = upload.value(QStringLiteral("id")).toVariant().toString();
    const qint64 partSize = upload.value(QStringLiteral("part_size")).toInteger();
    if (id.isEmpty() || partSize <= 0) {
        *error = QStringLiteral("POST /api/v1/uploads answered without id or part_size: %1")
                     .arg(QString::fromUtf8(created.body));
        return {};
    }
    for (qint64 offset = 0; offset < file.size();) {
        const QByteArray part = file.read(partSize);
        const QString partPath = QStringLiteral("/api/v1/uploads/%1/parts/%2").arg(id).arg(offset);
        const HttpResult put =
            request("PUT", base.resolved(QUrl(partPath)), part, "application/octet-stream");
        const qint64 received = jsonOf(put).value(QStringLiteral("received")).toInteger();
        if (put.status != 200 || received != offset + part.size()) {
            *error = QStringLiteral("PUT %1: %2").arg(partPath, put.describe());
            return {};
        }
        offset = received;
    }
    const QString finishPath = QStringLiteral("/api/v1/uploads/%1/finish").arg(id);
    const HttpResult finished = request(
        "POST", base.resolved(QUrl(finishPath)),
        QJsonDocument(QJsonObject{{QStringLiteral("sha256"), sha256Hex}}).toJson(QJsonDocument::Compact),
        json);
    const QJsonObject payload = jsonOf(finished);
    if ((finished.status != 201 && finished.status != 200) ||
        payload.value(QStringLiteral("sha256")).toString() != sha256Hex) {
        *error = QStringLiteral("POST %1: %2").arg(finishPath, finished.describe());
        return {};
    }
    return payload.value(QStringLiteral("id")).toVariant().toString();
}

} // namespace otadesk::bench
