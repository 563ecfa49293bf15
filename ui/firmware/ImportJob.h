#pragma once
// Imports files into the library OFF the GUI thread. The worker opens its own FirmwareLibrary on the same
// workspace (one instance = one SQLite connection = one thread). Progress and results come back as queued
// signals; cancel() is safe from any thread and leaves nothing half-imported.
#include "core/library/FirmwareLibrary.h"

#include <QObject>
#include <QPointer>
#include <QThread>
#include <atomic>
#include <memory>

namespace otadesk::ui {

struct ImportOptions
{
    QString product;
    QString version;
    QString component;
    QString formatId; // empty: detect
    quint64 baseAddress = 0;
    bool strictOverlaps = false;
};

struct ImportFileResult
{
    QString path;
    bool ok = false;
    bool alreadyPresent = false;
    QList<qint64> entryIds;
    QStringList warnings;
    QString error;
};

struct ImportSummary
{
    QList<ImportFileResult> files;
    bool cancelled = false;
    int importedCount() const;
    int failedCount() const;
    int warningCount() const;
    QList<qint64> entryIds() const;
};

class ImportJob : public QObject
{
    Q_OBJECT
public:
    ImportJob(QString workspacePath, QStringList files, ImportOptions options, QObject *parent = nullptr);
    ~ImportJob() override; // cancels and waits for the worker thread

    void start();
    void cancel();
    bool isRunning() const;
    // Blocks until the worker finished (tests, shutdown).
    bool wait(int msecs = -1);

Q_SIGNALS:
    // Bytes over all files; text names the file being read.
    void progress(qint64 done, qint64 total, const QString &text);
    void fileFinished(const otadesk::ui::ImportFileResult &result);
    void finished(const otadesk::ui::ImportSummary &summary);

private:
    void run(); // in the worker thread

    QString m_workspacePath;
    QStringList m_files;
    ImportOptions m_options;
    std::shared_ptr<std::atomic<bool>> m_cancelled;
    QThread *m_thread = nullptr;
};

} // namespace otadesk::ui

Q_DECLARE_METATYPE(otadesk::ui::ImportFileResult)
Q_DECLARE_METATYPE(otadesk::ui::ImportSummary)
