#pragma once
// Why an API call failed, with a message that names the server's reason:
//   "Server refused: The upload 7 expects offset 1048576 (409 offset_mismatch)"
//   "Cannot reach http://127.0.0.1:8080: Connection refused"
//   "The TLS certificate of https://... is not trusted (self-signed certificate). Trust it with --ca-cert
//   FILE ..."
#include "core/common/Error.h"

#include <QJsonObject>
#include <QMetaType>
#include <QNetworkReply>
#include <QString>

namespace otadesk::client {

class ApiError
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::client::ApiError)
public:
    enum class Kind
    {
        None,            // no error
        Http,            // the server answered with a 4xx/5xx status (code/message from its JSON body)
        Network,         // connection refused, reset, host not found, ...
        Tls,             // the certificate was not trusted or the handshake failed
        Timeout,         // no byte moved for timeoutMs
        Cancelled,       // abort()/cancel() by the caller
        InvalidResponse, // the answer was not the JSON the API promises
        Local,           // a local file could not be read/written, or a downloaded digest did not match
    };

    ApiError() = default;
    static ApiError http(int status, const QString &code, const QString &message,
                         const QJsonObject &details = {});
    static ApiError other(Kind kind, const QString &message);

    bool isError() const { return m_kind != Kind::None; }
    explicit operator bool() const { return isError(); }
    Kind kind() const { return m_kind; }
    int httpStatus() const { return m_status; }                // 0 when the server did not answer
    const QString &code() const { return m_code; }             // "offset_mismatch", "" for non-HTTP errors
    const QString &serverMessage() const { return m_message; } // the server's sentence (or the local reason)
    const QJsonObject &details() const { return m_details; }   // the whole "error" object of the body
    const QString &requestId() const { return m_requestId; }   // X-Request-Id of the answer, for log searches
    int retryAfterSeconds() const { return m_retryAfter; }     // from Retry-After (429/503), -1 if absent
    QNetworkReply::NetworkError networkError() const { return m_networkError; }

    // Transient failures worth another attempt for an idempotent request.
    bool isTransient() const;
    // The one line to show people (see the examples above).
    QString toString() const;
    // As a core Error (NotFound for 404, Cancelled, Io for network/TLS, InvalidArgument for other refusals,
    // ...).
    Error toError() const;

    // Builds the error of a finished reply; body is what was read from it. timedOut: the transfer timeout
    // fired.
    static ApiError fromReply(QNetworkReply *reply, const QByteArray &body, bool timedOut, bool cancelled,
                              const QString &serverName, const QString &tlsDetail = {});

private:
    Kind m_kind = Kind::None;
    int m_status = 0;
    QString m_code;
    QString m_message;
    QJsonObject m_details;
    QString m_requestId;
    int m_retryAfter = -1;
    QNetworkReply::NetworkError m_networkError = QNetworkReply::NoError;
};

} // namespace otadesk::client

Q_DECLARE_METATYPE(otadesk::client::ApiError)
