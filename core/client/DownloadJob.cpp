#include "core/client/DownloadJob.h"
#include "core/client/ApiClient.h"
#include "core/client/ClientLogging.h"
#include "core/crypto/Digest.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSslError>
#include <QTimer>

namespace otadesk::client {

DownloadJob::DownloadJob(ApiClient *client, qint64 payloadId, const QString &filePath, QObject *parent)
    : QObject(parent), m_client(client), m_payloadId(payloadId), m_path(filePath)
{
}

DownloadJob::~DownloadJob()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    if (m_infoCall)
        m_infoCall->abort();
}

void DownloadJob::start()
{
    if (!m_client)
        return fail(ApiError::other(ApiError::Kind::Local, tr("No server connection.")));
    if (QFileInfo::exists(m_path) && !m_overwrite) {
        const ApiError error = ApiError::other(
            ApiError::Kind::Local, tr("%1 exists already; choose another file or overwrite it (--force).")
                                       .arg(QDir::toNativeSeparators(m_path)));
        QTimer::singleShot(0, this, [this, error] { fail(error); });
        return;
    }
    m_infoCall = m_client->payload(m_payloadId);
    m_infoCall->then(this, [this](const ApiCall &call) { onPayloadInfo(call); });
}

void DownloadJob::cancel()
{
    if (m_finished)
        return;
    m_cancel = true;
    if (m_infoCall)
        m_infoCall->abort();
    if (m_reply)
        m_reply->abort();
    if (m_retryTimer)
        m_retryTimer->stop();
    if (!m_finished && !m_reply && !m_infoCall)
        fail(ApiError::other(ApiError::Kind::Cancelled, tr("Download cancelled.")));
}

void DownloadJob::onPayloadInfo(const ApiCall &call)
{
    m_infoCall = nullptr;
    if (call.failed())
        return fail(m_cancel ? ApiError::other(ApiError::Kind::Cancelled, tr("Download cancelled."))
                             : call.error());
    m_payload = Payload::fromJson(call.object());
    m_part.setFileName(partFilePath());
    if (!m_part.open(QIODevice::ReadWrite))
        return fail(ApiError::other(
            ApiError::Kind::Local,
            tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(partFilePath()), m_part.errorString())));
    // Continue a .part file left by an earlier attempt: hash what is there.
    m_digest = std::make_unique<crypto::Digest>();
    m_have = m_part.size();
    if (m_have > m_payload.size) {
        m_part.resize(0);
        m_have = 0;
    }
    m_part.seek(0);
    if (m_have > 0) {
        qint64 hashed = 0;
        while (hashed < m_have) {
            const QByteArray bytes = m_part.read(qMin<qint64>(1024 * 1024, m_have - hashed));
            if (bytes.isEmpty())
                return fail(
                    ApiError::other(ApiError::Kind::Local, tr("Cannot read %1: %2")
                                                               .arg(QDir::toNativeSeparators(partFilePath()),
                                                                    m_part.errorString())));
            m_digest->addData(bytes);
            hashed += bytes.size();
        }
        qCInfo(lcClient) << "continuing the download of payload" << m_payloadId << "at" << m_have;
    }
    m_part.seek(m_have);
    Q_EMIT progress(m_have, m_payload.size);
    if (m_have == m_payload.size && m_payload.size > 0)
        return complete();
    request();
}

void DownloadJob::request()
{
    if (m_cancel)
        return fail(ApiError::other(ApiError::Kind::Cancelled, tr("Download cancelled.")));
    QNetworkRequest req = m_client->networkRequest(QStringLiteral("/payloads/%1/content").arg(m_payloadId));
    req.setRawHeader("Accept", "application/octet-stream");
    if (m_have > 0)
        req.setRawHeader("Range", "bytes=" + QByteArray::number(m_have) + '-');
    m_acceptBody = false;
    m_timedOut = false;
    m_tlsDetail.clear();
    m_reply = m_client->network()->get(req);
    m_reply->setReadBufferSize(4 * 1024 * 1024);
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        QStringList texts;
        for (const QSslError &e : errors)
            texts << e.errorString();
        m_tlsDetail = texts.join(QStringLiteral("; "));
    });
    connect(m_reply, &QNetworkReply::metaDataChanged, this, [this] {
        if (!m_reply)
            return;
        const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray etag = m_reply->rawHeader("ETag");
        const QString expected = QLatin1Char('"') + m_payload.sha256 + QLatin1Char('"');
        if ((status == 200 || status == 206) && !etag.isEmpty() && !m_payload.sha256.isEmpty() &&
            QString::fromLatin1(etag).compare(expected, Qt::CaseInsensitive) != 0) {
            m_acceptBody = false;
            m_error = ApiError::other(
                ApiError::Kind::InvalidResponse,
                tr("The server sends content with ETag %1 for payload %2, whose SHA-256 is %3.")
                    .arg(QString::fromLatin1(etag))
                    .arg(m_payloadId)
                    .arg(m_payload.sha256));
            m_reply->abort();
            return;
        }
        if (status == 206) {
            static const QRegularExpression range(QStringLiteral("^bytes (\\d+)-"));
            const auto match = range.match(QString::fromLatin1(m_reply->rawHeader("Content-Range")));
            if (!match.hasMatch() || match.captured(1).toLongLong() != m_have) {
                m_acceptBody = false;
                m_error = ApiError::other(
                    ApiError::Kind::InvalidResponse,
                    tr("The server answered a range request for offset %1 with Content-Range \"%2\".")
                        .arg(m_have)
                        .arg(QString::fromLatin1(m_reply->rawHeader("Content-Range"))));
                m_reply->abort();
                return;
            }
            m_acceptBody = true;
        } else if (status == 200) {
            if (m_have > 0) { // the server ignored the range: start over
                m_part.resize(0);
                m_part.seek(0);
                m_have = 0;
                m_digest = std::make_unique<crypto::Digest>();
            }
            m_acceptBody = true;
        }
    });
    connect(m_reply, &QNetworkReply::readyRead, this, &DownloadJob::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &DownloadJob::onReplyFinished);
}

