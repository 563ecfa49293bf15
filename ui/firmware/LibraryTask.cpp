#include "ui/firmware/LibraryTask.h"

#include <QDeadlineTimer>

namespace otadesk::ui {

LibraryTask::LibraryTask(QString workspacePath, Work work, QObject *parent)
    : QObject(parent), m_workspacePath(std::move(workspacePath)), m_work(std::move(work)),
      m_cancelled(std::make_shared<std::atomic<bool>>(false))
{
}

LibraryTask::~LibraryTask()
{
    cancel();
    wait();
}

void LibraryTask::start()
{
    if (m_thread)
        return;
    m_thread = QThread::create([this] {
        QString error;
        auto opened = library::FirmwareLibrary::open(Workspace(m_workspacePath));
        if (!opened)
            error = opened.error().toString();
        else
            error = m_work(**opened, *m_cancelled);
        QMetaObject::invokeMethod(this, [this, error] { Q_EMIT finished(error); }, Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("otadesk-library-task"));
    m_thread->start(QThread::LowPriority);
}

void LibraryTask::abandon()
{
    cancel();
    disconnect(this, &LibraryTask::finished, nullptr, nullptr);
    setParent(nullptr);
    if (!m_thread) {
        deleteLater();
        return;
    }
    connect(this, &LibraryTask::finished, this, &QObject::deleteLater);
}

bool LibraryTask::wait(int msecs)
{
    if (!m_thread)
        return true;
    const bool done = m_thread->wait(msecs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(msecs));
    if (done) {
        delete m_thread;
        m_thread = nullptr;
    }
    return done;
}

} // namespace otadesk::ui
