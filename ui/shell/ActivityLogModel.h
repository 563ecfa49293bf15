#pragma once
// Table model over the ActivityLog ring buffer: time, level, source, text. New entries arrive through the
// log's entryAdded signal, queued, so the log may be written from any thread.
#include "core/common/ActivityLog.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

namespace otadesk::ui {

class ActivityLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, LevelColumn, SourceColumn, TextColumn, ColumnCount };
    static constexpr int LevelRole = Qt::UserRole + 1;

    explicit ActivityLogModel(ActivityLog *log, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const ActivityEntry &entryAt(int row) const { return m_entries.at(row); }
    // One line per row, tab-separated, for the clipboard.
    QString toText(const QList<int> &rows) const;
    static QString levelName(ActivityEntry::Level level);

private:
    void append(const otadesk::ActivityEntry &entry);
    void reload();

    ActivityLog *m_log;
    QList<ActivityEntry> m_entries;
};

// Shows entries at or above a minimum level.
class ActivityLogFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setMinimumLevel(ActivityEntry::Level level);
    ActivityEntry::Level minimumLevel() const { return m_minimum; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    ActivityEntry::Level m_minimum = ActivityEntry::Level::Info;
};

} // namespace otadesk::ui
