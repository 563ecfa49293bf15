// core/store: connections, numbered migrations (apply, re-run, newer schema, rollback of a failing step),
// per-thread connections, connection errors. Every data-driven test runs on SQLite and on PostgreSQL.
#include "tst_store_util.h"

#include "core/store/StoreMigrations.h"

#include <QSqlDatabase>
#include <QThread>

using namespace otadesk;
using namespace otadesk::store;

class TstStoreMigrations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void appliesAllTables_data() { test::addBackendRows(); }
    void appliesAllTables()
    {
        OTADESK_STORE_DATABASE(holder);
        OTADESK_OPEN_MIGRATED(db, holder);
        auto version = db->schemaVersion();
        QVERIFY(version.has_value());
        QCOMPARE(*version, latestStoreSchemaVersion());
        for (const char *table :
             {"tenants", "accounts", "api_tokens", "audit_log", "payloads", "uploads", "manifests"}) {
            auto n = db->scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table)));
            QVERIFY2(n.has_value(), table);
            QCOMPARE(n->toInt(), 0);
        }
        if (db->dialect() == Dialect::Sqlite) {
            QCOMPARE(db->scalar(QStringLiteral("PRAGMA journal_mode"))->toString(), QStringLiteral("wal"));
            QCOMPARE(db->scalar(QStringLiteral("PRAGMA foreign_keys"))->toInt(), 1);
            QCOMPARE(db->scalar(QStringLiteral("PRAGMA busy_timeout"))->toInt(), 15000);
        } else {
            QCOMPARE(db->scalar(QStringLiteral("SELECT current_schema()"))->toString(), holder.schema());
        }
        // Unique tenant + sha256 for payloads, tenant + product + sequence for manifests.
        auto tenant =
            db->scalar(QStringLiteral("INSERT INTO tenants(name, created_at) VALUES (?, ?) RETURNING id"),
                       {QStringLiteral("acme"), 1});
        QVERIFY(tenant.has_value());
        const QVariantList payload{*tenant, QStringLiteral("ab"), 1, QStringLiteral("fw.bin"), 1};
        const QString insertPayload = QStringLiteral(
            "INSERT INTO payloads(tenant_id, sha256, size, name, created_at) VALUES (?, ?, ?, ?, ?)");
        QVERIFY(db->exec(insertPayload, payload).has_value());
        QVERIFY(!db->exec(insertPayload, payload).has_value());
        const QString insertManifest =
            QStringLiteral("INSERT INTO manifests(tenant_id, product, sequence_number,"
                           " manifest_digest, envelope_sha256, created_at)"
                           " VALUES (?, ?, ?, ?, ?, ?)");
        const QVariantList manifest{
            *tenant, QStringLiteral("sensor"), 7, QStringLiteral("d"), QStringLiteral("e"), 1};
        QVERIFY(db->exec(insertManifest, manifest).has_value());
        QVERIFY(!db->exec(insertManifest, manifest).has_value());
        // Foreign keys are enforced on both.
        QVERIFY(!db->exec(insertPayload,
                          {tenant->toLongLong() + 1000, QStringLiteral("cd"), 1, QStringLiteral("x"), 1}));
    }

    void rerunIsNoOp_data() { test::addBackendRows(); }
    void rerunIsNoOp()
    {
        OTADESK_STORE_DATABASE(holder);
        QString appliedAt;
        {
            OTADESK_OPEN_MIGRATED(db, holder);
            appliedAt =
                db->scalar(QStringLiteral("SELECT applied_at FROM schema_migrations WHERE version = 1"))
                    ->toString();
            QVERIFY(!appliedAt.isEmpty());
            QVERIFY(db->migrate().has_value());
        }
        OTADESK_OPEN_MIGRATED(again, holder); // a second process start
        QCOMPARE(again->scalar(QStringLiteral("SELECT COUNT(*) FROM schema_migrations"))->toInt(),
                 latestStoreSchemaVersion());
        QCOMPARE(again->scalar(QStringLiteral("SELECT applied_at FROM schema_migrations WHERE version = 1"))
                     ->toString(),
                 appliedAt);
    }

    void newerSchemaIsRefused_data() { test::addBackendRows(); }
    void newerSchemaIsRefused()
    {
        OTADESK_STORE_DATABASE(holder);
        OTADESK_OPEN_MIGRATED(db, holder);
        const int future = latestStoreSchemaVersion() + 1;
        QVERIFY(db->exec(QStringLiteral("INSERT INTO schema_migrations(version, applied_at) VALUES (?, ?)"),
                         {future, QStringLiteral("2099-01-01T00:00:00Z")}));
        auto st = db->migrate();
        QVERIFY(!st.has_value());
        QCOMPARE(st.error().code(), ErrorCode::Database);
        QVERIFY2(st.error().message().contains(QStringLiteral("newer than this program")),
                 qPrintable(test::why(st)));
        QVERIFY(st.error().message().contains(QString::number(future)));
    }

    void failingMigrationRollsBack_data() { test::addBackendRows(); }
    void failingMigrationRollsBack()
    {
        OTADESK_STORE_DATABASE(holder);
        OTADESK_OPEN_MIGRATED(db, holder);
        QList<Migration> list = storeMigrations();
        list.append({latestStoreSchemaVersion() + 1,
                     {{QStringLiteral("CREATE TABLE extra (x {{pk}}, data {{blob}})"), std::nullopt},
                      {QStringLiteral("INSERT INTO no_such_table VALUES (1)"), std::nullopt}}});
        auto st = db->migrate(list);
        QVERIFY(!st.has_value());
        QVERIFY2(st.error().message().contains(QStringLiteral("Migration %1").arg(list.last().version)),
                 qPrintable(test::why(st)));
        QCOMPARE(*db->schemaVersion(), latestStoreSchemaVersion());
        QVERIFY(!db->exec(QStringLiteral("SELECT COUNT(*) FROM extra")).has_value()); // DDL rolled back too
        list.last().steps.removeLast();
        QVERIFY(db->migrate(list).has_value());
        QCOMPARE(*db->schemaVersion(), latestStoreSchemaVersion() + 1);
        QVERIFY(
            db->exec(QStringLiteral("INSERT INTO extra(data) VALUES (?)"), {QByteArray("\x00\x01\xff", 3)}));
        QCOMPARE(db->scalar(QStringLiteral("SELECT data FROM extra"))->toByteArray(),
                 QByteArray("\x00\x01\xff", 3));
    }

    void dialectSubstitution()
    {
        QCOMPARE(dialectSql(QStringLiteral("id {{pk}}, b {{blob}}"), Dialect::Sqlite),
                 QStringLiteral("id INTEGER PRIMARY KEY AUTOINCREMENT, b BLOB"));
        QCOMPARE(dialectSql(QStringLiteral("id {{pk}}, b {{blob}}"), Dialect::Postgres),
                 QStringLiteral("id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, b BYTEA"));
    }

    void connectionSpecs()
    {
        auto plain = ConnectionSpec::parse(QStringLiteral("/var/lib/otadesk/server.sqlite"));
        QVERIFY(plain && plain->dialect == Dialect::Sqlite);
        QCOMPARE(plain->path, QStringLiteral("/var/lib/otadesk/server.sqlite"));
        auto url = ConnectionSpec::parse(QStringLiteral("sqlite:///var/lib/otadesk/server.sqlite"));
        QVERIFY(url && url->dialect == Dialect::Sqlite);
        QCOMPARE(url->path, QStringLiteral("/var/lib/otadesk/server.sqlite"));
        auto pg = ConnectionSpec::parse(
            QStringLiteral("postgresql://ota%40desk:p%3Ass%2Fw@db.example:6543/fleet?schema=s1"));
        QVERIFY2(pg.has_value(), qPrintable(test::why(pg)));
        QCOMPARE(pg->dialect, Dialect::Postgres);
        QCOMPARE(pg->user, QStringLiteral("ota@desk"));
        QCOMPARE(pg->password, QStringLiteral("p:ss/w"));
        QCOMPARE(pg->host, QStringLiteral("db.example"));
        QCOMPARE(pg->port, 6543);
        QCOMPARE(pg->database, QStringLiteral("fleet"));
        QCOMPARE(pg->schema, QStringLiteral("s1"));
        QVERIFY(!pg->displayName().contains(QStringLiteral("p:ss")));
        QVERIFY(!pg->displayName().contains(QStringLiteral("p%3Ass")));
        auto defaultPort = ConnectionSpec::parse(QStringLiteral("postgres://u@h/d"));
        QVERIFY(defaultPort && defaultPort->port == 5432);
        QVERIFY(!ConnectionSpec::parse(QString()).has_value());
        QVERIFY(!ConnectionSpec::parse(QStringLiteral("sqlite://")).has_value());
        QVERIFY(!ConnectionSpec::parse(QStringLiteral("postgresql://u@h/")).has_value());
    }

    void reconnectsAfterDroppedConnection()
    {
        // PostgreSQL only: the server's connection is killed (as by a PostgreSQL restart); the next statement
        // outside a transaction runs on a new connection, one inside a transaction fails.
        OTADESK_STORE_DATABASE_BACKEND(holder, QStringLiteral("postgresql"));
        OTADESK_OPEN_MIGRATED(db, holder);
        auto killer = Database::open(holder.spec);
        QVERIFY(killer);
        const auto killOwnBackend = [&] {
            const auto pid = db->scalar(QStringLiteral("SELECT pg_backend_pid()"));
            QVERIFY(pid);
            QVERIFY((*killer)->exec(QStringLiteral("SELECT pg_terminate_backend(?)"), {pid->toInt()}));
            QTest::qWait(100);
        };
        killOwnBackend();
        auto after = db->scalar(QStringLiteral("SELECT COUNT(*) FROM tenants"));
        QVERIFY2(after, qPrintable(test::why(after)));
        QCOMPARE(after->toInt(), 0);
        {
            Transaction tx(*db);
            QVERIFY(tx.begin());
            QVERIFY(db->exec(QStringLiteral("INSERT INTO tenants(name, created_at) VALUES ('lost', 1)")));
            killOwnBackend();
            QVERIFY(!db->exec(QStringLiteral("INSERT INTO tenants(name, created_at) VALUES ('late', 2)")));
        }
        auto count = db->scalar(QStringLiteral("SELECT COUNT(*) FROM tenants")); // reconnected again
        QVERIFY2(count, qPrintable(test::why(count)));
        QCOMPARE(count->toInt(), 0);
    }

    void connectionPerThread_data() { test::addBackendRows(); }
    void connectionPerThread()
    {
        OTADESK_STORE_DATABASE(holder);
        OTADESK_OPEN_MIGRATED(db, holder);
        const QString mainName = db->connection()->connectionName();
        constexpr int kThreads = 4;
        constexpr int kPerThread = 25;
        QList<QThread *> threads;
        QStringList names(kThreads);
        std::atomic<int> failures{0};
        for (int t = 0; t < kThreads; ++t) {
            threads.append(QThread::create([&, t] {
                auto c = db->connection();
                if (!c) {
                    ++failures;
                    return;
                }
                names[t] = c->connectionName();
                for (int i = 0; i < kPerThread; ++i) {
                    if (!db->exec(QStringLiteral("INSERT INTO tenants(name, created_at) VALUES (?, ?)"),
                                  {QStringLiteral("t%1-%2").arg(t).arg(i), i}))
                        ++failures;
                }
            }));
            threads.last()->start();
        }
        for (QThread *t : threads) {
            QVERIFY(t->wait(60000));
            delete t;
        }
        QCOMPARE(failures.load(), 0);
        QCOMPARE(db->scalar(QStringLiteral("SELECT COUNT(*) FROM tenants"))->toInt(), kThreads * kPerThread);
        names.append(mainName);
        names.removeDuplicates();
        QCOMPARE(names.size(), kThreads + 1);
        // Finished threads closed and removed their connections.
        for (int t = 0; t < kThreads; ++t)
            QVERIFY(!QSqlDatabase::contains(names.at(t)));
    }

    void connectionErrors()
    {
        auto bad = Database::open(QStringLiteral("/nonexistent-folder/x/y/server.sqlite"));
        QVERIFY(!bad.has_value());
        QVERIFY2(bad.error().message().contains(QStringLiteral("Cannot open the SQLite database")),
                 qPrintable(test::why(bad)));
        auto scheme = Database::open(QStringLiteral("mysql://u@h/db"));
        QVERIFY(!scheme.has_value());
        QVERIFY(scheme.error().message().contains(QStringLiteral("mysql")));
        auto malformed = Database::open(QStringLiteral("postgresql://user:pw@/"));
        QVERIFY(!malformed.has_value());
        QVERIFY(!malformed.error().message().contains(QStringLiteral("pw")));
        auto badSchema = ConnectionSpec::parse(QStringLiteral("postgresql://u@h/db?schema=x;drop"));
        QVERIFY(!badSchema.has_value());

        // Nothing listens on port 1: "cannot connect", and the password never appears.
        auto refused = Database::open(QStringLiteral("postgresql://otadesk:S3cret-Pa55@127.0.0.1:1/otadesk"));
        QVERIFY(!refused.has_value());
        QVERIFY2(refused.error().message().contains(QStringLiteral("Cannot connect to PostgreSQL")),
                 qPrintable(test::why(refused)));
        QVERIFY(
            refused.error().message().contains(QStringLiteral("postgresql://otadesk@127.0.0.1:1/otadesk")));
        QVERIFY(!refused.error().message().contains(QStringLiteral("S3cret")));

        const QString base = qEnvironmentVariable("OTADESK_TEST_POSTGRES");
        if (base.isEmpty()) {
            if (test::postgresRequired())
                QFAIL("OTADESK_REQUIRE_POSTGRES=1 but OTADESK_TEST_POSTGRES is not set");
            QSKIP("OTADESK_TEST_POSTGRES is not set: the checks against a running PostgreSQL are skipped");
        }
        auto spec = ConnectionSpec::parse(base);
        QVERIFY(spec.has_value());
        spec->database = QStringLiteral("no_such_database_otadesk");
        spec->password = QStringLiteral("Hunter2-secret");
        auto missing = Database::open(*spec);
        QVERIFY(!missing.has_value());
        QVERIFY2(missing.error().message().contains(QStringLiteral("does not exist")),
                 qPrintable(test::why(missing)));
        QVERIFY(!missing.error().message().contains(QStringLiteral("Hunter2")));
        spec->database = QStringLiteral("otadesk_test");
        spec->user = QStringLiteral("no_such_role_otadesk");
        auto role = Database::open(*spec);
        QVERIFY(!role.has_value());
        QVERIFY2(role.error().message().contains(QStringLiteral("no_such_role_otadesk")),
                 qPrintable(test::why(role)));
        QVERIFY(!role.error().message().contains(QStringLiteral("Hunter2")));

        // A role that needs a password (start_postgres creates it): a wrong one is "authentication failed".
        auto base_ = Database::open(base);
        QVERIFY(base_.has_value());
        auto exists = (*base_)->scalar(QStringLiteral("SELECT COUNT(*) FROM pg_roles WHERE rolname = ?"),
                                       {QStringLiteral("otadesk_password_test")});
        QVERIFY(exists.has_value());
        if (exists->toInt() == 0) {
            qInfo("role otadesk_password_test missing (cluster not started by start_postgres): auth check "
                  "skipped");
            return;
        }
        spec->user = QStringLiteral("otadesk_password_test");
        auto wrongPassword = Database::open(*spec);
        QVERIFY(!wrongPassword.has_value());
        QVERIFY2(wrongPassword.error().message().contains(QStringLiteral("authentication failed")),
                 qPrintable(test::why(wrongPassword)));
        QVERIFY(!wrongPassword.error().message().contains(QStringLiteral("Hunter2")));
        qInfo("refused login reads: %s", qPrintable(wrongPassword.error().message()));
        spec->password = QStringLiteral("right-password");
        auto right = Database::open(*spec);
        QVERIFY2(right.has_value(), qPrintable(test::why(right)));
    }
};

QTEST_GUILESS_MAIN(TstStoreMigrations)
#include "tst_store_migrations.moc"
