#pragma once
// SerialTransport: SMP over a serial console (Zephyr's UART/USB CDC mcumgr transport): each packet is framed
// into base64 lines starting with 06 09 / 04 14 (SmpSerial), and text lines between frames are device log
// output, re-emitted as consoleText() for the serial log view. Any baud rate QSerialPort accepts.
#include "core/bench/link/SmpTransport.h"
#include "core/bench/smp/SmpSerial.h"

#include <QSerialPort>

namespace otadesk::bench {

class SerialTransport : public SmpTransport
{
    Q_OBJECT
public:
    explicit SerialTransport(const QString &portName, qint32 baudRate = 115200, QObject *parent = nullptr);
    ~SerialTransport() override;

    Status open() override;
    void close() override;
    bool isOpen() const override;
    void send(const QByteArray &packet) override;
    int mtu() const override;
    QString name() const override;
    bool isLossy() const override { return false; }
    double wireBytesPerSecond() const override { return m_baudRate / 10.0; }
    qsizetype wireSize(qsizetype packetSize) const override;

    QString portName() const { return m_portName; }
    qint32 baudRate() const { return m_baudRate; }
    int crcErrors() const { return m_deframer.crcErrors(); }

private:
    void onReadyRead();
    void onError(QSerialPort::SerialPortError error);

    QString m_portName;
    qint32 m_baudRate;
    QSerialPort m_port;
    SmpSerialDeframer m_deframer;
};

} // namespace otadesk::bench
