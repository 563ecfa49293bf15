// The per-device update state machine (core/campaign/DeviceUpdateState): every (current, next, actor) case of
// docs/device-updates.md §2 in one table — forward moves applied (skipping states is allowed), replays and
// earlier states ignored, terminal updates refused as "over", states an actor may not set refused — plus the
// names, terminal flags and reason codes.
#include "core/campaign/DeviceUpdateState.h"

#include <QTest>

using namespace otadesk::campaign;

Q_DECLARE_METATYPE(otadesk::campaign::UpdateState)
Q_DECLARE_METATYPE(otadesk::campaign::Actor)
Q_DECLARE_METATYPE(otadesk::campaign::Verdict)

class TestDeviceUpdateState : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void names()
    {
        const QStringList all = DeviceUpdateState::allNames();
        QCOMPARE(all.size(), 14);
        for (const QString &n : all)
            QCOMPARE(DeviceUpdateState::name(*DeviceUpdateState::parse(n)), n);
        QVERIFY(!DeviceUpdateState::parse(QStringLiteral("installed")));
        QVERIFY(!DeviceUpdateState::parse(QString()));
        QCOMPARE(DeviceUpdateState::name(UpdateState::ManifestFetched), QStringLiteral("manifest_fetched"));
        QCOMPARE(DeviceUpdateState::name(UpdateState::NotApplicable), QStringLiteral("not_applicable"));
        int terminal = 0;
        for (const QString &n : all)
            terminal += DeviceUpdateState::isTerminal(*DeviceUpdateState::parse(n)) ? 1 : 0;
        QCOMPARE(terminal, 7);
        QVERIFY(DeviceUpdateState::awaitsCommand(UpdateState::Pending));
        QVERIFY(DeviceUpdateState::awaitsCommand(UpdateState::Notified));
        QVERIFY(!DeviceUpdateState::awaitsCommand(UpdateState::ManifestFetched));
    }

    void reasons()
    {
        QCOMPARE(DeviceUpdateState::lwm2mResult(QStringLiteral("out_of_storage")), 2);
        QCOMPARE(DeviceUpdateState::lwm2mResult(QStringLiteral("integrity_failure")), 5);
        QCOMPARE(DeviceUpdateState::lwm2mResult(QStringLiteral("unsupported_protocol")), 9);
        QCOMPARE(DeviceUpdateState::lwm2mResult(QStringLiteral("boot_failed")), 0);
        QVERIFY(DeviceUpdateState::isReason(QStringLiteral("signature_invalid")));
        QVERIFY(!DeviceUpdateState::isReason(QStringLiteral("cosmic_rays")));
        QCOMPARE(DeviceUpdateState::defaultReason(UpdateState::Failed), QStringLiteral("update_failed"));
        QCOMPARE(DeviceUpdateState::defaultReason(UpdateState::RolledBack), QStringLiteral("boot_failed"));
        QCOMPARE(DeviceUpdateState::defaultReason(UpdateState::Downloading), QString());
    }

    void decide_data()
    {
        QTest::addColumn<UpdateState>("current");
        QTest::addColumn<UpdateState>("next");
        QTest::addColumn<Actor>("actor");
        QTest::addColumn<Verdict>("verdict");
        QTest::addColumn<bool>("over");
        using S = UpdateState;
        using A = Actor;
        using V = Verdict;
        struct Row
        {
            const char *name;
            S current, next;
            A actor;
            V verdict;
            bool over;
        };
        const Row rows[] = {
            // The happy path, one step at a time.
            {"notify", S::Pending, S::Notified, A::Server, V::Apply, false},
            {"manifest fetched", S::Notified, S::ManifestFetched, A::Server, V::Apply, false},
            {"download starts (server)", S::ManifestFetched, S::Downloading, A::Server, V::Apply, false},
            {"downloading (device)", S::ManifestFetched, S::Downloading, A::Device, V::Apply, false},
            {"downloaded", S::Downloading, S::Downloaded, A::Device, V::Apply, false},
            {"installing", S::Downloaded, S::Installing, A::Device, V::Apply, false},
            {"rebooting", S::Installing, S::Rebooting, A::Device, V::Apply, false},
            {"confirmed", S::Rebooting, S::Confirmed, A::Device, V::Apply, false},
            {"confirmed by check-in", S::Rebooting, S::Confirmed, A::Server, V::Apply, false},
            // Skipping states is allowed (a device that lost answers reports where it is).
            {"skip to downloaded", S::Notified, S::Downloaded, A::Device, V::Apply, false},
            {"skip to confirmed", S::Downloading, S::Confirmed, A::Device, V::Apply, false},
            // Replays and earlier states: accepted and ignored.
            {"same state", S::Downloading, S::Downloading, A::Device, V::Ignore, false},
            {"earlier state", S::Installing, S::Downloading, A::Device, V::Ignore, false},
            {"manifest again", S::Downloaded, S::ManifestFetched, A::Server, V::Ignore, false},
            {"download again", S::Rebooting, S::Downloading, A::Server, V::Ignore, false},
            {"notified again", S::Notified, S::Notified, A::Server, V::Ignore, false},
            // Failures from any non-terminal state.
            {"failed while downloading", S::Downloading, S::Failed, A::Device, V::Apply, false},
            {"failed before download", S::Notified, S::Failed, A::Device, V::Apply, false},
            {"rolled back", S::Rebooting, S::RolledBack, A::Device, V::Apply, false},
            {"rejected", S::ManifestFetched, S::Rejected, A::Device, V::Apply, false},
            {"canceled pending", S::Pending, S::Canceled, A::Operator, V::Apply, false},
            {"canceled installing", S::Installing, S::Canceled, A::Operator, V::Apply, false},
            {"timed out", S::Downloading, S::TimedOut, A::Engine, V::Apply, false},
            {"not applicable", S::ManifestFetched, S::NotApplicable, A::Server, V::Apply, false},
            // Terminal: over, whatever comes.
            {"after confirmed", S::Confirmed, S::Downloading, A::Device, V::Refuse, true},
            {"confirmed twice", S::Confirmed, S::Confirmed, A::Device, V::Refuse, true},
            {"after failed", S::Failed, S::Confirmed, A::Device, V::Refuse, true},
            {"cancel canceled", S::Canceled, S::Canceled, A::Operator, V::Refuse, true},
            {"cancel confirmed", S::Confirmed, S::Canceled, A::Operator, V::Refuse, true},
            {"after not applicable", S::NotApplicable, S::Installing, A::Device, V::Refuse, true},
            // States an actor may not set.
            {"device cancels", S::Downloading, S::Canceled, A::Device, V::Refuse, false},
            {"device notified", S::Pending, S::Notified, A::Device, V::Refuse, false},
            {"device times out", S::Downloading, S::TimedOut, A::Device, V::Refuse, false},
            {"operator confirms", S::Rebooting, S::Confirmed, A::Operator, V::Refuse, false},
            {"server cancels", S::Pending, S::Canceled, A::Server, V::Refuse, false},
            {"back to pending", S::Notified, S::Pending, A::Server, V::Refuse, false},
            {"device not applicable", S::Notified, S::NotApplicable, A::Device, V::Refuse, false},
        };
        for (const Row &r : rows)
            QTest::newRow(r.name) << r.current << r.next << r.actor << r.verdict << r.over;
    }

    void decide()
    {
        QFETCH(UpdateState, current);
        QFETCH(UpdateState, next);
        QFETCH(Actor, actor);
        QFETCH(Verdict, verdict);
        QFETCH(bool, over);
        const Transition t = DeviceUpdateState::decide(current, next, actor);
        QCOMPARE(int(t.verdict), int(verdict));
        QCOMPARE(t.terminalAlready, over);
        if (t.verdict == Verdict::Refuse)
            QVERIFY(!t.why.isEmpty());
    }

    void deviceReports()
    {
        // What a device may send in POST …/status (§7).
        QStringList reportable;
        for (const QString &n : DeviceUpdateState::allNames()) {
            if (DeviceUpdateState::deviceMayReport(*DeviceUpdateState::parse(n)))
                reportable << n;
        }
        QCOMPARE(reportable, (QStringList{QStringLiteral("downloading"), QStringLiteral("downloaded"),
                                          QStringLiteral("installing"), QStringLiteral("rebooting"),
                                          QStringLiteral("confirmed"), QStringLiteral("failed"),
                                          QStringLiteral("rolled_back"), QStringLiteral("rejected")}));
    }
};

QTEST_GUILESS_MAIN(TestDeviceUpdateState)
#include "tst_device_update_state.moc"
