#include "core/client/UploadJob.h"
#include "core/client/ApiClient.h"
#include "core/client/ClientLogging.h"
#include "core/crypto/Digest.h"

#include <QDir>
#include <QFileInfo>
#include <QTimer>

namespace otadesk::client {

namespace {
constexpr qint64 kReadChunk = 1024 * 1024;
}

UploadJob::UploadJob(ApiClient *client, const QString &filePath, const QString &name, QObject *parent)
    : QObject(parent), m_client(client), m_path(filePath),
      m_name(name.isEmpty() ? QFileInfo(filePath).fileName() : name), m_file(filePath),
      m_digest(std::make_unique<crypto::Digest>())
{
}

UploadJob::~UploadJob()
{
    if (m_current)
        m_current->abort();
}

void UploadJob::start()
{
    if (!m_client) {
        fail(ApiError::other(ApiError::Kind::Local, tr("No server connection.")));
        return;
    }
    if (!m_file.open(QIODevice::ReadOnly)) {
        const ApiError error = ApiError::other(
            ApiError::Kind::Local,
            tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(m_path), m_file.errorString()));
        QTimer::singleShot(0, this, [this, error] { fail(error); });
        return;
    }
    m_size = m_file.size();
    if (!m_uploadId.isEmpty()) {
        m_current = m_client->upload(m_uploadId);
        m_current->then(this, [this](const ApiCall &call) { onUploadInfo(call, false); });
    } else {
        m_current = m_client->createUpload(m_name, m_size);
        m_current->then(this, [this](const ApiCall &call) { onUploadInfo(call, true); });
    }
}

void UploadJob::cancel(bool discardOnServer)
{
    if (m_finished)
        return;
    m_cancel = true;
    m_discard = discardOnServer;
    if (m_current)
        m_current->abort(); // its callback finishes the job
    else
        fail(ApiError::other(ApiError::Kind::Cancelled, tr("Upload cancelled.")));
}

void UploadJob::onUploadInfo(const ApiCall &call, bool created)
{
    m_current = nullptr;
    if (call.failed()) {
        if (!created && call.error().isTransient() && m_resumes > 0 && !m_cancel) {
            recover(call.error());
            return;
        }
        fail(call.error());
        return;
    }
    const Upload upload = Upload::fromJson(call.object());
    if (created) {
        m_uploadId = upload.id;
        Q_EMIT uploadCreated(m_uploadId);
    }
    if (upload.partSize > 0)
        m_partSize = upload.partSize;
    if (upload.size != m_size) {
        fail(ApiError::other(ApiError::Kind::Local,
                             tr("The upload %1 on the server expects %2 bytes, but %3 has %4 bytes.")
                                 .arg(m_uploadId)
                                 .arg(upload.size)
                                 .arg(QDir::toNativeSeparators(m_path))
                                 .arg(m_size)));
        return;
    }
    if (upload.state == QLatin1String("finished") && upload.payloadId) {
        // Finished already (e.g. our finish call succeeded but its answer was lost): check it is our content.
        if (m_sha256Hex.isEmpty()) {
            if (!digestUpTo(m_size, nullptr, 0))
                return;
            m_sha256Hex = QString::fromLatin1(m_digest->result().toHex());
        }
        m_current = m_client->payload(*upload.payloadId);
        m_current->then(this, [this](const ApiCall &info) {
            m_current = nullptr;
            if (info.failed())
                return fail(info.error());
            m_payload = Payload::fromJson(info.object());
            if (m_payload.sha256 != m_sha256Hex)
                return fail(
                    ApiError::other(ApiError::Kind::Local,
                                    tr("The upload %1 was finished with different content (SHA-256 %2, "
                                       "the file has %3).")
                                        .arg(m_uploadId)
                                        .arg(m_payload.sha256, m_sha256Hex)));
            m_offset = m_size;
            Q_EMIT progress(m_offset, m_size);
            succeed();
        });
        return;
    }
    if (upload.state != QLatin1String("open")) {
        fail(ApiError::other(
            ApiError::Kind::Local,
            tr("The upload %1 is %2 on the server and cannot be continued; start a new upload.")
                .arg(m_uploadId)
                .arg(upload.state)));
        return;
    }
    m_offset = upload.received;
    if (!digestUpTo(m_offset, nullptr, 0))
        return;
    Q_EMIT progress(m_offset, m_size);
    sendNextPart();
}

bool UploadJob::digestUpTo(qint64 offset, const QByteArray *chunk, qint64 chunkOffset)
{
    if (offset < m_hashed) {
        m_digest = std::make_unique<crypto::Digest>();
        m_hashed = 0;
    }
    if (chunk && chunkOffset == m_hashed && chunkOffset + chunk->size() <= offset) {
        m_digest->addData(*chunk);
        m_hashed += chunk->size();
    }
    while (m_hashed < offset) {
        if (!m_file.seek(m_hashed)) {
            fail(ApiError::other(
                ApiError::Kind::Local,
                tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(m_path), m_file.errorString())));
            return false;
        }
        const QByteArray bytes = m_file.read(qMin(kReadChunk, offset - m_hashed));
        if (bytes.isEmpty()) {
            fail(ApiError::other(
                ApiError::Kind::Local,
                tr("%1 became shorter while it was uploaded.").arg(QDir::toNativeSeparators(m_path))));
            return false;
        }
        m_digest->addData(bytes);
        m_hashed += bytes.size();
    }
    return true;
}

