// Delta round trips on real firmware pairs: the two shared Pybricks pairs (7.27.0 -> 7.28.0) and the extra
// Cortex-M pairs in tests/data/delta (7.22.0 -> 7.27.0). apply(create(old, new), old) == new for every arch
// choice, the Thumb-2 mode really predicts branches and pointers, and a patch is far smaller than the image.
#include "TestData.h"
#include "core/delta/DeltaApplier.h"
#include "core/delta/DeltaEncoder.h"
#include "core/delta/Thumb2Model.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace otadesk;
using namespace otadesk::delta;

class TestDeltaPairs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void baseAddress();
};

void TestDeltaPairs::roundTrip_data()
{
    QTest::addColumn<QString>("oldPath");
    QTest::addColumn<QString>("newPath");
    QTest::addColumn<int>("arch");
    const QString shared = QStringLiteral("firmware/pybricks/%1/%2/firmware-base.bin");
    const QString local = QStringLiteral("tests/data/delta/pybricks/%1/%2/firmware-base.bin");
    const QList<std::pair<QString, QString>> pairs = {
        {test::testData(shared.arg(QStringLiteral("7.27.0"), QStringLiteral("primehub"))),
         test::testData(shared.arg(QStringLiteral("7.28.0"), QStringLiteral("primehub")))},
        {test::testData(shared.arg(QStringLiteral("7.27.0"), QStringLiteral("cityhub"))),
         test::testData(shared.arg(QStringLiteral("7.28.0"), QStringLiteral("cityhub")))},
        {local.arg(QStringLiteral("7.22.0"), QStringLiteral("technichub")),
         local.arg(QStringLiteral("7.27.0"), QStringLiteral("technichub"))},
        {local.arg(QStringLiteral("7.22.0"), QStringLiteral("movehub")),
         local.arg(QStringLiteral("7.27.0"), QStringLiteral("movehub"))},
        {local.arg(QStringLiteral("7.22.0"), QStringLiteral("essentialhub")),
         local.arg(QStringLiteral("7.27.0"), QStringLiteral("essentialhub"))},
    };
    const QList<std::pair<const char *, DeltaArch>> arches = {
        {"auto", DeltaArch::Auto}, {"thumb2", DeltaArch::Thumb2}, {"generic", DeltaArch::Generic}};
    for (const auto &[o, n] : pairs)
        for (const auto &[name, arch] : arches)
            QTest::addRow("%s %s", qPrintable(QFileInfo(o).dir().dirName()), name) << o << n << int(arch);
}

void TestDeltaPairs::roundTrip()
{
    QFETCH(QString, oldPath);
    QFETCH(QString, newPath);
    QFETCH(int, arch);
    const QByteArray oldImage = test::readFile(oldPath);
    const QByteArray newImage = test::readFile(newPath);
    QVERIFY2(!oldImage.isEmpty() && !newImage.isEmpty(), qPrintable(oldPath));
    DeltaOptions options;
    options.arch = DeltaArch(arch);
    QElapsedTimer timer;
    timer.start();
    auto created = DeltaEncoder::create(oldImage, newImage, options);
    const qint64 ms = timer.elapsed();
    QVERIFY2(created, created ? "" : qPrintable(created.error().message()));
    QVERIFY(!created->fellBack);
    // Independent check of the round trip (the encoder checked it too).
    auto applied = DeltaApplier::apply(oldImage, created->patch);
    QVERIFY2(applied, applied ? "" : qPrintable(applied.error().message()));
    QCOMPARE(*applied, newImage);
    QCOMPARE(created->info.header.mode, quint8(DeltaArch(arch) == DeltaArch::Generic ? OTAD_MODE_GENERIC
                                               : DeltaArch(arch) == DeltaArch::Thumb2 ? OTAD_MODE_THUMB2
                                                                                      : created->info.header.mode));
    if (DeltaArch(arch) == DeltaArch::Auto) {
        QCOMPARE(created->patch.size(), qMin(created->thumb2Size, created->genericSize));
        // Moved code is the common case in these pairs: the aware mode must win.
        QCOMPARE(created->info.header.mode, quint8(OTAD_MODE_THUMB2));
        QVERIFY(created->stats.predictedBranches > 1000);
        QVERIFY(created->stats.predictedPointers > 100);
    }
    // Releases that share most code (even a year apart): a patch is well below the image size.
    QVERIFY2(created->patch.size() * 3 < newImage.size() * 2, qPrintable(QString::number(created->patch.size())));
    QVERIFY2(ms < 20000, qPrintable(QString::number(ms)));
    qInfo("%s: %lld bytes (thumb2 %lld, generic %lld), %lld ms; copy %lld extra %lld nonzero diffs %lld ops %lld "
          "branches %lld pointers %lld map %u",
          QTest::currentDataTag(), qint64(created->patch.size()), created->thumb2Size, created->genericSize, ms,
          created->stats.copyBytes, created->stats.extraBytes, created->stats.nonZeroDiffs, created->stats.ops,
          created->stats.predictedBranches, created->stats.predictedPointers, created->info.header.map_entries);
}

void TestDeltaPairs::baseAddress()
{
    // Pybricks' PrimeHub firmware starts at 0x08008000 (after the LEGO bootloader).
    const QByteArray prime = test::readFile(
        test::testData(QStringLiteral("firmware/pybricks/7.28.0/primehub/firmware-base.bin")));
    QCOMPARE(Thumb2Model::inferBaseAddress(prime), std::optional<quint32>(0x08008000u));
    QCOMPARE(Thumb2Model::inferBaseAddress(QByteArray(4096, '\x5a')), std::nullopt);
}

QTEST_GUILESS_MAIN(TestDeltaPairs)
#include "tst_delta_pairs.moc"
