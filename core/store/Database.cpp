#include "core/store/Database.h"

#include "core/common/Logging.h"

#include <atomic>
#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QSqlError>
#include <QThread>

namespace otadesk::store {

// Connection names per thread. Shared with the QThread::finished handlers, which may outlive the Database.
struct Database::Registry
{
    QMutex mutex;
    QHash<QThread *, QString> names;
    quint64 id = 0;
    bool alive = true;
};

namespace {
QString driverName(Dialect d)
{
    return d == Dialect::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
}

void closeConnection(const QString &name)
{
    {
        QSqlDatabase d = QSqlDatabase::database(name, false);
        if (d.isOpen())
            d.close();
    }
    QSqlDatabase::removeDatabase(name);
}

Error sqlError(const QSqlError &e, const QString &sql)
{
    return Error(ErrorCode::Database, Database::tr("The database failed: %1 (while running: %2)")
                                          .arg(e.text().trimmed(), sql.simplified().left(160)));
}
} // namespace

Database::Database(ConnectionSpec spec) : m_spec(std::move(spec)), m_registry(std::make_shared<Registry>())
{
    static std::atomic<quint64> counter{0};
    m_registry->id = counter.fetch_add(1) + 1;
}

Database::~Database()
{
    QMutexLocker lock(&m_registry->mutex);
    m_registry->alive = false;
    for (auto it = m_registry->names.cbegin(); it != m_registry->names.cend(); ++it) {
        if (it.key() == QThread::currentThread())
            closeConnection(it.value());
        else
            QSqlDatabase::removeDatabase(it.value()); // the driver closes when its last handle goes
    }
    m_registry->names.clear();
}

Result<std::unique_ptr<Database>> Database::open(const QString &spec)
{
    auto parsed = ConnectionSpec::parse(spec);
    if (!parsed)
        return std::unexpected(parsed.error());
    return open(*parsed);
}

Result<std::unique_ptr<Database>> Database::open(const ConnectionSpec &spec)
{
    const QString driver = driverName(spec.dialect);
    if (!QSqlDatabase::isDriverAvailable(driver))
        return fail(ErrorCode::Database,
                    spec.dialect == Dialect::Sqlite
                        ? tr("The Qt SQLite driver (QSQLITE) is not installed (Debian: libqt6sql6-sqlite).")
                        : tr("The Qt PostgreSQL driver (QPSQL) is not installed (Debian: libqt6sql6-psql)."));
    std::unique_ptr<Database> self(new Database(spec));
    if (auto c = self->connection(); !c)
        return std::unexpected(c.error());
    qCInfo(lcServer) << "database opened:" << spec.displayName();
    return self;
}

Result<QSqlDatabase> Database::connection() const
{
    QThread *thread = QThread::currentThread();
    {
        QMutexLocker lock(&m_registry->mutex);
        if (auto it = m_registry->names.constFind(thread); it != m_registry->names.cend())
            return QSqlDatabase::database(*it, false);
    }
    static std::atomic<quint64> counter{0};
    const QString name =
        QStringLiteral("otadesk-store-%1-%2").arg(m_registry->id).arg(counter.fetch_add(1) + 1);
    auto db = openConnection(name);
    if (!db) {
        QSqlDatabase::removeDatabase(name);
        return db;
    }
    QMutexLocker lock(&m_registry->mutex);
    m_registry->names.insert(thread, name);
    // The main thread's connection lives until the Database goes.
    if (QCoreApplication::instance() && thread == QCoreApplication::instance()->thread())
        return db;
    // finished is emitted in the finishing thread itself: the right place to close its connection.
    std::weak_ptr<Registry> weak = m_registry;
    QObject::connect(
        thread, &QThread::finished, thread,
        [weak, thread, name] {
            auto registry = weak.lock();
            if (!registry)
                return;
            QMutexLocker l(&registry->mutex);
            if (registry->alive && registry->names.value(thread) == name) {
                registry->names.remove(thread);
                closeConnection(name);
            }
        },
        Qt::DirectConnection);
    return db;
}

Result<QSqlDatabase> Database::openConnection(const QString &name) const
{
    QSqlDatabase d = QSqlDatabase::addDatabase(driverName(m_spec.dialect), name);
    if (m_spec.dialect == Dialect::Sqlite) {
        d.setDatabaseName(m_spec.path);
        d.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=15000"));
    } else {
        d.setHostName(m_spec.host);
        d.setPort(m_spec.port);
        d.setUserName(m_spec.user);
        d.setPassword(m_spec.password);
        d.setDatabaseName(m_spec.database);
        d.setConnectOptions(QStringLiteral("connect_timeout=10;application_name=otadesk-server"));
    }
    if (!d.open())
        return std::unexpected(connectError(d.lastError().text()));
    if (auto st = configure(d); !st) {
        d.close();
        return std::unexpected(st.error());
    }
    return d;
}

Error Database::connectError(const QString &driverText) const
{
    QString text = driverText.simplified();
    if (!m_spec.password.isEmpty())
        text.replace(m_spec.password, QStringLiteral("***"));
    const QString where = m_spec.displayName();
    if (m_spec.dialect == Dialect::Sqlite)
        return Error(ErrorCode::Database, tr("Cannot open the SQLite database %1: %2").arg(where, text));
    if (text.contains(QLatin1String("authentication failed")) ||
        text.contains(QLatin1String("no pg_hba.conf entry")))
        return Error(ErrorCode::Database,
                     tr("PostgreSQL refused the login of user \"%1\" at %2: authentication "
                        "failed. Check the user name and password in the URL. (%3)")
                         .arg(m_spec.user, where, text));
    if (text.contains(QLatin1String("does not exist")))
        return Error(ErrorCode::Database,
                     tr("PostgreSQL at %1: the database or role does not exist: %2").arg(where, text));
    return Error(
        ErrorCode::Database,
        tr("Cannot connect to PostgreSQL at %1: %2. Is the server running and reachable?").arg(where, text));
}

Status Database::configure(QSqlDatabase &d) const
{
    QStringList statements;
    if (m_spec.dialect == Dialect::Sqlite) {
        // mmap: reads of the database file come straight from the page cache, without a copy into this
        // connection's own cache: index scans over a large fleet (counts, deep pages) are up to twice as fast.
        statements = {QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA foreign_keys=ON"),
                      QStringLiteral("PRAGMA synchronous=NORMAL"),
                      QStringLiteral("PRAGMA busy_timeout=15000"), QStringLiteral("PRAGMA mmap_size=1073741824")};
    } else {
        statements = {QStringLiteral("SET client_min_messages TO warning")};
        if (!m_spec.schema.isEmpty()) {
            // The name is checked by ConnectionSpec::isValidIdentifier: a-z, 0-9, _ only.
            statements << QStringLiteral("CREATE SCHEMA IF NOT EXISTS %1").arg(m_spec.schema)
                       << QStringLiteral("SET search_path TO %1").arg(m_spec.schema);
        }
    }
    for (const QString &sql : std::as_const(statements)) {
        QSqlQuery q(d);
        if (!q.exec(sql))
            return std::unexpected(sqlError(q.lastError(), sql));
    }
    return {};
}

namespace {
// Transactions open on this thread: a statement inside one is never retried on a new connection (the
// transaction died with the old one; the caller must start over).
thread_local int t_openTransactions = 0;
} // namespace

Result<QSqlQuery> Database::run(const QString &sql, const QVariantList &values) const
{
    auto db = connection();
    if (!db)
        return std::unexpected(db.error());
    QSqlQuery q(*db);
    q.setForwardOnly(true);
    if (values.isEmpty()) {
        // Not prepared: PostgreSQL cannot PREPARE DDL or transaction control.
        if (!q.exec(sql))
            return std::unexpected(sqlError(q.lastError(), sql));
        return q;
    }
    if (!q.prepare(sql))
        return std::unexpected(sqlError(q.lastError(), sql));
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec())
        return std::unexpected(sqlError(q.lastError(), sql));
    return q;
}

