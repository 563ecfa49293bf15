// The details pane and memory map as a firmware author reads them: readable metadata labels, the MCUboot
// summary (version, hash check, signature, key hash, security counter), a lazy symbol tree, warnings and
// ranges written twice, two lanes with their overlap, bundle scope filtering, import error text, addresses.
#include "TestData.h"
#include "core/library/FirmwareLibrary.h"
#include "ui/firmware/EntryDetails.h"
#include "ui/firmware/EntryPreview.h"
#include "ui/firmware/FirmwareTableModel.h"
#include "ui/firmware/GoToAddress.h"
#include "ui/firmware/ImportSummaryText.h"
#include "ui/firmware/MetadataLabels.h"
#include "ui/firmware/MetadataTree.h"
#include "ui/widgets/MemoryMapWidget.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace otadesk;
using namespace otadesk::ui;

namespace {
QTreeWidgetItem *childByKey(QTreeWidgetItem *parent, const QString &key)
{
    for (int i = 0; i < parent->childCount(); ++i)
        if (parent->child(i)->data(0, MetadataTree::KeyRole).toString() == key)
            return parent->child(i);
    return nullptr;
}

QTreeWidgetItem *topByKey(QTreeWidget *tree, const QString &key)
{
    return childByKey(tree->invisibleRootItem(), key);
}

library::FirmwareEntry entryWith(qint64 id, const QString &name, const QString &version,
                                 QList<firmware::AddressRange> segments)
{
    library::FirmwareEntry e;
    e.id = id;
    e.name = name;
    e.version = version;
    e.format = QStringLiteral("bin");
    e.segments = std::move(segments);
    return e;
}
} // namespace

