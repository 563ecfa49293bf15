// The main window driven like a user would: sidebar and Ctrl+N, the settings dialog, import through the worker
// into a temporary workspace, details and memory map of the imported entry, export, delete, and a cancelled
// import of a large file that leaves nothing behind.
#include "TestData.h"
#include "core/firmware/FormatRegistry.h"
#include "tst_gui_util.h"
#include "ui/MainWindow.h"
#include "ui/firmware/EntryDetails.h"
#include "ui/firmware/EntryPreview.h"
#include "ui/firmware/FirmwarePage.h"
#include "ui/firmware/FirmwareTableModel.h"
#include "ui/shell/ActivityLogDock.h"
#include "ui/shell/ActivityLogModel.h"
#include "ui/shell/Navigation.h"
#include "ui/shell/SettingsDialog.h"
#include "ui/shell/TaskProgress.h"
#include "ui/widgets/HexView.h"
#include "ui/widgets/MemoryMapWidget.h"

#include <QCryptographicHash>
#include <QComboBox>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace otadesk;
using namespace otadesk::ui;

namespace {
QByteArray sha256Of(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result();
}
} // namespace

class TestGuiMainWindow : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<ActivityLog> m_log;
    std::unique_ptr<MainWindow> m_window;

    FirmwarePage *page() const { return m_window->firmwarePage(); }
    QString workspace() const { return m_dir.filePath(QStringLiteral("ws")); }

    // Imports files through the dialog path and waits for the worker to finish.
    ImportSummary importThroughDialog(const QStringList &files, const QString &product)
    {
        QSignalSpy finished(page(), &FirmwarePage::importFinished);
        QStringList seen;
        test::ScriptedDialogs dialogs([&](QDialog *d) {
            seen << d->objectName();
            if (auto *fd = qobject_cast<QFileDialog *>(d)) {
                fd->setDirectory(QFileInfo(files.first()).absolutePath());
                fd->selectFile(QFileInfo(files.first()).fileName());
                return int(QDialog::Accepted);
            }
            if (d->objectName() == QLatin1String("importDialog")) {
                d->findChild<QLineEdit *>(QStringLiteral("importProduct"))->setText(product);
                QTest::mouseClick(d->findChild<QPushButton *>(QStringLiteral("importOk")), Qt::LeftButton);
                return d->result();
            }
            return int(QDialog::Accepted); // summary box (non-modal)
        });
        m_window->findChild<QAction *>(QStringLiteral("actionImport"))->trigger();
        [&] { QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000); }();
        [&] { QVERIFY(seen.contains(QStringLiteral("openFilesDialog")) && seen.contains(QStringLiteral("importDialog"))); }();
        return finished.isEmpty() ? ImportSummary{} : finished.first().first().value<ImportSummary>();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QDir(workspace()).removeRecursively();
        m_settings = std::make_unique<Settings>(m_dir.filePath(QStringLiteral("settings.ini")));
        m_log = std::make_unique<ActivityLog>();
        m_window = std::make_unique<MainWindow>(*m_settings, workspace(), m_log.get());
        m_window->show();
        QApplication::setActiveWindow(m_window.get());
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanup()
    {
        m_window.reset();
        m_log.reset();
        m_settings.reset();
    }

    void startsOnEmptyWorkspace()
    {
        QCOMPARE(m_window->workspacePath(), QDir::cleanPath(workspace()));
        QVERIFY(QFileInfo::exists(QDir(workspace()).filePath(QStringLiteral("library.sqlite"))));
        auto *label = m_window->findChild<QLabel *>(QStringLiteral("workspaceLabel"));
        QVERIFY(label->text().contains(QDir::toNativeSeparators(QDir::cleanPath(workspace()))));
        QCOMPARE(page()->entryCount(), 0);
        QVERIFY(!page()->exportAction()->isEnabled());
        QVERIFY(!page()->removeAction()->isEnabled());
        QVERIFY(page()->importAction()->isEnabled());
        QVERIFY(page()->exportAction()->statusTip().contains(QStringLiteral("otactl firmware export")));
        QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("firmwareEmptyHint"))->isVisible());
    }

    void switchesPages()
    {
        auto *sidebar = m_window->findChild<QListWidget *>(QStringLiteral("sidebar"));
        auto *pages = m_window->findChild<QStackedWidget *>(QStringLiteral("pages"));
        QVERIFY(sidebar && pages);
        QCOMPARE(sidebar->count(), 7);
        QCOMPARE(pages->currentWidget(), page());

        const QRect devices = sidebar->visualItemRect(sidebar->item(3));
        QTest::mouseClick(sidebar->viewport(), Qt::LeftButton, {}, devices.center());
        QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("devicesPage"));

        QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("keysPage"));
        QTest::keyClick(m_window.get(), Qt::Key_7, Qt::ControlModifier);
        QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("serverPage"));
        QCOMPARE(sidebar->currentRow(), 6);
        QTest::keyClick(m_window.get(), Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(pages->currentWidget(), page());
        QVERIFY(m_window->findChild<QAction *>(QStringLiteral("actionPage_firmware"))->isChecked());
    }

    void settingsDialogCancelAndOk()
    {
        QStringList seen;
        {
            test::ScriptedDialogs dialogs([&](QDialog *d) {
                seen << d->objectName();
                d->findChild<QSpinBox *>(QStringLiteral("erasedByteSpin"))->setValue(0x00);
                QTest::mouseClick(d->findChild<QPushButton *>(QStringLiteral("settingsCancel")), Qt::LeftButton);
                return d->result();
            });
            m_window->findChild<QAction *>(QStringLiteral("actionSettings"))->trigger();
        }
        QCOMPARE(seen, QStringList{QStringLiteral("settingsDialog")});
        QCOMPARE(m_settings->erasedByte(), 0xFF); // cancelled: unchanged

        bool okDisabledForBadRules = false;
        {
            test::ScriptedDialogs dialogs([&](QDialog *d) {
                auto *rules = d->findChild<QLineEdit *>(QStringLiteral("logRulesEdit"));
                auto *ok = d->findChild<QPushButton *>(QStringLiteral("settingsOk"));
                rules->setText(QStringLiteral("nonsense"));
                okDisabledForBadRules = !ok->isEnabled();
                rules->setText(QStringLiteral("otadesk.ui.debug=false"));
                d->findChild<QSpinBox *>(QStringLiteral("erasedByteSpin"))->setValue(0x00);
                d->findChild<QSpinBox *>(QStringLiteral("bytesPerRecordSpin"))->setValue(16);
                QTest::mouseClick(ok, Qt::LeftButton);
                return d->result();
            });
            m_window->openSettings();
        }
        QVERIFY(okDisabledForBadRules);
        QCOMPARE(m_settings->erasedByte(), 0x00);
        QCOMPARE(m_settings->hexBytesPerRecord(), 16);
        QCOMPARE(m_settings->value(Settings::LogRules).toString(), QStringLiteral("otadesk.ui.debug=false"));

        // Restore defaults resets the fields.
        SettingsDialog dialog(*m_settings);
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("settingsDefaults")), Qt::LeftButton);
        QCOMPARE(dialog.findChild<QSpinBox *>(QStringLiteral("erasedByteSpin"))->value(), 0xFF);
    }

    void importSelectExportDelete()
    {
        const QString file = test::testData(QStringLiteral("formats/smpclient-zephyr-hello_world/hello_world.hex"));
        QVERIFY(QFileInfo::exists(file));
        const ImportSummary summary = importThroughDialog({file}, QStringLiteral("hello"));
        QCOMPARE(summary.failedCount(), 0);
        QCOMPARE(summary.importedCount(), 1);
        QVERIFY(!summary.cancelled);

        auto *table = m_window->findChild<QTableView *>(QStringLiteral("firmwareTable"));
        QCOMPARE(table->model()->rowCount(), 1);
        QCOMPARE(m_window->findChild<QLabel *>(QStringLiteral("entryCountLabel"))->text(), QStringLiteral("1 entries"));
        QCOMPARE(table->model()->index(0, FirmwareTableModel::ProductColumn).data().toString(), QStringLiteral("hello"));

        // Click the row like a user.
        table->clearSelection();
        const QRect cell = table->visualRect(table->model()->index(0, FirmwareTableModel::NameColumn));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(page()->selectedEntries().size(), 1);

        const auto loaded = firmware::loadImageFile(file);
        QVERIFY(loaded.has_value());
        QCOMPARE(page()->details()->value(QStringLiteral("fileSha256")), QString::fromLatin1(sha256Of(file).toHex()));
        QCOMPARE(page()->details()->value(QStringLiteral("imageSha256")),
                 QString::fromLatin1(loaded->result.image.sha256().toHex()));
        auto *map = m_window->findChild<MemoryMapWidget *>(QStringLiteral("memoryMap"));
        QCOMPARE(map->segmentCount(0), int(loaded->result.image.segmentCount()));
        auto *hex = m_window->findChild<HexView *>(QStringLiteral("hexView"));
        QTRY_VERIFY_WITH_TIMEOUT(hex->image() != nullptr, 20000);
        QCOMPARE(hex->image()->sha256(), loaded->result.image.sha256());
        QVERIFY(page()->exportAction()->isEnabled());
        QVERIFY(page()->removeAction()->statusTip().contains(QStringLiteral("otactl firmware remove")));

        // Activity log saw the import.
        auto *logModel = m_window->activityDock()->model();
        QTRY_VERIFY(logModel->toText({int(logModel->rowCount()) - 1}).size() > 0);
        bool mentioned = false;
        for (int r = 0; r < logModel->rowCount(); ++r)
            mentioned |= logModel->entryAt(r).text.contains(QStringLiteral("Imported hello_world.hex"));
        QVERIFY(mentioned);

        // Export as binary through the dialog.
        const QString out = m_dir.filePath(QStringLiteral("out.bin"));
        QSignalSpy exported(page(), &FirmwarePage::exportFinished);
        {
            test::ScriptedDialogs dialogs([&](QDialog *d) {
                if (d->objectName() != QLatin1String("exportDialog"))
                    return int(QDialog::Rejected);
                auto *format = d->findChild<QComboBox *>(QStringLiteral("exportFormat"));
                format->setCurrentIndex(format->findData(QStringLiteral("bin")));
                d->findChild<QLineEdit *>(QStringLiteral("exportPath"))->setText(out);
                QTest::mouseClick(d->findChild<QPushButton *>(QStringLiteral("exportOk")), Qt::LeftButton);
                return d->result();
            });
            page()->exportAction()->trigger();
            QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 30000);
        }
        QCOMPARE(exported.first().first().toString(), QString());
        QCOMPARE(sha256Of(out), loaded->result.image.sha256());

        // Delete, confirming the question.
        {
            test::ScriptedDialogs dialogs([](QDialog *d) {
                return d->objectName() == QLatin1String("confirmBox") ? int(QDialog::Accepted) : 0;
            });
            page()->removeAction()->trigger();
        }
        QCOMPARE(table->model()->rowCount(), 0);
        QVERIFY(!page()->exportAction()->isEnabled());
    }

    void cancelLargeImport()
    {
        const QString big = m_dir.filePath(QStringLiteral("large.hex"));
        QVERIFY(test::writeIntelHex(big, 17 * 1024 * 1024));
        QVERIFY(QFileInfo(big).size() > 40'000'000);

        QSignalSpy progress(page(), &FirmwarePage::taskProgress);
        QSignalSpy finished(page(), &FirmwarePage::importFinished);
        test::ScriptedDialogs dialogs([](QDialog *) { return int(QDialog::Accepted); });
        page()->startImport({big}, {});
        auto *cancel = m_window->findChild<QToolButton *>(QStringLiteral("taskCancel"));
        QVERIFY(cancel->isVisible());
        QVERIFY(!page()->importAction()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 2, 30000); // the worker is reading
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        const auto summary = finished.first().first().value<ImportSummary>();
        QVERIFY(summary.cancelled);
        QCOMPARE(summary.importedCount(), 0);
        QCOMPARE(page()->entryCount(), 0);
        QCOMPARE(page()->library()->count().value_or(-1), 0);
        QVERIFY(!cancel->isVisible());
        QVERIFY(page()->importAction()->isEnabled());
    }
};

QTEST_MAIN(TestGuiMainWindow)
#include "tst_gui_mainwindow.moc"