bool Database::reconnectIfBroken() const
{
    if (m_spec.dialect != Dialect::Postgres || t_openTransactions > 0)
        return false;
    QString name;
    {
        QMutexLocker lock(&m_registry->mutex);
        name = m_registry->names.value(QThread::currentThread());
    }
    if (name.isEmpty())
        return false;
    {
        QSqlDatabase d = QSqlDatabase::database(name, false);
        QSqlQuery probe(d);
        if (d.isOpen() && probe.exec(QStringLiteral("SELECT 1")))
            return false; // the connection works: the statement itself failed
    }
    qCWarning(lcServer) << "the connection to" << m_spec.displayName() << "broke; reconnecting";
    {
        QMutexLocker lock(&m_registry->mutex);
        m_registry->names.remove(QThread::currentThread());
    }
    closeConnection(name);
    return bool(connection());
}

Result<QSqlQuery> Database::exec(const QString &sql, const QVariantList &values) const
{
    auto q = run(sql, values);
    if (!q && reconnectIfBroken())
        q = run(sql, values); // a PostgreSQL restart or a dropped connection: once more on a fresh one
    if (m_spec.dialect == Dialect::Postgres) {
        if (q && sql.startsWith(QLatin1String("BEGIN")))
            ++t_openTransactions;
        else if (sql == QLatin1String("COMMIT")) // a failed COMMIT ends the transaction as well
            t_openTransactions = std::max(0, t_openTransactions - 1);
    }
    return q;
}

