#pragma once
// Export of the devices matching a filter to a CSV file (GET /api/v1/devices/export), streamed to disk as it
// arrives: progress in rows against the expected count, cancel at any time. The file appears only when the
// whole export arrived (QSaveFile); a cancelled or failed export leaves nothing behind.
#include <QObject>
#include <QPointer>

class QNetworkReply;
class QSaveFile;

namespace otadesk::client {
class ApiClient;
}

namespace otadesk::ui {

class DeviceExportJob : public QObject
{
    Q_OBJECT
public:
    // expectedRows: the match count (for progress), -1 when unknown.
    DeviceExportJob(client::ApiClient *client, const QString &filter, const QString &path, qint64 expectedRows,
                    QObject *parent = nullptr);
    ~DeviceExportJob() override;

    void start();
    void cancel();
    bool isRunning() const { return bool(m_reply); }
    qint64 rows() const { return m_rows; }
    QString path() const { return m_path; }

Q_SIGNALS:
    void progress(qint64 rows, qint64 expectedRows);
    // ok: the file is complete; otherwise message says why (empty when cancelled).
    void finished(bool ok, const QString &message);

private:
    void onReadyRead();
    void onFinished();
    void fail(const QString &message);

    client::ApiClient *m_client;
    QString m_filter;
    QString m_path;
    qint64 m_expected;
    qint64 m_rows = 0;
    bool m_cancelled = false;
    QPointer<QNetworkReply> m_reply;
    QSaveFile *m_file = nullptr;
};

} // namespace otadesk::ui
