#include "ui/firmware/FirmwarePage.h"

#include "core/common/Logging.h"
#include "core/firmware/FormatRegistry.h"
#include "ui/firmware/CommandLines.h"
#include "ui/firmware/EntryDetails.h"
#include "ui/firmware/EntryPreview.h"
#include "ui/firmware/ExportDialog.h"
#include "ui/firmware/FirmwareTableModel.h"
#include "ui/firmware/GoToAddress.h"
#include "ui/firmware/ImportDialog.h"
#include "ui/firmware/ImportSummaryText.h"
#include "ui/firmware/LibraryTask.h"
#include "ui/shell/DialogRunner.h"
#include "ui/widgets/HexView.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace otadesk::ui {

using library::FirmwareEntry;

namespace {
const QString kSource = QStringLiteral("firmware");
}

FirmwarePage::FirmwarePage(Settings &settings, ActivityLog *log, QWidget *parent)
    : QWidget(parent), m_settings(settings), m_log(log), m_model(new FirmwareTableModel(this)),
      m_filter(new FirmwareFilterModel(this)), m_search(new QLineEdit), m_scope(new QComboBox), m_tableStack(new QStackedWidget),
      m_table(new QTableView), m_emptyHint(new QLabel), m_details(new EntryDetails), m_preview(new EntryPreview)
{
    setObjectName(QStringLiteral("firmwarePage"));
    setAcceptDrops(true);
    createActions();

    m_filter->setSourceModel(m_model);
    m_search->setObjectName(QStringLiteral("firmwareSearch"));
    m_search->setPlaceholderText(tr("Filter by name, product, version, component or format…"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_filter, &QSortFilterProxyModel::setFilterFixedString);

    m_scope->setObjectName(QStringLiteral("bundleScope"));
    m_scope->setToolTip(tr("Show every entry, only entries that belong to a bundle, or the items of one bundle"));
    m_scope->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_scope, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant scope = m_scope->currentData();
        m_filter->setBundleScope(scope.isValid() ? scope.toLongLong() : FirmwareFilterModel::AllEntries);
        updateActions();
    });
    connect(m_search, &QLineEdit::textChanged, this, &FirmwarePage::updateActions);

    auto *importButton = new QToolButton;
    importButton->setDefaultAction(m_importAction);
    importButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    importButton->setObjectName(QStringLiteral("importButton"));
    auto *exportButton = new QToolButton;
    exportButton->setDefaultAction(m_exportAction);
    exportButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    exportButton->setObjectName(QStringLiteral("exportButton"));
    auto *top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(m_scope);
    top->addWidget(importButton);
    top->addWidget(exportButton);

    m_table->setObjectName(QStringLiteral("firmwareTable"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(FirmwareTableModel::ImportedColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    const int cw = m_table->fontMetrics().averageCharWidth();
    m_table->setColumnWidth(FirmwareTableModel::NameColumn, 30 * cw);
    m_table->setColumnWidth(FirmwareTableModel::ProductColumn, 14 * cw);
    m_table->setColumnWidth(FirmwareTableModel::VersionColumn, 10 * cw);
    m_table->setColumnWidth(FirmwareTableModel::ComponentColumn, 16 * cw);
    m_table->setColumnWidth(FirmwareTableModel::BundleColumn, 18 * cw);
    m_table->setColumnWidth(FirmwareTableModel::FormatColumn, 21 * cw);
    m_table->setColumnWidth(FirmwareTableModel::SizeColumn, 13 * cw);
    m_table->setColumnWidth(FirmwareTableModel::ExtentColumn,
                            m_table->fontMetrics().horizontalAdvance(QStringLiteral("0x00000000–0x00000000")) + 16);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->addActions({m_exportAction, m_removeAction});
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &FirmwarePage::onSelectionChanged);

    m_emptyHint->setObjectName(QStringLiteral("firmwareEmptyHint"));
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setEnabled(false);
    m_tableStack->addWidget(m_emptyHint);
    m_tableStack->addWidget(m_table);

    auto *bottom = new QSplitter(Qt::Horizontal);
    bottom->setObjectName(QStringLiteral("firmwareBottomSplitter"));
    bottom->addWidget(m_details);
    bottom->addWidget(m_preview);
    bottom->setStretchFactor(0, 2);
    bottom->setStretchFactor(1, 3);
    bottom->setSizes({470, 650});
    bottom->setChildrenCollapsible(false);

    auto *split = new QSplitter(Qt::Vertical);
    split->setObjectName(QStringLiteral("firmwareSplitter"));
    split->addWidget(m_tableStack);
    split->addWidget(bottom);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({300, 400});
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 4);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &FirmwarePage::updateActions);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &FirmwarePage::updateActions);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &FirmwarePage::updateActions);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &FirmwarePage::updateActions);
    connect(m_preview, &EntryPreview::loaded, this, &FirmwarePage::updateActions);
    updateActions();
}

