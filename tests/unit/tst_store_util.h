#pragma once
// Shared by the store tests: every test function runs once per backend (data rows "sqlite" and "postgresql"),
// each on a fresh database of its own, so that ctest -j can run the store tests in parallel.
//   sqlite:      a file in a temporary folder
//   postgresql:  a schema with a unique name in the database named by OTADESK_TEST_POSTGRES (scripts/test
//                starts a throwaway cluster and sets it), dropped at the end of the test function.
// Without OTADESK_TEST_POSTGRES the postgresql rows skip, or fail when OTADESK_REQUIRE_POSTGRES=1.
#include "core/store/Database.h"

#include <atomic>
#include <QCoreApplication>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

namespace otadesk::test {

inline void addBackendRows()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

// QVERIFY2 evaluates its message even when the check passes: never touch error() of a successful result.
template <typename R> QString why(const R &r)
{
    return r.has_value() ? QString() : r.error().message();
}

inline bool postgresRequired()
{
    return qEnvironmentVariable("OTADESK_REQUIRE_POSTGRES") == QLatin1String("1");
}

class StoreTestDatabase
{
public:
    StoreTestDatabase() = default;
    StoreTestDatabase(const StoreTestDatabase &) = delete;
    StoreTestDatabase &operator=(const StoreTestDatabase &) = delete;
    ~StoreTestDatabase()
    {
        if (m_schema.isEmpty())
            return;
        if (auto db = store::Database::open(m_baseUrl); db) {
            if (auto q = (*db)->exec(QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(m_schema)); !q)
                qWarning("cannot drop test schema: %s", qPrintable(q.error().message()));
        }
    }

    // Returns an empty string on success, otherwise why the backend is not available.
    QString prepare(const QString &backend)
    {
        if (backend == QLatin1String("sqlite")) {
            if (!m_dir.isValid())
                return QStringLiteral("cannot create a temporary folder");
            spec = m_dir.filePath(QStringLiteral("server.sqlite"));
            sqlitePath = spec;
            return {};
        }
        m_baseUrl = qEnvironmentVariable("OTADESK_TEST_POSTGRES");
        if (m_baseUrl.isEmpty())
            return QStringLiteral("OTADESK_TEST_POSTGRES is not set. Run scripts/test (it starts a throwaway "
                                  "PostgreSQL cluster), or see DEVELOPERS.md to start one by hand: "
                                  "source scripts/lib.sh; start_postgres");
        static std::atomic<int> counter{0};
        m_schema = QStringLiteral("t_%1_%2_%3")
                       .arg(QCoreApplication::applicationPid())
                       .arg(counter.fetch_add(1) + 1)
                       .arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'));
        spec = m_baseUrl + (m_baseUrl.contains(u'?') ? u'&' : u'?') + QStringLiteral("schema=") + m_schema;
        return {};
    }

    QString spec;       // what to pass to Database::open
    QString sqlitePath; // the SQLite file (sqlite backend only)
    QString schema() const { return m_schema; }
    QString folder() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
    QString m_baseUrl;
    QString m_schema;
};

} // namespace otadesk::test

// In a data-driven test function: fetches the backend, prepares a fresh database in `holder` (a
// StoreTestDatabase), skips (or fails, when PostgreSQL is required) when the backend is not available.
#define OTADESK_STORE_DATABASE(holder)                                                                       \
    QFETCH(QString, backend);                                                                                \
    OTADESK_STORE_DATABASE_BACKEND(holder, backend)

#define OTADESK_STORE_DATABASE_BACKEND(holder, backend)                                                      \
    otadesk::test::StoreTestDatabase holder;                                                                 \
    if (const QString why_ = holder.prepare(backend); !why_.isEmpty()) {                                     \
        if (otadesk::test::postgresRequired())                                                               \
            QFAIL(qPrintable(QStringLiteral("OTADESK_REQUIRE_POSTGRES=1 but: ") + why_));                    \
        QSKIP(qPrintable(why_));                                                                             \
    }

// Opens and migrates: `var` is a std::unique_ptr<store::Database>.
#define OTADESK_OPEN_MIGRATED(var, holder)                                                                   \
    auto var##Result_ = otadesk::store::Database::open(holder.spec);                                         \
    QVERIFY2(var##Result_.has_value(), qPrintable(otadesk::test::why(var##Result_)));                        \
    auto var = std::move(*var##Result_);                                                                     \
    {                                                                                                        \
        auto st_ = var->migrate();                                                                           \
        QVERIFY2(st_.has_value(), qPrintable(otadesk::test::why(st_)));                                      \
    }