Result<QVariant> Database::scalar(const QString &sql, const QVariantList &values) const
{
    auto q = exec(sql, values);
    if (!q)
        return std::unexpected(q.error());
    return q->next() ? q->value(0) : QVariant();
}

Status Database::begin() const
{
    auto q =
        exec(m_spec.dialect == Dialect::Sqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN"));
    if (!q)
        return std::unexpected(q.error());
    return {};
}

Status Database::commit() const
{
    if (auto q = exec(QStringLiteral("COMMIT")); !q)
        return std::unexpected(q.error());
    return {};
}

void Database::rollback() const
{
    if (m_spec.dialect == Dialect::Postgres)
        t_openTransactions = std::max(0, t_openTransactions - 1); // even when ROLLBACK itself fails
    if (auto q = run(QStringLiteral("ROLLBACK"), {}); !q)
        qCWarning(lcServer) << "rollback failed:" << q.error().message();
}

Result<int> Database::schemaVersion() const
{
    auto v = scalar(QStringLiteral("SELECT MAX(version) FROM schema_migrations"));
    if (!v)
        return std::unexpected(v.error());
    return v->isNull() ? 0 : v->toInt();
}

Status Database::migrate(const QList<Migration> &migrations) const
{
    if (auto q = exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                     " version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"));
        !q)
        return std::unexpected(q.error());
    const int latest = migrations.isEmpty() ? 0 : migrations.last().version;
    auto newer = [&](int current) {
        return Error(ErrorCode::Database,
                     tr("The database %1 has schema version %2, newer than this program understands (%3). "
                        "Use a newer otadesk-server, or another database.")
                         .arg(m_spec.displayName())
                         .arg(current)
                         .arg(latest));
    };
    if (auto current = schemaVersion(); !current)
        return std::unexpected(current.error());
    else if (*current > latest)
        return std::unexpected(newer(*current));
    for (const Migration &m : migrations) {
        Transaction tx(*this);
        if (auto st = tx.begin(); !st)
            return st;
        if (m_spec.dialect == Dialect::Postgres) {
            // Serialises concurrent migrators (BEGIN IMMEDIATE does this on SQLite).
            if (auto q = exec(QStringLiteral("LOCK TABLE schema_migrations IN EXCLUSIVE MODE")); !q)
                return std::unexpected(q.error());
        }
        auto current = schemaVersion();
        if (!current)
            return std::unexpected(current.error());
        if (*current > latest)
            return std::unexpected(newer(*current));
        if (m.version <= *current)
            continue; // the Transaction rolls back the empty transaction
        for (const MigrationStep &step : m.steps) {
            if (step.only && *step.only != m_spec.dialect)
                continue;
            if (auto q = exec(dialectSql(step.sql, m_spec.dialect)); !q)
                return std::unexpected(
                    Error(ErrorCode::Database, tr("Migration %1 of %2 failed: %3")
                                                   .arg(m.version)
                                                   .arg(m_spec.displayName(), q.error().message())));
        }
        if (auto q = exec(QStringLiteral("INSERT INTO schema_migrations(version, applied_at) VALUES (?, ?)"),
                          {m.version, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)});
            !q)
            return std::unexpected(q.error());
        if (auto st = tx.commit(); !st)
            return st;
        qCInfo(lcServer) << "database" << m_spec.displayName() << "migrated to schema version" << m.version;
    }
    return {};
}

} // namespace otadesk::store
