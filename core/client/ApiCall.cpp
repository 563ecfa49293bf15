#include "core/client/ApiCall.h"
#include "core/client/ClientLogging.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslError>
#include <QTimer>

namespace otadesk::client {

ApiCall::ApiCall(QNetworkAccessManager *network, QNetworkRequest request, QByteArray method, QByteArray body,
                 int retries, QString serverName, QObject *parent)
    : QObject(parent), m_network(network), m_request(std::move(request)), m_method(std::move(method)),
      m_requestBody(std::move(body)), m_retries(qMax(0, retries)), m_serverName(std::move(serverName))
{
}

ApiCall::~ApiCall()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

ApiCall *ApiCall::then(QObject *context, std::function<void(const ApiCall &)> callback)
{
    if (m_finished) {
        callback(*this);
        return this;
    }
    connect(this, &ApiCall::finished, context, [this, callback = std::move(callback)] { callback(*this); });
    return this;
}

QJsonObject ApiCall::object() const
{
    return QJsonDocument::fromJson(m_body).object();
}

QJsonArray ApiCall::array() const
{
    return QJsonDocument::fromJson(m_body).array();
}

QByteArray ApiCall::rawHeader(const QByteArray &name) const
{
    for (const auto &pair : m_headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

bool ApiCall::isIdempotent() const
{
    return m_method == "GET" || m_method == "PUT" || m_method == "DELETE" || m_method == "HEAD";
}

int ApiCall::backoffMs(const ApiError &error) const
{
    int ms = 250 << qMin(m_attempt - 1, 4); // 250, 500, 1000, 2000, 4000
    if (error.retryAfterSeconds() >= 0)
        ms = qBound(ms, error.retryAfterSeconds() * 1000, 10000);
    return ms;
}

void ApiCall::startAttempt()
{
    ++m_attempt;
    m_tlsDetail.clear();
    qCDebug(lcClient) << "attempt" << m_attempt << m_method << m_request.url().toString();
    m_reply = m_method == "GET" ? m_network->get(m_request)
                                : m_network->sendCustomRequest(m_request, m_method, m_requestBody);
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        QStringList texts;
        for (const QSslError &e : errors)
            texts << e.errorString();
        m_tlsDetail = texts.join(QStringLiteral("; "));
    });
    connect(m_reply, &QNetworkReply::uploadProgress, this, &ApiCall::uploadProgress);
    connect(m_reply, &QNetworkReply::finished, this, &ApiCall::onReplyFinished);
}

void ApiCall::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    reply->deleteLater();
    m_body = reply->isOpen() ? reply->readAll() : QByteArray();
    m_status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_headers = reply->rawHeaderPairs();
    const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError && !m_cancelled;
    ApiError error = ApiError::fromReply(reply, m_body, timedOut, m_cancelled, m_serverName, m_tlsDetail);
    if (error.isTransient() && isIdempotent() && m_attempt <= m_retries && !m_cancelled) {
        const int wait = backoffMs(error);
        qCInfo(lcClient).noquote() << m_method << m_request.url().path() << "failed:" << error.toString()
                                   << "- retrying in" << wait << "ms";
        if (!m_retryTimer) {
            m_retryTimer = new QTimer(this);
            m_retryTimer->setSingleShot(true);
            connect(m_retryTimer, &QTimer::timeout, this, &ApiCall::startAttempt);
        }
        m_retryTimer->start(wait);
        return;
    }
    finish(std::move(error));
}

void ApiCall::finish(ApiError error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = std::move(error);
    if (m_error)
        qCDebug(lcClient).noquote() << m_method << m_request.url().path() << "failed:" << m_error.toString();
    Q_EMIT finished();
    if (m_autoDelete)
        deleteLater();
}

void ApiCall::abort()
{
    if (m_finished)
        return;
    m_cancelled = true;
    if (m_retryTimer)
        m_retryTimer->stop();
    if (m_reply) {
        m_reply->abort(); // emits finished -> onReplyFinished -> Cancelled
        if (m_finished)
            return;
    }
    finish(ApiError::other(ApiError::Kind::Cancelled, tr("Cancelled.")));
}

bool ApiCall::waitForFinished(int timeoutMs)
{
    m_autoDelete = false;
    if (!m_finished) {
        QEventLoop loop;
        connect(this, &ApiCall::finished, &loop, &QEventLoop::quit);
        if (timeoutMs >= 0)
            QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (m_finished)
        setParent(nullptr); // the caller owns it now, independent of the client's lifetime
    return m_finished;
}

} // namespace otadesk::client
