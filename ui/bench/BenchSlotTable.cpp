#include "ui/bench/BenchSlotTable.h"

#include <QDragEnterEvent>
#include <QHeaderView>
#include <QMimeData>

namespace otadesk::ui {

QString droppedFile(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile())
            return url.toLocalFile();
    }
    return {};
}

BenchSlotTable::BenchSlotTable(QWidget *parent) : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("benchSlotTable"));
    setRootIsDecorated(false);
    setAlternatingRowColors(true);
    setSelectionMode(QAbstractItemView::NoSelection);
    setAcceptDrops(true);
    setDropIndicatorShown(false);
    setHeaderLabels({tr("Image"), tr("Slot"), tr("Version"), tr("Hash"), tr("State")});
    header()->setStretchLastSection(true);
    setAccessibleName(tr("Slot table"));
}

QString BenchSlotTable::flagsText(const bench::ImageSlotState &slot)
{
    QStringList flags;
    if (slot.active)
        flags << tr("active");
    if (slot.confirmed)
        flags << tr("confirmed");
    if (slot.pending)
        flags << tr("pending");
    if (slot.permanent)
        flags << tr("permanent");
    if (slot.bootable)
        flags << tr("bootable");
    return flags.join(QStringLiteral(", "));
}

void BenchSlotTable::setSlots(const QList<bench::ImageSlotState> &slots)
{
    m_slots = slots;
    clear();
    for (const bench::ImageSlotState &s : slots) {
        auto *item = new QTreeWidgetItem(this);
        item->setText(ImageColumn, QString::number(s.image));
        item->setText(SlotColumn, QString::number(s.slot));
        item->setText(VersionColumn, s.version);
        const QString hash = QString::fromLatin1(s.hash.toHex());
        item->setText(HashColumn, hash.isEmpty() ? QString() : hash.left(12) + QStringLiteral("…"));
        item->setToolTip(HashColumn, hash);
        item->setText(FlagsColumn, flagsText(s));
    }
    for (int c = 0; c < ColumnCount - 1; ++c)
        resizeColumnToContents(c);
}

void BenchSlotTable::dragEnterEvent(QDragEnterEvent *event)
{
    if (!droppedFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void BenchSlotTable::dragMoveEvent(QDragMoveEvent *event)
{
    if (!droppedFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void BenchSlotTable::dropEvent(QDropEvent *event)
{
    const QString path = droppedFile(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    Q_EMIT fileDropped(path);
}

} // namespace otadesk::ui
