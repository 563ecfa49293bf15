#include "core/bench/link/DeviceDiscovery.h"
#include "core/bench/smp/SmpCommands.h"

#include <QNetworkDatagram>
#include <QSerialPortInfo>

namespace otadesk::bench {

DeviceDiscovery::DeviceDiscovery(QObject *parent) : QObject(parent)
{
    m_timer.setInterval(20);
    connect(&m_timer, &QTimer::timeout, this, &DeviceDiscovery::tick);
    connect(&m_socket, &QUdpSocket::readyRead, this, &DeviceDiscovery::onReadyRead);
}

QList<SerialPortEntry> DeviceDiscovery::serialPorts()
{
    QList<SerialPortEntry> ports;
    for (const QSerialPortInfo &info : QSerialPortInfo::availablePorts()) {
        SerialPortEntry e;
        e.portName = info.portName();
        e.systemLocation = info.systemLocation();
        e.description = info.description();
        e.manufacturer = info.manufacturer();
        e.serialNumber = info.serialNumber();
        if (info.hasVendorIdentifier())
            e.vendorId = info.vendorIdentifier();
        if (info.hasProductIdentifier())
            e.productId = info.productIdentifier();
        ports.append(e);
    }
    return ports;
}

Result<QList<QHostAddress>> DeviceDiscovery::subnetHosts(const QString &cidr)
{
    QString text = cidr.trimmed();
    if (!text.contains(QLatin1Char('/')))
        text += QHostAddress(text).protocol() == QAbstractSocket::IPv6Protocol ? QStringLiteral("/128")
                                                                               : QStringLiteral("/32");
    const auto [network, prefix] = QHostAddress::parseSubnet(text);
    if (network.isNull() || prefix < 0)
        return fail(ErrorCode::InvalidArgument,
                    tr("'%1' is not a subnet: write it as ADDRESS/PREFIX, e.g. 192.168.1.0/24.").arg(cidr));
    const bool v6 = network.protocol() == QAbstractSocket::IPv6Protocol;
    const int hostBits = (v6 ? 128 : 32) - prefix;
    if (hostBits > 12)
        return fail(ErrorCode::InvalidArgument,
                    tr("The subnet %1 has too many addresses to scan (at most %2, e.g. a /%3). Give a smaller "
                       "one.").arg(cidr).arg(MaxScanHosts).arg(v6 ? 116 : 20));
    const quint64 count = quint64(1) << hostBits;
    QList<QHostAddress> hosts;
    for (quint64 i = 0; i < count; ++i) {
        if (!v6 && hostBits >= 2 && (i == 0 || i == count - 1))
            continue; // network and broadcast address
        if (v6) {
            Q_IPV6ADDR a = network.toIPv6Address();
            quint64 carry = i;
            for (int b = 15; b >= 0 && carry; --b) {
                const quint64 sum = a[b] + (carry & 0xff);
                a[b] = quint8(sum);
                carry = (carry >> 8) + (sum >> 8);
            }
            hosts.append(QHostAddress(a));
        } else {
            hosts.append(QHostAddress(network.toIPv4Address() + quint32(i)));
        }
    }
    return hosts;
}

Status DeviceDiscovery::startUdpScan(const QString &cidr, quint16 port, int timeoutMs, int concurrency)
{
    auto hosts = subnetHosts(cidr);
    if (!hosts)
        return std::unexpected(hosts.error());
    const bool v6 = !hosts->isEmpty() && hosts->constFirst().protocol() == QAbstractSocket::IPv6Protocol;
    m_socket.close();
    if (!m_socket.bind(v6 ? QHostAddress::AnyIPv6 : QHostAddress::AnyIPv4, 0))
        return fail(ErrorCode::Io, tr("Cannot open a UDP socket: %1").arg(m_socket.errorString()));
    m_hosts = *hosts;
    m_next = 0;
    m_done = 0;
    m_port = port;
    m_timeoutMs = qMax(50, timeoutMs);
    m_concurrency = qMax(1, concurrency);
    m_inFlight.clear();
    m_found.clear();
    m_running = true;
    m_clock.start();
    m_timer.start();
    tick();
    return {};
}

void DeviceDiscovery::cancel()
{
    finish(fail(ErrorCode::Cancelled, tr("Scan cancelled.")));
}

void DeviceDiscovery::tick()
{
    if (!m_running)
        return;
    const qint64 now = m_clock.elapsed();
    for (auto it = m_inFlight.begin(); it != m_inFlight.end();) {
        if (now - it.value() >= m_timeoutMs) {
            it = m_inFlight.erase(it);
            ++m_done;
        } else {
            ++it;
        }
    }
    while (m_inFlight.size() < m_concurrency && m_next < m_hosts.size()) {
        const QHostAddress &host = m_hosts.at(m_next++);
        const QByteArray packet = SmpPacket::encode(SmpOp::Read, SmpVersion::V2, SmpGroup::Os, OsCommand::Echo,
                                                    m_sequence++, SmpCommands::echo(QStringLiteral("otadesk")));
        m_inFlight.insert(host.toString(), m_clock.elapsed());
        if (m_socket.writeDatagram(packet, host, m_port) < 0) {
            m_inFlight.remove(host.toString()); // unreachable network: counts as probed
            ++m_done;
        }
    }
    Q_EMIT progress(m_done, int(m_hosts.size()));
    if (m_inFlight.isEmpty() && m_next >= m_hosts.size())
        finish({});
}

void DeviceDiscovery::onReadyRead()
{
    while (m_socket.hasPendingDatagrams()) {
        const QNetworkDatagram d = m_socket.receiveDatagram();
        if (!m_running || d.senderPort() != m_port)
            continue;
        QHostAddress sender = d.senderAddress();
        bool isV4 = false;
        const quint32 v4 = sender.toIPv4Address(&isV4);
        if (isV4)
            sender = QHostAddress(v4);
        const auto it = m_inFlight.find(sender.toString());
        if (it == m_inFlight.end())
            continue;
        auto packet = SmpPacket::decode(d.data());
        if (!packet || !packet->header.isResponse())
            continue;
        UdpDeviceEntry e;
        e.address = sender;
        e.port = m_port;
        e.roundTripMs = m_clock.elapsed() - it.value();
        e.smpVersion = packet->header.version == SmpVersion::V2 ? 2 : 1;
        if (auto echo = SmpCommands::parseEcho(packet->body))
            e.echo = *echo;
        m_inFlight.erase(it);
        ++m_done;
        m_found.append(e);
        Q_EMIT deviceFound(e);
    }
}

void DeviceDiscovery::finish(Status status)
{
    if (!m_running)
        return;
    m_running = false;
    m_timer.stop();
    m_socket.close();
    Q_EMIT progress(m_done, int(m_hosts.size()));
    Q_EMIT finished(status.has_value(), status ? Error() : status.error());
}

} // namespace otadesk::bench
