#include "core/client/ApiError.h"

#include <QJsonDocument>
#include <QNetworkRequest>

namespace otadesk::client {

ApiError ApiError::http(int status, const QString &code, const QString &message, const QJsonObject &details)
{
    ApiError e;
    e.m_kind = Kind::Http;
    e.m_status = status;
    e.m_code = code;
    e.m_message = message;
    e.m_details = details;
    return e;
}

ApiError ApiError::other(Kind kind, const QString &message)
{
    ApiError e;
    e.m_kind = kind;
    e.m_message = message;
    return e;
}

bool ApiError::isTransient() const
{
    switch (m_kind) {
    case Kind::Network:
    case Kind::Timeout:
        return true;
    case Kind::Http:
        return m_status == 502 || m_status == 503 || m_status == 504;
    default:
        return false;
    }
}

QString ApiError::toString() const
{
    switch (m_kind) {
    case Kind::None:
        return {};
    case Kind::Http: {
        const QString tag =
            m_code.isEmpty() ? QString::number(m_status) : QStringLiteral("%1 %2").arg(m_status).arg(m_code);
        QString text = (m_status >= 500 ? tr("Server error: %1 (%2)") : tr("Server refused: %1 (%2)"))
                           .arg(m_message, tag);
        if (m_status == 401)
            text += QLatin1Char(' ') + tr("Check the API token (--token or OTADESK_TOKEN, or the connection "
                                          "settings).");
        if (m_retryAfter >= 0 && (m_status == 429 || m_status == 503))
            text += QLatin1Char(' ') + tr("Try again in %n second(s).", nullptr, m_retryAfter);
        return text;
    }
    default:
        return m_message;
    }
}

Error ApiError::toError() const
{
    switch (m_kind) {
    case Kind::None:
        return {};
    case Kind::Cancelled:
        return Error(ErrorCode::Cancelled, toString());
    case Kind::Network:
    case Kind::Tls:
    case Kind::Timeout:
    case Kind::Local:
        return Error(ErrorCode::Io, toString());
    case Kind::InvalidResponse:
        return Error(ErrorCode::Format, toString());
    case Kind::Http:
        if (m_status == 404)
            return Error(ErrorCode::NotFound, toString());
        if (m_code == QLatin1String("checksum_mismatch"))
            return Error(ErrorCode::Checksum, toString());
        if (m_status >= 500)
            return Error(ErrorCode::Internal, toString());
        return Error(ErrorCode::InvalidArgument, toString());
    }
    return Error(ErrorCode::Internal, toString());
}

ApiError ApiError::fromReply(QNetworkReply *reply, const QByteArray &body, bool timedOut, bool cancelled,
                             const QString &serverName, const QString &tlsDetail)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError net = reply->error();
    ApiError e;
    if (cancelled) {
        e = other(Kind::Cancelled, tr("Cancelled."));
    } else if (timedOut || net == QNetworkReply::TimeoutError ||
               (net == QNetworkReply::OperationCanceledError && status == 0)) {
        const int ms = reply->request().transferTimeout();
        e = other(Kind::Timeout,
                  tr("%1 did not answer within %2 s (timeout); the server may be overloaded or "
                     "unreachable.")
                      .arg(serverName)
                      .arg(ms > 0 ? ms / 1000.0 : 30.0));
    } else if (status >= 400) {
        const QJsonObject error =
            QJsonDocument::fromJson(body).object().value(QLatin1String("error")).toObject();
        QString message = error.value(QLatin1String("message")).toString();
        if (message.isEmpty()) {
            const QString reason =
                reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString().trimmed();
            message = tr("%1 answered HTTP %2%3 without an API error body")
                          .arg(serverName)
                          .arg(status)
                          .arg(reason.isEmpty() ? QString() : QLatin1Char(' ') + reason);
        }
        e = http(status, error.value(QLatin1String("code")).toString(), message, error);
        bool ok = false;
        const int retryAfter = reply->rawHeader("Retry-After").trimmed().toInt(&ok);
        if (ok)
            e.m_retryAfter = retryAfter;
    } else if (net == QNetworkReply::SslHandshakeFailedError || !tlsDetail.isEmpty()) {
        e = other(
            Kind::Tls,
            tr("The TLS certificate of %1 is not trusted (%2). Trust the server's certificate with "
               "--ca-cert FILE (e.g. the server.crt written by \"otactl server init\"; in the app: the CA "
               "certificate of the connection), or, for a local test server only, turn verification off "
               "with --insecure.")
                .arg(serverName, tlsDetail.isEmpty() ? reply->errorString() : tlsDetail));
    } else if (net != QNetworkReply::NoError) {
        e = other(Kind::Network, tr("Cannot reach %1: %2").arg(serverName, reply->errorString()));
    } else {
        return e; // success
    }
    e.m_networkError = net;
    e.m_status = status;
    e.m_requestId = QString::fromLatin1(reply->rawHeader("X-Request-Id"));
    return e;
}

} // namespace otadesk::client
