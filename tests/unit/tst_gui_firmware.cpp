// The Firmware view driven from the keyboard and with real files, as a firmware author would: empty state,
// Ctrl+O / Ctrl+E / Ctrl+F / Ctrl+G / Delete, a vendor zip that becomes a bundle, and an import with a broken
// file that names file and line and keeps the good files.
#include "TestData.h"
#include "core/library/ZipWriter.h"
#include "tst_gui_util.h"
#include "ui/MainWindow.h"
#include "ui/firmware/EntryDetails.h"
#include "ui/firmware/EntryPreview.h"
#include "ui/firmware/FirmwarePage.h"
#include "ui/firmware/FirmwareTableModel.h"
#include "ui/shell/ActivityLogDock.h"
#include "ui/shell/ActivityLogModel.h"
#include "ui/widgets/HexView.h"
#include "ui/widgets/MemoryMapWidget.h"

#include <QComboBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace otadesk;
using namespace otadesk::ui;

class TestGuiFirmware : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<ActivityLog> m_log;
    std::unique_ptr<MainWindow> m_window;
    QStringList m_summaries; // text of every "Import finished" box

    FirmwarePage *page() const { return m_window->firmwarePage(); }

    ImportSummary importFiles(const QStringList &files, const ImportOptions &options = {})
    {
        QSignalSpy finished(page(), &FirmwarePage::importFinished);
        test::ScriptedDialogs dialogs([this](QDialog *d) {
            if (auto *box = qobject_cast<QMessageBox *>(d); box && d->objectName() == QLatin1String("importSummary")) {
                m_summaries << box->text();
                box->close(); // like the user pressing OK; it deletes itself
            }
            return int(QDialog::Accepted);
        });
        page()->startImport(files, options);
        if (!QTest::qWaitFor([&] { return finished.count() == 1; }, 30000))
            return {};
        QApplication::setActiveWindow(m_window.get());
        return finished.first().first().value<ImportSummary>();
    }

    QString pybricksZip()
    {
        const QString folder = test::testData(QStringLiteral("firmware/pybricks/7.28.0/cityhub/"));
        library::ZipWriter zip;
        for (const QString &name : {QStringLiteral("firmware-base.bin"), QStringLiteral("firmware.metadata.json")}) {
            QFile f(folder + name);
            if (!f.open(QIODevice::ReadOnly))
                return {};
            zip.add(name, f.readAll());
        }
        const QString path = m_dir->filePath(QStringLiteral("pybricks-cityhub-7.28.0.zip"));
        return zip.writeTo(path) ? path : QString();
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_summaries.clear();
        m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("settings.ini")));
        m_log = std::make_unique<ActivityLog>();
        m_window = std::make_unique<MainWindow>(*m_settings, m_dir->filePath(QStringLiteral("ws")), m_log.get());
        m_window->show();
        QApplication::setActiveWindow(m_window.get());
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanup()
    {
        m_window.reset();
        m_log.reset();
        m_settings.reset();
        m_dir.reset();
    }

    void emptyStateAndOpenShortcut()
    {
        QVERIFY(page()->isShowingEmptyHint());
        QVERIFY(page()->emptyHint()->isVisible());
        QVERIFY2(page()->emptyHint()->text().contains(QStringLiteral("Drop firmware files here or use")),
                 qPrintable(page()->emptyHint()->text()));
        QStringList seen;
        test::ScriptedDialogs dialogs([&](QDialog *d) {
            seen << d->objectName();
            return int(QDialog::Rejected);
        });
        QTest::keyClick(m_window.get(), Qt::Key_O, Qt::ControlModifier);
        QCOMPARE(seen, QStringList{QStringLiteral("openFilesDialog")});
        QVERIFY(!page()->goToAddressAction()->isEnabled()); // nothing to go to
    }

    void findFocusesTheFilterAndNoMatchIsExplained()
    {
        QCOMPARE(importFiles({test::testData(QStringLiteral("mcuboot/payload.signed-ecdsa-p256.bin"))}).importedCount(), 1);
        QVERIFY(!page()->isShowingEmptyHint());
        page()->table()->setFocus();
        QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(page()->searchField()));
        QTest::keyClicks(page()->searchField(), QStringLiteral("nothing-like-this"));
        QVERIFY(page()->isShowingEmptyHint());
        QVERIFY(page()->emptyHint()->text().contains(QStringLiteral("No entry matches")));
        page()->searchField()->clear();
        QVERIFY(!page()->isShowingEmptyHint());
    }

    void deleteAsksFirst()
    {
        QCOMPARE(importFiles({test::testData(QStringLiteral("mcuboot/payload.bin"))}).importedCount(), 1);
        page()->selectIds({page()->model()->entries().first().id});
        page()->table()->setFocus();
        int asked = 0;
        int answer = QDialog::Rejected;
        test::ScriptedDialogs dialogs([&](QDialog *d) {
            asked += d->objectName() == QLatin1String("confirmBox") ? 1 : 0;
            return answer;
        });
        QTest::keyClick(page()->table(), Qt::Key_Delete);
        QCOMPARE(asked, 1);
        QCOMPARE(page()->entryCount(), 1); // "Cancel" keeps it
        answer = QDialog::Accepted;
        QTest::keyClick(page()->table(), Qt::Key_Delete);
        QCOMPARE(asked, 2);
        QCOMPARE(page()->entryCount(), 0);
        QVERIFY(page()->isShowingEmptyHint());
    }

    void goToAddressAndExportShortcuts()
    {
        const QString file = test::testData(QStringLiteral("formats/bincopy/in_16bits_word_padding.hex"));
        const ImportSummary summary = importFiles({file});
        QCOMPARE(summary.importedCount(), 1);
        QCOMPARE(summary.warningCount(), 5);
        HexView *hex = page()->preview()->hexView();
        QTRY_VERIFY_WITH_TIMEOUT(hex->image() != nullptr, 20000);
        QVERIFY(page()->goToAddressAction()->isEnabled());
        // The warnings of the import are in the details pane.
        QVERIFY(!page()->details()->banner()->isHidden());
        QVERIFY(page()->details()->banner()->text().contains(QStringLiteral("5 warning(s)")));

        QStringList seen;
        test::ScriptedDialogs dialogs([&](QDialog *d) {
            seen << d->objectName();
            if (auto *input = qobject_cast<QInputDialog *>(d)) {
                input->setTextValue(QStringLiteral("0x3dc010"));
                return int(QDialog::Accepted);
            }
            return int(QDialog::Rejected);
        });
        page()->table()->setFocus();
        QTest::keyClick(m_window.get(), Qt::Key_G, Qt::ControlModifier);
        QCOMPARE(seen, QStringList{QStringLiteral("goToAddressDialog")});
        QVERIFY(hex->selection().has_value());
        QCOMPARE(hex->selection()->start, quint64(0x3dc010));
        QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(hex));

        page()->table()->setFocus();
        QTest::keyClick(m_window.get(), Qt::Key_E, Qt::ControlModifier);
        QCOMPARE(seen.last(), QStringLiteral("exportDialog"));
    }

    void zipImportBecomesAVisibleBundle()
    {
        const QString zip = pybricksZip();
        QVERIFY(!zip.isEmpty());
        const ImportSummary summary = importFiles({zip});
        QCOMPARE(summary.failedCount(), 0);
        QCOMPARE(page()->entryCount(), 2);
        QAbstractItemModel *model = page()->table()->model();
        for (int row = 0; row < model->rowCount(); ++row)
            QVERIFY(model->index(row, FirmwareTableModel::BundleColumn).data().toString().contains(
                QStringLiteral("cityhub")));

        // A loose file too; then the scope shows the bundle only.
        QCOMPARE(importFiles({test::testData(QStringLiteral("mcuboot/payload.bin"))}).importedCount(), 1);
        QComboBox *scope = page()->bundleScope();
        QVERIFY(scope->isVisible());
        QCOMPARE(scope->count(), 3); // all, in bundles, the bundle
        QCOMPARE(model->rowCount(), 3);
        scope->setCurrentIndex(1);
        QCOMPARE(model->rowCount(), 2);
        scope->setCurrentIndex(2);
        QCOMPARE(model->rowCount(), 2);
        QVERIFY(scope->currentText().contains(QStringLiteral("cityhub")));

        page()->table()->selectRow(0);
        QVERIFY(page()->details()->isFieldVisible(QStringLiteral("bundle")));
        QVERIFY(page()->details()->value(QStringLiteral("bundle")).contains(QStringLiteral("of 2 item(s)")));
        scope->setCurrentIndex(0);
        QCOMPARE(model->rowCount(), 3);
    }

    void twoReleasesCompareInTheMemoryMap()
    {
        for (const char *version : {"7.27.0", "7.28.0"}) {
            ImportOptions o;
            o.version = QString::fromLatin1(version);
            o.baseAddress = 0x08000000;
            const QString file =
                test::testData(QStringLiteral("firmware/pybricks/%1/cityhub/firmware-base.bin").arg(o.version));
            QCOMPARE(importFiles({file}, o).importedCount(), 1);
        }
        QList<qint64> ids;
        for (const library::FirmwareEntry &e : page()->model()->entries())
            ids << e.id;
        page()->selectIds(ids);
        MemoryMapWidget *map = page()->preview()->memoryMap();
        QCOMPARE(map->lanes().size(), 2);
        QVERIFY(map->lanes()[0].label != map->lanes()[1].label);
        QCOMPARE(map->crossOverlaps().size(), 1);
        QCOMPARE(map->crossOverlaps().first().start, quint64(0x08000000));
        QVERIFY2(page()->details()->comparison().startsWith(QStringLiteral("Compared with firmware-base.bin")),
                 qPrintable(page()->details()->comparison()));
        page()->selectIds({ids.first()});
        QVERIFY(page()->details()->comparison().isEmpty());
        QCOMPARE(map->lanes().size(), 1);
    }

    void importErrorNamesFileAndLineAndKeepsTheRest()
    {
        const QString bad = test::testData(QStringLiteral("formats/bincopy/bad_crc.s19"));
        const QString good = test::testData(QStringLiteral("mcuboot/payload.signed-ecdsa-p256.bin"));
        const ImportSummary summary = importFiles({bad, good});
        QCOMPARE(summary.failedCount(), 1);
        QCOMPARE(summary.importedCount(), 1);
        QCOMPARE(page()->entryCount(), 1);
        QCOMPARE(m_summaries.size(), 1);
        const QString text = m_summaries.first();
        QVERIFY2(text.contains(QStringLiteral("bad_crc.s19")) && text.contains(QStringLiteral("line 1")) &&
                     text.contains(QStringLiteral("checksum")),
                 qPrintable(text));
        auto *logModel = m_window->activityDock()->model();
        auto logged = [logModel] {
            for (int r = 0; r < logModel->rowCount(); ++r)
                if (logModel->entryAt(r).text.contains(QStringLiteral("bad_crc.s19 was not imported")))
                    return true;
            return false;
        };
        QTRY_VERIFY(logged());
    }
};

QTEST_MAIN(TestGuiFirmware)
#include "tst_gui_firmware.moc"
