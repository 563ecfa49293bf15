#pragma once
// One device on the bench as the Bench page lists it: a serial port (with its USB identity) or an SMP server
// over UDP (host and port). makeTransport() opens nothing; the caller opens the link.
#include "core/bench/link/DeviceDiscovery.h"
#include "core/bench/link/SmpTransport.h"

#include <QMetaType>
#include <memory>

namespace otadesk::ui {

struct BenchTarget
{
    enum class Kind { Serial, Udp };
    Kind kind = Kind::Serial;
    QString location;  // "/dev/ttyACM0" or the host name / address
    quint16 port = 0;  // UDP only
    bench::SerialPortEntry serial; // serial only: what discovery found

    static BenchTarget fromSerial(const bench::SerialPortEntry &entry);
    static BenchTarget fromUdp(const QString &host, quint16 port);

    // Stable identity: "serial:/dev/ttyACM0", "udp:127.0.0.1:1337".
    QString key() const;
    // For lists and messages: "ttyACM0" or "127.0.0.1:1337".
    QString displayName() const;
    // "2fe3:0100" or empty.
    QString usbId() const;
    // A file-name-safe form of the name, for per-unit logs.
    QString fileStem() const;
    std::unique_ptr<bench::SmpTransport> makeTransport(qint32 baudRate) const;
};

} // namespace otadesk::ui

Q_DECLARE_METATYPE(otadesk::ui::BenchTarget)
