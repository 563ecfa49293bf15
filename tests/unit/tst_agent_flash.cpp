// SimulatedFlash: power cuts at every point of an install leave a bootable image and resume; the bootloader
// model boots a new image once in trial mode, reverts an unconfirmed trial and a new image that fails to boot.
#include "core/agent/ContentStore.h"
#include "core/agent/PowerCut.h"
#include "core/agent/SimulatedFlash.h"
#include "core/crypto/Digest.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace otadesk;
using namespace otadesk::agent;

namespace {

QByteArray image(int seed, int size)
{
    QByteArray b(size, Qt::Uninitialized);
    QRandomGenerator rng{quint32(seed)};
    for (char &c : b)
        c = char(rng.bounded(256));
    return b;
}

// One whole install of `img` as the agent does it, resuming what a previous attempt left; false when the power
// went away on the way.
bool install(SimulatedFlash &flash, const QByteArray &img, int chunk)
{
    auto have = flash.beginWrite(QStringLiteral("main"), true);
    if (!have)
        return false;
    qint64 at = (*have / chunk) * chunk; // only whole chunks count as written
    if (at != *have && !flash.truncateWrite(QStringLiteral("main"), at))
        return false;
    for (; at < img.size(); at += chunk) {
        if (!flash.write(QStringLiteral("main"), at, QByteArrayView(img).sliced(at, qMin<qint64>(chunk, img.size() - at))))
            return false;
    }
    if (!flash.finishWrite(QStringLiteral("main"), crypto::sha256(img), img.size(), QStringLiteral("2.0.0")))
        return false;
    if (!flash.requestUpgrade(QStringLiteral("main")))
        return false;
    auto boot = flash.boot(false);
    if (!boot)
        return false;
    return bool(flash.confirm(QStringLiteral("main")));
}

} // namespace

