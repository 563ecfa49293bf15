#include "ui/keys/KeyTask.h"

#include <QThread>

namespace otadesk::ui {

KeyTask::KeyTask(QString workspacePath, Work work, QObject *parent)
    : QObject(parent), m_workspacePath(std::move(workspacePath)), m_work(std::move(work))
{
}

KeyTask::~KeyTask()
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

void KeyTask::start()
{
    if (m_thread)
        return;
    m_thread = QThread::create([this] {
        crypto::KeyStore store{Workspace(m_workspacePath)};
        Result<crypto::KeyInfo> result = m_work(store);
        m_work = {}; // drops captured state (already wiped by the work) on this thread
        QMetaObject::invokeMethod(
            this,
            [this, result = std::move(result)]() mutable {
                m_result = std::move(result);
                Q_EMIT finished();
            },
            Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("otadesk-key-task"));
    m_thread->start();
}

} // namespace otadesk::ui
