#pragma once
// One SQLite connection of the firmware library: a connection name unique to its owner, WAL journal, foreign
// keys on, a busy timeout so two instances on one workspace wait for each other instead of failing, and the
// numbered schema migrations (table schema_migrations) applied on open. Every statement is prepared.
#include "core/common/Error.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>
#include <memory>

namespace otadesk::library {

class LibraryDatabase
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::library::LibraryDatabase)
public:
    static Result<std::unique_ptr<LibraryDatabase>> open(const QString &path);
    ~LibraryDatabase();
    LibraryDatabase(const LibraryDatabase &) = delete;
    LibraryDatabase &operator=(const LibraryDatabase &) = delete;

    // Prepares `sql`, binds `values` positionally and executes it.
    Result<QSqlQuery> exec(const QString &sql, const QVariantList &values = {}) const;
    // Runs a query and returns the first column of the first row (null QVariant if no row).
    Result<QVariant> scalar(const QString &sql, const QVariantList &values = {}) const;

    // Write transactions take the write lock at once (BEGIN IMMEDIATE) so that concurrent writers queue on
    // the busy timeout instead of failing when they upgrade a read lock.
    Status begin();
    Status commit();
    void rollback();

    int schemaVersion() const;
    static int latestSchemaVersion();
    QString connectionName() const { return m_connection; }

private:
    explicit LibraryDatabase(QString connection);
    Status configure();
    Status migrate();
    QSqlDatabase db() const;
    QString m_connection;
};

// A write transaction that rolls back unless committed (RAII).
class Transaction
{
public:
    explicit Transaction(LibraryDatabase &db) : m_db(db) {}
    ~Transaction()
    {
        if (m_open)
            m_db.rollback();
    }
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    Status begin()
    {
        auto st = m_db.begin();
        m_open = bool(st);
        return st;
    }
    Status commit()
    {
        auto st = m_db.commit();
        if (st)
            m_open = false;
        return st;
    }

private:
    LibraryDatabase &m_db;
    bool m_open = false;
};

} // namespace otadesk::library
