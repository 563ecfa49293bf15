#include "ui/server/PublishDialog.h"

#include "core/client/ApiCall.h"
#include "core/client/UploadJob.h"
#include "core/common/Logging.h"
#include "ui/firmware/LibraryTask.h"
#include "ui/manifest/ManifestDrafts.h"
#include "ui/server/ServerConnection.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QVBoxLayout>

namespace otadesk::ui {

namespace {
const QString kSource = QStringLiteral("server");

QString sizeText(qint64 bytes) { return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat); }
} // namespace

PublishDialog::PublishDialog(ServerConnection *connection, ActivityLog *log, QWidget *parent)
    : QDialog(parent), m_connection(connection), m_log(log), m_what(new QLabel), m_status(new QLabel),
      m_bar(new QProgressBar), m_cancel(new QPushButton(tr("Cancel")))
{
    setObjectName(QStringLiteral("publishDialog"));
    setWindowTitle(tr("Publish to Server"));
    m_what->setObjectName(QStringLiteral("publishWhat"));
    m_what->setWordWrap(true);
    m_what->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setObjectName(QStringLiteral("publishStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setMinimumWidth(fontMetrics().averageCharWidth() * 70);
    m_bar->setObjectName(QStringLiteral("publishProgress"));
    m_bar->setRange(0, 0);
    m_cancel->setObjectName(QStringLiteral("publishCancel"));
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_finished)
            accept();
        else
            cancel();
        // (Cancel keeps the dialog open until the server has answered; then it reads Close.)
    });
    auto *buttons = new QDialogButtonBox;
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_what);
    layout->addWidget(m_bar);
    layout->addWidget(m_status);
    layout->addStretch(1);
    layout->addWidget(buttons);
}

PublishDialog::~PublishDialog()
{
    if (!m_finished)
        cancel();
    if (m_prepare)
        m_prepare->abandon();
    if (m_upload)
        m_upload->deleteLater();
}

void PublishDialog::publishEntry(const QString &workspacePath, const library::FirmwareEntry &entry)
{
    const bool asStored = entry.kind == library::EntryKind::Auxiliary || entry.format == QLatin1String("bin");
    const QString name = asStored ? entry.name : QFileInfo(entry.name).completeBaseName() + QStringLiteral(".bin");
    m_what->setText(asStored ? tr("Publishing <b>%1</b> (library entry %2, %3) to <b>%4</b> as payload “%5”.")
                                   .arg(entry.name.toHtmlEscaped())
                                   .arg(entry.id)
                                   .arg(sizeText(entry.fileSize), m_connection->name().toHtmlEscaped(),
                                        name.toHtmlEscaped())
                             : tr("Publishing the image of <b>%1</b> (library entry %2, flattened to binary — the "
                                  "bytes a device installs and a manifest's digest names) to <b>%3</b> as payload "
                                  "“%4”.")
                                   .arg(entry.name.toHtmlEscaped())
                                   .arg(entry.id)
                                   .arg(m_connection->name().toHtmlEscaped(), name.toHtmlEscaped()));
    m_status->setText(tr("Preparing the payload…"));
    m_temp = std::make_unique<QTemporaryDir>();
    const QString flatPath = m_temp->filePath(QStringLiteral("payload.bin"));
    auto path = std::make_shared<QString>();
    m_prepare = new LibraryTask(
        workspacePath,
        [entry, asStored, flatPath, path](library::FirmwareLibrary &lib, const std::atomic<bool> &cancelled) -> QString {
            if (asStored) {
                *path = lib.blobPath(entry.fileSha256);
                return QFileInfo::exists(*path) ? QString() : tr("The stored file of entry %1 is missing.").arg(entry.id);
            }
            auto bytes = libraryImageBytes(lib, entry);
            if (!bytes)
                return bytes.error().message();
            if (cancelled)
                return tr("Cancelled.");
            QSaveFile out(flatPath);
            if (!out.open(QIODevice::WriteOnly) || out.write(*bytes) != bytes->size() || !out.commit())
                return tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(flatPath), out.errorString());
            *path = flatPath;
            return {};
        },
        this);
    connect(m_prepare, &LibraryTask::finished, this, [this, path, name](const QString &error) {
        m_prepare->wait();
        m_prepare->deleteLater();
        m_prepare = nullptr;
        if (m_cancelled)
            return fail(tr("Cancelled."));
        if (!error.isEmpty())
            return fail(tr("Cannot prepare the payload: %1").arg(error));
        startUpload(*path, name);
    });
    m_prepare->start();
}

