#pragma once
// Runs one piece of manifest work (building the live preview, reading a firmware file, decoding an envelope)
// on a worker thread and reports back on the GUI thread. The work writes its result into state it captured
// (e.g. a shared_ptr); it must not touch widgets.
#include <functional>
#include <QObject>

class QThread;

namespace otadesk::ui {

class ManifestTask : public QObject
{
    Q_OBJECT
public:
    explicit ManifestTask(std::function<void()> work, QObject *parent = nullptr);
    ~ManifestTask() override; // waits for the work to end

    void start();
    bool isFinished() const { return m_finished; }

Q_SIGNALS:
    void finished(); // on the GUI thread

private:
    std::function<void()> m_work;
    QThread *m_thread = nullptr;
    bool m_finished = false;
};

} // namespace otadesk::ui
