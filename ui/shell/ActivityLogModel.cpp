#include "ui/shell/ActivityLogModel.h"

#include <QApplication>
#include <QStyle>

namespace otadesk::ui {

ActivityLogModel::ActivityLogModel(ActivityLog *log, QObject *parent) : QAbstractTableModel(parent), m_log(log)
{
    m_entries = m_log->entries();
    connect(m_log, &ActivityLog::entryAdded, this, &ActivityLogModel::append, Qt::QueuedConnection);
    connect(m_log, &ActivityLog::cleared, this, &ActivityLogModel::reload, Qt::QueuedConnection);
}

int ActivityLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ActivityLogModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString ActivityLogModel::levelName(ActivityEntry::Level level)
{
    switch (level) {
    case ActivityEntry::Level::Info:
        return tr("Info");
    case ActivityEntry::Level::Warning:
        return tr("Warning");
    case ActivityEntry::Level::Error:
        return tr("Error");
    }
    return {};
}

QVariant ActivityLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ActivityEntry &e = m_entries.at(index.row());
    if (role == LevelRole)
        return int(e.level);
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case TimeColumn:
            return role == Qt::ToolTipRole ? QLocale().toString(e.time, QLocale::LongFormat)
                                           : e.time.toString(QStringLiteral("HH:mm:ss"));
        case LevelColumn:
            return levelName(e.level);
        case SourceColumn:
            return e.source;
        case TextColumn:
            return e.text;
        }
    }
    if (role == Qt::DecorationRole && index.column() == LevelColumn) {
        const QStyle *style = QApplication::style();
        switch (e.level) {
        case ActivityEntry::Level::Info:
            return style->standardIcon(QStyle::SP_MessageBoxInformation);
        case ActivityEntry::Level::Warning:
            return style->standardIcon(QStyle::SP_MessageBoxWarning);
        case ActivityEntry::Level::Error:
            return style->standardIcon(QStyle::SP_MessageBoxCritical);
        }
    }
    return {};
}

QVariant ActivityLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case LevelColumn:
        return tr("Level");
    case SourceColumn:
        return tr("Source");
    case TextColumn:
        return tr("Message");
    }
    return {};
}

QString ActivityLogModel::toText(const QList<int> &rows) const
{
    QStringList lines;
    for (int row : rows) {
        if (row < 0 || row >= m_entries.size())
            continue;
        const ActivityEntry &e = m_entries.at(row);
        lines << e.time.toString(Qt::ISODate) + u'\t' + levelName(e.level) + u'\t' + e.source + u'\t' + e.text;
    }
    return lines.join(u'\n');
}

void ActivityLogModel::append(const otadesk::ActivityEntry &entry)
{
    if (!m_entries.isEmpty() && entry.id <= m_entries.last().id)
        return; // already loaded by reload()
    if (m_entries.size() >= m_log->capacity()) {
        beginRemoveRows({}, 0, 0);
        m_entries.removeFirst();
        endRemoveRows();
    }
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append(entry);
    endInsertRows();
}

void ActivityLogModel::reload()
{
    beginResetModel();
    m_entries = m_log->entries();
    endResetModel();
}

void ActivityLogFilter::setMinimumLevel(ActivityEntry::Level level)
{
    if (level == m_minimum)
        return;
    m_minimum = level;
    invalidateFilter();
}

bool ActivityLogFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    return index.data(ActivityLogModel::LevelRole).toInt() >= int(m_minimum);
}

} // namespace otadesk::ui
