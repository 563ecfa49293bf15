#pragma once
// Serves a SimulatedDevice over UDP (SMP over UDP: one packet per datagram, default port 1337) with the
// transport faults of SimOptions: loss (requests and responses dropped at random), latency, reboot time (the
// device does not answer while it reboots). With a baud rate (SimOptions::baud > 0; otactl only sets it for UDP
// when --baud is given) the link is paced like a wire of baud/10 bytes per second in each direction: a datagram
// occupies it for its size + 28 bytes (IPv4 + UDP headers), queued behind the ones before it.
#include "core/bench/sim/SimulatedDevice.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <functional>
#include <QObject>
#include <QRandomGenerator>

class QUdpSocket;

namespace otadesk::bench {

class SimUdpHost : public QObject
{
    Q_OBJECT
public:
    SimUdpHost(SimulatedDevice *device, QObject *parent = nullptr);
    // Binds to address:port (port 0: any free one); returns the bound port.
    Result<quint16> listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 1337);
    quint16 port() const;
    bool isRebooting() const { return m_rebooting; }

Q_SIGNALS:
    void logLine(const QString &line); // device log (stderr of otactl bench simulate)

private:
    void onReadyRead();
    void handleDatagram(const QByteArray &data, const QHostAddress &from, quint16 fromPort);
    void send(const QByteArray &response, const QHostAddress &to, quint16 toPort);
    // Runs `then` when a datagram of `size` bytes has crossed the paced link (at once without pacing).
    void overLink(qint64 &lineFreeNs, qsizetype size, std::function<void()> then);
    void afterHandle();
    void flushLog();
    SimulatedDevice *m_device;
    QUdpSocket *m_socket;
    QRandomGenerator m_random;
    bool m_rebooting = false;
    QElapsedTimer m_clock;
    qint64 m_rxFreeNs = 0;
    qint64 m_txFreeNs = 0;
};

} // namespace otadesk::bench
