#pragma once
// The server's database: SQLite (WAL, foreign keys, busy timeout) or PostgreSQL (QPSQL), chosen by a
// ConnectionSpec. A PostgreSQL connection that broke (server restart, network) is replaced on the next
// statement outside a transaction. Every thread that uses a Database gets its own QSqlDatabase connection (Qt Sql connections
// belong to the thread that opened them), opened on first use and closed when the thread finishes.
// Values are always bound, never pasted into SQL text.
#include "core/common/Error.h"
#include "core/store/ConnectionSpec.h"
#include "core/store/StoreMigrations.h"

#include <memory>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

namespace otadesk::store {

class Database
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::store::Database)
public:
    // Connects (in the calling thread) so that a wrong spec, a missing driver or a refused login is reported
    // here. Does not migrate: call migrate().
    static Result<std::unique_ptr<Database>> open(const QString &spec);
    static Result<std::unique_ptr<Database>> open(const ConnectionSpec &spec);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    Dialect dialect() const { return m_spec.dialect; }
    const ConnectionSpec &spec() const { return m_spec; }

    // The calling thread's connection, opened and configured on first use.
    Result<QSqlDatabase> connection() const;
    // Runs one statement; with values it is prepared and the values bound in order.
    Result<QSqlQuery> exec(const QString &sql, const QVariantList &values = {}) const;
    // First column of the first row, or an invalid QVariant when there is no row.
    Result<QVariant> scalar(const QString &sql, const QVariantList &values = {}) const;

    Status begin() const; // BEGIN IMMEDIATE on SQLite: takes the write lock up front
    Status commit() const;
    void rollback() const;

    // Applies the pending migrations, one transaction each; refuses a database newer than the code.
    Status migrate() const { return migrate(storeMigrations()); }
    Status migrate(const QList<Migration> &migrations) const;
    // Highest applied migration, 0 for an empty database.
    Result<int> schemaVersion() const;

private:
    explicit Database(ConnectionSpec spec);
    Result<QSqlDatabase> openConnection(const QString &name) const;
    Result<QSqlQuery> run(const QString &sql, const QVariantList &values) const;
    // After a failed statement on PostgreSQL outside a transaction: if the connection is dead, open a new one.
    bool reconnectIfBroken() const;
    Status configure(QSqlDatabase &db) const;
    Error connectError(const QString &driverText) const;

    struct Registry;
    ConnectionSpec m_spec;
    std::shared_ptr<Registry> m_registry;
};

// Rolls back unless commit() was called.
class Transaction
{
public:
    explicit Transaction(const Database &db) : m_db(db) {}
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
        m_open = st.has_value();
        return st;
    }
    Status commit()
    {
        m_open = false;
        return m_db.commit();
    }

private:
    const Database &m_db;
    bool m_open = false;
};

} // namespace otadesk::store
