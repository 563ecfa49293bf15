#include "ui/bench/BenchDeviceList.h"

#include "core/bench/link/UdpTransport.h"
#include "ui/bench/BenchSlotTable.h"

#include <QDropEvent>
#include <QHeaderView>
#include <QSet>

namespace otadesk::ui {

using namespace otadesk::bench;

namespace {
constexpr int TargetRole = Qt::UserRole + 1;
}

BenchDeviceList::BenchDeviceList(QWidget *parent) : QTreeWidget(parent), m_scan(new DeviceDiscovery(this))
{
    setObjectName(QStringLiteral("benchDeviceList"));
    setRootIsDecorated(false);
    setAlternatingRowColors(true);
    setAcceptDrops(true);
    setDropIndicatorShown(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setHeaderLabels({tr("Device"), tr("USB VID:PID"), tr("Serial number"), tr("Description")});
    header()->setStretchLastSection(true);
    setAccessibleName(tr("Bench devices"));
    connect(m_scan, &DeviceDiscovery::deviceFound, this, [this](const UdpDeviceEntry &d) {
        ++m_scanFound;
        addTarget(BenchTarget::fromUdp(d.address.toString(), d.port),
                  tr("SMP over UDP (v%1, %2 ms)").arg(d.smpVersion).arg(d.roundTripMs));
    });
    connect(m_scan, &DeviceDiscovery::progress, this, &BenchDeviceList::scanProgress);
    connect(m_scan, &DeviceDiscovery::finished, this, [this](bool ok, const Error &error) {
        m_scanning = false;
        Q_EMIT scanFinished(ok ? tr("Scan finished: %n device(s) answered.", nullptr, m_scanFound)
                               : tr("Scan failed: %1").arg(error.message()));
    });
}

QTreeWidgetItem *BenchDeviceList::itemFor(const QString &key) const
{
    for (int i = 0; i < topLevelItemCount(); ++i) {
        if (topLevelItem(i)->data(NameColumn, TargetRole).value<BenchTarget>().key() == key)
            return topLevelItem(i);
    }
    return nullptr;
}

void BenchDeviceList::addTarget(const BenchTarget &target, const QString &description)
{
    QTreeWidgetItem *item = itemFor(target.key());
    if (!item) {
        item = new QTreeWidgetItem(this);
        item->setData(NameColumn, TargetRole, QVariant::fromValue(target));
    }
    item->setText(NameColumn, target.displayName());
    item->setToolTip(NameColumn, target.kind == BenchTarget::Kind::Serial ? target.location : QString());
    item->setText(UsbColumn, target.usbId());
    item->setText(SerialColumn, target.serial.serialNumber);
    QString text = description;
    if (text.isEmpty() && target.kind == BenchTarget::Kind::Serial) {
        QStringList parts{target.serial.manufacturer, target.serial.description};
        parts.removeAll(QString());
        text = parts.join(QStringLiteral(" — "));
    }
    if (text.isEmpty() && target.kind == BenchTarget::Kind::Udp)
        text = tr("SMP over UDP");
    item->setText(DescriptionColumn, text);
    for (int c = 0; c < ColumnCount - 1; ++c)
        resizeColumnToContents(c);
}

QList<BenchTarget> BenchDeviceList::refreshSerial()
{
    const QString selected = currentTarget() ? currentTarget()->key() : QString();
    QSet<QString> present;
    QList<BenchTarget> added;
    for (const SerialPortEntry &entry : DeviceDiscovery::serialPorts()) {
        const BenchTarget t = BenchTarget::fromSerial(entry);
        present.insert(t.key());
        if (!itemFor(t.key()))
            added << t;
        addTarget(t);
    }
    for (int i = topLevelItemCount() - 1; i >= 0; --i) {
        const BenchTarget t = topLevelItem(i)->data(NameColumn, TargetRole).value<BenchTarget>();
        if (t.kind == BenchTarget::Kind::Serial && !present.contains(t.key()))
            delete takeTopLevelItem(i);
    }
    if (!selected.isEmpty())
        selectTarget(selected);
    return added;
}

Result<BenchTarget> BenchDeviceList::addNetworkDevice(const QString &text)
{
    auto parsed = UdpTransport::parseHostPort(text.trimmed());
    if (!parsed)
        return std::unexpected(parsed.error());
    const BenchTarget t = BenchTarget::fromUdp(parsed->first, parsed->second);
    addTarget(t);
    selectTarget(t.key());
    return t;
}

Status BenchDeviceList::startScan(const QString &cidr, quint16 port)
{
    m_scanFound = 0;
    auto started = m_scan->startUdpScan(cidr.trimmed(), port);
    m_scanning = bool(started);
    return started;
}

void BenchDeviceList::cancelScan() { m_scan->cancel(); }

std::optional<BenchTarget> BenchDeviceList::currentTarget() const
{
    const QTreeWidgetItem *item = currentItem();
    if (!item)
        return std::nullopt;
    return item->data(NameColumn, TargetRole).value<BenchTarget>();
}

QList<BenchTarget> BenchDeviceList::targets() const
{
    QList<BenchTarget> out;
    for (int i = 0; i < topLevelItemCount(); ++i)
        out << topLevelItem(i)->data(NameColumn, TargetRole).value<BenchTarget>();
    return out;
}

bool BenchDeviceList::selectTarget(const QString &key)
{
    QTreeWidgetItem *item = itemFor(key);
    if (item)
        setCurrentItem(item);
    return item;
}

void BenchDeviceList::dragEnterEvent(QDragEnterEvent *event)
{
    if (!droppedFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void BenchDeviceList::dragMoveEvent(QDragMoveEvent *event)
{
    if (!droppedFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void BenchDeviceList::dropEvent(QDropEvent *event)
{
    const QString path = droppedFile(event->mimeData());
    if (path.isEmpty())
        return;
    if (QTreeWidgetItem *item = itemAt(event->position().toPoint()))
        setCurrentItem(item);
    event->acceptProposedAction();
    Q_EMIT fileDropped(path);
}

} // namespace otadesk::ui
