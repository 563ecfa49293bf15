#pragma once
// The Bench page's device list: serial ports found by DeviceDiscovery (name, USB VID:PID, serial number,
// description) and SMP-over-UDP devices added by hand or found by a subnet scan. A firmware file dropped onto
// a row selects that device and is reported with fileDropped.
#include "core/common/Error.h"
#include "ui/bench/BenchTarget.h"

#include <QTreeWidget>
#include <optional>

namespace otadesk::bench {
class DeviceDiscovery;
}

namespace otadesk::ui {

class BenchDeviceList : public QTreeWidget
{
    Q_OBJECT
public:
    enum Column { NameColumn, UsbColumn, SerialColumn, DescriptionColumn, ColumnCount };

    explicit BenchDeviceList(QWidget *parent = nullptr);

    // Re-reads the serial ports (keeps the network devices and the selection); returns the ports that were
    // not listed before.
    QList<BenchTarget> refreshSerial();
    // "host", "host:port", "[v6]:port" (default port 1337). Selects the new (or existing) row.
    Result<BenchTarget> addNetworkDevice(const QString &text);
    void addTarget(const BenchTarget &target, const QString &description = {});
    Status startScan(const QString &cidr, quint16 port);
    void cancelScan();
    bool isScanning() const { return m_scanning; }

    std::optional<BenchTarget> currentTarget() const;
    QList<BenchTarget> targets() const;
    bool selectTarget(const QString &key);

Q_SIGNALS:
    void fileDropped(const QString &path);
    void scanProgress(int probed, int total);
    void scanFinished(const QString &summary);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QTreeWidgetItem *itemFor(const QString &key) const;

    bench::DeviceDiscovery *m_scan;
    bool m_scanning = false;
    int m_scanFound = 0;
};

} // namespace otadesk::ui
