// core/store repositories on SQLite and PostgreSQL: tenants, accounts and roles, API tokens (issue,
// authenticate, wrong secret, revoke, expiry, last use, the secret never stored), the append-only audit log
// with paging, and tenant isolation in every query that takes a tenant.
#include "tst_store_util.h"

#include "core/store/AccountRepository.h"
#include "core/store/AuditLog.h"
#include "core/store/TenantRepository.h"
#include "core/store/TokenRepository.h"

#include <cstdio>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlRecord>

using namespace otadesk;
using namespace otadesk::store;

namespace {
// Child mode (--audit-child <spec> <tenant>): appends audit entries forever, printing each id once committed.
int runAuditChild(const QString &spec, qint64 tenant)
{
    auto db = Database::open(spec);
    if (!db)
        return 2;
    AuditLog audit(**db);
    for (int i = 0; i < 1000000; ++i) {
        auto e =
            audit.append(tenant, QStringLiteral("child"), QStringLiteral("test.write"), QStringLiteral("n"),
                         QString::number(i), QJsonObject{{QStringLiteral("pad"), QString(200, u'x')}});
        if (!e)
            return 3;
        std::printf("%lld\n", e->id);
        std::fflush(stdout);
    }
    return 4;
}
} // namespace

class TstStoreRepositories : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tenants_data() { test::addBackendRows(); }
    void tenants()
    {
        OTADESK_STORE_DATABASE(holder);
        OTADESK_OPEN_MIGRATED(db, holder);
        TenantRepository tenants(*db);
        auto acme = tenants.create(QStringLiteral("acme"));
        QVERIFY2(acme.has_value(), qPrintable(test::why(acme)));
        auto globex = tenants.create(QStringLiteral(" globex "));
        QVERIFY(globex.has_value());
        QCOMPARE(globex->name, QStringLiteral("globex"));
        QVERIFY(acme->id != globex->id);
        QVERIFY(!tenants.create(QStringLiteral("acme")).has_value());
        QVERIFY(!tenants.create(QStringLiteral("  ")).has_value());
        auto all = tenants.list();
        QVERIFY(all.has_value());
        QCOMPARE(all->size(), 2);
        QCOMPARE(all->at(0).name, QStringLiteral("acme"));
        QCOMPARE(tenants.find(globex->id)->name, QStringLiteral("globex"));
        QCOMPARE(tenants.findByName(QStringLiteral("acme"))->id, acme->id);
        auto none = tenants.find(globex->id + 100);
        QVERIFY(!none.has_value());
        QCOMPARE(none.error().code(), ErrorCode::NotFound);
        // A name that looks like SQL is just a name (values are bound, never pasted into SQL).
        const QString evil = QStringLiteral("x'); DROP TABLE tenants; --");
        QVERIFY(tenants.create(evil).has_value());
        QCOMPARE(tenants.findByName(evil)->name, evil);
        QCOMPARE(tenants.list()->size(), 3);
    }

    void accountsAndIsolation_data() { test::addBackendRows(); }
    void accountsAndIsolation()
    {
        OTADESK_STORE_DATABASE(holder);
        OTADESK_OPEN_MIGRATED(db, holder);
        TenantRepository tenants(*db);
        AccountRepository accounts(*db);
        const qint64 a = tenants.create(QStringLiteral("a"))->id;
        const qint64 b = tenants.create(QStringLiteral("b"))->id;
        auto alice = accounts.create(a, QStringLiteral("alice"), Role::Admin);
        QVERIFY2(alice.has_value(), qPrintable(test::why(alice)));
        auto bob = accounts.create(b, QStringLiteral("bob"), Role::Technician);
        QVERIFY(bob.has_value());
        QVERIFY(
            accounts.create(b, QStringLiteral("alice"), Role::Viewer).has_value()); // same name, other tenant
        QVERIFY(!accounts.create(a, QStringLiteral("alice"), Role::Viewer).has_value());
        QVERIFY(!accounts.create(b + 100, QStringLiteral("x"), Role::Viewer).has_value());

        QCOMPARE(accounts.list(a)->size(), 1);
        QCOMPARE(accounts.list(b)->size(), 2);
        QCOMPARE(accounts.find(a, alice->id)->role, Role::Admin);
        // Tenant A never sees tenant B's rows, even by id.
        auto cross = accounts.find(a, bob->id);
        QVERIFY(!cross.has_value());
        QCOMPARE(cross.error().code(), ErrorCode::NotFound);
        QVERIFY(!accounts.findByName(a, QStringLiteral("bob")).has_value());
        QVERIFY(!accounts.setRole(a, bob->id, Role::Admin).has_value());
        QCOMPARE(accounts.find(b, bob->id)->role, Role::Technician);
        QVERIFY(accounts.setRole(b, bob->id, Role::ReleaseManager).has_value());
        QCOMPARE(accounts.find(b, bob->id)->role, Role::ReleaseManager);
        // The schema itself refuses an unknown role.
        QVERIFY(!db->exec(QStringLiteral("UPDATE accounts SET role = ? WHERE id = ?"),
                          {QStringLiteral("root"), bob->id}));
        for (Role r : {Role::Admin, Role::ReleaseManager, Role::Author, Role::Technician, Role::Viewer})
            QCOMPARE(parseRole(roleName(r)), r);
        QVERIFY(!parseRole(QStringLiteral("root")).has_value());

        // Tokens and audit entries are tenant-scoped too.
        TokenRepository tokens(*db);
        QVERIFY(!tokens.issue(a, bob->id).has_value()); // bob is not in tenant a
        auto bobToken = tokens.issue(b, bob->id);
        QVERIFY(bobToken.has_value());
        QVERIFY(tokens.list(a)->isEmpty());
        QCOMPARE(tokens.list(b)->size(), 1);
        QVERIFY(!tokens.revoke(a, bobToken->id).has_value());
        QVERIFY(tokens.authenticate(bobToken->secret).has_value());
        QCOMPARE(tokens.authenticate(bobToken->secret)->tenantId, b);
        // The composite foreign key refuses a token row whose account belongs to another tenant.
        QVERIFY(
            !db->exec(QStringLiteral("INSERT INTO api_tokens(tenant_id, account_id, prefix, secret_sha256,"
                                     " created_at) VALUES (?, ?, ?, ?, ?)"),
                      {a, bob->id, QStringLiteral("000000000000"), QStringLiteral("00"), 1}));
        AuditLog audit(*db);
        QVERIFY(audit.append(b, QStringLiteral("bob"), QStringLiteral("token.issue"), QStringLiteral("token"),
                             QString::number(bobToken->id)));
        QCOMPARE(audit.list(a)->total, 0);
        QCOMPARE(audit.list(b)->total, 1);
    }

    void tokens_data() { test::addBackendRows(); }
    void tokens()
    {
        OTADESK_STORE_DATABASE(holder);
        OTADESK_OPEN_MIGRATED(db, holder);
        const qint64 t = TenantRepository(*db).create(QStringLiteral("acme"))->id;
        const Account carol = *AccountRepository(*db).create(t, QStringLiteral("carol"), Role::Author);
        TokenRepository tokens(*db);
        auto issued = tokens.issue(t, carol.id, QStringLiteral("ci"));
        QVERIFY2(issued.has_value(), qPrintable(test::why(issued)));
        QVERIFY(issued->secret.startsWith(QStringLiteral("otd_") + issued->prefix + u'_'));
        QVERIFY(issued->secret.size() >= 4 + 12 + 1 + 43);

        auto who = tokens.authenticate(issued->secret);
        QVERIFY2(who.has_value(), qPrintable(test::why(who)));
        QCOMPARE(who->tenantId, t);
        QCOMPARE(who->accountId, carol.id);
        QCOMPARE(who->accountName, QStringLiteral("carol"));
        QCOMPARE(who->role, Role::Author);
        QCOMPARE(who->tokenId, issued->id);
        auto info = tokens.list(t);
        QCOMPARE(info->size(), 1);
        QVERIFY(info->at(0).lastUsedAt.has_value());
        QVERIFY(*info->at(0).lastUsedAt >= info->at(0).createdAt);
        QCOMPARE(info->at(0).label, QStringLiteral("ci"));

        {
            constexpr int kRounds = 500;
            QElapsedTimer timer;
            timer.start();
            for (int i = 0; i < kRounds; ++i)
                QVERIFY(tokens.authenticate(issued->secret).has_value());
            qInfo("%d token authentications in %lld ms", kRounds, timer.elapsed());
        }

        // Wrong secret with the right prefix, a malformed token, an unknown prefix.
        QString wrong = issued->secret;
        wrong[wrong.size() - 1] = wrong.back() == u'A' ? u'B' : u'A';
        QVERIFY(!tokens.authenticate(wrong).has_value());
        QVERIFY(!tokens.authenticate(QStringLiteral("not-a-token")).has_value());
        QVERIFY(!tokens.authenticate(QStringLiteral("otd_000000000000_") + issued->secret.section(u'_', 2)));
        QVERIFY(!tokens.authenticate(QString()).has_value());

        // The secret is not stored: no column of any token row contains it or its random part.
        const QString randomPart = issued->secret.section(u'_', 2);
        auto rows = db->exec(QStringLiteral("SELECT * FROM api_tokens"));
        QVERIFY(rows.has_value());
        int scanned = 0;
        while (rows->next()) {
            for (int c = 0; c < rows->record().count(); ++c) {
                const QString v = rows->value(c).toString();
                QVERIFY2(!v.contains(randomPart), "the token secret is stored in the database");
                ++scanned;
            }
        }
        QVERIFY(scanned >= 10);
        QCOMPARE(db->scalar(QStringLiteral("SELECT secret_sha256 FROM api_tokens"))->toString(),
                 TokenRepository::hashSecret(issued->secret));

        // Expiry: past tokens are refused, future ones accepted.
        auto expired = tokens.issue(t, carol.id, {}, nowMs() - 1000);
        auto expiring = tokens.issue(t, carol.id, {}, nowMs() + 3600 * 1000);
        QVERIFY(expired && expiring);
        auto e = tokens.authenticate(expired->secret);
        QVERIFY(!e.has_value());
        QVERIFY(e.error().message().contains(QStringLiteral("expired")));
        QVERIFY(tokens.authenticate(expiring->secret).has_value());

        // Revocation.
        QVERIFY(tokens.revoke(t, issued->id).has_value());
        auto r = tokens.authenticate(issued->secret);
        QVERIFY(!r.has_value());
        QVERIFY(r.error().message().contains(QStringLiteral("revoked")));
        QVERIFY(tokens.list(t)->at(0).revoked);
        QVERIFY(!tokens.revoke(t, issued->id + 1000).has_value());

        if (!holder.sqlitePath.isEmpty()) {
            // The raw database files (main file and WAL) do not contain any of the secrets either.
            db.reset();
            QDirIterator it(holder.folder(), QDir::Files);
            int files = 0;
            while (it.hasNext()) {
                QFile f(it.next());
                QVERIFY(f.open(QIODevice::ReadOnly));
                const QByteArray bytes = f.readAll();
                ++files;
                for (const IssuedToken &tok : {*issued, *expired, *expiring}) {
                    QVERIFY2(!bytes.contains(tok.secret.section(u'_', 2).toLatin1()),
                             qPrintable(f.fileName()));
                    QVERIFY(bytes.contains(tok.prefix.toLatin1()) ||
                            f.fileName().endsWith(QLatin1String("-shm")));
                }
            }
            QVERIFY(files >= 1);
        }
    }

    void auditLog_data() { test::addBackendRows(); }
    void auditLog()
    {
        OTADESK_STORE_DATABASE(holder);
        OTADESK_OPEN_MIGRATED(db, holder);
        TenantRepository tenants(*db);
        const qint64 a = tenants.create(QStringLiteral("a"))->id;
        const qint64 b = tenants.create(QStringLiteral("b"))->id;
        AuditLog audit(*db);
        constexpr int kEntries = 120;
        QElapsedTimer timer;
        timer.start();
        QVERIFY(db->begin());
        for (int i = 0; i < kEntries; ++i) {
            auto e = audit.append(
                a, QStringLiteral("alice"), QStringLiteral("payload.upload"), QStringLiteral("payload"),
                QString::number(i),
                QJsonObject{{QStringLiteral("n"), i}, {QStringLiteral("name"), QStringLiteral("fw ü.bin")}});
            QVERIFY2(e.has_value(), qPrintable(test::why(e)));
        }
        QVERIFY(db->commit());
        qInfo("%d audit appends in one transaction: %lld ms", kEntries, timer.elapsed());
        for (int i = 0; i < 5; ++i)
            QVERIFY(audit.append(b, QStringLiteral("bob"), QStringLiteral("tenant.update"),
                                 QStringLiteral("tenant"), QString::number(b)));

        QSet<qint64> seen;
        qint64 previous = std::numeric_limits<qint64>::max();
        for (qint64 offset = 0; offset < kEntries; offset += 50) {
            auto page = audit.list(a, offset, 50);
            QVERIFY(page.has_value());
            QCOMPARE(page->total, kEntries);
            QCOMPARE(page->entries.size(), int(std::min<qint64>(50, kEntries - offset)));
            for (const AuditEntry &e : page->entries) {
                QCOMPARE(e.tenantId, a);  // never tenant b's rows
                QVERIFY(e.id < previous); // newest first, no overlap between pages
                previous = e.id;
                seen.insert(e.id);
            }
        }
        QCOMPARE(seen.size(), kEntries);
        auto newest = audit.list(a, 0, 1)->entries.at(0);
        QCOMPARE(newest.objectId, QString::number(kEntries - 1));
        QCOMPARE(newest.details.value(QStringLiteral("n")).toInt(), kEntries - 1);
        QCOMPARE(newest.details.value(QStringLiteral("name")).toString(), QStringLiteral("fw ü.bin"));
        QCOMPARE(newest.action, QStringLiteral("payload.upload"));
        QVERIFY(audit.list(a, kEntries, 50)->entries.isEmpty());
        QCOMPARE(audit.list(b)->entries.size(), 5);

        // Append-only: the database refuses to change or delete entries.
        auto upd = db->exec(QStringLiteral("UPDATE audit_log SET actor = ? WHERE tenant_id = ?"),
                            {QStringLiteral("mallory"), a});
        QVERIFY(!upd.has_value());
        QVERIFY2(upd.error().message().contains(QStringLiteral("append-only")), qPrintable(test::why(upd)));
        QVERIFY(!db->exec(QStringLiteral("DELETE FROM audit_log WHERE tenant_id = ?"), {a}).has_value());
        QCOMPARE(audit.list(a)->total, kEntries);
        QCOMPARE(audit.list(a, 0, 1)->entries.at(0).actor, QStringLiteral("alice"));
    }

    // kill -9 of a writing process loses nothing it acknowledged and leaves a consistent database.
    void killedWriterKeepsAcknowledgedRows_data() { test::addBackendRows(); }
    void killedWriterKeepsAcknowledgedRows()
    {
        OTADESK_STORE_DATABASE(holder);
        OTADESK_OPEN_MIGRATED(db, holder);
        const qint64 t = TenantRepository(*db).create(QStringLiteral("acme"))->id;
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--audit-child"), holder.spec, QString::number(t)});
        QVERIFY(child.waitForStarted());
        QByteArray out;
        QElapsedTimer timer;
        timer.start();
        while (out.count('\n') < 200 && timer.elapsed() < 30000) {
            child.waitForReadyRead(1000);
            out += child.readAllStandardOutput();
        }
        child.kill();
        QVERIFY(child.waitForFinished(10000));
        out += child.readAllStandardOutput();
        QList<qint64> acknowledged;
        for (const QByteArray &line : out.split('\n')) {
            if (!line.isEmpty())
                acknowledged << line.toLongLong();
        }
        QVERIFY2(acknowledged.size() >= 200, out.right(200).constData());
        db.reset(); // a fresh start, as after a crash
        OTADESK_OPEN_MIGRATED(again, holder);
        const qint64 rows =
            again->scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE tenant_id = ?"), {t})
                ->toLongLong();
        QVERIFY(rows >= acknowledged.size());
        for (qint64 id : std::as_const(acknowledged))
            QCOMPARE(
                again->scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE id = ?"), {id})->toInt(),
                1);
        if (again->dialect() == Dialect::Sqlite)
            QCOMPARE(again->scalar(QStringLiteral("PRAGMA integrity_check"))->toString(),
                     QStringLiteral("ok"));
        QVERIFY(AuditLog(*again).append(t, QStringLiteral("parent"), QStringLiteral("after.crash"), {}, {}));
        qInfo("killed after %lld acknowledged appends (%lld rows found after restart)",
              qint64(acknowledged.size()), rows);
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc >= 4 && qstrcmp(argv[1], "--audit-child") == 0)
        return runAuditChild(QString::fromLocal8Bit(argv[2]), QByteArray(argv[3]).toLongLong());
    TstStoreRepositories test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_store_repositories.moc"
