#include "ui/firmware/EntryPreview.h"

#include "core/firmware/FormatRegistry.h"
#include "ui/firmware/LibraryTask.h"
#include "ui/widgets/HexView.h"
#include "ui/widgets/MemoryMapWidget.h"

#include <QVBoxLayout>

namespace otadesk::ui {

EntryPreview::EntryPreview(QWidget *parent) : QWidget(parent), m_map(new MemoryMapWidget), m_hex(new HexView)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_map);
    layout->addWidget(m_hex, 1);
    connect(m_map, &MemoryMapWidget::addressClicked, this, [this](quint64 address) {
        if (m_hex->image())
            m_hex->goToAddress(address);
    });
}

EntryPreview::~EntryPreview() { delete m_task; }

QString EntryPreview::laneLabel(const library::FirmwareEntry &entry, const QList<library::FirmwareEntry> &shown)
{
    // Two builds of the same file (firmware-base.bin 7.27.0 and 7.28.0) must not get the same label.
    bool sameName = false;
    for (const library::FirmwareEntry &other : shown)
        sameName |= other.id != entry.id && other.name == entry.name;
    if (!sameName)
        return entry.name;
    return entry.version.isEmpty() ? tr("#%1 %2").arg(entry.id).arg(entry.name)
                                   : tr("%1 %2").arg(entry.version, entry.name);
}

void EntryPreview::setEntries(const QList<library::FirmwareEntry> &entries)
{
    QList<MemoryLane> lanes;
    const QList<library::FirmwareEntry> shown = entries.mid(0, 2);
    for (const library::FirmwareEntry &e : shown)
        lanes.append({laneLabel(e, shown), e.segments, e.overlaps});
    m_map->setLanes(lanes);

    if (entries.isEmpty()) {
        m_shownId = 0;
        if (m_task)
            m_task->abandon();
        m_task = nullptr;
        m_hex->setMessage(tr("Select a firmware entry to see its bytes"));
        return;
    }
    if (entries.first().id != m_shownId)
        load(entries.first());
}

void EntryPreview::load(const library::FirmwareEntry &entry)
{
    if (m_task)
        m_task->abandon(); // a previous load finishes in the background and is dropped
    m_task = nullptr;
    m_shownId = entry.id;
    if (entry.kind == library::EntryKind::Auxiliary) {
        m_hex->setMessage(tr("%1 is auxiliary content, stored as-is; it has no memory layout.").arg(entry.name));
        Q_EMIT loaded();
        return;
    }
    if (m_workspacePath.isEmpty()) { // never open (and create) a library in the current folder
        m_hex->setMessage(tr("No workspace is open."));
        Q_EMIT loaded();
        return;
    }
    m_hex->setMessage(tr("Loading %1…").arg(entry.name));
    auto result = std::make_shared<firmware::MemoryImage>();
    m_task = new LibraryTask(
        m_workspacePath,
        [entry, result](library::FirmwareLibrary &lib, const std::atomic<bool> &) -> QString {
            auto image = lib.loadImage(entry);
            if (!image)
                return image.error().toString();
            *result = std::move(image->result.image);
            return {};
        },
        this);
    connect(m_task, &LibraryTask::finished, this, [this, result](const QString &error) {
        m_task->deleteLater();
        m_task = nullptr;
        if (error.isEmpty())
            m_hex->setImage(result);
        else
            m_hex->setMessage(tr("Cannot show the bytes: %1").arg(error));
        Q_EMIT loaded();
    });
    m_task->start();
}

} // namespace otadesk::ui
