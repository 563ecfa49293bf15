#pragma once
// Runs one key-store operation that may take a while (scrypt makes encrypting a key take 0.1–1 s) on a worker
// thread with its own KeyStore on the workspace, and reports back on the GUI thread. The work function owns
// any passphrases it captured and wipes them before it returns.
#include "core/crypto/KeyStore.h"

#include <QObject>
#include <functional>
#include <optional>

class QThread;

namespace otadesk::ui {

class KeyTask : public QObject
{
    Q_OBJECT
public:
    using Work = std::function<Result<crypto::KeyInfo>(crypto::KeyStore &store)>;

    KeyTask(QString workspacePath, Work work, QObject *parent = nullptr);
    ~KeyTask() override; // waits for the work to end (it cannot be interrupted)

    void start();
    bool isRunning() const { return m_thread && !m_result; }
    // Valid once finished() was emitted.
    const std::optional<Result<crypto::KeyInfo>> &result() const { return m_result; }

Q_SIGNALS:
    void finished(); // on the GUI thread

private:
    QString m_workspacePath;
    Work m_work;
    QThread *m_thread = nullptr;
    std::optional<Result<crypto::KeyInfo>> m_result;
};

} // namespace otadesk::ui
