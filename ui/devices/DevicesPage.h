#pragma once
// The Devices page: the whole fleet of the connected server in one lazily fetched table (server-side paging,
// sorting and filtering, smooth with a million devices), the filter text box with instant local checks and the
// live match count, the visual filter builder, the details pane of the selected device, saved views (in the
// workspace, and as dynamic groups on the server), CSV import and export. Without a connection it says so and
// offers the Server page.
#include "core/common/ActivityLog.h"
#include "ui/devices/DeviceExportJob.h"

#include <QMap>
#include <QPointer>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTimer;

namespace otadesk::ui {

class DeviceDetails;
class DeviceFilterBar;
class DeviceTableModel;
class FilterBuilder;
class SavedViews;
class ServerConnection;

class DevicesPage : public QWidget
{
    Q_OBJECT
public:
    DevicesPage(ServerConnection *connection, ActivityLog *log, QWidget *parent = nullptr);
    ~DevicesPage() override;

    void setWorkspace(const QString &path);

    DeviceTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    DeviceFilterBar *filterBar() const { return m_filterBar; }
    FilterBuilder *builder() const { return m_builder; }
    DeviceDetails *details() const { return m_details; }
    SavedViews *savedViews() const { return m_views; }
    QComboBox *viewChooser() const { return m_viewChooser; }
    QStackedWidget *stack() const { return m_stack; }
    QWidget *emptyState() const { return m_empty; }
    DeviceExportJob *exportJob() const { return m_export; }
    QAction *refreshAction() const { return m_refresh; }
    QAction *findAction() const { return m_find; }
    QAction *importAction() const { return m_import; }
    QAction *exportAction() const { return m_exportAction; }
    QAction *saveViewAction() const { return m_saveView; }
    QAction *removeViewAction() const { return m_removeView; }
    bool facetsLoaded() const { return m_facetsLoaded; }
    bool groupsLoaded() const { return m_groupsLoaded; }

    // Applies a filter and sort as if typed / clicked.
    void applyFilter(const QString &filter);
    // Saves the current filter and sort under name (workspace; server group with groups.write).
    void saveView(const QString &name);
    // The server group a view is saved as: "Beta GW-300" → "Beta-GW-300" ("" when nothing is left).
    static QString serverGroupName(const QString &viewName);
    // Picks a saved view or a server group by its name in the chooser.
    bool selectView(const QString &text);
    // Starts an export of the current filter to path (what Export… does after its file dialog).
    void exportTo(const QString &path);

Q_SIGNALS:
    void showServerPage();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createActions();
    void onConnectionChanged();
    void loadFacets();
    void loadGroups();
    void fillViewChooser();
    void onViewChosen(int index);
    void onBuilderEdited(const QString &text);
    void onSortIndicator(int column, Qt::SortOrder order);
    void updateVisibleRows();
    void currentRowChanged();
    void importDevices();
    void exportDevices();
    void askSaveView();

    ServerConnection *m_connection;
    ActivityLog *m_log;
    DeviceTableModel *m_model;
    SavedViews *m_views;
    QStackedWidget *m_stack;
    QWidget *m_empty;
    QLabel *m_emptyText;
    DeviceFilterBar *m_filterBar;
    FilterBuilder *m_builder;
    QTableView *m_table;
    DeviceDetails *m_details;
    QComboBox *m_viewChooser;
    QLabel *m_status;
    QTimer *m_builderApply;
    QTimer *m_visibleTimer;
    QPointer<DeviceExportJob> m_export;
    QAction *m_refresh = nullptr;
    QAction *m_find = nullptr;
    QAction *m_import = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_saveView = nullptr;
    QAction *m_removeView = nullptr;
    QMap<QString, QString> m_groupFilters; // server group name → filter text (group==NAME for static groups)
    bool m_facetsLoaded = false;
    bool m_groupsLoaded = false;
    QString m_selectedSerial;
};

} // namespace otadesk::ui
