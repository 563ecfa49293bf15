#pragma once
// The local server's log as a table: one row per stderr line. JSON lines (--log-format json) are split into
// time, level, message and the remaining fields ("method=GET status=200 …"); other lines (e.g. a start-up error
// printed before logging is set up) are shown whole. Keeps the newest lines only (maxLines). ServerLogFilter
// narrows it to a minimum level and a text.
#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

namespace otadesk::ui {

struct ServerLogLine
{
    QString time;    // as logged (UTC, ISO 8601)
    QString level;   // debug, info, warning, error, fatal; empty for lines that are not JSON
    QString message;
    QString details; // the other fields as key=value
    QByteArray raw;
};

class ServerLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, LevelColumn, MessageColumn, DetailsColumn, ColumnCount };
    enum Role { LevelRankRole = Qt::UserRole + 1, RawRole };

    explicit ServerLogModel(QObject *parent = nullptr);

    static ServerLogLine parse(const QByteArray &line);
    static int levelRank(const QString &level); // debug 0, info 1, warning 2, error/fatal 3; text lines 3

    void setMaxLines(int lines) { m_maxLines = lines; }
    const QList<ServerLogLine> &lines() const { return m_lines; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public Q_SLOTS:
    void appendLine(const QByteArray &line);
    void appendNotice(const QString &text); // a line of the GUI's own (start, stop, crash)
    void clear();

private:
    void append(ServerLogLine line);

    QList<ServerLogLine> m_lines;
    int m_maxLines = 5000;
};

class ServerLogFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ServerLogFilter(QObject *parent = nullptr);
    void setMinimumRank(int rank);
    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    int m_minimumRank = 0;
    QString m_text;
};

} // namespace otadesk::ui
