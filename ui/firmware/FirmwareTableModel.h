#pragma once
// The firmware library as a table: name, product, version, component, bundle, format, size, extent, imported.
// Display text for people, SortRole values that sort right (sizes as numbers, dates as dates).
#include "core/library/FirmwareLibrary.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

namespace otadesk::ui {

class FirmwareTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        ProductColumn,
        VersionColumn,
        ComponentColumn,
        BundleColumn,
        FormatColumn,
        SizeColumn,
        ExtentColumn,
        ImportedColumn,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int IdRole = Qt::UserRole + 2;

    explicit FirmwareTableModel(QObject *parent = nullptr);

    // Replaces the content, keeping rows whose ids stay (so views keep their selection).
    void setEntries(const QList<library::FirmwareEntry> &entries);
    const QList<library::FirmwareEntry> &entries() const { return m_entries; }
    const library::FirmwareEntry *entryAt(int row) const;
    int rowOfId(qint64 id) const;
    // Names of the bundles entries belong to (bundle id → name); shown in the Bundle column.
    void setBundleNames(const QHash<qint64, QString> &names);
    QString bundleName(qint64 bundleId) const { return m_bundleNames.value(bundleId); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString formatName(const library::FirmwareEntry &entry);

private:
    QList<library::FirmwareEntry> m_entries;
    QHash<qint64, QString> m_bundleNames;
};

// Sorting by SortRole, a case-insensitive text filter over every column, and a scope: every entry, only
// entries in bundles, or the items of one bundle.
class FirmwareFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    static constexpr qint64 AllEntries = -1;
    static constexpr qint64 AnyBundle = 0;

    explicit FirmwareFilterModel(QObject *parent = nullptr);
    // AllEntries, AnyBundle, or a bundle id.
    void setBundleScope(qint64 scope);
    qint64 bundleScope() const { return m_scope; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    qint64 m_scope = AllEntries;
};

} // namespace otadesk::ui
