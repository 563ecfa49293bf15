#include "ui/bench/BenchTarget.h"

#include "core/bench/link/SerialTransport.h"
#include "core/bench/link/UdpTransport.h"

#include <QRegularExpression>

namespace otadesk::ui {

BenchTarget BenchTarget::fromSerial(const bench::SerialPortEntry &entry)
{
    BenchTarget t;
    t.kind = Kind::Serial;
    t.location = entry.systemLocation.isEmpty() ? entry.portName : entry.systemLocation;
    t.serial = entry;
    return t;
}

BenchTarget BenchTarget::fromUdp(const QString &host, quint16 port)
{
    BenchTarget t;
    t.kind = Kind::Udp;
    t.location = host;
    t.port = port;
    return t;
}

QString BenchTarget::key() const
{
    return kind == Kind::Serial ? QStringLiteral("serial:") + location
                                : QStringLiteral("udp:%1:%2").arg(location).arg(port);
}

QString BenchTarget::displayName() const
{
    if (kind == Kind::Serial)
        return serial.portName.isEmpty() ? location : serial.portName;
    const bool v6 = location.contains(QLatin1Char(':'));
    return v6 ? QStringLiteral("[%1]:%2").arg(location).arg(port) : QStringLiteral("%1:%2").arg(location).arg(port);
}

QString BenchTarget::usbId() const
{
    if (kind != Kind::Serial || !serial.vendorId || !serial.productId)
        return {};
    return QStringLiteral("%1:%2").arg(*serial.vendorId, 4, 16, QLatin1Char('0')).arg(*serial.productId, 4, 16,
                                                                                        QLatin1Char('0'));
}

QString BenchTarget::fileStem() const
{
    QString stem = displayName();
    if (kind == Kind::Serial && !serial.serialNumber.isEmpty())
        stem += QLatin1Char('-') + serial.serialNumber;
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]+"));
    return stem.replace(unsafe, QStringLiteral("_"));
}

std::unique_ptr<bench::SmpTransport> BenchTarget::makeTransport(qint32 baudRate) const
{
    if (kind == Kind::Serial)
        return std::make_unique<bench::SerialTransport>(location, baudRate);
    return std::make_unique<bench::UdpTransport>(location, port);
}

} // namespace otadesk::ui