void UploadJob::sendNextPart()
{
    if (m_cancel)
        return fail(ApiError::other(ApiError::Kind::Cancelled, tr("Upload cancelled.")));
    if (m_offset >= m_size)
        return sendFinish();
    const qint64 offset = m_offset;
    const qint64 length = qMin(m_partSize, m_size - offset);
    QByteArray chunk;
    if (m_file.seek(offset))
        chunk = m_file.read(length);
    if (chunk.size() != length)
        return fail(ApiError::other(ApiError::Kind::Local,
                                    tr("Cannot read %1 bytes at offset %2 of %3: %4")
                                        .arg(length)
                                        .arg(offset)
                                        .arg(QDir::toNativeSeparators(m_path), m_file.errorString())));
    m_transferred += length;
    m_current = m_client->putUploadPart(m_uploadId, offset, chunk);
    connect(m_current, &ApiCall::uploadProgress, this,
            [this, offset](qint64 sent, qint64) { Q_EMIT progress(offset + sent, m_size); });
    m_current->then(this, [this, offset, chunk](const ApiCall &call) { onPartDone(call, offset, chunk); });
}

void UploadJob::onPartDone(const ApiCall &call, qint64 offset, const QByteArray &chunk)
{
    m_current = nullptr;
    if (call.failed()) {
        const ApiError &e = call.error();
        if (m_cancel || e.kind() == ApiError::Kind::Cancelled)
            return fail(ApiError::other(ApiError::Kind::Cancelled, tr("Upload cancelled.")));
        if (e.isTransient() || e.code() == QLatin1String("offset_mismatch"))
            return recover(e);
        return fail(e);
    }
    const qint64 received = idFromJson(call.object().value(QLatin1String("received")));
    if (received < offset || received > m_size)
        return fail(
            ApiError::other(ApiError::Kind::InvalidResponse,
                            tr("The server confirmed %1 bytes of upload %2 after a part at offset %3.")
                                .arg(received)
                                .arg(m_uploadId)
                                .arg(offset)));
    if (!digestUpTo(received, &chunk, offset))
        return;
    m_offset = received;
    Q_EMIT progress(m_offset, m_size);
    sendNextPart();
}

void UploadJob::recover(const ApiError &reason)
{
    if (m_resumes >= m_maxResumes)
        return fail(reason);
    ++m_resumes;
    qCInfo(lcClient).noquote() << "upload" << m_uploadId << "interrupted:" << reason.toString()
                               << "- asking the server";
    Q_EMIT resuming(m_offset, reason);
    QTimer::singleShot(qMin(250 * m_resumes, 3000), this, [this] {
        if (m_cancel)
            return fail(ApiError::other(ApiError::Kind::Cancelled, tr("Upload cancelled.")));
        m_current = m_client->upload(m_uploadId);
        m_current->then(this, [this](const ApiCall &call) { onUploadInfo(call, false); });
    });
}

void UploadJob::sendFinish()
{
    if (m_sha256Hex.isEmpty()) {
        if (!digestUpTo(m_size, nullptr, 0))
            return;
        m_sha256Hex = QString::fromLatin1(m_digest->result().toHex());
        m_digest = std::make_unique<crypto::Digest>(); // result() ends a digest; start over if we must resume
        m_hashed = 0;
    }
    m_current = m_client->finishUpload(m_uploadId, m_sha256Hex);
    m_current->then(this, [this](const ApiCall &call) {
        m_current = nullptr;
        if (call.failed()) {
            const ApiError &e = call.error();
            if (m_cancel || e.kind() == ApiError::Kind::Cancelled)
                return fail(ApiError::other(ApiError::Kind::Cancelled, tr("Upload cancelled.")));
            // A lost answer or missing bytes: look at the upload and continue from there.
            if (e.isTransient() || (e.httpStatus() == 409 && e.code() == QLatin1String("conflict")))
                return recover(e);
            return fail(e);
        }
        m_payload = Payload::fromJson(call.object());
        m_reused = call.status() == 200;
        succeed();
    });
}

void UploadJob::fail(const ApiError &error)
{
    if (m_finished || m_discarding)
        return;
    if (error.kind() == ApiError::Kind::Cancelled && m_discard && !m_uploadId.isEmpty() && m_client) {
        // Finish only once the server has dropped the upload.
        m_discard = false;
        m_discarding = true;
        m_current = m_client->abortUpload(m_uploadId);
        m_current->then(this, [this, error](const ApiCall &) {
            m_current = nullptr;
            m_discarding = false;
            fail(error);
        });
        return;
    }
    m_finished = true;
    m_error = error;
    m_file.close();
    Q_EMIT finished();
}

void UploadJob::succeed()
{
    m_finished = true;
    m_file.close();
    Q_EMIT finished();
}

} // namespace otadesk::client
