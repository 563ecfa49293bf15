#pragma once
// Downloads a payload's content (GET /payloads/{id}/content) to a file, streaming (never whole in memory).
// Bytes go to "<file>.part"; after an interruption the job continues with "Range: bytes=<have>-" (also across
// runs: an existing .part file is continued), and at the end the SHA-256 of the whole file must equal the
// payload's sha256 (from GET /payloads/{id}) before the .part file is renamed to the target.
#include "core/client/ApiError.h"
#include "core/client/ApiTypes.h"

#include <memory>
#include <QFile>
#include <QObject>
#include <QPointer>

class QNetworkReply;
class QTimer;

namespace otadesk::crypto {
class Digest;
}

namespace otadesk::client {

class ApiClient;
class ApiCall;

class DownloadJob : public QObject
{
    Q_OBJECT
public:
    DownloadJob(ApiClient *client, qint64 payloadId, const QString &filePath, QObject *parent = nullptr);
    ~DownloadJob() override;

    // Overwrite an existing target file (default: refuse).
    void setOverwrite(bool on) { m_overwrite = on; }
    // Range resumes after network errors (default 5).
    void setMaxResumeAttempts(int n) { m_maxResumes = n; }
    void start();
    // Stops; the .part file stays so that a later job continues it.
    void cancel();

    bool isFinished() const { return m_finished; }
    bool ok() const { return m_finished && !m_error.isError(); }
    const ApiError &error() const { return m_error; }
    const Payload &payload() const { return m_payload; }
    qint64 bytesReceived() const { return m_have; }
    qint64 totalBytes() const { return m_payload.size; }
    int resumesUsed() const { return m_resumes; }
    QString partFilePath() const { return m_path + QStringLiteral(".part"); }

Q_SIGNALS:
    void progress(qint64 bytesReceived, qint64 totalBytes);
    void resuming(qint64 atOffset, const otadesk::client::ApiError &reason);
    void finished();

private:
    void onPayloadInfo(const ApiCall &call);
    void request();
    void onReadyRead();
    void onReplyFinished();
    void retryOrFail(const ApiError &error);
    void complete();
    void fail(const ApiError &error);

    QPointer<ApiClient> m_client;
    qint64 m_payloadId;
    QString m_path;
    QFile m_part;
    Payload m_payload;
    qint64 m_have = 0;
    std::unique_ptr<crypto::Digest> m_digest;
    QPointer<QNetworkReply> m_reply;
    QPointer<ApiCall> m_infoCall;
    QTimer *m_retryTimer = nullptr;
    bool m_overwrite = false;
    bool m_acceptBody = false;
    bool m_timedOut = false;
    bool m_cancel = false;
    bool m_finished = false;
    int m_maxResumes = 5;
    int m_resumes = 0;
    QString m_tlsDetail;
    ApiError m_error;
};

} // namespace otadesk::client
