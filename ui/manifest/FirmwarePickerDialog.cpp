#include "ui/manifest/FirmwarePickerDialog.h"

#include "ui/firmware/FirmwareTableModel.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace otadesk::ui {

FirmwarePickerDialog::FirmwarePickerDialog(const QList<library::FirmwareEntry> &entries,
                                           const QString &component, QWidget *parent)
    : QDialog(parent), m_model(new FirmwareTableModel(this)), m_filter(new FirmwareFilterModel(this)),
      m_search(new QLineEdit), m_table(new QTableView)
{
    setObjectName(QStringLiteral("firmwarePickerDialog"));
    setWindowTitle(component.isEmpty() ? tr("Pick firmware") : tr("Pick firmware for %1").arg(component));
    m_model->setEntries(entries);
    m_filter->setSourceModel(m_model);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setFilterKeyColumn(-1);
    m_filter->setSortRole(FirmwareTableModel::SortRole);

    m_search->setObjectName(QStringLiteral("firmwarePickerSearch"));
    m_search->setPlaceholderText(tr("Filter by name, product, version, component…"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_filter, &QSortFilterProxyModel::setFilterFixedString);

    m_table->setObjectName(QStringLiteral("firmwarePickerTable"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(FirmwareTableModel::ImportedColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    for (int c = 0; c < FirmwareTableModel::ColumnCount; ++c)
        m_table->resizeColumnToContents(c);
    if (m_filter->rowCount() > 0)
        m_table->selectRow(0);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("firmwarePickerOk"));
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Use Firmware"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_table, &QTableView::doubleClicked, this, &QDialog::accept);
    auto updateOk = [this, buttons] {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(selectedEntry().has_value());
    };
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, updateOk);
    updateOk();

    auto *hint =
        new QLabel(tr("The manifest gets the SHA-256 digest and size of the image as a device flashes it "
                      "(the flattened binary)."));
    hint->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_table, 1);
    layout->addWidget(hint);
    layout->addWidget(buttons);
    resize(fontMetrics().averageCharWidth() * 120, fontMetrics().height() * 24);
}

bool FirmwarePickerDialog::selectId(qint64 id)
{
    const int row = m_model->rowOfId(id);
    if (row < 0)
        return false;
    const QModelIndex index = m_filter->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return false;
    m_table->selectRow(index.row());
    return true;
}

std::optional<library::FirmwareEntry> FirmwarePickerDialog::selectedEntry() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    if (const library::FirmwareEntry *e = m_model->entryAt(m_filter->mapToSource(rows.first()).row()))
        return *e;
    return std::nullopt;
}

} // namespace otadesk::ui