FirmwarePage::~FirmwarePage()
{
    delete m_import; // cancels and waits
    delete m_export;
}

void FirmwarePage::createActions()
{
    m_importAction = new QAction(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("&Import…"), this);
    m_importAction->setObjectName(QStringLiteral("actionImport"));
    m_importAction->setShortcut(QKeySequence::Open);
    connect(m_importAction, &QAction::triggered, this, &FirmwarePage::importWithDialog);

    m_exportAction = new QAction(style()->standardIcon(QStyle::SP_DialogSaveButton), tr("&Export…"), this);
    m_exportAction->setObjectName(QStringLiteral("actionExport"));
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_exportAction, &QAction::triggered, this, &FirmwarePage::exportSelected);

    m_removeAction = new QAction(style()->standardIcon(QStyle::SP_TrashIcon), tr("&Delete from Library"), this);
    m_removeAction->setObjectName(QStringLiteral("actionRemove"));
    m_removeAction->setShortcut(QKeySequence::Delete);
    m_removeAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_removeAction, &QAction::triggered, this, &FirmwarePage::removeSelected);
    addAction(m_removeAction);

    m_findAction = new QAction(tr("&Find in Library"), this);
    m_findAction->setObjectName(QStringLiteral("actionFind"));
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setStatusTip(tr("Filter the library by name, product, version, component, bundle or format"));
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    addAction(m_findAction);

    m_goToAction = new QAction(tr("&Go to Address…"), this);
    m_goToAction->setObjectName(QStringLiteral("actionGoToAddress"));
    m_goToAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    m_goToAction->setStatusTip(tr("Show the bytes at an address in the hex view"));
    connect(m_goToAction, &QAction::triggered, this, &FirmwarePage::goToAddress);
    addAction(m_goToAction);

    m_refreshAction = new QAction(tr("&Reload Library"), this);
    m_refreshAction->setObjectName(QStringLiteral("actionRefresh"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    connect(m_refreshAction, &QAction::triggered, this, &FirmwarePage::refresh);
}

void FirmwarePage::updateActions()
{
    const QList<FirmwareEntry> selected = selectedEntries();
    const qint64 id = selected.isEmpty() ? 0 : selected.first().id;
    m_importAction->setEnabled(m_library && !m_import);
    m_exportAction->setEnabled(m_library && selected.size() == 1 && !m_export &&
                               selected.first().kind == library::EntryKind::Image);
    m_removeAction->setEnabled(m_library && !selected.isEmpty() && !m_import);
    auto tip = [](QAction *a, const QString &what, const QString &cli) {
        a->setStatusTip(tr("%1 — otactl: %2").arg(what, cli));
        a->setToolTip(tr("%1\nCommand line: %2").arg(what, cli));
    };
    tip(m_importAction, tr("Import firmware files or packages into the library"), commands::importFiles({}));
    tip(m_exportAction, tr("Write the selected entry as Intel HEX, S-record, binary or ELF"),
        commands::exportEntry(id, QStringLiteral("ihex"), {}));
    tip(m_removeAction, tr("Remove the selected entries from the library"), commands::remove(id));
    tip(m_refreshAction, tr("Read the library again from the workspace"), commands::list());
    m_goToAction->setEnabled(m_preview->hexView()->image() != nullptr);
    // Empty library or nothing matching the filter: say so in place of an empty table.
    if (m_model->rowCount() == 0 && m_library)
        m_emptyHint->setText(tr("<h3>The firmware library is empty</h3>"
                                "<p>Drop firmware files here or use <b>File &gt; Import…</b> (Ctrl+O).</p>"
                                "<p>Intel HEX, S-record, ELF, raw binary, MCUboot images and vendor .zip "
                                "packages are understood.</p>"));
    else if (m_model->rowCount() > 0 && m_filter->rowCount() == 0)
        m_emptyHint->setText(tr("<h3>No entry matches the filter</h3><p>Clear the filter field or choose "
                                "“All entries”.</p>"));
    m_tableStack->setCurrentWidget(m_filter->rowCount() == 0 ? static_cast<QWidget *>(m_emptyHint) : m_table);
}

bool FirmwarePage::isShowingEmptyHint() const { return m_tableStack->currentWidget() == m_emptyHint; }

void FirmwarePage::updateBundles()
{
    m_bundles.clear();
    QHash<qint64, QString> names;
    if (m_library) {
        const auto bundles = m_library->bundles();
        if (!bundles)
            m_log->error(kSource, tr("Cannot list the bundles: %1").arg(bundles.error().toString()));
        else
            for (const library::BundleEntry &b : *bundles) {
                m_bundles.insert(b.id, b);
                names.insert(b.id, b.name);
            }
    }
    m_model->setBundleNames(names);
    // The scope list: All entries, In bundles, then every bundle; the current choice is kept if it still exists.
    const QVariant current = m_scope->currentData();
    const QSignalBlocker block(m_scope);
    m_scope->clear();
    m_scope->addItem(tr("All entries"), FirmwareFilterModel::AllEntries);
    m_scope->addItem(tr("In bundles (%n)", nullptr, int(m_bundles.size())), FirmwareFilterModel::AnyBundle);
    QList<library::BundleEntry> sorted = m_bundles.values();
    std::sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) { return a.id > b.id; });
    for (const library::BundleEntry &b : sorted)
        m_scope->addItem(tr("Bundle: %1 (%n item(s))", nullptr, int(b.items.size())).arg(b.name), b.id);
    const int index = current.isValid() ? m_scope->findData(current) : 0;
    m_scope->setCurrentIndex(qMax(0, index));
    m_filter->setBundleScope(m_scope->currentData().toLongLong());
    m_scope->setVisible(!m_bundles.isEmpty() || m_filter->bundleScope() != FirmwareFilterModel::AllEntries);
}

