#include "ui/devices/DevicesPage.h"

#include "core/client/FleetClient.h"
#include "ui/devices/DeviceDetails.h"
#include "ui/devices/DeviceExportJob.h"
#include "ui/devices/DeviceFilterBar.h"
#include "ui/devices/DeviceImportDialog.h"
#include "ui/devices/DeviceTableModel.h"
#include "ui/devices/FilterBuilder.h"
#include "ui/devices/SavedViews.h"
#include "ui/server/ServerConnection.h"
#include "ui/shell/DialogRunner.h"
#include "ui/widgets/Icons.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QProgressDialog>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace otadesk::ui {

namespace {
enum ViewKind { Placeholder, LocalView, ServerGroup };
constexpr int KindRole = Qt::UserRole;
constexpr int NameRole = Qt::UserRole + 1;
} // namespace

DevicesPage::DevicesPage(ServerConnection *connection, ActivityLog *log, QWidget *parent)
    : QWidget(parent), m_connection(connection), m_log(log), m_model(new DeviceTableModel(this)),
      m_views(new SavedViews(this)), m_stack(new QStackedWidget), m_empty(new QWidget), m_emptyText(new QLabel),
      m_filterBar(new DeviceFilterBar), m_builder(new FilterBuilder), m_table(new QTableView),
      m_details(new DeviceDetails(connection)), m_viewChooser(new QComboBox), m_status(new QLabel),
      m_builderApply(new QTimer(this)), m_visibleTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("devicesPage"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);

    // Not connected: say so, and where to go.
    m_empty->setObjectName(QStringLiteral("devicesEmptyState"));
    auto *ev = new QVBoxLayout(m_empty);
    ev->addStretch();
    auto *icon = new QLabel;
    icon->setPixmap(themeIcon(QStringLiteral("devices")).pixmap(64, 64));
    icon->setAlignment(Qt::AlignCenter);
    auto *heading = new QLabel(tr("Not connected to a server"));
    QFont f = heading->font();
    f.setPointSizeF(f.pointSizeF() * 1.4);
    f.setBold(true);
    heading->setFont(f);
    heading->setAlignment(Qt::AlignCenter);
    m_emptyText->setObjectName(QStringLiteral("devicesEmptyText"));
    m_emptyText->setText(tr("The fleet lives on an OTA Desk server. Start the bundled local server or connect to "
                            "a remote one on the Server page, and its devices appear here."));
    m_emptyText->setWordWrap(true);
    m_emptyText->setAlignment(Qt::AlignCenter);
    auto *goServer = new QPushButton(tr("Go to the &Server Page"));
    goServer->setObjectName(QStringLiteral("devicesGoToServer"));
    connect(goServer, &QPushButton::clicked, this, &DevicesPage::showServerPage);
    ev->addWidget(icon);
    ev->addWidget(heading);
    ev->addWidget(m_emptyText);
    auto *buttonRow = new QHBoxLayout;
    buttonRow->addStretch();
    buttonRow->addWidget(goServer);
    buttonRow->addStretch();
    ev->addLayout(buttonRow);
    ev->addStretch();
    m_stack->addWidget(m_empty);

    // Connected: filter bar, builder | table | details.
    auto *content = new QWidget;
    auto *cv = new QVBoxLayout(content);
    createActions();
    auto *top = new QHBoxLayout;
    m_viewChooser->setObjectName(QStringLiteral("devicesViews"));
    m_viewChooser->setMinimumContentsLength(18);
    m_viewChooser->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_viewChooser->setToolTip(tr("Saved views (this workspace) and device groups (the server)"));
    connect(m_viewChooser, &QComboBox::activated, this, &DevicesPage::onViewChosen);
    top->addWidget(m_viewChooser);
    for (QAction *a : {m_saveView, m_removeView, m_refresh, m_import, m_exportAction}) {
        auto *b = new QToolButton;
        b->setDefaultAction(a);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        top->addWidget(b);
        if (a == m_removeView)
            top->addSpacing(12);
    }
    top->addStretch();
    cv->addLayout(top);
    cv->addWidget(m_filterBar);

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName(QStringLiteral("devicesSplitter"));
    auto *builderScroll = new QScrollArea;
    builderScroll->setWidget(m_builder);
    builderScroll->setWidgetResizable(true);
    builderScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    builderScroll->setFrameShape(QFrame::NoFrame);
    builderScroll->setMinimumWidth(280);
    splitter->addWidget(builderScroll);

    m_table->setObjectName(QStringLiteral("devicesTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSortIndicatorShown(true);
    m_table->horizontalHeader()->setSortIndicator(DeviceTableModel::Serial, Qt::AscendingOrder);
    m_table->horizontalHeader()->setSectionsClickable(true);
    const int widths[DeviceTableModel::ColumnCount] = {120, 80, 60, 70, 55, 90, 110, 80, 90, 100, 110};
    for (int c = 0; c < DeviceTableModel::ColumnCount; ++c)
        m_table->setColumnWidth(c, widths[c]);
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, &DevicesPage::onSortIndicator);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({300, 700, 340});
    cv->addWidget(splitter, 1);
    m_status->setObjectName(QStringLiteral("devicesStatus"));
    m_status->setWordWrap(true);
    cv->addWidget(m_status);
    m_stack->addWidget(content);

    // The pages on screen are fetched a moment after the scrolling stops moving them.
    m_visibleTimer->setSingleShot(true);
    m_visibleTimer->setInterval(DeviceTableModel::kDebounceMs);
    connect(m_visibleTimer, &QTimer::timeout, this, &DevicesPage::updateVisibleRows);
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, m_visibleTimer, qOverload<>(&QTimer::start));
    connect(m_model, &DeviceTableModel::resetFinished, this, &DevicesPage::updateVisibleRows);
    connect(m_model, &DeviceTableModel::loadFailed, this, [this](const QString &message) {
        m_status->setText(tr("Cannot load devices: %1").arg(message));
    });
    connect(m_model, &DeviceTableModel::pageLoaded, m_status, &QLabel::clear);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { m_visibleTimer->start(); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &DevicesPage::currentRowChanged);
    connect(m_model, &DeviceTableModel::pageLoaded, this, [this] {
        // The current row's device arrived after it was selected (or a refresh replaced it).
        const fleet::Device *d = m_model->deviceAt(m_table->currentIndex().row());
        if (d && d->serial != m_details->serial())
            currentRowChanged();
    });

    connect(m_filterBar, &DeviceFilterBar::applied, m_model, &DeviceTableModel::setFilter);
    connect(m_filterBar, &DeviceFilterBar::edited, this, [this](const QString &text) {
        if (text != m_builder->text())
            m_builder->setText(text);
    });
    m_builderApply->setSingleShot(true);
    m_builderApply->setInterval(300);
    connect(m_builderApply, &QTimer::timeout, m_filterBar, &DeviceFilterBar::apply);
    connect(m_builder, &FilterBuilder::textEdited, this, &DevicesPage::onBuilderEdited);
    connect(m_details, &DeviceDetails::deviceChanged, this, [this] {
        m_model->reloadRow(m_table->currentIndex().row());
        loadFacets();
    });
    connect(m_views, &SavedViews::changed, this, &DevicesPage::fillViewChooser);

    connect(m_connection, &ServerConnection::stateChanged, this, &DevicesPage::onConnectionChanged);
    qApp->installEventFilter(this);
    fillViewChooser();
    onConnectionChanged();
}

