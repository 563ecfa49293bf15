#include "ui/firmware/FirmwareTableModel.h"

#include "core/firmware/FormatRegistry.h"

#include <QLocale>
#include <QSet>

namespace otadesk::ui {

using library::FirmwareEntry;

FirmwareTableModel::FirmwareTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void FirmwareTableModel::setEntries(const QList<FirmwareEntry> &entries)
{
    QSet<qint64> newIds;
    for (const FirmwareEntry &e : entries)
        newIds.insert(e.id);
    // Remove rows that are gone (from the bottom so indices stay valid).
    for (int row = int(m_entries.size()) - 1; row >= 0; --row) {
        if (!newIds.contains(m_entries.at(row).id)) {
            beginRemoveRows({}, row, row);
            m_entries.removeAt(row);
            endRemoveRows();
        }
    }
    // Update the rows that stay, append the new ones.
    QHash<qint64, int> rowOf;
    for (int row = 0; row < m_entries.size(); ++row)
        rowOf.insert(m_entries.at(row).id, row);
    QList<FirmwareEntry> added;
    for (const FirmwareEntry &e : entries) {
        const auto it = rowOf.constFind(e.id);
        if (it == rowOf.constEnd()) {
            added.append(e);
            continue;
        }
        m_entries[*it] = e;
        Q_EMIT dataChanged(index(*it, 0), index(*it, ColumnCount - 1));
    }
    if (!added.isEmpty()) {
        const int first = int(m_entries.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        m_entries.append(added);
        endInsertRows();
    }
}

void FirmwareTableModel::setBundleNames(const QHash<qint64, QString> &names)
{
    if (names == m_bundleNames)
        return;
    m_bundleNames = names;
    if (!m_entries.isEmpty())
        Q_EMIT dataChanged(index(0, BundleColumn), index(rowCount() - 1, BundleColumn));
}

const FirmwareEntry *FirmwareTableModel::entryAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? &m_entries.at(row) : nullptr;
}

int FirmwareTableModel::rowOfId(qint64 id) const
{
    for (int row = 0; row < m_entries.size(); ++row)
        if (m_entries.at(row).id == id)
            return row;
    return -1;
}

int FirmwareTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int FirmwareTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString FirmwareTableModel::formatName(const FirmwareEntry &entry)
{
    if (entry.kind == library::EntryKind::Auxiliary)
        return tr("auxiliary");
    QString name = entry.format;
    if (const auto *format = firmware::FormatRegistry::instance().byId(entry.format))
        name = format->displayName();
    if (entry.metadata.contains(QStringLiteral("mcuboot")))
        name = tr("%1 (MCUboot)").arg(name);
    return name;
}

QVariant FirmwareTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FirmwareEntry &e = m_entries.at(index.row());
    if (role == IdRole)
        return e.id;
    if (role == Qt::TextAlignmentRole) {
        if (index.column() == SizeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    const bool sort = role == SortRole;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && !sort)
        return {};
    switch (index.column()) {
    case NameColumn:
        if (role == Qt::ToolTipRole)
            return tr("%1 (library id %2)").arg(e.name).arg(e.id);
        return e.name;
    case ProductColumn:
        return e.product;
    case VersionColumn:
        return e.version;
    case ComponentColumn:
        return e.component;
    case BundleColumn:
        if (e.bundleId == 0)
            return QString();
        if (role == Qt::ToolTipRole)
            return tr("Bundle %1 (library bundle id %2), component %3")
                .arg(m_bundleNames.value(e.bundleId))
                .arg(e.bundleId)
                .arg(e.component);
        return m_bundleNames.value(e.bundleId, tr("bundle %1").arg(e.bundleId));
    case FormatColumn:
        return sort ? QVariant(e.format) : QVariant(formatName(e));
    case SizeColumn:
        if (sort)
            return e.fileSize;
        if (role == Qt::ToolTipRole)
            return tr("%1 bytes in the file, %2 bytes of data").arg(e.fileSize).arg(e.dataSize);
        return QLocale().formattedDataSize(e.fileSize);
    case ExtentColumn:
        if (e.segments.isEmpty())
            return sort ? QVariant(quint64(0)) : QVariant(QString());
        if (sort)
            return e.extent().start;
        if (role == Qt::ToolTipRole)
            return tr("%n segment(s), %1", nullptr, int(e.segments.size())).arg(firmware::formatRange(e.extent()));
        return firmware::formatRange(e.extent());
    case ImportedColumn:
        if (sort)
            return e.importedAt;
        return QLocale().toString(e.importedAt.toLocalTime(), QLocale::ShortFormat);
    }
    return {};
}

QVariant FirmwareTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ProductColumn:
        return tr("Product");
    case VersionColumn:
        return tr("Version");
    case ComponentColumn:
        return tr("Component");
    case BundleColumn:
        return tr("Bundle");
    case FormatColumn:
        return tr("Format");
    case SizeColumn:
        return tr("Size");
    case ExtentColumn:
        return tr("Address range");
    case ImportedColumn:
        return tr("Imported");
    }
    return {};
}

FirmwareFilterModel::FirmwareFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(FirmwareTableModel::SortRole);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setFilterKeyColumn(-1);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

} // namespace otadesk::ui

namespace otadesk::ui {

void FirmwareFilterModel::setBundleScope(qint64 scope)
{
    if (scope == m_scope)
        return;
    m_scope = scope;
    invalidateFilter();
}

bool FirmwareFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_scope != AllEntries) {
        const auto *model = qobject_cast<const FirmwareTableModel *>(sourceModel());
        const FirmwareEntry *e = model ? model->entryAt(sourceRow) : nullptr;
        if (!e || e->bundleId == 0 || (m_scope != AnyBundle && e->bundleId != m_scope))
            return false;
    }
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

} // namespace otadesk::ui
