#include "core/bench/link/UdpTransport.h"

#include <QHostInfo>
#include <QVariant>
#include <QNetworkDatagram>

namespace otadesk::bench {

UdpTransport::UdpTransport(const QString &host, quint16 port, QObject *parent)
    : SmpTransport(parent), m_host(host), m_port(port)
{
    connect(&m_socket, &QUdpSocket::readyRead, this, &UdpTransport::onReadyRead);
}

Result<std::pair<QString, quint16>> UdpTransport::parseHostPort(const QString &text)
{
    QString host = text.trimmed();
    quint16 port = DefaultPort;
    QString portText;
    if (host.startsWith(QLatin1Char('['))) { // [v6]:port
        const qsizetype close = host.indexOf(QLatin1Char(']'));
        if (close < 0)
            return fail(ErrorCode::InvalidArgument, tr("'%1': missing ']' after the IPv6 address.").arg(text));
        portText = host.mid(close + 1);
        host = host.mid(1, close - 1);
        if (!portText.isEmpty() && !portText.startsWith(QLatin1Char(':')))
            return fail(ErrorCode::InvalidArgument, tr("'%1': expected ':PORT' after ']'.").arg(text));
        portText = portText.mid(1);
    } else if (host.count(QLatin1Char(':')) == 1) {
        portText = host.section(QLatin1Char(':'), 1);
        host = host.section(QLatin1Char(':'), 0, 0);
    }
    if (!portText.isEmpty()) {
        bool ok = false;
        const uint value = portText.toUInt(&ok);
        if (!ok || value == 0 || value > 65535)
            return fail(ErrorCode::InvalidArgument,
                        tr("'%1': the port must be a number from 1 to 65535.").arg(text));
        port = quint16(value);
    }
    if (host.isEmpty())
        return fail(ErrorCode::InvalidArgument, tr("'%1': no host name or address.").arg(text));
    return std::pair{host, port};
}

Status UdpTransport::open()
{
    if (m_socket.state() == QAbstractSocket::BoundState)
        return {};
    if (!m_address.setAddress(m_host)) {
        const QHostInfo info = QHostInfo::fromName(m_host);
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty())
            return fail(ErrorCode::Io, tr("Cannot resolve '%1': %2. Check the name or give the device's IP "
                                          "address.").arg(m_host, info.errorString()));
        m_address = info.addresses().constFirst();
    }
    const QHostAddress any = m_address.protocol() == QAbstractSocket::IPv6Protocol ? QHostAddress::AnyIPv6
                                                                                  : QHostAddress::AnyIPv4;
    if (!m_socket.bind(any, 0))
        return fail(ErrorCode::Io, tr("Cannot open a UDP socket: %1").arg(m_socket.errorString()));
    m_socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, QVariant(1 << 20));
    return {};
}

void UdpTransport::close()
{
    m_socket.close();
}

bool UdpTransport::isOpen() const
{
    return m_socket.state() == QAbstractSocket::BoundState;
}

void UdpTransport::send(const QByteArray &packet)
{
    if (isOpen())
        m_socket.writeDatagram(packet, m_address, m_port);
}

int UdpTransport::ipOverhead() const
{
    return (m_address.protocol() == QAbstractSocket::IPv6Protocol ? 40 : 20) + 8;
}

int UdpTransport::mtu() const
{
    return EthernetMtu - ipOverhead();
}

QString UdpTransport::name() const
{
    const QString host = m_host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]").arg(m_host) : m_host;
    return tr("udp %1:%2").arg(host).arg(m_port);
}

qsizetype UdpTransport::wireSize(qsizetype packetSize) const
{
    return packetSize + ipOverhead();
}

void UdpTransport::onReadyRead()
{
    while (m_socket.hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_socket.receiveDatagram();
        if (datagram.senderPort() != m_port)
            continue;
        // Compare as IPv4 when one side is an IPv4-mapped IPv6 address.
        if (!datagram.senderAddress().isEqual(m_address, QHostAddress::TolerantConversion))
            continue;
        Q_EMIT packetReceived(datagram.data());
    }
}

} // namespace otadesk::bench