DevicesPage::~DevicesPage()
{
    qApp->removeEventFilter(this);
}

void DevicesPage::createActions()
{
    m_refresh = new QAction(tr("&Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("actionDevicesRefresh"));
    m_refresh->setToolTip(tr("Load the devices and counts again (Ctrl+R)"));
    connect(m_refresh, &QAction::triggered, this, [this] {
        m_model->refresh();
        m_filterBar->recount();
        loadFacets();
        loadGroups();
    });
    m_find = new QAction(tr("&Filter Devices"), this);
    m_find->setObjectName(QStringLiteral("actionDevicesFind"));
    m_find->setToolTip(tr("Type a filter (Ctrl+F)"));
    connect(m_find, &QAction::triggered, this, [this] {
        m_filterBar->field()->setFocus(Qt::ShortcutFocusReason);
        m_filterBar->field()->selectAll();
    });
    m_import = new QAction(tr("&Import…"), this);
    m_import->setObjectName(QStringLiteral("actionDevicesImport"));
    m_import->setToolTip(tr("Register devices from a CSV file, with a preview of what would change"));
    connect(m_import, &QAction::triggered, this, &DevicesPage::importDevices);
    m_exportAction = new QAction(tr("&Export…"), this);
    m_exportAction->setObjectName(QStringLiteral("actionDevicesExport"));
    m_exportAction->setToolTip(tr("Save the devices matching the filter to a CSV file"));
    connect(m_exportAction, &QAction::triggered, this, &DevicesPage::exportDevices);
    m_saveView = new QAction(tr("&Save View…"), this);
    m_saveView->setObjectName(QStringLiteral("actionDevicesSaveView"));
    m_saveView->setToolTip(tr("Keep the filter and sort order under a name"));
    connect(m_saveView, &QAction::triggered, this, &DevicesPage::askSaveView);
    m_removeView = new QAction(tr("Delete View"), this);
    m_removeView->setObjectName(QStringLiteral("actionDevicesRemoveView"));
    m_removeView->setToolTip(tr("Forget the chosen saved view (a server group stays on the server)"));
    connect(m_removeView, &QAction::triggered, this, [this] {
        if (m_viewChooser->currentData(KindRole).toInt() != LocalView)
            return;
        const QString name = m_viewChooser->currentData(NameRole).toString();
        if (const QString error = m_views->remove(name); !error.isEmpty())
            m_log->warning(QStringLiteral("devices"), error);
    });
}

// Ctrl+F and Ctrl+R belong to this page while it is on screen, also where the window has the same shortcut for
// another page (Find in Library, Reload Library).
bool DevicesPage::eventFilter(QObject *watched, QEvent *event)
{
    if ((event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress) && isVisible()) {
        auto *key = static_cast<QKeyEvent *>(event);
        auto *widget = qobject_cast<QWidget *>(watched);
        const bool ours = widget && widget->window() == window() && m_stack->currentIndex() == 1;
        const QKeyCombination k = key->keyCombination();
        QAction *action = k == QKeyCombination(Qt::ControlModifier, Qt::Key_F)   ? m_find
                          : k == QKeyCombination(Qt::ControlModifier, Qt::Key_R) ? m_refresh
                                                                                : nullptr;
        if (ours && action) {
            event->accept();
            if (event->type() == QEvent::KeyPress)
                action->trigger();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void DevicesPage::setWorkspace(const QString &path) { m_views->setWorkspace(path); }

void DevicesPage::onConnectionChanged()
{
    const bool connected = m_connection->isConnected();
    m_stack->setCurrentIndex(connected ? 1 : 0);
    if (m_connection->state() == ServerConnection::State::Connecting)
        m_emptyText->setText(tr("Connecting to %1…").arg(m_connection->name()));
    else if (!connected)
        m_emptyText->setText(tr("The fleet lives on an OTA Desk server. Start the bundled local server or connect "
                                "to a remote one on the Server page, and its devices appear here."));
    client::ApiClient *client = connected ? m_connection->client() : nullptr;
    m_facetsLoaded = m_groupsLoaded = false;
    m_groupFilters.clear();
    m_filterBar->setClient(client);
    m_model->setClient(client);
    m_details->showDevice({});
    const bool mayImport = m_connection->can(QStringLiteral("devices.import"));
    m_import->setEnabled(connected);
    m_import->setStatusTip(mayImport ? QString() : tr("Your role may not import devices (devices.import)"));
    m_exportAction->setEnabled(connected);
    if (connected) {
        loadFacets();
        loadGroups();
    }
    fillViewChooser();
}

void DevicesPage::loadFacets()
{
    if (!m_connection->isConnected())
        return;
    client::FleetClient(m_connection->client()).facets()->then(this, [this](const client::ApiCall &call) {
        if (call.failed())
            return;
        QMap<QString, QStringList> facets;
        const QJsonObject o = call.object();
        for (auto it = o.begin(); it != o.end(); ++it) {
            QStringList values;
            for (const QJsonValue &v : it.value().toArray())
                values << (v.isString() ? v.toString() : v.toVariant().toString());
            facets.insert(it.key(), values);
        }
        m_builder->setFacets(facets);
        m_facetsLoaded = true;
    });
}

void DevicesPage::loadGroups()
{
    if (!m_connection->isConnected())
        return;
    client::FleetClient(m_connection->client()).listGroups()->then(this, [this](const client::ApiCall &call) {
        m_groupFilters.clear();
        if (call.ok()) {
            for (const QJsonValue &v : call.object().value(QStringLiteral("items")).toArray()) {
                const client::DeviceGroupInfo g = client::FleetClient::groupFromJson(v.toObject());
                m_groupFilters.insert(g.name, g.kind == QLatin1String("dynamic") && !g.filter.isEmpty()
                                                  ? g.filter
                                                  : QStringLiteral("group==") + g.name);
            }
        }
        m_groupsLoaded = true;
        fillViewChooser();
    });
}

void DevicesPage::fillViewChooser()
{
    const QSignalBlocker block(m_viewChooser);
    const QString current = m_viewChooser->currentText();
    m_viewChooser->clear();
    m_viewChooser->addItem(tr("Views…"));
    m_viewChooser->setItemData(0, Placeholder, KindRole);
    for (const SavedView &v : m_views->views()) {
        m_viewChooser->addItem(v.name);
        m_viewChooser->setItemData(m_viewChooser->count() - 1, LocalView, KindRole);
        m_viewChooser->setItemData(m_viewChooser->count() - 1, v.name, NameRole);
        m_viewChooser->setItemData(m_viewChooser->count() - 1, v.filter, Qt::ToolTipRole);
    }
    if (!m_groupFilters.isEmpty())
        m_viewChooser->insertSeparator(m_viewChooser->count());
    for (auto it = m_groupFilters.begin(); it != m_groupFilters.end(); ++it) {
        m_viewChooser->addItem(tr("Group: %1").arg(it.key()));
        m_viewChooser->setItemData(m_viewChooser->count() - 1, ServerGroup, KindRole);
        m_viewChooser->setItemData(m_viewChooser->count() - 1, it.key(), NameRole);
        m_viewChooser->setItemData(m_viewChooser->count() - 1, it.value(), Qt::ToolTipRole);
    }
    m_viewChooser->setCurrentIndex(qMax(0, m_viewChooser->findText(current)));
    m_removeView->setEnabled(m_viewChooser->currentData(KindRole).toInt() == LocalView);
}

bool DevicesPage::selectView(const QString &text)
{
    const int i = m_viewChooser->findText(text);
    if (i <= 0)
        return false;
    m_viewChooser->setCurrentIndex(i);
    onViewChosen(i);
    return true;
}

void DevicesPage::onViewChosen(int index)
{
    const int kind = m_viewChooser->itemData(index, KindRole).toInt();
    const QString name = m_viewChooser->itemData(index, NameRole).toString();
    m_removeView->setEnabled(kind == LocalView);
    if (kind == LocalView) {
        if (const SavedView *v = m_views->find(name)) {
            const QSignalBlocker block(m_table->horizontalHeader());
            const int column = DeviceTableModel::columnOfSortKey(v->sort);
            m_table->horizontalHeader()->setSortIndicator(qMax(0, column),
                                                          v->descending ? Qt::DescendingOrder : Qt::AscendingOrder);
            m_model->setSort(v->sort, v->descending ? Qt::DescendingOrder : Qt::AscendingOrder);
            applyFilter(v->filter);
        }
    } else if (kind == ServerGroup) {
        applyFilter(m_groupFilters.value(name));
    }
}

void DevicesPage::applyFilter(const QString &filter)
{
    m_filterBar->setText(filter);
    m_filterBar->apply();
}

void DevicesPage::onBuilderEdited(const QString &text)
{
    m_filterBar->setText(text);
    m_builderApply->start();
}

void DevicesPage::onSortIndicator(int column, Qt::SortOrder order)
{
    if (DeviceTableModel::sortKeyOf(column).isEmpty()) {
        // Not sortable on the server: put the indicator back where the rows really are sorted.
        const QSignalBlocker block(m_table->horizontalHeader());
        m_table->horizontalHeader()->setSortIndicator(DeviceTableModel::columnOfSortKey(m_model->sortKey()),
                                                      m_model->sortOrder());
        m_status->setText(tr("The server cannot sort by %1.")
                              .arg(m_model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString()));
        return;
    }
    m_model->sort(column, order);
}

void DevicesPage::updateVisibleRows()
{
    const int rows = m_model->rowCount();
    if (rows == 0)
        return;
    int first = m_table->rowAt(0);
    int last = m_table->rowAt(m_table->viewport()->height() - 1);
    if (first < 0)
        first = 0;
    if (last < 0)
        last = rows - 1;
    m_model->setVisibleRows(first, qMin(last, rows - 1));
}

void DevicesPage::currentRowChanged()
{
    const fleet::Device *d = m_model->deviceAt(m_table->currentIndex().row());
    m_details->showDevice(d ? d->serial : QString());
}

void DevicesPage::importDevices()
{
    DeviceImportDialog dialog(m_connection->client(), m_connection->can(QStringLiteral("devices.import")), this);
    connect(&dialog, &DeviceImportDialog::imported, this, [this, &dialog] {
        const client::ImportReport &r = dialog.report();
        m_log->info(QStringLiteral("devices"), tr("Imported devices: %1 created, %2 updated, %3 unchanged")
                                                   .arg(r.created)
                                                   .arg(r.updated)
                                                   .arg(r.unchanged));
        m_refresh->trigger();
    });
    DialogRunner::exec(&dialog);
}

void DevicesPage::exportDevices()
{
    if (m_export)
        return;
    const QString path = DialogRunner::saveFile(this, tr("Export Devices"),
                                                QDir::home().filePath(QStringLiteral("devices.csv")),
                                                tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportTo(path);
}

void DevicesPage::exportTo(const QString &path)
{
    if (m_export || !m_connection->isConnected())
        return;
    const QString filter = m_model->filter();
    m_export = new DeviceExportJob(m_connection->client(), filter, path, m_model->rowCount(), this);
    auto *progress = new QProgressDialog(tr("Exporting devices to %1…").arg(QDir::toNativeSeparators(path)),
                                         tr("Cancel"), 0, qMax(1, m_model->rowCount()), this);
    progress->setObjectName(QStringLiteral("devicesExportProgress"));
    progress->setWindowTitle(tr("Export Devices"));
    progress->setMinimumDuration(300);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    connect(progress, &QProgressDialog::canceled, m_export, &DeviceExportJob::cancel);
    connect(m_export, &DeviceExportJob::progress, progress, [progress](qint64 rows, qint64 expected) {
        progress->setValue(int(qMin(rows, qMax<qint64>(1, expected))));
    });
    connect(m_export, &DeviceExportJob::finished, this, [this, progress, path](bool ok, const QString &message) {
        progress->deleteLater();
        const qint64 rows = m_export->rows();
        m_export->deleteLater();
        m_export = nullptr;
        if (ok)
            m_log->info(QStringLiteral("devices"), tr("Exported %n device(s) to %1", nullptr, int(rows))
                                                       .arg(QDir::toNativeSeparators(path)));
        else if (!message.isEmpty())
            m_log->error(QStringLiteral("devices"), message);
        m_status->setText(ok ? tr("Exported %n device(s) to %1.", nullptr, int(rows)).arg(QDir::toNativeSeparators(path))
                             : message.isEmpty() ? tr("Export cancelled; no file was written.") : message);
    });
    m_export->start();
}

void DevicesPage::askSaveView()
{
    QInputDialog dialog(this);
    dialog.setObjectName(QStringLiteral("saveViewDialog"));
    dialog.setWindowTitle(tr("Save View"));
    dialog.setLabelText(m_connection->can(QStringLiteral("groups.write"))
                            ? tr("Name of the view (also saved on the server as a dynamic group):")
                            : tr("Name of the view:"));
    const int current = m_viewChooser->currentIndex();
    if (m_viewChooser->itemData(current, KindRole).toInt() == LocalView)
        dialog.setTextValue(m_viewChooser->itemData(current, NameRole).toString());
    if (DialogRunner::exec(&dialog) != QDialog::Accepted || dialog.textValue().trimmed().isEmpty())
        return;
    saveView(dialog.textValue().trimmed());
}

QString DevicesPage::serverGroupName(const QString &viewName)
{
    QString out;
    for (QChar c : viewName.trimmed()) {
        const bool plain = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
        if (plain || ((c == u'.' || c == u'_' || c == u'-') && !out.isEmpty()))
            out += c;
        else if (!out.isEmpty() && !out.endsWith(u'-'))
            out += u'-';
    }
    while (out.endsWith(u'-'))
        out.chop(1);
    return out.left(64);
}

void DevicesPage::saveView(const QString &name)
{
    const QString filter = m_filterBar->isValid() ? m_filterBar->text() : m_model->filter();
    SavedView view{name, filter, m_model->sortKey(), m_model->sortOrder() == Qt::DescendingOrder};
    if (const QString error = m_views->save(view); !error.isEmpty())
        m_log->warning(QStringLiteral("devices"), error);
    m_viewChooser->setCurrentIndex(qMax(0, m_viewChooser->findText(name)));
    m_removeView->setEnabled(true);
    if (!m_connection->can(QStringLiteral("groups.write")) || filter.isEmpty())
        return;
    // The same view as a dynamic group on the server, so that campaigns and colleagues can use it. Group names
    // are stricter than view names (letters, digits, '.', '_', '-').
    const QString group = serverGroupName(name);
    if (group.isEmpty()) {
        m_log->warning(QStringLiteral("devices"), tr("The view \"%1\" was saved here only: a server group name needs "
                                                     "letters or digits.").arg(name));
        return;
    }
    client::FleetClient fleet(m_connection->client());
    fleet.createGroup(group, filter, tr("Saved view from OTA Desk"))->then(this, [this, name, group, filter](const client::ApiCall &call) {
        if (call.ok()) {
            m_log->info(QStringLiteral("devices"),
                        tr("Saved view \"%1\" as the dynamic group \"%2\" on the server").arg(name, group));
            loadGroups();
            return;
        }
        if (call.status() != 409) {
            m_log->warning(QStringLiteral("devices"), tr("The view \"%1\" was saved here but not on the server: %2")
                                                          .arg(name, call.error().toString()));
            return;
        }
        client::FleetClient(m_connection->client())
            .editGroup(group, {{QStringLiteral("filter"), filter}})
            ->then(this, [this, name](const client::ApiCall &edit) {
                if (edit.failed())
                    m_log->warning(QStringLiteral("devices"),
                                   tr("The view \"%1\" was saved here but the server group of that name was not "
                                      "updated: %2")
                                       .arg(name, edit.error().toString()));
                loadGroups();
            });
    });
}

} // namespace otadesk::ui
