#include "core/bench/link/SerialTransport.h"

#include <QFileInfo>

namespace otadesk::bench {

SerialTransport::SerialTransport(const QString &portName, qint32 baudRate, QObject *parent)
    : SmpTransport(parent), m_portName(portName), m_baudRate(baudRate)
{
    connect(&m_port, &QSerialPort::readyRead, this, &SerialTransport::onReadyRead);
    connect(&m_port, &QSerialPort::errorOccurred, this, &SerialTransport::onError);
}

SerialTransport::~SerialTransport()
{
    close();
}

Status SerialTransport::open()
{
    if (m_port.isOpen())
        return {};
    // Symbolic links (/dev/serial/by-id/..., a simulator's --link) are resolved: QSerialPort wants the node.
    QString target = m_portName;
    const QFileInfo info(m_portName);
    if (info.isSymLink())
        target = info.canonicalFilePath().isEmpty() ? info.symLinkTarget() : info.canonicalFilePath();
    m_port.setPortName(target);
    m_port.setBaudRate(m_baudRate);
    m_port.setDataBits(QSerialPort::Data8);
    m_port.setParity(QSerialPort::NoParity);
    m_port.setStopBits(QSerialPort::OneStop);
    m_port.setFlowControl(QSerialPort::NoFlowControl);
    m_deframer.reset();
    if (!m_port.open(QIODevice::ReadWrite)) {
        const auto err = m_port.error();
        QString hint;
        if (err == QSerialPort::PermissionError)
            hint = tr(" Another program may have the port open, or your user lacks access: add it to the "
                      "'dialout' group (sudo usermod -aG dialout $USER) and log in again.");
        else if (err == QSerialPort::DeviceNotFoundError)
            hint = tr(" Check the cable and the port name (otactl bench list shows the ports).");
        return fail(ErrorCode::Io, tr("Cannot open serial port %1: %2.%3").arg(m_portName, m_port.errorString(), hint));
    }
    return {};
}

void SerialTransport::close()
{
    if (m_port.isOpen())
        m_port.close();
    m_deframer.reset();
}

bool SerialTransport::isOpen() const
{
    return m_port.isOpen();
}

void SerialTransport::send(const QByteArray &packet)
{
    if (!m_port.isOpen())
        return;
    m_port.write(SmpSerial::frame(packet));
}

int SerialTransport::mtu() const
{
    // The serial frame's 2-byte length field bounds a packet; devices announce their real limit (buf_size).
    return 8192;
}

QString SerialTransport::name() const
{
    return tr("serial %1 @ %2").arg(m_portName).arg(m_baudRate);
}

qsizetype SerialTransport::wireSize(qsizetype packetSize) const
{
    return SmpSerial::framedSize(packetSize);
}

void SerialTransport::onReadyRead()
{
    m_deframer.feed(m_port.readAll());
    const QByteArray text = m_deframer.takeConsoleText();
    if (!text.isEmpty())
        Q_EMIT consoleText(QString::fromUtf8(text));
    while (auto packet = m_deframer.takePacket())
        Q_EMIT packetReceived(*packet);
}

void SerialTransport::onError(QSerialPort::SerialPortError error)
{
    if (error == QSerialPort::NoError || error == QSerialPort::TimeoutError)
        return;
    if (error == QSerialPort::ResourceError)
        Q_EMIT transportError(tr("The serial port %1 went away (%2). The device may have rebooted or been "
                               "unplugged.").arg(m_portName, m_port.errorString()));
    else if (m_port.isOpen())
        Q_EMIT transportError(tr("Serial port %1: %2").arg(m_portName, m_port.errorString()));
}

} // namespace otadesk::bench
