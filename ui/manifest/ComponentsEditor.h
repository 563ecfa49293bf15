#pragma once
// The components of the manifest as an editable table (name, slot, firmware, digest, size, URI, version,
// integrated). Firmware comes from the library (picker dialog; the flattened image is read on a worker thread
// for its digest and size) or from a file. Every change is an undoable edit of the document.
#include "core/library/FirmwareLibrary.h"

#include <functional>
#include <QGroupBox>

class QLabel;
class QPushButton;
class QTableWidget;
class QTableWidgetItem;

namespace otadesk::ui {

class LibraryTask;
class ManifestDocument;
class ManifestTask;

class ComponentsEditor : public QGroupBox
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        SlotColumn,
        FirmwareColumn,
        DigestColumn,
        SizeColumn,
        UriColumn,
        VersionColumn,
        IntegratedColumn,
        ColumnCount
    };

    explicit ComponentsEditor(ManifestDocument *document, QWidget *parent = nullptr);
    ~ComponentsEditor() override;

    void setWorkspace(const QString &path) {
        m_workspacePath = path;
        updateButtons();
    }
    void setEntryProvider(std::function<QList<library::FirmwareEntry>()> provider)
    {
        m_entries = std::move(provider);
    }

    QTableWidget *table() const { return m_table; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *pickButton() const { return m_pick; }
    QPushButton *fileButton() const { return m_file; }
    bool isLoading() const { return m_loading != nullptr || m_reading != nullptr; }
    int currentRow() const;
    // Shows the cell of a spec field such as "components[1].digest"; false if the field is not a component's.
    bool focusField(const QString &field);

    // Puts an image into a component: the flattened image of a library entry / the bytes of a file, read on a
    // worker thread. loadingFinished(error) when done (error empty on success).
    void useLibraryEntry(int row, const library::FirmwareEntry &entry);
    void useFile(int row, const QString &path);

public Q_SLOTS:
    void addComponent();
    void removeComponent();
    void pickFirmware(); // for the current row
    void pickFile();     // for the current row

Q_SIGNALS:
    void loadingFinished(const QString &error);

private:
    void refresh();
    void onItemChanged(QTableWidgetItem *item);
    void setImage(int row, const QString &firmwareId, const QString &payloadFile, const QByteArray &bytes,
                  const QString &version);
    void updateButtons();

    ManifestDocument *m_document;
    QString m_workspacePath;
    std::function<QList<library::FirmwareEntry>()> m_entries;
    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_pick;
    QPushButton *m_file;
    QLabel *m_status;
    LibraryTask *m_loading = nullptr;
    ManifestTask *m_reading = nullptr;
};

} // namespace otadesk::ui