void DownloadJob::onReadyRead()
{
    if (!m_reply || !m_acceptBody)
        return;
    const QByteArray bytes = m_reply->readAll();
    if (bytes.isEmpty())
        return;
    if (m_part.write(bytes) != bytes.size()) {
        m_acceptBody = false;
        m_error = ApiError::other(
            ApiError::Kind::Local,
            tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(partFilePath()), m_part.errorString()));
        m_reply->abort();
        return;
    }
    m_digest->addData(bytes);
    m_have += bytes.size();
    Q_EMIT progress(m_have, m_payload.size);
}

void DownloadJob::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    if (m_acceptBody && reply->error() == QNetworkReply::NoError)
        onReadyRead();
    m_reply = nullptr;
    reply->deleteLater();
    m_part.flush();
    if (m_error.isError())
        return fail(m_error);
    if (m_cancel)
        return fail(ApiError::other(ApiError::Kind::Cancelled, tr("Download cancelled.")));
    const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError;
    const QByteArray body = m_acceptBody ? QByteArray() : reply->readAll();
    ApiError error =
        ApiError::fromReply(reply, body, timedOut, false, m_client->endpoint().displayName(), m_tlsDetail);
    if (!error.isError()) {
        if (m_have == m_payload.size)
            return complete();
        error = ApiError::other(ApiError::Kind::Network,
                                tr("The download of payload %1 ended after %2 of %3 bytes.")
                                    .arg(m_payloadId)
                                    .arg(m_have)
                                    .arg(m_payload.size));
    }
    if (error.isTransient())
        return retryOrFail(error);
    fail(error);
}

void DownloadJob::retryOrFail(const ApiError &error)
{
    if (m_resumes >= m_maxResumes)
        return fail(error);
    ++m_resumes;
    qCInfo(lcClient).noquote() << "download of payload" << m_payloadId << "interrupted at" << m_have << ":"
                               << error.toString();
    Q_EMIT resuming(m_have, error);
    if (!m_retryTimer) {
        m_retryTimer = new QTimer(this);
        m_retryTimer->setSingleShot(true);
        connect(m_retryTimer, &QTimer::timeout, this, &DownloadJob::request);
    }
    m_retryTimer->start(qMin(250 * m_resumes, 3000));
}

void DownloadJob::complete()
{
    m_part.flush();
    const QString actual = QString::fromLatin1(m_digest->result().toHex());
    m_part.close();
    if (actual != m_payload.sha256) {
        QFile::remove(partFilePath());
        return fail(ApiError::other(
            ApiError::Kind::Local,
            tr("The downloaded content of payload %1 has SHA-256 %2, but the server lists %3; "
               "the partial file was removed. Download it again.")
                .arg(m_payloadId)
                .arg(actual, m_payload.sha256)));
    }
    if (QFileInfo::exists(m_path) && m_overwrite)
        QFile::remove(m_path);
    if (!QFile::rename(partFilePath(), m_path))
        return fail(ApiError::other(ApiError::Kind::Local, tr("Cannot rename %1 to %2.")
                                                               .arg(QDir::toNativeSeparators(partFilePath()),
                                                                    QDir::toNativeSeparators(m_path))));
    m_finished = true;
    Q_EMIT finished();
}

void DownloadJob::fail(const ApiError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    if (m_part.isOpen())
        m_part.close();
    Q_EMIT finished();
}

} // namespace otadesk::client
