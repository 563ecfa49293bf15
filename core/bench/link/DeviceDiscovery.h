#pragma once
// DeviceDiscovery: where devices are.
//
//   for (const SerialPortEntry &p : DeviceDiscovery::serialPorts()) ...   // with USB VID/PID/serial number
//
//   DeviceDiscovery scan;
//   connect(&scan, &DeviceDiscovery::deviceFound, ...);   // an SMP server answered an echo
//   connect(&scan, &DeviceDiscovery::progress, ...);      // hosts probed / total
//   connect(&scan, &DeviceDiscovery::finished, ...);      // (ok, error) (bad subnet, socket error) when done
//   scan.startUdpScan(u"192.168.1.0/24"_s, 1337);         // Status: subnet too big (> MaxScanHosts) etc.
//   scan.cancel();
//
// The scan sends one SMP v2 echo per address, `concurrency` at a time, and waits `timeoutMs` for each; any
// well-formed SMP response (even an error) counts as a device. Network and broadcast addresses are skipped.
#include "core/common/Error.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QTimer>
#include <QUdpSocket>
#include <optional>

namespace otadesk::bench {

struct SerialPortEntry
{
    QString portName;       // "ttyACM0"
    QString systemLocation; // "/dev/ttyACM0"
    QString description;
    QString manufacturer;
    QString serialNumber;
    std::optional<quint16> vendorId;
    std::optional<quint16> productId;
};

struct UdpDeviceEntry
{
    QHostAddress address;
    quint16 port = 0;
    qint64 roundTripMs = 0;
    int smpVersion = 2; // 1 or 2, from the answer's header
    QString echo;       // the echo text, empty if the device answered with an error code
};

class DeviceDiscovery : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxScanHosts = 4096;

    explicit DeviceDiscovery(QObject *parent = nullptr);
    static QList<SerialPortEntry> serialPorts();
    // The addresses a subnet in CIDR notation covers ("10.0.0.0/24", "192.168.1.7/32", "fd00::/120").
    static Result<QList<QHostAddress>> subnetHosts(const QString &cidr);

    Status startUdpScan(const QString &cidr, quint16 port, int timeoutMs = 500, int concurrency = 64);
    void cancel();
    const QList<UdpDeviceEntry> &found() const { return m_found; }

Q_SIGNALS:
    void deviceFound(const otadesk::bench::UdpDeviceEntry &device);
    void progress(int probed, int total);
    void finished(bool ok, const otadesk::Error &error);

private:
    void tick();
    void onReadyRead();
    void finish(Status status);

    QUdpSocket m_socket;
    QTimer m_timer;
    QList<QHostAddress> m_hosts;
    qsizetype m_next = 0;
    int m_done = 0;
    quint16 m_port = 0;
    int m_timeoutMs = 500;
    int m_concurrency = 64;
    QHash<QString, qint64> m_inFlight; // address → send time (ms on m_clock)
    QElapsedTimer m_clock;
    QList<UdpDeviceEntry> m_found;
    bool m_running = false;
    quint8 m_sequence = 0;
};

} // namespace otadesk::bench
