#pragma once
// Memory map and hex view of the selected entries. The memory map comes from the entry's stored segments at
// once; the bytes for the hex view are re-read from the library blob on a worker thread, so a 40 MB image
// never blocks the window.
#include "core/library/FirmwareLibrary.h"

#include <QWidget>
#include <memory>

namespace otadesk::ui {

class HexView;
class LibraryTask;
class MemoryMapWidget;

class EntryPreview : public QWidget
{
    Q_OBJECT
public:
    explicit EntryPreview(QWidget *parent = nullptr);
    ~EntryPreview() override;

    void setWorkspacePath(const QString &path) { m_workspacePath = path; }
    void setEntries(const QList<library::FirmwareEntry> &entries);
    bool isLoading() const { return m_task != nullptr; }

    MemoryMapWidget *memoryMap() const { return m_map; }
    HexView *hexView() const { return m_hex; }
    // The memory-map label of an entry among the shown ones (version or id added when names are equal).
    static QString laneLabel(const library::FirmwareEntry &entry, const QList<library::FirmwareEntry> &shown);

Q_SIGNALS:
    void loaded(); // the hex view got its bytes (or a message)

private:
    void load(const library::FirmwareEntry &entry);

    QString m_workspacePath;
    MemoryMapWidget *m_map;
    HexView *m_hex;
    LibraryTask *m_task = nullptr;
    qint64 m_shownId = 0;
};

} // namespace otadesk::ui
