#include "ui/devices/DeviceExportJob.h"

#include "core/client/ApiClient.h"
#include "core/client/ApiError.h"

#include <QDir>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSaveFile>
#include <QUrlQuery>

namespace otadesk::ui {

DeviceExportJob::DeviceExportJob(client::ApiClient *client, const QString &filter, const QString &path,
                                 qint64 expectedRows, QObject *parent)
    : QObject(parent), m_client(client), m_filter(filter.trimmed()), m_path(path), m_expected(expectedRows)
{
}

DeviceExportJob::~DeviceExportJob()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    if (m_file)
        m_file->cancelWriting();
    delete m_file;
}

void DeviceExportJob::start()
{
    m_file = new QSaveFile(m_path);
    if (!m_file->open(QIODevice::WriteOnly)) {
        fail(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(m_path), m_file->errorString()));
        return;
    }
    QUrlQuery query;
    if (!m_filter.isEmpty())
        query.addQueryItem(QStringLiteral("filter"), QString::fromLatin1(QUrl::toPercentEncoding(m_filter)));
    QNetworkRequest request = m_client->networkRequest(QStringLiteral("/devices/export"), query);
    request.setRawHeader("Accept", "text/csv");
    m_reply = m_client->network()->get(request);
    connect(m_reply, &QNetworkReply::readyRead, this, &DeviceExportJob::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &DeviceExportJob::onFinished);
}

void DeviceExportJob::cancel()
{
    m_cancelled = true;
    if (m_reply)
        m_reply->abort(); // finished() follows
}

void DeviceExportJob::onReadyRead()
{
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 300)
        return; // the error body is read in onFinished()
    const QByteArray chunk = m_reply->readAll();
    m_rows += chunk.count('\n');
    if (m_file->write(chunk) != chunk.size()) {
        fail(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(m_path), m_file->errorString()));
        return;
    }
    // The header line is not a device.
    Q_EMIT progress(qMax<qint64>(0, m_rows - 1), m_expected);
}

void DeviceExportJob::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    if (!m_cancelled && reply->error() == QNetworkReply::NoError)
        onReadyRead();
    if (!m_file) // failed while writing
        return;
    m_reply = nullptr;
    reply->deleteLater();
    if (m_cancelled) {
        m_file->cancelWriting();
        m_file->commit();
        Q_EMIT finished(false, {});
        return;
    }
    if (reply->error() != QNetworkReply::NoError) {
        const client::ApiError error = client::ApiError::fromReply(reply, reply->readAll(), false, false,
                                                                   m_client->endpoint().baseUrl.host());
        fail(tr("The export failed: %1").arg(error.toString()));
        return;
    }
    if (!m_file->commit()) {
        fail(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(m_path), m_file->errorString()));
        return;
    }
    delete m_file;
    m_file = nullptr;
    m_rows = qMax<qint64>(0, m_rows - 1);
    Q_EMIT progress(m_rows, m_expected);
    Q_EMIT finished(true, {});
}

void DeviceExportJob::fail(const QString &message)
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    if (m_file) {
        m_file->cancelWriting();
        m_file->commit();
        delete m_file;
        m_file = nullptr;
    }
    Q_EMIT finished(false, message);
}

} // namespace otadesk::ui
