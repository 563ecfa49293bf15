#include "ui/manifest/ManifestTask.h"

#include <QThread>

namespace otadesk::ui {

ManifestTask::ManifestTask(std::function<void()> work, QObject *parent)
    : QObject(parent), m_work(std::move(work))
{
}

ManifestTask::~ManifestTask()
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

void ManifestTask::start()
{
    if (m_thread)
        return;
    m_thread = QThread::create([this] {
        m_work();
        m_work = {};
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_finished = true;
                Q_EMIT finished();
            },
            Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("otadesk-manifest-task"));
    m_thread->start();
}

} // namespace otadesk::ui
