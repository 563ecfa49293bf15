#include "core/bench/sim/SimUdpHost.h"

#include <QNetworkDatagram>
#include <QTimer>
#include <QUdpSocket>
#include <QVariant>

namespace otadesk::bench {

SimUdpHost::SimUdpHost(SimulatedDevice *device, QObject *parent)
    : QObject(parent), m_device(device), m_socket(new QUdpSocket(this)), m_random(device->options().seed)
{
    connect(m_socket, &QUdpSocket::readyRead, this, &SimUdpHost::onReadyRead);
    m_clock.start();
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
    while (m_socket->hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_socket->receiveDatagram(0xffff + 8);
        if (!datagram.isValid())
            continue;
        const QByteArray data = datagram.data();
        const QHostAddress from = datagram.senderAddress();
        const quint16 fromPort = quint16(datagram.senderPort());
        overLink(m_rxFreeNs, data.size(), [this, data, from, fromPort] { handleDatagram(data, from, fromPort); });
    }
}

void SimUdpHost::overLink(qint64 &lineFreeNs, qsizetype size, std::function<void()> then)
{
    const int baud = m_device->options().baud;
    if (baud <= 0) {
        then();
        return;
    }
    const qint64 now = m_clock.nsecsElapsed();
    lineFreeNs = qMax(lineFreeNs, now) + (qint64(size) + 28) * (10'000'000'000LL / baud);
    const int delayMs = int((lineFreeNs - now + 999'999) / 1'000'000);
    QTimer::singleShot(delayMs, Qt::PreciseTimer, this, std::move(then));
}

void SimUdpHost::handleDatagram(const QByteArray &data, const QHostAddress &from, quint16 fromPort)
{
    const SimOptions &o = m_device->options();
    if (m_rebooting)
        return;
    if (o.loss > 0 && m_random.generateDouble() < o.loss)
        return; // request lost
    for (const QByteArray &response : m_device->handle(data)) {
        if (o.loss > 0 && m_random.generateDouble() < o.loss)
            continue; // response lost
        if (o.latencyMs <= 0)
            send(response, from, fromPort);
        else
            QTimer::singleShot(o.latencyMs, this, [this, response, from, fromPort] { send(response, from, fromPort); });
    }
    afterHandle();
}

void SimUdpHost::send(const QByteArray &response, const QHostAddress &to, quint16 toPort)
{
    overLink(m_txFreeNs, response.size(), [this, response, to, toPort] { m_socket->writeDatagram(response, to, toPort); });
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
