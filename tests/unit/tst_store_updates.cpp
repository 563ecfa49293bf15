// UpdateRepository on SQLite and PostgreSQL (schema v5): assignment over a compiled device filter and by
// serials (accepted devices only; replace pending, skip busy), the one-active-update-per-device rule held by
// the database itself, transitions with steps (ignored replays, refused terminal updates, bytes), summary
// counts, and the check-in cache's queries (active updates in given states, changes since a watermark).
#include "tst_store_util.h"

#include "core/store/UpdateRepository.h"

using namespace otadesk;
using namespace otadesk::store;
using campaign::Actor;
using campaign::UpdateState;
using campaign::Verdict;

class TestStoreUpdates : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::StoreTestDatabase> m_store;
    std::unique_ptr<Database> m_db;
    qint64 m_tenant = 0;
    qint64 m_manifest = 0;
    qint64 m_manifest2 = 0;

    bool setUp()
    {
        QFETCH(QString, backend);
        m_db.reset();
        m_store = std::make_unique<test::StoreTestDatabase>();
        const QString problem = m_store->prepare(backend);
        if (!problem.isEmpty()) {
            if (!test::postgresRequired() && backend == QLatin1String("postgresql"))
                QTest::qSkip(qPrintable(problem), __FILE__, __LINE__);
            else
                QTest::qFail(qPrintable(problem), __FILE__, __LINE__);
            return false;
        }
        auto db = Database::open(m_store->spec);
        if (!db || !(*db)->migrate())
            return false;
        m_db = std::move(*db);
        auto exec = [&](const QString &sql, const QVariantList &v) { return m_db->scalar(sql, v); };
        m_tenant = exec(QStringLiteral("INSERT INTO tenants(name, created_at) VALUES ('acme', 1) RETURNING id"), {})
                       ->toLongLong();
        const QString manifest = QStringLiteral("INSERT INTO manifests(tenant_id, product, sequence_number,"
                                                " manifest_digest, envelope_sha256, created_at)"
                                                " VALUES (?, 'GW', ?, ?, 'e', 1) RETURNING id");
        m_manifest = exec(manifest, {m_tenant, 1, QStringLiteral("d1")})->toLongLong();
        m_manifest2 = exec(manifest, {m_tenant, 2, QStringLiteral("d2")})->toLongLong();
        for (int i = 1; i <= 4; ++i)
            exec(QStringLiteral("INSERT INTO devices(tenant_id, serial, serial_key, model, status, created_at)"
                                " VALUES (?, ?, ?, ?, ?, 1) RETURNING id"),
                 {m_tenant, QStringLiteral("SN-%1").arg(i), QStringLiteral("SN-%1").arg(i),
                  i == 4 ? QStringLiteral("GW-100") : QStringLiteral("GW-200"),
                  i == 3 ? QStringLiteral("rejected") : QStringLiteral("accepted")});
        return true;
    }

