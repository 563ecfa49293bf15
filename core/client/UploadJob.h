#pragma once
// Resumable chunked upload of a file from disk to the server (POST /uploads, PUT
// /uploads/{id}/parts/{offset}, POST /uploads/{id}/finish). Reads one part (the server's part_size, 8 MiB by
// default) at a time — never the whole file — and computes the SHA-256 while reading. When a part fails (even
// after ApiCall's own retries), it asks the server where it stands (GET /uploads/{id}) and continues at
// "received", up to maxResumeAttempts times. An upload begun earlier (by this or another process) is
// continued with resumeUpload(id).
//
//   auto *job = new UploadJob(client, path, this);
//   connect(job, &UploadJob::progress, bar, [bar](qint64 done, qint64 total) { ... });
//   connect(job, &UploadJob::finished, this, [job] { if (job->ok()) use(job->payload()); job->deleteLater();
//   }); job->start();
#include "core/client/ApiError.h"
#include "core/client/ApiTypes.h"

#include <memory>
#include <QFile>
#include <QObject>
#include <QPointer>

namespace otadesk::crypto {
class Digest;
}

namespace otadesk::client {

class ApiClient;
class ApiCall;

class UploadJob : public QObject
{
    Q_OBJECT
public:
    // name: the payload name on the server (default: the file name).
    UploadJob(ApiClient *client, const QString &filePath, const QString &name = {},
              QObject *parent = nullptr);
    ~UploadJob() override;

    // Continue the existing upload id instead of creating a new one (call before start()).
    void resumeUpload(const QString &uploadId) { m_uploadId = uploadId; }
    // How many times a failed part is followed by GET /uploads/{id} and a new attempt (default 5).
    void setMaxResumeAttempts(int n) { m_maxResumes = n; }
    // Opens the file, creates (or looks up) the upload and sends the parts; finished() at the end.
    void start();
    // Stops after the request in flight; finishes with Kind::Cancelled. discardOnServer: DELETE the upload
    // too (otherwise it can be resumed later with resumeUpload(uploadId())).
    void cancel(bool discardOnServer = false);

    bool isFinished() const { return m_finished; }
    bool ok() const { return m_finished && !m_error.isError(); }
    const ApiError &error() const { return m_error; }
    QString uploadId() const { return m_uploadId; } // empty until created
    qint64 bytesSent() const { return m_offset; }
    qint64 totalBytes() const { return m_size; }
    int resumesUsed() const { return m_resumes; }
    // Bytes put on the wire in part bodies by this job (more than totalBytes() - start offset after resends).
    qint64 bytesTransferred() const { return m_transferred; }
    // After success: the payload (created, or the existing one with the same content: reusedExisting()).
    const Payload &payload() const { return m_payload; }
    bool reusedExisting() const { return m_reused; }
    QString sha256Hex() const { return m_sha256Hex; }

Q_SIGNALS:
    void uploadCreated(const QString &uploadId);
    void progress(qint64 bytesSent, qint64 totalBytes);
    // A part failed and the job is continuing at the server's "received" offset.
    void resuming(qint64 atOffset, const otadesk::client::ApiError &reason);
    void finished();

private:
    void onUploadInfo(const ApiCall &call, bool created);
    void sendNextPart();
    void onPartDone(const ApiCall &call, qint64 offset, const QByteArray &chunk);
    void recover(const ApiError &reason);
    bool digestUpTo(qint64 offset, const QByteArray *chunk, qint64 chunkOffset);
    void sendFinish();
    void fail(const ApiError &error);
    void succeed();

    QPointer<ApiClient> m_client;
    QString m_path;
    QString m_name;
    QFile m_file;
    qint64 m_size = 0;
    QString m_uploadId;
    qint64 m_partSize = 8 * 1024 * 1024;
    qint64 m_offset = 0; // confirmed by the server
    qint64 m_hashed = 0; // bytes [0, m_hashed) are in m_digest
    std::unique_ptr<crypto::Digest> m_digest;
    QString m_sha256Hex;
    int m_maxResumes = 5;
    int m_resumes = 0;
    qint64 m_transferred = 0;
    bool m_cancel = false;
    bool m_discard = false;
    bool m_discarding = false;
    bool m_finished = false;
    bool m_reused = false;
    QPointer<ApiCall> m_current;
    Payload m_payload;
    ApiError m_error;
};

} // namespace otadesk::client
