#pragma once
// The slot table of one bench device (image, slot, version, short hash with the full one in the tooltip, and
// the MCUboot flags). Accepts a firmware file dropped onto it (fileDropped).
#include "core/bench/smp/SmpCommands.h"

#include <QTreeWidget>

namespace otadesk::ui {

class BenchSlotTable : public QTreeWidget
{
    Q_OBJECT
public:
    enum Column { ImageColumn, SlotColumn, VersionColumn, HashColumn, FlagsColumn, ColumnCount };

    explicit BenchSlotTable(QWidget *parent = nullptr);
    void setSlots(const QList<bench::ImageSlotState> &slots);
    const QList<bench::ImageSlotState> &slotStates() const { return m_slots; }
    static QString flagsText(const bench::ImageSlotState &slot);

Q_SIGNALS:
    void fileDropped(const QString &path);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QList<bench::ImageSlotState> m_slots;
};

// The first local file of a drag, or empty.
QString droppedFile(const class QMimeData *mime);

} // namespace otadesk::ui
