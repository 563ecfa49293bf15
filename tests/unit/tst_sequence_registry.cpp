// SequenceRegistry: per-product sequence numbers in <workspace>/manifests/sequence-numbers.json, written
// atomically; re-signing the same manifest is allowed, lower or equal numbers are refused, a damaged file is
// reported and never overwritten.
#include "core/crypto/Digest.h"
#include "core/manifest/SequenceRegistry.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace otadesk;
using namespace otadesk::manifest;

namespace {
QByteArray digest(const char *text)
{
    return crypto::sha256(QByteArray(text));
}
} // namespace

class TestSequenceRegistry : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void emptyWorkspace();
    void publishAndPersist();
    void refusesLowerOrEqual();
    void reSignSameManifest();
    void productsAreIndependent();
    void badArguments();
    void damagedFileIsNeverOverwritten_data();
    void damagedFileIsNeverOverwritten();
    void largeNumbers();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString file() const { return m_dir->filePath(QStringLiteral("manifests/sequence-numbers.json")); }
};

void TestSequenceRegistry::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestSequenceRegistry::cleanup()
{
    m_dir.reset();
}

void TestSequenceRegistry::emptyWorkspace()
{
    SequenceRegistry registry{Workspace(m_dir->path())};
    QCOMPARE(*registry.highest(QStringLiteral("GW-200")), std::nullopt);
    QCOMPARE(*registry.next(QStringLiteral("GW-200")), quint64(1));
    QVERIFY(registry.list()->isEmpty());
    QVERIFY(registry.check(QStringLiteral("GW-200"), 0, digest("a")));
    QVERIFY(!QFile::exists(file())); // reading never creates the file
}

void TestSequenceRegistry::publishAndPersist()
{
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    {
        SequenceRegistry registry{Workspace(m_dir->path())};
        QVERIFY(registry.publish(QStringLiteral("GW-200"), 1, digest("one")));
        QVERIFY(registry.publish(QStringLiteral("GW-200"), 5, digest("five")));
    }
    QVERIFY(QFile::exists(file()));
    QFile f(file());
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
    QCOMPARE(root.value(QStringLiteral("entries")).toArray().size(), 2);
    QCOMPARE(root.value(QStringLiteral("entries"))
                 .toArray()
                 .at(1)
                 .toObject()
                 .value(QStringLiteral("manifestDigest"))
                 .toString(),
             QString::fromLatin1(digest("five").toHex()));
    SequenceRegistry again{Workspace(m_dir->path())};
    QCOMPARE(*again.highest(QStringLiteral("GW-200")), std::optional<quint64>(5));
    QCOMPARE(*again.next(QStringLiteral("GW-200")), quint64(6));
    auto list = again.list(QStringLiteral("GW-200"));
    QVERIFY(list);
    QCOMPARE(list->size(), 2);
    QCOMPARE(list->at(0).sequenceNumber, quint64(1));
    QCOMPARE(list->at(1).manifestDigest, digest("five"));
    QVERIFY(list->at(1).signedAt >= before && list->at(1).signedAt <= QDateTime::currentDateTimeUtc());
}

void TestSequenceRegistry::refusesLowerOrEqual()
{
    SequenceRegistry registry{Workspace(m_dir->path())};
    QVERIFY(registry.publish(QStringLiteral("GW-200"), 7, digest("seven")));
    for (quint64 n : {quint64(0), quint64(4), quint64(7)}) {
        auto r = registry.check(QStringLiteral("GW-200"), n, digest("other"));
        QVERIFY(!r);
        QCOMPARE(r.error().code(), ErrorCode::InvalidArgument);
        QVERIFY2(
            r.error().message().contains(
                QStringLiteral("sequence number %1 is not above 7, already published for GW-200 on ").arg(n)),
            qPrintable(r.error().message()));
        QVERIFY(!registry.publish(QStringLiteral("GW-200"), n, digest("other")));
    }
    QCOMPARE(registry.list()->size(), 1);
    QVERIFY(registry.check(QStringLiteral("GW-200"), 8, digest("eight")));
}

