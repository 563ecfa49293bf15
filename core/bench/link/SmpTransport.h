#pragma once
// SmpTransport: how whole SMP packets (8-byte header + CBOR body) reach a device and come back.
//
//   transport->open();                       // Status; errors say what to check (port busy, permissions)
//   transport->send(packet);                 // one whole SMP packet
//   connect(transport, &SmpTransport::packetReceived, ...);   // one whole SMP packet from the device
//   connect(transport, &SmpTransport::consoleText, ...);      // serial only: device log text between frames
//
// Implementations: SerialTransport (console framing over QSerialPort) and UdpTransport (one packet per
// datagram). SmpClient sits on top and does sequence matching, timeouts and retransmission.
#include "core/common/Error.h"

#include <QObject>

namespace otadesk::bench {

class SmpTransport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~SmpTransport() override = default;

    virtual Status open() = 0;
    virtual void close() = 0;
    virtual bool isOpen() const = 0;
    virtual void send(const QByteArray &packet) = 0;
    // Largest SMP packet (header + body) the transport carries in one piece; the client also keeps packets
    // within the device's buf_size.
    virtual int mtu() const = 0;
    // "serial /dev/ttyACM0 @ 115200", "udp 192.168.1.20:1337"
    virtual QString name() const = 0;
    // True if packets may be lost silently (UDP): the client retransmits on timeout.
    virtual bool isLossy() const = 0;
    // Wire bytes per second if the transport knows it (serial: baud / 10), else 0.
    virtual double wireBytesPerSecond() const { return 0; }
    // Bytes a packet of `packetSize` occupies on the wire (serial framing, UDP/IP headers).
    virtual qsizetype wireSize(qsizetype packetSize) const = 0;

Q_SIGNALS:
    void packetReceived(const QByteArray &packet);
    void consoleText(const QString &text);
    // The link broke (serial port unplugged, socket error). The owner may close() and open() again later.
    void transportError(const QString &message);
};

} // namespace otadesk::bench
