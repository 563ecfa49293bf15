#pragma once
// One asynchronous API request (with its automatic retries). ApiClient creates it; connect to finished() or
// use then(); by default it deletes itself (deleteLater) right after finished() was emitted, so read what you
// need inside the slot. Call setAutoDelete(false) to keep it (then delete it yourself).
//
//   client->whoami()->then(this, [this](const ApiCall &call) {
//       if (call.failed()) { showError(call.error().toString()); return; }
//       auto me = WhoAmI::fromJson(call.object());
//   });
#include "core/client/ApiError.h"

#include <functional>
#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace otadesk::client {

class ApiCall : public QObject
{
    Q_OBJECT
public:
    ~ApiCall() override;

    // Runs callback(*this) once the call has finished (success or failure), unless context was destroyed.
    // Returns this, for chaining.
    ApiCall *then(QObject *context, std::function<void(const ApiCall &)> callback);

    bool isFinished() const { return m_finished; }
    bool ok() const { return m_finished && !m_error.isError(); }
    bool failed() const { return m_error.isError(); }
    const ApiError &error() const { return m_error; }

    int status() const { return m_status; } // HTTP status of the last attempt, 0 if none
    const QByteArray &body() const { return m_body; }
    QJsonObject object() const; // the body as a JSON object (empty if it is not one)
    QJsonArray array() const;
    QByteArray rawHeader(const QByteArray &name) const;
    const QByteArray &method() const { return m_method; }
    QUrl url() const { return m_request.url(); }
    int attempts() const { return m_attempt; } // 1 + retries used

    void setAutoDelete(bool on) { m_autoDelete = on; }
    // Stops the request (and any pending retry); finishes with ApiError::Kind::Cancelled.
    void abort();
    // Blocks in a local event loop until finished (for otactl and tests; never in GUI code). Turns off
    // auto-delete; once finished, the call has no parent any more and the caller must delete it. False if it
    // did not finish within timeoutMs (-1: no limit).
    bool waitForFinished(int timeoutMs = -1);

Q_SIGNALS:
    void finished();
    // Upload progress of the request body (PUT parts, envelope POSTs).
    void uploadProgress(qint64 sent, qint64 total);

private:
    friend class ApiClient;
    ApiCall(QNetworkAccessManager *network, QNetworkRequest request, QByteArray method, QByteArray body,
            int retries, QString serverName, QObject *parent);
    void startAttempt();
    void onReplyFinished();
    void finish(ApiError error);
    bool isIdempotent() const;
    int backoffMs(const ApiError &error) const;

    QNetworkAccessManager *m_network;
    QNetworkRequest m_request;
    QByteArray m_method;
    QByteArray m_requestBody;
    int m_retries;
    QString m_serverName;
    QPointer<QNetworkReply> m_reply;
    QTimer *m_retryTimer = nullptr;
    int m_attempt = 0;
    bool m_finished = false;
    bool m_autoDelete = true;
    bool m_cancelled = false;
    QString m_tlsDetail;
    int m_status = 0;
    QByteArray m_body;
    QList<QNetworkReply::RawHeaderPair> m_headers;
    ApiError m_error;
};

} // namespace otadesk::client
