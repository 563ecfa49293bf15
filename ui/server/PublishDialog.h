#pragma once
// Publishes one thing to the connected server and shows how it goes: a firmware library entry as a payload
// (the bytes a device installs — the stored file for binaries and auxiliary files, the flattened image
// otherwise, prepared on a worker thread — sent with the client's resumable UploadJob), or a signed SUIT
// envelope (POST /manifests). Progress bar and Cancel (the server-side upload is discarded); a refusal is shown
// with the server's own reason. Start the work with publishEntry()/publishEnvelope(), then run the dialog.
#include "core/client/ApiTypes.h"
#include "core/common/ActivityLog.h"
#include "core/library/FirmwareLibrary.h"

#include <QDialog>
#include <QPointer>
#include <memory>

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTemporaryDir;

namespace otadesk::client {
class ApiCall;
class UploadJob;
} // namespace otadesk::client

namespace otadesk::ui {

class LibraryTask;
class ServerConnection;

class PublishDialog : public QDialog
{
    Q_OBJECT
public:
    PublishDialog(ServerConnection *connection, ActivityLog *log, QWidget *parent = nullptr);
    ~PublishDialog() override;

    void publishEntry(const QString &workspacePath, const library::FirmwareEntry &entry);
    void publishEnvelope(const QByteArray &envelope, const QString &source);

    bool isFinished() const { return m_finished; }
    bool succeeded() const { return m_finished && m_error.isEmpty(); }
    QString errorText() const { return m_error; }
    const client::Payload &payload() const { return m_payload; }
    const client::Manifest &manifest() const { return m_manifest; }

    QLabel *statusLabel() const { return m_status; }
    QProgressBar *progressBar() const { return m_bar; }
    QPushButton *cancelButton() const { return m_cancel; }

public Q_SLOTS:
    void cancel();
    void reject() override; // Escape / window close: cancels while the work runs

Q_SIGNALS:
    void finished(bool ok);

private:
    void startUpload(const QString &path, const QString &name);
    void succeed(const QString &text);
    void fail(const QString &text);
    void done();

    ServerConnection *m_connection;
    ActivityLog *m_log;
    QLabel *m_what;
    QLabel *m_status;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
    std::unique_ptr<QTemporaryDir> m_temp;
    LibraryTask *m_prepare = nullptr;
    QPointer<client::UploadJob> m_upload;
    QPointer<client::ApiCall> m_call;
    bool m_finished = false;
    bool m_cancelled = false;
    QString m_error;
    client::Payload m_payload;
    client::Manifest m_manifest;
};

} // namespace otadesk::ui
