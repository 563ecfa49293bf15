#pragma once
// Turns SIGTERM / SIGINT (Unix) into a Qt signal delivered on the event loop, with the self-pipe trick: the
// async-signal handler only write()s the signal number into a pipe that a QSocketNotifier watches.
#include <QObject>

class QSocketNotifier;

namespace otadesk::server {

class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    // Installs handlers for SIGTERM and SIGINT; one watcher per process.
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

    static QString signalName(int signal);

Q_SIGNALS:
    void received(int signal);

private:
    void onReadable();
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace otadesk::server