bool FirmwarePage::setWorkspace(const QString &path)
{
    if (m_import) {
        m_log->warning(kSource, tr("The workspace cannot change while an import runs."));
        return false;
    }
    m_library.reset();
    m_workspacePath = path;
    m_preview->setWorkspacePath(path);
    m_model->setEntries({});
    auto opened = library::FirmwareLibrary::open(Workspace(path));
    if (!opened) {
        m_log->error(kSource, tr("Cannot open the library in %1: %2").arg(path, opened.error().toString()));
        m_emptyHint->setText(tr("<h3>The library cannot be opened</h3><p>%1</p><p>Choose another workspace "
                                "in File › Settings….</p>")
                                 .arg(opened.error().toString().toHtmlEscaped()));
        updateActions();
        Q_EMIT entryCountChanged(0);
        return false;
    }
    m_library = std::move(*opened);
    refresh();
    return true;
}

void FirmwarePage::refresh()
{
    if (!m_library)
        return;
    const auto entries = m_library->list();
    if (!entries) {
        m_log->error(kSource, tr("Cannot list the library: %1").arg(entries.error().toString()));
        return;
    }
    const bool first = m_model->rowCount() == 0;
    updateBundles();
    m_model->setEntries(*entries);
    // Start with the newest entry selected so the details are never empty when there is something to show.
    if (first && !m_import && m_filter->rowCount() > 0 && !m_table->selectionModel()->hasSelection())
        m_table->selectRow(0);
    onSelectionChanged(); // entries may have changed under the selection
    updateActions();
    Q_EMIT entryCountChanged(int(entries->size()));
}