void TestSequenceRegistry::reSignSameManifest()
{
    SequenceRegistry registry{Workspace(m_dir->path())};
    QVERIFY(registry.publish(QStringLiteral("GW-200"), 3, digest("three")));
    QVERIFY(registry.publish(QStringLiteral("GW-200"), 4, digest("four")));
    QVERIFY(registry.check(QStringLiteral("GW-200"), 3,
                           digest("three"))); // same manifest: adding a signature is fine
    QVERIFY(registry.publish(QStringLiteral("GW-200"), 4, digest("four")));
    QVERIFY(registry.publish(QStringLiteral("GW-200"), 3, digest("three")));
    QCOMPARE(registry.list()->size(), 2); // nothing recorded twice
    QVERIFY(!registry.check(QStringLiteral("GW-200"), 4, digest("three")));
}

void TestSequenceRegistry::productsAreIndependent()
{
    SequenceRegistry registry{Workspace(m_dir->path())};
    QVERIFY(registry.publish(QStringLiteral("GW-200"), 9, digest("gw")));
    QVERIFY(registry.publish(QStringLiteral("SENSOR-1"), 2, digest("sensor")));
    QCOMPARE(*registry.next(QStringLiteral("SENSOR-1")), quint64(3));
    QCOMPARE(*registry.next(QStringLiteral("GW-200")), quint64(10));
    QCOMPARE(registry.list()->size(), 2);
    QCOMPARE(registry.list()->at(0).product, QStringLiteral("GW-200")); // sorted by product
    QCOMPARE(registry.list(QStringLiteral("SENSOR-1"))->size(), 1);
}

void TestSequenceRegistry::badArguments()
{
    SequenceRegistry registry{Workspace(m_dir->path())};
    QVERIFY(!registry.publish(QString(), 1, digest("x")));
    auto r = registry.publish(QStringLiteral("GW-200"), 1, QByteArray(20, 'x'));
    QVERIFY(!r);
    QVERIFY(r.error().message().contains(QStringLiteral("20 bytes")));
    QVERIFY(!QFile::exists(file()));
}

void TestSequenceRegistry::damagedFileIsNeverOverwritten_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("not json") << QByteArray("{\"format\": \"otadesk-sequence-numbers\", \"entries\": [");
    QTest::newRow("other file") << QByteArray("{\"hello\": 1}");
    QTest::newRow("bad entry") << QByteArray(
        R"({"format":"otadesk-sequence-numbers","version":1,"entries":[{"product":"GW-200","sequenceNumber":"x","manifestDigest":"00","signedAt":"2026-01-01T00:00:00Z"}]})");
    QTest::newRow("newer version") << QByteArray(
        R"({"format":"otadesk-sequence-numbers","version":2,"entries":[]})");
}

void TestSequenceRegistry::damagedFileIsNeverOverwritten()
{
    QFETCH(QByteArray, content);
    QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("manifests"))));
    QFile f(file());
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    SequenceRegistry registry{Workspace(m_dir->path())};
    auto r = registry.publish(QStringLiteral("GW-200"), 1, digest("x"));
    QVERIFY(!r);
    QCOMPARE(r.error().code(), ErrorCode::Format);
    QCOMPARE(r.error().where().file, file());
    QVERIFY2(r.error().message().contains(QStringLiteral("damaged")) && r.error().message().contains(file()),
             qPrintable(r.error().message()));
    QVERIFY(!registry.highest(QStringLiteral("GW-200")));
    QVERIFY(!registry.next(QStringLiteral("GW-200")));
    QVERIFY(!registry.check(QStringLiteral("GW-200"), 1, digest("x")));
    QVERIFY(!registry.list());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), content);
}

void TestSequenceRegistry::largeNumbers()
{
    // UTC-seconds style and 64-bit numbers survive the JSON file exactly.
    SequenceRegistry registry{Workspace(m_dir->path())};
    const quint64 big = 18446744073709551614ull;
    QVERIFY(registry.publish(QStringLiteral("GW-200"), big, digest("big")));
    QCOMPARE(*SequenceRegistry{Workspace(m_dir->path())}.highest(QStringLiteral("GW-200")),
             std::optional<quint64>(big));
    QCOMPARE(*registry.next(QStringLiteral("GW-200")), big + 1);
    QVERIFY(registry.publish(QStringLiteral("GW-200"), big + 1, digest("max")));
    QVERIFY(!registry.next(QStringLiteral("GW-200")));
}

QTEST_GUILESS_MAIN(TestSequenceRegistry)
#include "tst_sequence_registry.moc"
