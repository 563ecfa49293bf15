#pragma once
// Runs one piece of library work (export, loading an image for the hex view) on a worker thread with its
// own FirmwareLibrary on the workspace, and reports back on the GUI thread. The work function returns an
// error text or an empty string; it writes any result into state it captured (e.g. a shared_ptr).
#include "core/library/FirmwareLibrary.h"

#include <QObject>
#include <QThread>
#include <atomic>
#include <functional>
#include <memory>

namespace otadesk::ui {

class LibraryTask : public QObject
{
    Q_OBJECT
public:
    using Work = std::function<QString(library::FirmwareLibrary &library, const std::atomic<bool> &cancelled)>;

    LibraryTask(QString workspacePath, Work work, QObject *parent = nullptr);
    ~LibraryTask() override; // cancels and waits

    void start();
    void cancel() { m_cancelled->store(true); }
    bool isCancelled() const { return m_cancelled->load(); }
    bool wait(int msecs = -1);
    // Cancels, drops every connection and lets the task delete itself when its thread is done (no waiting).
    void abandon();

Q_SIGNALS:
    // Emitted on the GUI thread; error empty on success.
    void finished(const QString &error);

private:
    QString m_workspacePath;
    Work m_work;
    std::shared_ptr<std::atomic<bool>> m_cancelled;
    QThread *m_thread = nullptr;
};

} // namespace otadesk::ui
