#pragma once
// The Firmware page: the library table with a search field (Ctrl+F) and a bundle scope, the details pane, the memory map and hex view of
// the selection; import (drag and drop or File > Import…) runs on a worker thread, export and delete act on
// the selection. Every action carries its otactl equivalent in its status tip.
#include "core/common/ActivityLog.h"
#include "core/common/Settings.h"
#include "core/library/FirmwareLibrary.h"
#include "ui/firmware/ImportJob.h"

#include <QWidget>
#include <memory>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;

namespace otadesk::ui {

class EntryDetails;
class EntryPreview;
class FirmwareFilterModel;
class FirmwareTableModel;
class LibraryTask;

class FirmwarePage : public QWidget
{
    Q_OBJECT
public:
    FirmwarePage(Settings &settings, ActivityLog *log, QWidget *parent = nullptr);
    ~FirmwarePage() override;

    // Opens the library of a workspace (on this thread, for listing); errors go to the activity log.
    bool setWorkspace(const QString &path);
    QString workspacePath() const { return m_workspacePath; }
    library::FirmwareLibrary *library() const { return m_library.get(); }

    QAction *importAction() const { return m_importAction; }
    QAction *exportAction() const { return m_exportAction; }
    QAction *removeAction() const { return m_removeAction; }
    QAction *refreshAction() const { return m_refreshAction; }
    QAction *findAction() const { return m_findAction; }
    QAction *goToAddressAction() const { return m_goToAction; }
    QLineEdit *searchField() const { return m_search; }
    QComboBox *bundleScope() const { return m_scope; }
    QLabel *emptyHint() const { return m_emptyHint; }
    bool isShowingEmptyHint() const;

    FirmwareTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    EntryDetails *details() const { return m_details; }
    EntryPreview *preview() const { return m_preview; }
    QList<library::FirmwareEntry> selectedEntries() const;
    void selectIds(const QList<qint64> &ids);
    int entryCount() const;

    bool isBusy() const { return m_import || m_export; }
    ImportJob *currentImport() const { return m_import; }

public Q_SLOTS:
    void refresh();
    void importWithDialog();                     // File > Import…
    void importFiles(const QStringList &files);  // asks for options, then starts
    void startImport(const QStringList &files, const otadesk::ui::ImportOptions &options);
    void exportSelected();
    void removeSelected();
    void cancelTask();
    void copy();
    void selectAll();
    void goToAddress(); // Ctrl+G

Q_SIGNALS:
    void taskStarted(const QString &text);
    void taskProgress(qint64 done, qint64 total, const QString &text);
    void taskFinished();
    void importFinished(const otadesk::ui::ImportSummary &summary);
    void exportFinished(const QString &error);
    void entryCountChanged(int count);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void onSelectionChanged();
    void onImportFinished(const ImportSummary &summary);
    void showSummary(const ImportSummary &summary);
    void updateActions();
    void updateBundles();

    Settings &m_settings;
    ActivityLog *m_log;
    QString m_workspacePath;
    std::unique_ptr<library::FirmwareLibrary> m_library;

    FirmwareTableModel *m_model;
    FirmwareFilterModel *m_filter;
    QLineEdit *m_search;
    QComboBox *m_scope;
    QHash<qint64, library::BundleEntry> m_bundles;
    QStackedWidget *m_tableStack;
    QTableView *m_table;
    QLabel *m_emptyHint;
    EntryDetails *m_details;
    EntryPreview *m_preview;

    QAction *m_importAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_removeAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_goToAction = nullptr;

    ImportJob *m_import = nullptr;
    LibraryTask *m_export = nullptr;
};

} // namespace otadesk::ui
