// Item models and painted widgets of the GUI, without a library: model contracts (QAbstractItemModelTester),
// signals, the memory map's lanes and overlaps, the hex view's row layout, settings validation.
#include "ui/firmware/CommandLines.h"
#include "ui/firmware/FirmwareTableModel.h"
#include "ui/firmware/ImportDialog.h"
#include "ui/shell/ActivityLogModel.h"
#include "ui/shell/SettingsDialog.h"
#include "ui/widgets/HexView.h"
#include "ui/widgets/Icons.h"
#include "ui/widgets/MemoryMapWidget.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QtTest>

using namespace otadesk;
using namespace otadesk::ui;
using firmware::AddressRange;

namespace {
library::FirmwareEntry makeEntry(qint64 id, const QString &name, qint64 size, QList<AddressRange> segments)
{
    library::FirmwareEntry e;
    e.id = id;
    e.name = name;
    e.product = QStringLiteral("cityhub");
    e.version = QStringLiteral("1.%1").arg(id);
    e.format = QStringLiteral("bin");
    e.fileSize = size;
    e.segments = std::move(segments);
    e.importedAt = QDateTime::fromSecsSinceEpoch(1700000000 + id * 60);
    return e;
}
} // namespace

class TestUiModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void firmwareModelContract()
    {
        FirmwareTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        model.setEntries({makeEntry(1, QStringLiteral("a.bin"), 100, {{0x1000, 0x1064}}),
                          makeEntry(2, QStringLiteral("b.hex"), 5000, {{0x0, 0x10}, {0x100, 0x200}})});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.index(1, FirmwareTableModel::NameColumn).data().toString(), QStringLiteral("b.hex"));
        QCOMPARE(model.index(1, FirmwareTableModel::SizeColumn).data(FirmwareTableModel::SortRole).toLongLong(),
                 5000);
        QCOMPARE(model.index(0, FirmwareTableModel::ExtentColumn).data().toString(),
                 firmware::formatRange({0x1000, 0x1064}));
        QCOMPARE(model.index(0, 0).data(FirmwareTableModel::IdRole).toLongLong(), 1);

        // Replace: entry 1 stays (updated), 2 goes, 3 arrives.
        auto updated = makeEntry(1, QStringLiteral("a-renamed.bin"), 100, {{0x1000, 0x1064}});
        model.setEntries({updated, makeEntry(3, QStringLiteral("c.elf"), 7, {})});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(inserted.count(), 2);
        QVERIFY(changed.count() >= 1);
        QCOMPARE(model.rowOfId(1), 0);
        QCOMPARE(model.rowOfId(2), -1);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("a-renamed.bin"));
        QVERIFY(model.index(1, FirmwareTableModel::ExtentColumn).data().toString().isEmpty());

        model.setEntries({});
        QCOMPARE(model.rowCount(), 0);
    }

    void firmwareFilterSortsAndFilters()
    {
        FirmwareTableModel model;
        FirmwareFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto big = makeEntry(1, QStringLiteral("big.bin"), 900000, {{0, 10}});
        auto small = makeEntry(2, QStringLiteral("small.bin"), 12, {{0, 10}});
        small.product = QStringLiteral("primehub");
        model.setEntries({big, small});
        filter.sort(FirmwareTableModel::SizeColumn, Qt::AscendingOrder);
        QCOMPARE(filter.index(0, 0).data().toString(), QStringLiteral("small.bin")); // 12 B < 879 KiB numerically
        filter.setFilterFixedString(QStringLiteral("PRIMEHUB"));
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.index(0, 0).data().toString(), QStringLiteral("small.bin"));
    }

    void activityModelFollowsLog()
    {
        ActivityLog log(3);
        log.info(QStringLiteral("test"), QStringLiteral("before"));
        ActivityLogModel model(&log);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 1);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

        // Entries arrive queued, also from another thread.
        log.warning(QStringLiteral("test"), QStringLiteral("second"));
        QCOMPARE(model.rowCount(), 1);
        std::thread([&log] { log.error(QStringLiteral("worker"), QStringLiteral("third")); }).join();
        QTRY_COMPARE(model.rowCount(), 3);
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(model.index(2, ActivityLogModel::SourceColumn).data().toString(), QStringLiteral("worker"));
        QCOMPARE(model.index(1, ActivityLogModel::LevelColumn).data().toString(), QStringLiteral("Warning"));

        // The ring holds 3: a fourth entry drops the oldest row.
        log.info(QStringLiteral("test"), QStringLiteral("fourth"));
        QTRY_COMPARE(model.index(2, ActivityLogModel::TextColumn).data().toString(), QStringLiteral("fourth"));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, ActivityLogModel::TextColumn).data().toString(), QStringLiteral("second"));
        QVERIFY(model.toText({0, 2}).contains(QStringLiteral("\tfourth")));

        ActivityLogFilter filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setMinimumLevel(ActivityEntry::Level::Warning);
        QCOMPARE(filter.rowCount(), 2);
        filter.setMinimumLevel(ActivityEntry::Level::Error);
        QCOMPARE(filter.rowCount(), 1);

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        log.clear();
        QTRY_COMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 0);
    }

    void memoryMapLanesAndOverlaps()
    {
        MemoryMapWidget map;
        map.resize(800, map.sizeHint().height());
        map.setLanes({{QStringLiteral("a"), {{0x1000, 0x2000}, {0x3000, 0x3100}}, {{0x1800, 0x1810}}},
                      {QStringLiteral("b"), {{0x1f00, 0x3080}}, {}}});
        QCOMPARE(map.segmentCount(0), 2);
        QCOMPARE(map.segmentCount(1), 1);
        QCOMPARE(map.fullRange(), (AddressRange{0x1000, 0x3100}));
        const QList<AddressRange> expected{{0x1f00, 0x2000}, {0x3000, 0x3080}};
        QCOMPARE(map.crossOverlaps(), expected);
        QVERIFY(!map.grab().isNull());

        map.zoom(4.0, 0.0);
        QVERIFY(map.visibleRange().size() < map.fullRange().size() / 3);
        QCOMPARE(map.visibleRange().start, quint64(0x1000));
        map.resetZoom();
        QCOMPARE(map.visibleRange(), map.fullRange());

        map.setLanes({{QStringLiteral("only"), {{0x0, 0x100}, {0x200, 0x300}}, {}}});
        QVERIFY(map.crossOverlaps().isEmpty());
        // Hovering the middle of the plot lands in the gap between the two segments.
        const int plotLeft = 110, plotWidth = map.width() - 110 - 8;
        const QString tip = map.describeAt(QPoint(plotLeft + plotWidth / 2, 22 + 4 + 15));
        QVERIFY2(tip.contains(QStringLiteral("Gap")), qPrintable(tip));
    }

    void hexViewRows()
    {
        auto image = std::make_shared<firmware::MemoryImage>();
        QVERIFY(image->write(0x08000004, QByteArray(40, 'A')).has_value());
        QVERIFY(image->write(0x08001000, QByteArray(16, 'B')).has_value());
        HexView view;
        view.resize(700, 300);
        view.setImage(image);
        // 0x08000000..0x0800002c: 3 rows, then a gap separator, then 1 row.
        QCOMPARE(view.rowCount(), 5);
        QCOMPARE(view.rowAddress(0), std::optional<quint64>(0x08000000));
        QCOMPARE(view.rowAddress(2), std::optional<quint64>(0x08000020));
        QVERIFY(!view.rowAddress(3).has_value());
        QCOMPARE(view.rowAddress(4), std::optional<quint64>(0x08001000));
        QCOMPARE(view.rowOfAddress(0x08001005), 4);
        QCOMPARE(view.rowOfAddress(0x08000800), -1);
        QVERIFY(view.goToAddress(0x08001002));
        QVERIFY(!view.goToAddress(0x09000000));
        view.selectRange(0x08000004, 0x08000007);
        QCOMPARE(view.selectedHex(), QStringLiteral("41 41 41"));
        QVERIFY(!view.grab().isNull());
    }

    void hexViewLargeImageIsCheap()
    {
        auto image = std::make_shared<firmware::MemoryImage>();
        QVERIFY(image->appendOrdered(0, QByteArray(40 * 1024 * 1024, '\x5a')));
        HexView view;
        view.resize(700, 600);
        QElapsedTimer t;
        t.start();
        view.setImage(image);
        QCOMPARE(view.rowCount(), 40 * 1024 * 1024 / 16);
        QVERIFY(view.goToAddress(30 * 1024 * 1024));
        view.grab();
        qInfo("40 MiB hex view: set + jump + paint in %lld ms", t.elapsed());
        QVERIFY(t.elapsed() < 500);
    }

    void settingsValidation_data()
    {
        QTest::addColumn<QString>("rules");
        QTest::addColumn<bool>("valid");
        QTest::newRow("empty") << QString() << true;
        QTest::newRow("one") << QStringLiteral("otadesk.firmware.debug=true") << true;
        QTest::newRow("two") << QStringLiteral("otadesk.*.debug=true; otadesk.ui.info=false") << true;
        QTest::newRow("no value") << QStringLiteral("otadesk.firmware.debug") << false;
        QTest::newRow("bad value") << QStringLiteral("otadesk.ui=yes") << false;
    }
    void settingsValidation()
    {
        QFETCH(QString, rules);
        QFETCH(bool, valid);
        QString problem;
        QCOMPARE(SettingsDialog::isValidLogRules(rules, &problem), valid);
        QCOMPARE(problem.isEmpty(), valid);
    }

    void addressesAndCommandLines()
    {
        QCOMPARE(parseAddress(QStringLiteral("0x08000000")), std::optional<quint64>(0x08000000));
        QCOMPARE(parseAddress(QStringLiteral("8000h")), std::optional<quint64>(0x8000));
        QCOMPARE(parseAddress(QStringLiteral("4096")), std::optional<quint64>(4096));
        QVERIFY(!parseAddress(QStringLiteral("0xZZ")).has_value());
        ImportOptions o;
        o.product = QStringLiteral("city hub");
        o.baseAddress = 0x08000000;
        QCOMPARE(commands::importFiles({QStringLiteral("/tmp/a.bin")}, o),
                 QStringLiteral("otactl firmware import --product 'city hub' --base-address 0x08000000 /tmp/a.bin"));
        QCOMPARE(commands::remove(7), QStringLiteral("otactl firmware remove 7"));
    }

    void iconsRender()
    {
        Q_INIT_RESOURCE(otadesk);
        for (const char *name : {"org.example.otadesk", "firmware", "keys", "manifests", "devices", "campaigns", "bench",
                                 "server"}) {
            const QIcon icon = themeIcon(QString::fromLatin1(name));
            QVERIFY2(!icon.isNull(), name);
            const QImage image = icon.pixmap(32, 32).toImage();
            // Not blank: some opaque pixels in the middle area.
            int opaque = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x)
                    opaque += qAlpha(image.pixel(x, y)) > 128 ? 1 : 0;
            QVERIFY2(opaque > 100, name);
        }
    }
};

QTEST_MAIN(TestUiModels)
#include "tst_ui_models.moc"