void PublishDialog::startUpload(const QString &path, const QString &name)
{
    if (!m_connection->isConnected())
        return fail(tr("Not connected to a server any more."));
    m_status->setText(tr("Uploading…"));
    m_upload = new client::UploadJob(m_connection->client(), path, name, this);
    connect(m_upload, &client::UploadJob::progress, this, [this](qint64 sent, qint64 total) {
        // Progress in KiB so that payloads above 2 GiB fit the int range of QProgressBar.
        m_bar->setRange(0, int(qMax<qint64>(1, total / 1024)));
        m_bar->setValue(int(sent / 1024));
        m_status->setText(tr("Uploading… %1 of %2").arg(sizeText(sent), sizeText(total)));
    });
    connect(m_upload, &client::UploadJob::resuming, this, [this](qint64 at, const client::ApiError &reason) {
        m_status->setText(tr("Resuming at %1 after: %2").arg(sizeText(at), reason.toString()));
    });
    connect(m_upload, &client::UploadJob::finished, this, [this] {
        client::UploadJob *job = m_upload;
        if (!job)
            return;
        if (!job->ok()) {
            fail(job->error().kind() == client::ApiError::Kind::Cancelled ? tr("Cancelled; nothing was published.")
                                                                          : job->error().toString());
        } else {
            m_payload = job->payload();
            succeed(job->reusedExisting()
                        ? tr("The server already had this content: payload %1 “%2”, %3, SHA-256 %4.")
                              .arg(m_payload.id)
                              .arg(m_payload.name, sizeText(m_payload.size), m_payload.sha256)
                        : tr("Published as payload %1 “%2”, %3, SHA-256 %4.")
                              .arg(m_payload.id)
                              .arg(m_payload.name, sizeText(m_payload.size), m_payload.sha256));
        }
        job->deleteLater();
    });
    m_upload->start();
}

void PublishDialog::publishEnvelope(const QByteArray &envelope, const QString &source)
{
    m_what->setText(tr("Publishing the signed SUIT envelope %1 (%2) to <b>%3</b>.")
                        .arg(source.toHtmlEscaped(), sizeText(envelope.size()), m_connection->name().toHtmlEscaped()));
    m_status->setText(tr("Sending…"));
    m_call = m_connection->client()->publishManifest(envelope);
    connect(m_call, &client::ApiCall::uploadProgress, this, [this](qint64 sent, qint64 total) {
        if (total > 0) {
            m_bar->setRange(0, int(qMin<qint64>(total, INT_MAX)));
            m_bar->setValue(int(qMin<qint64>(sent, INT_MAX)));
        }
    });
    m_call->then(this, [this](const client::ApiCall &call) {
        if (call.failed()) {
            const client::ApiError &e = call.error();
            if (e.kind() == client::ApiError::Kind::Cancelled)
                return fail(tr("Cancelled; nothing was published."));
            // The server's reason, word for word, then the status and code.
            if (e.kind() == client::ApiError::Kind::Http)
                return fail(tr("The server refused the manifest: %1 (%2 %3)")
                                .arg(e.serverMessage())
                                .arg(e.httpStatus())
                                .arg(e.code()));
            return fail(e.toString());
        }
        m_manifest = client::Manifest::fromJson(call.object());
        succeed((call.status() == 200 ? tr("The server already had this manifest: manifest %1, product %2, "
                                           "sequence number %3.")
                                      : tr("Published as manifest %1, product %2, sequence number %3."))
                    .arg(m_manifest.id)
                    .arg(m_manifest.product)
                    .arg(m_manifest.sequenceNumber));
    });
}

void PublishDialog::cancel()
{
    if (m_finished)
        return;
    m_cancelled = true;
    m_status->setText(tr("Cancelling…"));
    m_cancel->setEnabled(false);
    if (m_prepare)
        m_prepare->cancel();
    if (m_upload)
        m_upload->cancel(true);
    if (m_call)
        m_call->abort();
}

void PublishDialog::succeed(const QString &text)
{
    m_bar->setRange(0, 1);
    m_bar->setValue(1);
    m_status->setText(text);
    m_log->info(kSource, tr("%1: %2").arg(m_connection->name(), text));
    done();
}

void PublishDialog::fail(const QString &text)
{
    m_error = text;
    m_bar->setRange(0, 1);
    m_bar->setValue(0);
    m_status->setText(text);
    m_status->setStyleSheet(QStringLiteral("QLabel { color: #c01c28; }"));
    if (m_cancelled)
        m_log->info(kSource, tr("Publishing to %1 cancelled.").arg(m_connection->name()));
    else
        m_log->error(kSource, tr("Publishing to %1 failed: %2").arg(m_connection->name(), text));
    done();
}

void PublishDialog::done()
{
    m_finished = true;
    m_cancel->setText(tr("Close"));
    m_cancel->setEnabled(true);
    m_cancel->setDefault(true);
    Q_EMIT finished(m_error.isEmpty());
}

void PublishDialog::reject()
{
    if (!m_finished) {
        cancel();
        return;
    }
    QDialog::reject();
}

} // namespace otadesk::ui