class TestUiDetails : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<library::FirmwareLibrary> m_lib;

    library::FirmwareEntry import(const QString &relative, quint64 base = 0)
    {
        library::ImportRequest r;
        r.path = test::testData(relative);
        r.baseAddress = base;
        auto outcome = m_lib->importFile(r);
        if (!outcome || outcome->entries.isEmpty())
            qFatal("cannot import %s", qUtf8Printable(relative));
        return outcome->entries.first();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto opened = library::FirmwareLibrary::open(Workspace(m_dir.filePath(QStringLiteral("ws"))));
        if (!opened)
            QFAIL(qPrintable(opened.error().toString()));
        m_lib = std::move(*opened);
    }
    void cleanupTestCase() { m_lib.reset(); }

    void labelsForKnownKeysOnly()
    {
        QCOMPARE(metadataLabel(QStringLiteral("baseAddress")), QStringLiteral("Base address"));
        QCOMPARE(metadataLabel(QStringLiteral("computedHash")), QStringLiteral("Computed hash"));
        QCOMPARE(metadataLabel(QStringLiteral("bufferSize")), QStringLiteral("Buffer size"));
        QCOMPARE(metadataLabel(QStringLiteral("symbols")), QStringLiteral("Symbols"));
        QCOMPARE(metadataLabel(QStringLiteral("someVendorKey")), QStringLiteral("someVendorKey"));
        QVERIFY(!hasMetadataLabel(QStringLiteral("someVendorKey")));
        QCOMPARE(hashCheckText(true), QStringLiteral("valid"));
        QCOMPARE(hashCheckText(false), QStringLiteral("MISMATCH"));
        QCOMPARE(MetadataTree::valueText(QStringLiteral("hashValid"), false), QStringLiteral("MISMATCH"));
        QCOMPARE(MetadataTree::valueText(QStringLiteral("trailerPresent"), true), QStringLiteral("yes"));
    }

    void securityCounterFromTlv()
    {
        const QVariantMap tlv{{QStringLiteral("name"), QStringLiteral("SEC_CNT")},
                              {QStringLiteral("value"), QStringLiteral("07010000")}};
        QCOMPARE(mcubootSecurityCounter({{QStringLiteral("tlvs"), QVariantList{tlv}}}), std::optional<quint32>(263));
        QCOMPARE(mcubootSecurityCounter({{QStringLiteral("tlvs"), QVariantList{}}}), std::nullopt);
    }

    void symbolTreeIsLazyAndCapped()
    {
        QVariantList symbols;
        for (int i = 0; i < 20000; ++i)
            symbols.append(QVariantMap{{QStringLiteral("name"), QStringLiteral("fn%1").arg(i)},
                                       {QStringLiteral("value"), quint64(0x1000 + i)}});
        const QVariantMap elf{{QStringLiteral("symbols"), symbols},
                              {QStringLiteral("symbolCount"), 25000},
                              {QStringLiteral("machine"), QStringLiteral("ARM")}};
        QTreeWidget tree;
        MetadataTree::install(&tree);
        QElapsedTimer clock;
        clock.start();
        QTreeWidgetItem *top = MetadataTree::add(tree.invisibleRootItem(), QStringLiteral("elf"), elf);
        QCOMPARE(top->text(0), QStringLiteral("ELF file"));
        QCOMPARE(top->childCount(), 0); // nothing built until expanded
        top->setExpanded(true);
        QCOMPARE(top->childCount(), 3);
        QCOMPARE(top->child(0)->text(0), QStringLiteral("Machine")); // priority keys first
        QTreeWidgetItem *sym = childByKey(top, QStringLiteral("symbols"));
        QVERIFY(sym);
        QCOMPARE(sym->text(0), QStringLiteral("Symbols"));
        QCOMPARE(sym->text(1), QStringLiteral("20000 of 25000 stored"));
        QCOMPARE(sym->childCount(), 0);
        sym->setExpanded(true);
        QCOMPARE(sym->childCount(), MetadataTree::kShownRows + 1);
        QCOMPARE(sym->child(0)->text(0), QStringLiteral("fn0")); // symbol names are never turned into labels
        QCOMPARE(sym->child(MetadataTree::kShownRows)->text(1), QStringLiteral("… 19500 more"));
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
        sym->setExpanded(false);
        sym->setExpanded(true); // idempotent
        QCOMPARE(sym->childCount(), MetadataTree::kShownRows + 1);
    }

    void mcubootSummaryAtTheTop()
    {
        const library::FirmwareEntry e = import(QStringLiteral("mcuboot/payload.signed-ecdsa-p256.bin"));
        EntryDetails details;
        details.setEntry(&e);
        QVERIFY(details.isFieldVisible(QStringLiteral("mcubootVersion")));
        QCOMPARE(details.value(QStringLiteral("mcubootVersion")), QStringLiteral("1.2.3+4"));
        QVERIFY(details.value(QStringLiteral("hashCheck")).startsWith(QStringLiteral("valid")));
        QVERIFY(details.value(QStringLiteral("signature")).contains(QStringLiteral("ECDSA")));
        QCOMPARE(details.value(QStringLiteral("securityCounter")), QStringLiteral("7"));
        QCOMPARE(details.value(QStringLiteral("keyHash")).size(), 64);
        QVERIFY(details.banner()->isHidden());

        QTreeWidgetItem *first = details.tree()->topLevelItem(0);
        QCOMPARE(first->data(0, MetadataTree::KeyRole).toString(), QStringLiteral("mcuboot"));
        QCOMPARE(first->text(0), QStringLiteral("MCUboot image"));
        QVERIFY(first->isExpanded());
        QCOMPARE(first->child(0)->text(0), QStringLiteral("Version"));
        QCOMPARE(first->child(1)->text(0), QStringLiteral("Hash check"));
        QCOMPARE(first->child(1)->text(1), QStringLiteral("valid"));
        QVERIFY(childByKey(first, QStringLiteral("baseAddress")));
        QCOMPARE(childByKey(first, QStringLiteral("baseAddress"))->text(0), QStringLiteral("Base address"));
        // No raw keys left among the MCUboot fields.
        for (int i = 0; i < first->childCount(); ++i)
            QVERIFY2(first->child(i)->text(0) != first->child(i)->data(0, MetadataTree::KeyRole).toString(),
                     qPrintable(first->child(i)->text(0)));

        // A tampered hash: MISMATCH in the form, the tree and the banner.
        library::FirmwareEntry bad = e;
        QVariantMap m = bad.metadata.value(QStringLiteral("mcuboot")).toMap();
        m.insert(QStringLiteral("hashValid"), false);
        bad.metadata.insert(QStringLiteral("mcuboot"), m);
        details.setEntry(&bad);
        QVERIFY(details.value(QStringLiteral("hashCheck")).startsWith(QStringLiteral("MISMATCH")));
        QVERIFY(!details.banner()->isHidden());
        QVERIFY(details.banner()->text().contains(QStringLiteral("MISMATCH")));
        QCOMPARE(childByKey(details.tree()->topLevelItem(0), QStringLiteral("hashValid"))->text(1),
                 QStringLiteral("MISMATCH"));

        // A plain binary hides the MCUboot rows.
        const library::FirmwareEntry plain = import(QStringLiteral("mcuboot/payload.bin"));
        details.setEntry(&plain);
        QVERIFY(!details.isFieldVisible(QStringLiteral("mcubootVersion")));
        QVERIFY(!details.isFieldVisible(QStringLiteral("bundle")));
        QVERIFY(!topByKey(details.tree(), QStringLiteral("mcuboot")));
    }

    void warningsAndOverlapsAreVisible()
    {
        const library::FirmwareEntry e = import(QStringLiteral("formats/bincopy/in_16bits_word_padding.hex"));
        QCOMPARE(e.warnings.size(), 5);
        EntryDetails details;
        details.setEntry(&e);
        QVERIFY(!details.banner()->isHidden());
        QVERIFY2(details.banner()->text().contains(QStringLiteral("5 warning(s)")), qPrintable(details.banner()->text()));
        QVERIFY(details.banner()->text().contains(QStringLiteral("written more than once")));
        QTreeWidgetItem *warnings = details.tree()->findItems(QStringLiteral("Warnings"), Qt::MatchExactly).value(0);
        QVERIFY(warnings);
        QCOMPARE(warnings->childCount(), 5);
        QVERIFY(warnings->isExpanded());
        QVERIFY(warnings->child(0)->text(1).contains(QStringLiteral("written twice")));

        EntryPreview preview;
        preview.setWorkspacePath(m_dir.filePath(QStringLiteral("ws")));
        preview.setEntries({e});
        MemoryMapWidget *map = preview.memoryMap();
        QCOMPARE(map->lanes().first().overlaps.size(), e.overlaps.size());
        QVERIFY(map->hasLegend());
        map->resize(800, map->sizeHint().height());
        const QImage picture = map->grab().toImage();
        bool orange = false; // ranges written twice are painted in the warning colour
        for (int x = 0; x < picture.width() && !orange; ++x)
            orange = picture.pixelColor(x, 22 + 4 + 15) == QColor(0xe0, 0x8a, 0x00);
        QVERIFY(orange);
    }

    void notesAreNotWarnings()
    {
        library::FirmwareEntry e = entryWith(1, QStringLiteral("a.elf"), {}, {{0x1000, 0x2000}});
        e.warnings = {QStringLiteral("a.elf: note: 12 bytes of .bss are not part of the image.")};
        EntryDetails details;
        details.setEntry(&e);
        QVERIFY(details.banner()->isHidden());
        QVERIFY(!details.tree()->findItems(QStringLiteral("Notes"), Qt::MatchExactly).isEmpty());
    }

    void twoLanesShowTheirOverlap()
    {
        const auto a = entryWith(1, QStringLiteral("firmware-base.bin"), QStringLiteral("7.27.0"),
                                 {{0x08000000, 0x0802db27}});
        const auto b = entryWith(2, QStringLiteral("firmware-base.bin"), QStringLiteral("7.28.0"),
                                 {{0x08000000, 0x0802dd7b}});
        QCOMPARE(EntryPreview::laneLabel(a, {a, b}), QStringLiteral("7.27.0 firmware-base.bin"));
        QCOMPARE(EntryPreview::laneLabel(a, {a}), QStringLiteral("firmware-base.bin"));

        EntryPreview preview; // no workspace: the map still shows, the hex view says why it is empty
        preview.setEntries({a, b});
        QVERIFY(!QFileInfo::exists(QStringLiteral("library.sqlite")));
        MemoryMapWidget *map = preview.memoryMap();
        QCOMPARE(map->lanes().size(), 2);
        QCOMPARE(map->lanes()[1].label, QStringLiteral("7.28.0 firmware-base.bin"));
        QCOMPARE(map->crossOverlaps().size(), 1);
        QCOMPARE(map->crossOverlaps().first(), firmware::AddressRange({0x08000000, 0x0802db27}));
        map->resize(800, map->sizeHint().height());
        const QImage picture = map->grab().toImage();
        // The lanes keep their own colours; the overlap is a red bar between them.
        const int laneTop = 22 + 4; // axis + half gap
        QCOMPARE(picture.pixelColor(400, laneTop + 15), QColor(0x3b, 0x6e, 0xa5));
        QCOMPARE(picture.pixelColor(400, laneTop + 30 + 4 + 6), QColor(0xd0, 0x3a, 0x2f));
        QCOMPARE(picture.pixelColor(400, laneTop + 30 + 8 + 12 + 15), QColor(0x2f, 0x9e, 0x5a));
        // Tooltip over a lane names the shared range.
        QVERIFY(map->describeAt(QPoint(400, laneTop + 15)).contains(QStringLiteral("Both entries occupy")));
    }

    void bundleScopeFilters()
    {
        FirmwareTableModel model;
        FirmwareFilterModel filter;
        filter.setSourceModel(&model);
        auto loose = entryWith(1, QStringLiteral("a.bin"), {}, {});
        auto inA = entryWith(2, QStringLiteral("b.bin"), {}, {});
        inA.bundleId = 7;
        auto inB = entryWith(3, QStringLiteral("c.bin"), {}, {});
        inB.bundleId = 8;
        model.setEntries({loose, inA, inB});
        model.setBundleNames({{7, QStringLiteral("pybricks-cityhub-7.28.0")}, {8, QStringLiteral("other")}});
        QCOMPARE(model.index(1, FirmwareTableModel::BundleColumn).data().toString(),
                 QStringLiteral("pybricks-cityhub-7.28.0"));
        QVERIFY(model.index(0, FirmwareTableModel::BundleColumn).data().toString().isEmpty());
        QCOMPARE(model.headerData(FirmwareTableModel::BundleColumn, Qt::Horizontal).toString(), QStringLiteral("Bundle"));
        QCOMPARE(filter.rowCount(), 3);
        filter.setBundleScope(FirmwareFilterModel::AnyBundle);
        QCOMPARE(filter.rowCount(), 2);
        filter.setBundleScope(8);
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.index(0, 0).data().toString(), QStringLiteral("c.bin"));
        filter.setBundleScope(FirmwareFilterModel::AllEntries);
        filter.setFilterFixedString(QStringLiteral("cityhub")); // the text filter sees bundle names too
        QCOMPARE(filter.rowCount(), 1);
    }

    void bundleShownInDetails()
    {
        library::BundleEntry bundle;
        bundle.id = 7;
        bundle.name = QStringLiteral("pybricks-cityhub-7.28.0");
        auto fw = entryWith(2, QStringLiteral("firmware-base.bin"), {}, {});
        fw.component = QStringLiteral("firmware");
        fw.bundleId = 7;
        auto meta = entryWith(3, QStringLiteral("firmware.metadata.json"), {}, {});
        meta.component = QStringLiteral("metadata");
        bundle.items = {fw, meta};
        EntryDetails details;
        details.setEntry(&fw, &bundle);
        QVERIFY(details.isFieldVisible(QStringLiteral("bundle")));
        const QString text = details.value(QStringLiteral("bundle"));
        QVERIFY2(text.contains(QStringLiteral("pybricks-cityhub-7.28.0")) && text.contains(QStringLiteral("metadata")) &&
                     text.contains(QStringLiteral("firmware")),
                 qPrintable(text));
    }

    void importErrorsAreReadable()
    {
        ImportSummary summary;
        summary.files.append({QStringLiteral("/x/good.hex"), true, false, {1}, {}, {}});
        summary.files.append({QStringLiteral("/x/bad_crc.s19"), false, false, {}, {},
                              QStringLiteral("/x/bad_crc.s19:line 1: Bad checksum: the record's checksum is 0x22, "
                                             "expected 0x25.")});
        const QString text = ImportSummaryText::text(summary);
        QVERIFY(text.contains(QStringLiteral("1 file(s) imported.")));
        QVERIFY2(text.contains(QStringLiteral("bad_crc.s19 — ")) && text.contains(QStringLiteral("line 1")) &&
                     text.contains(QStringLiteral("Bad checksum")),
                 qPrintable(text));
        QVERIFY(ImportSummaryText::detailedText(summary).contains(QStringLiteral("✓ /x/good.hex")));
    }

    void parsesAddresses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("expected"); // -1: invalid
        QTest::newRow("hex") << QStringLiteral("0x08001000") << qint64(0x08001000);
        QTest::newRow("HEX") << QStringLiteral(" 0X0800_1000 ") << qint64(0x08001000);
        QTest::newRow("suffix") << QStringLiteral("1000h") << qint64(0x1000);
        QTest::newRow("decimal") << QStringLiteral("4096") << qint64(4096);
        QTest::newRow("empty") << QString() << qint64(-1);
        QTest::newRow("junk") << QStringLiteral("0xZZ") << qint64(-1);
        QTest::newRow("word") << QStringLiteral("main") << qint64(-1);
    }
    void parsesAddresses()
    {
        QFETCH(QString, text);
        QFETCH(qint64, expected);
        const auto parsed = GoToAddress::parse(text);
        if (expected < 0)
            QVERIFY(!parsed);
        else
            QCOMPARE(parsed, std::optional<quint64>(quint64(expected)));
    }
};

QTEST_MAIN(TestUiDetails)
#include "tst_ui_details.moc"
