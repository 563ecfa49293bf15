#include "ui/server/ServerLogModel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPalette>

namespace otadesk::ui {

ServerLogModel::ServerLogModel(QObject *parent) : QAbstractTableModel(parent) {}

ServerLogLine ServerLogModel::parse(const QByteArray &line)
{
    ServerLogLine out;
    out.raw = line;
    const QJsonDocument doc = QJsonDocument::fromJson(line);
    if (!doc.isObject()) {
        out.message = QString::fromUtf8(line);
        return out;
    }
    QJsonObject o = doc.object();
    out.time = o.take(QStringLiteral("ts")).toString();
    out.level = o.take(QStringLiteral("level")).toString();
    out.message = o.take(QStringLiteral("msg")).toString();
    o.remove(QStringLiteral("category"));
    QStringList fields;
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        const QJsonValue v = it.value();
        QString text;
        if (v.isString())
            text = v.toString();
        else if (v.isObject())
            text = QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
        else if (v.isArray())
            text = QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
        else
            text = v.toVariant().toString();
        if (text.contains(QLatin1Char(' ')))
            text = QLatin1Char('"') + text + QLatin1Char('"');
        fields << it.key() + QLatin1Char('=') + text;
    }
    out.details = fields.join(QLatin1Char(' '));
    return out;
}

int ServerLogModel::levelRank(const QString &level)
{
    if (level == QLatin1String("debug"))
        return 0;
    if (level == QLatin1String("info"))
        return 1;
    if (level == QLatin1String("warning"))
        return 2;
    return 3; // error, fatal, and plain lines (start-up failures are printed without JSON)
}

int ServerLogModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_lines.size()); }

int ServerLogModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ServerLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_lines.size())
        return {};
    const ServerLogLine &l = m_lines.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn: {
            const QDateTime t = QDateTime::fromString(l.time, Qt::ISODateWithMs);
            return t.isValid() ? t.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz")) : l.time;
        }
        case LevelColumn: return l.level;
        case MessageColumn: return l.message;
        case DetailsColumn: return l.details;
        }
        return {};
    case Qt::ToolTipRole: return QString::fromUtf8(l.raw);
    case Qt::ForegroundRole:
        if (index.column() == LevelColumn && levelRank(l.level) >= 3 && !l.level.isEmpty())
            return QBrush(QColor(0xc0, 0x1c, 0x28));
        if (index.column() == LevelColumn && levelRank(l.level) == 2)
            return QBrush(QColor(0x9a, 0x64, 0x00));
        return {};
    case LevelRankRole: return levelRank(l.level);
    case RawRole: return l.raw;
    }
    return {};
}

QVariant ServerLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case LevelColumn: return tr("Level");
    case MessageColumn: return tr("Message");
    case DetailsColumn: return tr("Details");
    }
    return {};
}

void ServerLogModel::appendLine(const QByteArray &line) { append(parse(line)); }

void ServerLogModel::appendNotice(const QString &text)
{
    ServerLogLine l;
    l.time = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    l.level = QStringLiteral("info");
    l.message = text;
    l.details = tr("source=OTA Desk");
    l.raw = text.toUtf8();
    append(std::move(l));
}

void ServerLogModel::append(ServerLogLine line)
{
    if (m_lines.size() >= m_maxLines) {
        const int drop = int(m_lines.size()) - m_maxLines + 1;
        beginRemoveRows({}, 0, drop - 1);
        m_lines.remove(0, drop);
        endRemoveRows();
    }
    beginInsertRows({}, int(m_lines.size()), int(m_lines.size()));
    m_lines.append(std::move(line));
    endInsertRows();
}

void ServerLogModel::clear()
{
    beginResetModel();
    m_lines.clear();
    endResetModel();
}

ServerLogFilter::ServerLogFilter(QObject *parent) : QSortFilterProxyModel(parent) {}

void ServerLogFilter::setMinimumRank(int rank)
{
    m_minimumRank = rank;
    invalidateFilter();
}

void ServerLogFilter::setText(const QString &text)
{
    m_text = text;
    invalidateFilter();
}

bool ServerLogFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex first = sourceModel()->index(sourceRow, 0, sourceParent);
    if (first.data(ServerLogModel::LevelRankRole).toInt() < m_minimumRank)
        return false;
    if (m_text.isEmpty())
        return true;
    return QString::fromUtf8(first.data(ServerLogModel::RawRole).toByteArray()).contains(m_text, Qt::CaseInsensitive);
}

} // namespace otadesk::ui
