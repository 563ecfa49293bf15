#include "core/library/LibraryDatabase.h"

#include "core/common/Logging.h"
#include "core/library/LibraryMigrations.h"

#include <QDateTime>
#include <QSqlError>
#include <atomic>

namespace otadesk::library {

namespace {

QString nextConnectionName()
{
    static std::atomic<quint64> counter{0};
    return QStringLiteral("otadesk-library-%1").arg(counter.fetch_add(1) + 1);
}

Error sqlError(const QSqlError &e, const QString &sql)
{
    return Error(ErrorCode::Database,
                 LibraryDatabase::tr("The library database failed: %1 (while running: %2)")
                     .arg(e.text(), sql.left(120)));
}
} // namespace

LibraryDatabase::LibraryDatabase(QString connection) : m_connection(std::move(connection)) {}

LibraryDatabase::~LibraryDatabase()
{
    {
        QSqlDatabase d = QSqlDatabase::database(m_connection, false);
        if (d.isOpen())
            d.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

QSqlDatabase LibraryDatabase::db() const { return QSqlDatabase::database(m_connection, false); }

Result<std::unique_ptr<LibraryDatabase>> LibraryDatabase::open(const QString &path)
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return fail(ErrorCode::Database, tr("The Qt SQLite driver (QSQLITE) is not installed."));
    std::unique_ptr<LibraryDatabase> self(new LibraryDatabase(nextConnectionName()));
    {
        QSqlDatabase d = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), self->m_connection);
        d.setDatabaseName(path);
        d.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=15000"));
        if (!d.open())
            return fail(ErrorCode::Database,
                        tr("Cannot open the library database %1: %2").arg(path, d.lastError().text()));
    }
    if (auto st = self->configure(); !st)
        return std::unexpected(st.error());
    if (auto st = self->migrate(); !st)
        return std::unexpected(st.error());
    qCDebug(lcLibrary) << "opened" << path << "as" << self->m_connection;
    return self;
}

Status LibraryDatabase::configure()
{
    // journal_mode returns a row; the others do not.
    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL"}) {
        if (auto q = exec(QString::fromLatin1(pragma)); !q)
            return std::unexpected(q.error());
    }
    return {};
}

Result<QSqlQuery> LibraryDatabase::exec(const QString &sql, const QVariantList &values) const
{
    QSqlQuery q(db());
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return std::unexpected(sqlError(q.lastError(), sql));
    for (const QVariant &v : values) {
        // A null QString would bind as SQL NULL; the schema keeps text columns NOT NULL.
        if (v.typeId() == QMetaType::QString && v.toString().isNull())
            q.addBindValue(QStringLiteral(""));
        else
            q.addBindValue(v);
    }
    if (!q.exec())
        return std::unexpected(sqlError(q.lastError(), sql));
    return q;
}

Result<QVariant> LibraryDatabase::scalar(const QString &sql, const QVariantList &values) const
{
    auto q = exec(sql, values);
    if (!q)
        return std::unexpected(q.error());
    return q->next() ? q->value(0) : QVariant();
}

Status LibraryDatabase::begin()
{
    if (auto q = exec(QStringLiteral("BEGIN IMMEDIATE")); !q)
        return std::unexpected(q.error());
    return {};
}

Status LibraryDatabase::commit()
{
    if (auto q = exec(QStringLiteral("COMMIT")); !q)
        return std::unexpected(q.error());
    return {};
}

void LibraryDatabase::rollback()
{
    if (auto q = exec(QStringLiteral("ROLLBACK")); !q)
        qCWarning(lcLibrary) << "rollback failed:" << q.error().message();
}

int LibraryDatabase::latestSchemaVersion() { return migrations().isEmpty() ? 0 : migrations().last().version; }

int LibraryDatabase::schemaVersion() const
{
    auto v = scalar(QStringLiteral("SELECT MAX(version) FROM schema_migrations"));
    return v ? v->toInt() : 0;
}

Status LibraryDatabase::migrate()
{
    if (auto q = exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                     " version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"));
        !q)
        return std::unexpected(q.error());
    if (schemaVersion() == latestSchemaVersion())
        return {};
    Transaction tx(*this);
    if (auto st = tx.begin(); !st)
        return st;
    const int current = schemaVersion(); // re-read under the write lock: another instance may have migrated
    if (current > latestSchemaVersion())
        return fail(ErrorCode::Database,
                    tr("The library database has schema version %1, newer than this program understands (%2). "
                       "Use a newer OTA Desk, or another workspace.")
                        .arg(current)
                        .arg(latestSchemaVersion()));
    for (const Migration &m : migrations()) {
        if (m.version <= current)
            continue;
        for (const QString &sql : m.statements) {
            if (auto q = exec(sql); !q)
                return std::unexpected(q.error());
        }
        if (auto q = exec(QStringLiteral("INSERT INTO schema_migrations(version, applied_at) VALUES (?, ?)"),
                          {m.version, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)});
            !q)
            return std::unexpected(q.error());
        qCInfo(lcLibrary) << "library schema migrated to version" << m.version;
    }
    return tx.commit();
}

} // namespace otadesk::library
