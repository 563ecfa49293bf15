#pragma once
// UdpTransport: SMP over UDP (Zephyr CONFIG_MCUMGR_TRANSPORT_UDP): one SMP packet per datagram, default port
// 1337, IPv4 or IPv6. Datagrams may be lost: isLossy() tells SmpClient to retransmit on timeout. Only
// datagrams from the device's address and port are accepted.
#include "core/bench/link/SmpTransport.h"

#include <QHostAddress>
#include <QUdpSocket>

namespace otadesk::bench {

class UdpTransport : public SmpTransport
{
    Q_OBJECT
public:
    static constexpr quint16 DefaultPort = 1337;
    static constexpr int EthernetMtu = 1500;

    UdpTransport(const QString &host, quint16 port = DefaultPort, QObject *parent = nullptr);
    // "192.168.1.20", "192.168.1.20:1337", "[fe80::1]:1337", "board.local"
    static Result<std::pair<QString, quint16>> parseHostPort(const QString &text);

    Status open() override;
    void close() override;
    bool isOpen() const override;
    void send(const QByteArray &packet) override;
    int mtu() const override;
    QString name() const override;
    bool isLossy() const override { return true; }
    qsizetype wireSize(qsizetype packetSize) const override;

    QHostAddress address() const { return m_address; }
    quint16 port() const { return m_port; }

private:
    void onReadyRead();
    int ipOverhead() const;

    QString m_host;
    quint16 m_port;
    QHostAddress m_address;
    QUdpSocket m_socket;
};

} // namespace otadesk::bench