int FirmwarePage::entryCount() const { return m_model->rowCount(); }

QList<FirmwareEntry> FirmwarePage::selectedEntries() const
{
    QList<FirmwareEntry> out;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        if (const FirmwareEntry *e = m_model->entryAt(m_filter->mapToSource(index).row()))
            out.append(*e);
    return out;
}

void FirmwarePage::selectIds(const QList<qint64> &ids)
{
    QItemSelection selection;
    for (qint64 id : ids) {
        const int row = m_model->rowOfId(id);
        if (row < 0)
            continue;
        const QModelIndex index = m_filter->mapFromSource(m_model->index(row, 0));
        if (index.isValid())
            selection.select(index, index.siblingAtColumn(FirmwareTableModel::ColumnCount - 1));
    }
    m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    if (!selection.isEmpty()) {
        m_table->selectionModel()->setCurrentIndex(selection.indexes().first(), QItemSelectionModel::NoUpdate);
        m_table->scrollTo(selection.indexes().first());
    }
}

void FirmwarePage::onSelectionChanged()
{
    const QList<FirmwareEntry> selected = selectedEntries();
    const FirmwareEntry *entry = selected.isEmpty() ? nullptr : &selected.first();
    const auto bundle = entry ? m_bundles.constFind(entry->bundleId) : m_bundles.constEnd();
    m_details->setEntry(entry, bundle == m_bundles.constEnd() ? nullptr : &*bundle);
    if (selected.size() > 1)
        m_details->setComparison(selected.size() == 2
                                     ? tr("Compared with %1 %2 in the memory map")
                                           .arg(selected[1].name, selected[1].version)
                                           .trimmed()
                                     : tr("%n more selected; the memory map compares the first two", nullptr,
                                          int(selected.size() - 1)));
    m_preview->setEntries(selected);
    updateActions();
}

void FirmwarePage::importWithDialog()
{
    const QString folder = m_settings.value(Settings::LastImportFolder).toString();
    const QStringList files = DialogRunner::openFiles(this, tr("Import firmware"), folder,
                                                      firmware::FormatRegistry::instance().openFileFilter() +
                                                          tr(";;Zip packages (*.zip);;All files (*)"));
    if (!files.isEmpty())
        importFiles(files);
}

void FirmwarePage::importFiles(const QStringList &files)
{
    if (files.isEmpty() || !m_library || m_import)
        return;
    m_settings.setValue(Settings::LastImportFolder, QFileInfo(files.first()).absolutePath());
    ImportDialog dialog(files, this);
    if (DialogRunner::exec(&dialog) != QDialog::Accepted)
        return;
    startImport(dialog.files(), dialog.options());
}

