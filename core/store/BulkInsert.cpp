#include "core/store/BulkInsert.h"

#include <algorithm>
#include <QSqlError>

namespace otadesk::store {

BulkInsert::BulkInsert(QSqlDatabase db, QString head, QString row, QString tail, int rowsPerStatement)
    : m_db(std::move(db)), m_head(std::move(head)), m_row(std::move(row)), m_tail(std::move(tail)),
      m_columns(int(m_row.count(u'?')))
{
    Q_ASSERT(m_columns > 0);
    m_rowsPerStatement = std::clamp(rowsPerStatement, 1, kMaxBoundValues / m_columns);
    m_values.reserve(qsizetype(m_rowsPerStatement) * m_columns);
}

QString BulkInsert::sql(int rows) const
{
    QString out;
    out.reserve(m_head.size() + rows * (m_row.size() + 2) + m_tail.size());
    out += m_head;
    for (int i = 0; i < rows; ++i) {
        if (i)
            out += QLatin1String(", ");
        out += m_row;
    }
    out += m_tail;
    return out;
}

Status BulkInsert::add(std::initializer_list<QVariant> values)
{
    Q_ASSERT(int(values.size()) == m_columns);
    for (const QVariant &v : values)
        m_values.append(v);
    if (m_values.size() < qsizetype(m_rowsPerStatement) * m_columns)
        return {};
    if (!m_full) {
        QSqlQuery q(m_db);
        if (!q.prepare(sql(m_rowsPerStatement)))
            return fail(ErrorCode::Database, tr("Writing rows failed: %1").arg(q.lastError().text()));
        m_full = std::move(q);
    }
    return run(*m_full, m_rowsPerStatement);
}

Status BulkInsert::flush()
{
    const int rows = int(pendingRows());
    if (rows == 0)
        return {};
    if (rows == m_rowsPerStatement && m_full)
        return run(*m_full, rows);
    QSqlQuery q(m_db);
    if (!q.prepare(sql(rows)))
        return fail(ErrorCode::Database, tr("Writing rows failed: %1").arg(q.lastError().text()));
    return run(q, rows);
}

Status BulkInsert::run(QSqlQuery &q, int rows)
{
    for (int i = 0; i < rows * m_columns; ++i)
        q.bindValue(i, m_values[i]);
    m_values.clear();
    ++m_statements;
    if (!q.exec())
        return fail(ErrorCode::Database, tr("Writing rows failed: %1").arg(q.lastError().text()));
    if (m_handler) {
        while (q.next())
            m_handler(q);
    }
    q.finish();
    return {};
}

} // namespace otadesk::store