private Q_SLOTS:
    void cleanup()
    {
        m_db.reset();
        m_store.reset();
    }

    void assignAndTransitions_data() { test::addBackendRows(); }
    void assignAndTransitions()
    {
        if (!setUp())
            return;
        const UpdateRepository repo(*m_db);
        UpdateAssignment a{m_manifest, false, QStringLiteral("alice"), std::nullopt};
        // Accepted devices matching the filter only (SN-3 is rejected).
        auto r = repo.assign(m_tenant, DeviceWhere{QStringLiteral("d.model = ?"), {QStringLiteral("GW-200")}}, a);
        QVERIFY2(r, qPrintable(test::why(r)));
        QCOMPARE(r->assigned, 2);
        QCOMPARE(r->created.size(), 2);
        // By serials: unknown and rejected ones are reported, SN-1 is skipped (same manifest pending).
        r = repo.assignSerials(m_tenant, {QStringLiteral("SN-1"), QStringLiteral("SN-3"), QStringLiteral("SN-4"),
                                          QStringLiteral("X")},
                               a);
        QVERIFY2(r, qPrintable(test::why(r)));
        QCOMPARE(r->assigned, 1);
        QCOMPARE(r->skipped, 1);
        QCOMPARE(r->unknownSerials, (QStringList{QStringLiteral("SN-3"), QStringLiteral("X")}));
        // Unknown manifest.
        QCOMPARE(repo.assign(m_tenant, {}, UpdateAssignment{9999, false, {}, {}}).error().code(), ErrorCode::NotFound);

        auto list = repo.list(m_tenant, m_manifest, QString(), ListQuery{0, 50, QStringLiteral("serial"), false});
        QVERIFY2(list, qPrintable(test::why(list)));
        QCOMPARE(list->total, 3);
        const qint64 u1 = list->items[0].id, u2 = list->items[1].id;
        QCOMPARE(list->items[0].serial, QStringLiteral("SN-1"));

        // Transitions: forward applied, replays and earlier states ignored, bytes kept.
        auto t = repo.transition(m_tenant, u1, UpdateState::Notified, Actor::Server);
        QCOMPARE(int(t->verdict), int(Verdict::Apply));
        t = repo.transition(0, u1, UpdateState::Downloading, Actor::Device, {}, {}, 100);
        QCOMPARE(int(t->verdict), int(Verdict::Apply));
        t = repo.transition(0, u1, UpdateState::Downloading, Actor::Device, {}, {}, 4096);
        QCOMPARE(int(t->verdict), int(Verdict::Ignore));
        QCOMPARE(repo.find(m_tenant, u1)->bytes, 4096);
        t = repo.transition(0, u1, UpdateState::Notified, Actor::Server);
        QCOMPARE(int(t->verdict), int(Verdict::Ignore));
        QCOMPARE(t->update.state, QStringLiteral("downloading"));
        // Another tenant's id is not found.
        QCOMPARE(repo.transition(m_tenant + 1, u1, UpdateState::Canceled, Actor::Operator).error().code(),
                 ErrorCode::NotFound);
        // Assigning manifest 2: SN-1 is past notified (skipped), SN-2 pending (replaced).
        r = repo.assignSerials(m_tenant, {QStringLiteral("SN-1"), QStringLiteral("SN-2")},
                               UpdateAssignment{m_manifest2, true, QStringLiteral("bob"), std::nullopt});
        QCOMPARE(r->assigned, 1);
        QCOMPARE(r->skipped, 1);
        QCOMPARE(r->replaced.size(), 1);
        QCOMPARE(r->replaced[0].second, u2);
        QCOMPARE(repo.find(m_tenant, u2)->state, QStringLiteral("canceled"));
        // The database refuses a second active update for a device whatever the code does.
        auto dup = m_db->exec(QStringLiteral("INSERT INTO device_updates(tenant_id, device_id, manifest_id, state,"
                                             " active, created_at, updated_at) VALUES (?, ?, ?, 'pending', 1, 1, 1)"),
                              {m_tenant, repo.find(m_tenant, u1)->deviceId, m_manifest2});
        QVERIFY(!dup);

        // Failure, then terminal: refused as over.
        t = repo.transition(0, u1, UpdateState::Failed, Actor::Device, QString(), QStringLiteral("flash error"));
        QCOMPARE(int(t->verdict), int(Verdict::Apply));
        QCOMPARE(t->update.reason, QStringLiteral("update_failed"));
        t = repo.transition(0, u1, UpdateState::Confirmed, Actor::Device);
        QCOMPARE(int(t->verdict), int(Verdict::Refuse));
        QVERIFY(t->terminalAlready);
        auto steps = repo.find(m_tenant, u1, true);
        QStringList path;
        for (const UpdateStep &s : steps->steps)
            path << s.state;
        QCOMPARE(path, (QStringList{QStringLiteral("pending"), QStringLiteral("notified"),
                                    QStringLiteral("downloading"), QStringLiteral("failed")}));
        auto summary = repo.summary(m_tenant, m_manifest);
        QCOMPARE(summary->value(QStringLiteral("failed")), 1);
        QCOMPARE(summary->value(QStringLiteral("canceled")), 1);
        QCOMPARE(summary->value(QStringLiteral("pending")), 1);
        QCOMPARE(summary->value(QStringLiteral("confirmed")), 0);
        // A new assignment is possible once the active one is over.
        r = repo.assignSerials(m_tenant, {QStringLiteral("SN-1")}, a);
        QCOMPARE(r->assigned, 1);
    }

    void cacheQueries_data() { test::addBackendRows(); }
    void cacheQueries()
    {
        if (!setUp())
            return;
        const UpdateRepository repo(*m_db);
        auto r = repo.assign(m_tenant, {}, UpdateAssignment{m_manifest, false, {}, std::nullopt});
        QCOMPARE(r->assigned, 3);
        const QStringList watched{QStringLiteral("pending"), QStringLiteral("notified"), QStringLiteral("rebooting")};
        auto active = repo.activeIn(watched);
        QVERIFY2(active, qPrintable(test::why(active)));
        QCOMPARE(active->first.size(), 3);
        const qint64 mark = active->second;
        QVERIFY(mark > 0);
        const qint64 moved = r->created[0].second;
        QTest::qWait(5);
        QVERIFY(repo.transition(0, moved, UpdateState::ManifestFetched, Actor::Server));
        auto changes = repo.changedSince(mark + 1, 100);
        QVERIFY2(changes, qPrintable(test::why(changes)));
        QCOMPARE(changes->size(), 1);
        QCOMPARE(changes->first().id, moved);
        QCOMPARE(changes->first().state, QStringLiteral("manifest_fetched"));
        QVERIFY(changes->first().active);
        QCOMPARE(repo.activeIn(watched)->first.size(), 2);
        QCOMPARE(repo.changedSince(0, 2)->size(), 2); // paged
    }
};

QTEST_GUILESS_MAIN(TestStoreUpdates)
#include "tst_store_updates.moc"