void FirmwarePage::startImport(const QStringList &files, const ImportOptions &options)
{
    if (m_import || m_workspacePath.isEmpty())
        return;
    ImportOptions o = options;
    o.strictOverlaps = m_settings.strictOverlaps();
    m_log->info(kSource, tr("Importing %n file(s): %1", nullptr, int(files.size()))
                             .arg(commands::importFiles(files, o)));
    m_import = new ImportJob(m_workspacePath, files, o, this);
    connect(m_import, &ImportJob::progress, this, &FirmwarePage::taskProgress);
    connect(m_import, &ImportJob::fileFinished, this, [this](const ImportFileResult &r) {
        const QString name = QFileInfo(r.path).fileName();
        if (!r.ok)
            m_log->error(kSource, tr("%1 was not imported: %2").arg(name, r.error));
        else if (r.alreadyPresent)
            m_log->info(kSource, tr("%1 is already in the library").arg(name));
        else
            m_log->info(kSource, tr("Imported %1 (%n entries)", nullptr, int(r.entryIds.size())).arg(name));
        for (const QString &w : r.warnings)
            m_log->warning(kSource, w);
        refresh(); // show entries as they arrive
    });
    connect(m_import, &ImportJob::finished, this, &FirmwarePage::onImportFinished);
    Q_EMIT taskStarted(tr("Importing %n file(s)…", nullptr, int(files.size())));
    updateActions();
    m_import->start();
}

void FirmwarePage::onImportFinished(const ImportSummary &summary)
{
    m_import->deleteLater();
    m_import = nullptr;
    if (summary.cancelled)
        m_log->warning(kSource, tr("Import cancelled; the file being read was not added."));
    refresh();
    selectIds(summary.entryIds());
    updateActions();
    Q_EMIT taskFinished();
    Q_EMIT importFinished(summary);
    showSummary(summary);
}

void FirmwarePage::showSummary(const ImportSummary &summary)
{
    auto *box = new QMessageBox(summary.failedCount() ? QMessageBox::Warning : QMessageBox::Information,
                                tr("Import finished"), ImportSummaryText::text(summary), QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("importSummary"));
    box->setTextFormat(Qt::PlainText);
    const QString details = ImportSummaryText::detailedText(summary);
    if (!details.isEmpty())
        box->setDetailedText(details);
    box->setModal(false);
    box->setAttribute(Qt::WA_DeleteOnClose);
    DialogRunner::show(box);
}

void FirmwarePage::goToAddress()
{
    HexView *hex = m_preview->hexView();
    if (!hex->image())
        return;
    const auto current = hex->selection();
    const auto address =
        GoToAddress::ask(this, current ? firmware::formatAddress(current->start) : QString());
    if (!address)
        return;
    if (!hex->goToAddress(*address))
        DialogRunner::warn(this, tr("Go to Address"),
                           tr("%1 holds no data in %2.").arg(firmware::formatAddress(*address),
                                                            m_details->value(QStringLiteral("extent")).isEmpty()
                                                                ? tr("this entry")
                                                                : m_details->value(QStringLiteral("extent"))));
    else
        hex->setFocus(Qt::ShortcutFocusReason);
}

void FirmwarePage::cancelTask()
{
    if (m_import)
        m_import->cancel();
    if (m_export)
        m_export->cancel();
}

void FirmwarePage::exportSelected()
{
    const QList<FirmwareEntry> selected = selectedEntries();
    if (selected.size() != 1 || !m_library || m_export)
        return;
    const FirmwareEntry entry = selected.first();
    ExportDialog dialog(entry, m_settings.hexBytesPerRecord(), quint8(m_settings.erasedByte()),
                        m_settings.value(Settings::LastImportFolder).toString(), this);
    if (DialogRunner::exec(&dialog) != QDialog::Accepted)
        return;
    const ExportOptions o = dialog.options();
    m_log->info(kSource, tr("Exporting %1: %2").arg(entry.name, commands::exportEntry(entry.id, o.formatId, o.path)));
    m_export = new LibraryTask(
        m_workspacePath,
        [entry, o](library::FirmwareLibrary &lib, const std::atomic<bool> &cancelled) -> QString {
            firmware::WriteOptions w;
            w.bytesPerRecord = o.bytesPerRecord;
            w.fill = o.fill;
            w.progress.cancelled = &cancelled;
            if (!o.range) {
                const Status s = lib.exportEntry(entry, o.path, o.formatId, w);
                return s ? QString() : s.error().toString();
            }
            auto loaded = lib.loadImage(entry);
            if (!loaded)
                return loaded.error().toString();
            const firmware::MemoryImage part = loaded->result.image.slice(*o.range);
            if (part.isEmpty())
                return tr("The range %1 holds no data of %2.").arg(firmware::formatRange(*o.range), entry.name);
            const Status s = firmware::saveImageFile(part, o.path, o.formatId, w);
            return s ? QString() : s.error().toString();
        },
        this);
    connect(m_export, &LibraryTask::finished, this, [this, o](const QString &error) {
        m_export->deleteLater();
        m_export = nullptr;
        if (error.isEmpty())
            m_log->info(kSource, tr("Exported to %1").arg(QDir::toNativeSeparators(o.path)));
        else
            m_log->error(kSource, tr("Export failed: %1").arg(error));
        updateActions();
        Q_EMIT taskFinished();
        Q_EMIT exportFinished(error);
    });
    Q_EMIT taskStarted(tr("Exporting %1…").arg(entry.name));
    updateActions();
    m_export->start();
}

