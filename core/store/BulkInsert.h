#pragma once
// Many rows with few statements: collects the values of rows and writes them as multi-row
// "INSERT INTO t(...) VALUES (...), (...), ..." statements of up to rowsPerStatement rows (prepared once and
// reused; the last, shorter statement is prepared on flush). Works the same on SQLite and PostgreSQL. For large
// imports this is many times faster than one statement per row: far fewer statement executions and, on SQLite,
// one statement journal per statement instead of one per row.
// A RETURNING clause in the tail hands each returned row to the handler (after the statement has run).
#include "core/common/Error.h"

#include <functional>
#include <optional>
#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>

namespace otadesk::store {

class BulkInsert
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::store::BulkInsert)
public:
    // head: "INSERT INTO t(a, b, c) VALUES "; row: the values of one row with '?' for bound values, e.g.
    // "(?, ?, 'fixed', ?)"; tail: after the rows, e.g. " ON CONFLICT DO NOTHING" or " RETURNING id".
    BulkInsert(QSqlDatabase db, QString head, QString row, QString tail = {}, int rowsPerStatement = 200);

    using ReturnedRow = std::function<void(const QSqlQuery &)>;
    void onReturnedRow(ReturnedRow handler) { m_handler = std::move(handler); }

    int columns() const { return m_columns; }
    qsizetype pendingRows() const { return m_values.size() / m_columns; }

    // Adds one row (columns() values); writes the pending rows when a statement is full.
    Status add(std::initializer_list<QVariant> values);
    // Writes the pending rows now.
    Status flush();
    qint64 statements() const { return m_statements; }

    // SQLite's and PostgreSQL's limits on the values bound to one statement, with room to spare.
    static constexpr int kMaxBoundValues = 30000;

private:
    QString sql(int rows) const;
    Status run(QSqlQuery &q, int rows);

    QSqlDatabase m_db;
    QString m_head, m_row, m_tail;
    int m_columns = 0;
    int m_rowsPerStatement = 1;
    QVariantList m_values;
    std::optional<QSqlQuery> m_full; // the statement for rowsPerStatement rows, prepared on first use
    ReturnedRow m_handler;
    qint64 m_statements = 0;
};

} // namespace otadesk::store