class TestAgentFlash : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QByteArray m_old = image(1, 10000), m_new = image(2, 12345);
    QByteArray m_oldSha, m_newSha;

    SimulatedFlash fresh(const QString &name, ContentStore &store, PowerCut *cut = nullptr)
    {
        FlashComponent c;
        c.name = QStringLiteral("main");
        c.slots[0] = FlashSlot{m_oldSha, m_old.size(), QStringLiteral("1.0.0")};
        SimulatedFlash factory(m_dir.filePath(name), &store);
        const bool created = bool(factory.create({c}));
        SimulatedFlash flash(m_dir.filePath(name), &store, cut); // the power cut counts from here
        if (!created || !flash.load())
            qFatal("cannot create the flash %s", qPrintable(name));
        return flash;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        ContentStore store(m_dir.filePath(QStringLiteral("store")));
        QVERIFY(store.ensure());
        m_oldSha = store.put(m_old).value();
        m_newSha = crypto::sha256(m_new);
    }

    void cleanInstall()
    {
        ContentStore store(m_dir.filePath(QStringLiteral("store")));
        SimulatedFlash flash = fresh(QStringLiteral("clean"), store);
        QVERIFY(install(flash, m_new, 4096));
        QCOMPARE(flash.component(QStringLiteral("main"))->running().digest, m_newSha);
        QCOMPARE(flash.component(QStringLiteral("main"))->running().version, QStringLiteral("2.0.0"));
        QVERIFY(store.contains(m_newSha));
        SimulatedFlash again(m_dir.filePath(QStringLiteral("clean")), &store);
        QVERIFY(again.load());
        QCOMPARE(again.toJson(), flash.toJson());
        QVERIFY(again.isBootable());
        QVERIFY(!QFile::exists(flash.partPath(QStringLiteral("main"))));
    }

    // A power cut before each file operation of the install in turn (and at random points with random chunk
    // sizes): after it the files still describe a bootable device on the old or the new image, and a resumed
    // install ends on the new image.
    void powerCutAtEveryPoint()
    {
        ContentStore store(m_dir.filePath(QStringLiteral("store")));
        qint64 total = 0;
        {
            PowerCut counter;
            SimulatedFlash flash = fresh(QStringLiteral("count"), store, &counter);
            QFile::remove(store.pathFor(m_newSha));
            QVERIFY(install(flash, m_new, 1000));
            total = counter.operations();
        }
        QVERIFY2(total > 10, qPrintable(QString::number(total)));
        QRandomGenerator rng(42);
        for (qint64 cutAt = 0; cutAt <= total + 40; ++cutAt) {
            const bool random = cutAt > total;
            const int chunk = random ? int(rng.bounded(100, 5000)) : 1000;
            const qint64 point = random ? qint64(rng.bounded(int(total))) : cutAt;
            const QString name = QStringLiteral("cut-%1").arg(cutAt);
            QFile::remove(store.pathFor(m_newSha));
            {
                PowerCut cut;
                cut.arm(point);
                SimulatedFlash flash = fresh(name, store, &cut);
                install(flash, m_new, chunk);
            }
            SimulatedFlash reloaded(m_dir.filePath(name), &store);
            QVERIFY(reloaded.load());
            QString why;
            QVERIFY2(reloaded.isBootable(&why), qPrintable(QStringLiteral("cut at %1: %2").arg(point).arg(why)));
            const QByteArray running = reloaded.component(QStringLiteral("main"))->running().digest;
            QVERIFY(running == m_oldSha || running == m_newSha);
            // Power back: the bootloader runs, then the install resumes and completes.
            QVERIFY(reloaded.boot(false));
            QVERIFY2(reloaded.isBootable(&why), qPrintable(why));
            if (reloaded.component(QStringLiteral("main"))->running().digest != m_newSha)
                QVERIFY2(install(reloaded, m_new, chunk), qPrintable(QStringLiteral("resume after cut at %1").arg(point)));
            else
                QVERIFY(reloaded.confirm(QStringLiteral("main")));
            QCOMPARE(reloaded.component(QStringLiteral("main"))->running().digest, m_newSha);
            QVERIFY(reloaded.isBootable());
            QCOMPARE(store.read(m_newSha).value(), m_new);
        }
    }

    void bootFailureReverts()
    {
        ContentStore store(m_dir.filePath(QStringLiteral("store")));
        SimulatedFlash flash = fresh(QStringLiteral("bootfail"), store);
        QVERIFY(flash.beginWrite(QStringLiteral("main"), false));
        QVERIFY(flash.write(QStringLiteral("main"), 0, m_new));
        QVERIFY(flash.finishWrite(QStringLiteral("main"), m_newSha, m_new.size(), QStringLiteral("2.0.0")));
        QVERIFY(flash.requestUpgrade(QStringLiteral("main")));
        auto out = flash.boot(true);
        QVERIFY(out);
        QCOMPARE(out->reverted, QStringList{QStringLiteral("main")});
        QCOMPARE(flash.component(QStringLiteral("main"))->running().digest, m_oldSha);
        QVERIFY(!flash.inTrial());
        QVERIFY(flash.isBootable());
    }

    void unconfirmedTrialReverts()
    {
        ContentStore store(m_dir.filePath(QStringLiteral("store")));
        SimulatedFlash flash = fresh(QStringLiteral("trial"), store);
        QVERIFY(flash.beginWrite(QStringLiteral("main"), false));
        QVERIFY(flash.write(QStringLiteral("main"), 0, m_new));
        QVERIFY(flash.finishWrite(QStringLiteral("main"), m_newSha, m_new.size(), QStringLiteral("2.0.0")));
        QVERIFY(flash.requestUpgrade(QStringLiteral("main")));
        auto first = flash.boot(false);
        QCOMPARE(first->upgraded, QStringList{QStringLiteral("main")});
        QVERIFY(flash.inTrial());
        QVERIFY(!flash.beginWrite(QStringLiteral("main"), false)); // no new image on top of an unconfirmed one
        auto second = flash.boot(false); // not confirmed: the bootloader goes back
        QCOMPARE(second->reverted, QStringList{QStringLiteral("main")});
        QCOMPARE(flash.component(QStringLiteral("main"))->running().digest, m_oldSha);
    }

    void wrongDigestDiscardsTheSlot()
    {
        ContentStore store(m_dir.filePath(QStringLiteral("store")));
        SimulatedFlash flash = fresh(QStringLiteral("wrong"), store);
        QVERIFY(flash.beginWrite(QStringLiteral("main"), false));
        QByteArray bad = m_new;
        bad[100] = char(bad[100] ^ 1);
        QVERIFY(flash.write(QStringLiteral("main"), 0, bad));
        auto st = flash.finishWrite(QStringLiteral("main"), m_newSha, m_new.size(), QStringLiteral("2.0.0"));
        QVERIFY(!st);
        QCOMPARE(st.error().code(), ErrorCode::Checksum);
        QVERIFY(st.error().message().contains(QString::fromLatin1(m_newSha.toHex())));
        QVERIFY(!flash.component(QStringLiteral("main"))->slots[1].isValid());
        QCOMPARE(flash.component(QStringLiteral("main"))->writing, -1);
        QVERIFY(!flash.requestUpgrade(QStringLiteral("main")));
        QVERIFY(flash.isBootable());
        QVERIFY(!QFile::exists(flash.partPath(QStringLiteral("main"))));
    }
};

QTEST_GUILESS_MAIN(TestAgentFlash)
#include "tst_agent_flash.moc"