void FirmwarePage::removeSelected()
{
    const QList<FirmwareEntry> selected = selectedEntries();
    if (selected.isEmpty() || !m_library || m_import)
        return;
    const QString text = selected.size() == 1
                             ? tr("Delete %1 from the library? The stored file is removed unless another entry "
                                  "uses it.")
                                   .arg(selected.first().name)
                             : tr("Delete %n entries from the library?", nullptr, int(selected.size()));
    if (!DialogRunner::confirm(this, tr("Delete from library"), text, tr("Delete")))
        return;
    for (const FirmwareEntry &e : selected) {
        const Status s = m_library->remove(e.id);
        if (s)
            m_log->info(kSource, tr("Deleted %1 (%2)").arg(e.name, commands::remove(e.id)));
        else
            m_log->error(kSource, tr("Cannot delete %1: %2").arg(e.name, s.error().toString()));
    }
    refresh();
}

void FirmwarePage::copy()
{
    QWidget *focus = QApplication::focusWidget();
    if (focus && (focus == m_preview || m_preview->isAncestorOf(focus))) {
        QKeyEvent copyKey(QEvent::KeyPress, Qt::Key_C, Qt::ControlModifier);
        QApplication::sendEvent(focus, &copyKey);
        return;
    }
    // The selected rows as tab-separated text, header first.
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    QStringList lines;
    QStringList header;
    for (int c = 0; c < FirmwareTableModel::ColumnCount; ++c)
        header << m_model->headerData(c, Qt::Horizontal).toString();
    lines << header.join(u'\t') + QStringLiteral("\tSHA-256");
    for (const QModelIndex &index : rows) {
        QStringList cells;
        for (int c = 0; c < FirmwareTableModel::ColumnCount; ++c)
            cells << index.siblingAtColumn(c).data().toString();
        if (const FirmwareEntry *e = m_model->entryAt(m_filter->mapToSource(index).row()))
            cells << QString::fromLatin1(e->fileSha256.toHex());
        lines << cells.join(u'\t');
    }
    QApplication::clipboard()->setText(lines.join(u'\n'));
}

void FirmwarePage::selectAll()
{
    QWidget *focus = QApplication::focusWidget();
    if (focus && (focus == m_preview || m_preview->isAncestorOf(focus))) {
        QKeyEvent key(QEvent::KeyPress, Qt::Key_A, Qt::ControlModifier);
        QApplication::sendEvent(focus, &key);
        return;
    }
    m_table->selectAll();
}

void FirmwarePage::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls() && m_library && !m_import)
        event->acceptProposedAction();
}

void FirmwarePage::dropEvent(QDropEvent *event)
{
    QStringList files;
    const QList<QUrl> urls = event->mimeData()->urls();
    for (const QUrl &url : urls)
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
            files << url.toLocalFile();
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    // Let the drag finish before the modal options dialog opens.
    QMetaObject::invokeMethod(this, [this, files] { importFiles(files); }, Qt::QueuedConnection);
}

} // namespace otadesk::ui
