#pragma once
// The firmware library as a table: name, product, version, component, format, size, extent, imported.
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

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString formatName(const library::FirmwareEntry &entry);

private:
    QList<library::FirmwareEntry> m_entries;
};

// Sorting by SortRole and a case-insensitive text filter over every column.
class FirmwareFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit FirmwareFilterModel(QObject *parent = nullptr);
};

} // namespace otadesk::ui
