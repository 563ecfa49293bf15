#include "core/bench/sim/SimUdpHost.h"

#include <QNetworkDatagram>
#include <QPointer>
#include <QTimer>
#include <QUdpSocket>
#include <QVariant>

namespace otadesk::bench {

SimUdpHost::SimUdpHost(SimulatedDevice *device, QObject *parent)
    : QObject(parent), m_device(device), m_socket(new QUdpSocket(this)), m_random(device->options().seed)
{
    connect(m_socket, &QUdpSocket::readyRead, this, &SimUdpHost::onReadyRead);
}

Result<quint16> SimUdpHost::listen(const QHostAddress &address, quint16 port)
{
    if (!m_socket->bind(address, port))
        return fail(ErrorCode::Io, tr("Cannot listen on UDP %1:%2: %3; choose another port with --udp.")
                                       .arg(address.toString())
                                       .arg(port)
                                       .arg(m_socket->errorString()));
    m_socket->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, QVariant(1 << 20));
    QTimer::singleShot(0, this, &SimUdpHost::flushLog);
    return m_socket->localPort();
}

quint16 SimUdpHost::port() const { return m_socket->localPort(); }

void SimUdpHost::flushLog()
{
    for (const QString &line : m_device->takeLog())
        Q_EMIT logLine(line);
}

void SimUdpHost::onReadyRead()
{
    const SimOptions &o = m_device->options();
    while (m_socket->hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_socket->receiveDatagram(0xffff + 8);
        if (m_rebooting || !datagram.isValid())
            continue;
        if (o.loss > 0 && m_random.generateDouble() < o.loss)
            continue; // request lost
        const QList<QByteArray> responses = m_device->handle(datagram.data());
        for (const QByteArray &response : responses) {
            if (o.loss > 0 && m_random.generateDouble() < o.loss)
                continue; // response lost
            const QHostAddress to = datagram.senderAddress();
            const quint16 toPort = quint16(datagram.senderPort());
            if (o.latencyMs <= 0) {
                m_socket->writeDatagram(response, to, toPort);
            } else {
                QPointer<QUdpSocket> socket = m_socket;
                QTimer::singleShot(o.latencyMs, this, [socket, response, to, toPort] {
                    if (socket)
                        socket->writeDatagram(response, to, toPort);
                });
            }
        }
        afterHandle();
    }
}

void SimUdpHost::afterHandle()
{
    if (m_device->takeRebootRequest()) {
        m_rebooting = true;
        // The reset response leaves first (after the latency), then the device is gone for rebootMs.
        const int delay = qMax(0, m_device->options().latencyMs) + qMax(0, m_device->options().rebootMs);
        QTimer::singleShot(delay, this, [this] {
            m_device->reboot();
            m_rebooting = false;
            flushLog();
        });
    }
    flushLog();
}

} // namespace otadesk::bench
