#pragma once
// Serves a SimulatedDevice over UDP (SMP over UDP: one packet per datagram, default port 1337) with the
// transport faults of SimOptions: loss (requests and responses dropped at random), latency, reboot time (the
// device does not answer while it reboots).
#include "core/bench/sim/SimulatedDevice.h"

#include <QHostAddress>
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
    void afterHandle();
    void flushLog();
    SimulatedDevice *m_device;
    QUdpSocket *m_socket;
    QRandomGenerator m_random;
    bool m_rebooting = false;
};

} // namespace otadesk::bench
