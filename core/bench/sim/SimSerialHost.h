#pragma once
// Serves a SimulatedDevice on a pseudo-terminal, as a board's USB-serial console: SMP in console framing
// (06 09 / 04 14 lines) plus device log lines between the frames. The baud rate is emulated in both directions
// (10 bits per byte: 8N1): bytes the client writes reach the device, and the device's output reaches the
// client, no faster than the line would carry them. Loss, latency and reboot time as in SimUdpHost.
#include "core/bench/sim/SimulatedDevice.h"
#include "core/bench/smp/SmpSerial.h"

#include <QElapsedTimer>
#include <QObject>
#include <QRandomGenerator>

class QSocketNotifier;
class QTimer;

namespace otadesk::bench {

class SimSerialHost : public QObject
{
    Q_OBJECT
public:
    SimSerialHost(SimulatedDevice *device, QObject *parent = nullptr);
    ~SimSerialHost() override;
    // Creates the pseudo-terminal (posix_openpt) and returns the path of its slave side ("/dev/pts/N"); with a
    // linkPath, also a symbolic link linkPath -> slave (replacing an older link, removed again at the end).
    Result<QString> open(const QString &linkPath = {});
    QString slavePath() const { return m_slavePath; }
    // Bytes the device has received and sent so far (after pacing).
    qint64 bytesReceived() const { return m_rxDelivered; }
    qint64 bytesSent() const { return m_txWritten; }

Q_SIGNALS:
    void logLine(const QString &line);

private:
    struct Lane
    {
        QByteArray queue;
        qint64 lineFreeNs = 0; // when the line has carried everything released so far
    };
    void onReadable();
    void pump();
    void deliver(QByteArrayView bytes);
    void queueTx(const QByteArray &bytes);
    void afterHandle();
    void flushLog();
    void enqueue(Lane &lane, QByteArrayView bytes);
    qint64 byteNs() const;

    SimulatedDevice *m_device;
    int m_master = -1;
    int m_slave = -1;
    QString m_slavePath;
    QString m_linkPath;
    QSocketNotifier *m_readNotifier = nullptr;
    QTimer *m_timer;
    QElapsedTimer m_clock;
    Lane m_rx;
    Lane m_tx;
    SmpSerialDeframer m_deframer;
    QRandomGenerator m_random;
    bool m_rebooting = false;
    qint64 m_rxDelivered = 0;
    qint64 m_txWritten = 0;
};

} // namespace otadesk::bench
