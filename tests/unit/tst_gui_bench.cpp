// The Bench page against the simulated MCUboot device (SimulatedDevice behind a SimUdpHost on a free UDP port
// of 127.0.0.1, in process): add it as a network device, read it, refuse a non-MCUboot file before anything is
// sent, flash an image to success, the revert case as a failure, cancel in the middle of an upload, batch mode
// with per-unit logs.
#include "TestData.h"
#include "core/bench/sim/SimImage.h"
#include "core/bench/sim/SimUdpHost.h"
#include "ui/bench/BenchBatch.h"
#include "ui/bench/BenchDeviceList.h"
#include "ui/bench/BenchLogPane.h"
#include "ui/bench/BenchPage.h"
#include "ui/bench/BenchSlotTable.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace otadesk;
using namespace otadesk::bench;
using namespace otadesk::ui;

namespace {

struct Sim
{
    QTemporaryDir dir;
    std::unique_ptr<SimulatedDevice> device;
    std::unique_ptr<SimUdpHost> host;
    quint16 port = 0;

    explicit Sim(const SimOptions &options = {})
    {
        auto d = SimulatedDevice::open(dir.path(), options);
        if (!d)
            return;
        device = std::move(*d);
        host = std::make_unique<SimUdpHost>(device.get());
        if (auto p = host->listen(QHostAddress::LocalHost, 0))
            port = *p;
    }
    bool ok() const { return device && port != 0; }
    QString address() const { return QStringLiteral("127.0.0.1:%1").arg(port); }
    const ImageSlotState *slot(int n) const
    {
        static QList<ImageSlotState> states;
        states = device->slotStates();
        for (const ImageSlotState &s : states)
            if (s.image == 0 && s.slot == n)
                return &s;
        return nullptr;
    }
};

QString row(const BenchSlotTable *table, int slot)
{
    for (int i = 0; i < table->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = table->topLevelItem(i);
        if (item->text(BenchSlotTable::SlotColumn).toInt() == slot)
            return item->text(BenchSlotTable::VersionColumn) + QLatin1Char('|')
                   + item->toolTip(BenchSlotTable::HashColumn) + QLatin1Char('|')
                   + item->text(BenchSlotTable::FlagsColumn);
    }
    return {};
}

// Waits for the page's next operationFinished; returns its ok flag.
void showActive(BenchPage &page)
{
    page.show();
    QApplication::setActiveWindow(&page);
    QVERIFY(QTest::qWaitForWindowActive(&page));
}

bool waitDone(BenchPage &page, int timeoutMs = 30000)
{
    QSignalSpy spy(&page, &BenchPage::operationFinished);
    if (!spy.wait(timeoutMs))
        return false;
    return spy.first().first().toBool();
}

} // namespace

class TestGuiBench : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void probeShowsSlotTable();
    void refusesNonMcubootImage();
    void flashToSuccess();
    void revertIsFailure();
    void cancelMidUpload();
    void batchFlashesEachDevice();
};

void TestGuiBench::probeShowsSlotTable()
{
    Sim sim;
    QVERIFY(sim.ok());
    BenchPage page;
    page.resize(1000, 700);
    QVERIFY(!page.addNetworkDevice(QStringLiteral("[::1")));
    QVERIFY(page.resultText().contains(QStringLiteral("Cannot add")));
    // A subnet scan lists the device that answers.
    QSignalSpy scanned(page.deviceList(), &BenchDeviceList::scanFinished);
    QVERIFY(page.deviceList()->startScan(QStringLiteral("127.0.0.1/32"), sim.port).has_value());
    QVERIFY(scanned.wait(10000));
    QVERIFY2(scanned.first().first().toString().contains(QStringLiteral("1 device")),
             qPrintable(scanned.first().first().toString()));
    QVERIFY(page.deviceList()->selectTarget(QStringLiteral("udp:127.0.0.1:%1").arg(sim.port)));
    QVERIFY(!page.deviceList()->startScan(QStringLiteral("10.0.0.0/8"), 1337).has_value()); // too big
    const int listed = page.deviceList()->topLevelItemCount();
    QVERIFY(page.addNetworkDevice(sim.address()));
    QCOMPARE(page.deviceList()->topLevelItemCount(), listed); // the same device, not a second row
    QCOMPARE(page.deviceList()->currentTarget()->displayName(), sim.address());
    auto *probeButton = page.findChild<QPushButton *>(QStringLiteral("benchProbe"));
    QVERIFY(probeButton && probeButton->isEnabled());
    QTest::mouseClick(probeButton, Qt::LeftButton);
    QVERIFY(waitDone(page));
    const QString slot0 = row(page.slotTable(), 0);
    QVERIFY2(slot0.startsWith(QStringLiteral("1.0.0|")), qPrintable(slot0));
    QVERIFY2(slot0.contains(QStringLiteral("active")) && slot0.contains(QStringLiteral("confirmed")),
             qPrintable(slot0));
    QVERIFY(slot0.contains(QString::fromLatin1(sim.slot(0)->hash.toHex())));
    // Only what the state allows: the running image is confirmed and slot 1 is empty.
    QVERIFY(!page.findChild<QPushButton *>(QStringLiteral("benchAction1"))->isEnabled()); // confirm
    QVERIFY(!page.findChild<QPushButton *>(QStringLiteral("benchAction0"))->isEnabled()); // test
    QVERIFY(page.findChild<QPushButton *>(QStringLiteral("benchAction2"))->isEnabled());  // reset
    // The raw SMP log is one click away and holds the packets both ways.
    QVERIFY(!page.logPane()->smpView()->isVisibleTo(&page));
    QTest::mouseClick(page.logPane()->toggleButton(), Qt::LeftButton);
    QVERIFY(page.logPane()->smpView()->isVisibleTo(&page));
    const QString log = page.logPane()->smpView()->toPlainText();
    QVERIFY2(log.contains(QStringLiteral("→")) && log.contains(QStringLiteral("←")), qPrintable(log.left(500)));
}

void TestGuiBench::refusesNonMcubootImage()
{
    Sim sim;
    QVERIFY(sim.ok());
    BenchPage page;
    showActive(page);
    QVERIFY(page.addNetworkDevice(sim.address()));
    const int bootsBefore = sim.device->bootCount();
    const QByteArray slot0Before = sim.slot(0)->hash;
    QVERIFY(!page.chooseImage(test::testData(QStringLiteral("mcuboot/payload.bin"))));
    QVERIFY2(page.imageText().contains(QStringLiteral("cannot be flashed")), qPrintable(page.imageText()));
    QVERIFY(!page.image());
    auto *flashButton = page.findChild<QPushButton *>(QStringLiteral("benchFlash"));
    QVERIFY(!flashButton->isEnabled());
    page.flash();
    QTest::keyClick(&page, Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(!page.isBusy());
    QTest::qWait(200);
    QVERIFY(page.logPane()->smpView()->toPlainText().isEmpty()); // nothing was sent
    QCOMPARE(sim.device->bootCount(), bootsBefore);
    QCOMPARE(sim.slot(0)->hash, slot0Before);
    QVERIFY(!sim.slot(1) || sim.slot(1)->hash.isEmpty());
    // A valid image dropped onto the device's row replaces the error and selects that device.
    page.deviceList()->setCurrentItem(nullptr);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(test::testData(QStringLiteral("mcuboot/zephyr_hello_world.signed-rsa2048.bin")))});
    QTreeWidgetItem *item = page.deviceList()->topLevelItem(page.deviceList()->topLevelItemCount() - 1);
    const QPoint at = page.deviceList()->visualItemRect(item).center();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(page.deviceList()->viewport(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(page.deviceList()->viewport(), &drop);
    QVERIFY(page.image());
    QCOMPARE(page.deviceList()->currentTarget()->key(), QStringLiteral("udp:127.0.0.1:%1").arg(sim.port));
    QVERIFY(flashButton->isEnabled());
    QVERIFY(page.logPane()->smpView()->toPlainText().isEmpty()); // dropping alone sends nothing
}

void TestGuiBench::flashToSuccess()
{
    Sim sim;
    QVERIFY(sim.ok());
    BenchPage page;
    page.resize(1100, 750);
    page.logPane()->setExpanded(true);
    showActive(page);
    QVERIFY(page.addNetworkDevice(sim.address()));
    const QString path = test::testData(QStringLiteral("mcuboot/zephyr_hello_world.signed-rsa2048.bin"));
    QVERIFY(page.chooseImage(path));
    const QByteArray hash = page.image()->hash;
    QVERIFY(page.imageText().contains(page.image()->version));
    QImage during;
    connect(page.progressBar(), &QProgressBar::valueChanged, &page, [&](int v) {
        if (during.isNull() && v > 300)
            during = page.grab().toImage();
    });
    QSignalSpy done(&page, &BenchPage::operationFinished);
    QTest::keyClick(&page, Qt::Key_Return, Qt::ControlModifier); // Ctrl+Return flashes
    QVERIFY(page.isBusy());
    QVERIFY(done.wait(60000));
    QVERIFY2(done.first().first().toBool(), qPrintable(page.resultText()));
    QVERIFY2(page.resultText().startsWith(QStringLiteral("Success")), qPrintable(page.resultText()));
    QCOMPARE(page.progressBar()->value(), 1000);
    // The page reads the device again: slot 0 holds the new image, active and confirmed.
    QVERIFY(done.wait(20000));
    QVERIFY(done.last().first().toBool());
    const QString slot0 = row(page.slotTable(), 0);
    QVERIFY2(slot0.contains(QString::fromLatin1(hash.toHex())), qPrintable(slot0));
    QVERIFY2(slot0.contains(QStringLiteral("active")) && slot0.contains(QStringLiteral("confirmed")), qPrintable(slot0));
    QCOMPARE(sim.slot(0)->hash, hash);
    QVERIFY(sim.slot(0)->confirmed);
    QVERIFY2(page.resultText().startsWith(QStringLiteral("Success")), qPrintable(page.resultText()));
    QVERIFY(!during.isNull());
    QVERIFY(during.save(QDir::temp().filePath(QStringLiteral("tst_gui_bench_during.png"))));
    QVERIFY(page.grab().save(QDir::temp().filePath(QStringLiteral("tst_gui_bench_after.png"))));
}

void TestGuiBench::revertIsFailure()
{
    SimOptions options;
    options.failBoot = true;
    Sim sim(options);
    QVERIFY(sim.ok());
    BenchPage page;
    QVERIFY(page.addNetworkDevice(sim.address()));
    QVERIFY(page.chooseImage(test::testData(QStringLiteral("mcuboot/payload.signed-ed25519.bin"))));
    page.flash();
    QVERIFY(!waitDone(page, 60000));
    QVERIFY(!page.lastResultOk());
    QVERIFY2(page.resultText().contains(QStringLiteral("Failed")), qPrintable(page.resultText()));
    QVERIFY2(page.resultText().contains(QStringLiteral("revert"), Qt::CaseInsensitive), qPrintable(page.resultText()));
    QVERIFY(!page.resultText().contains(QStringLiteral("Success")));
}

void TestGuiBench::cancelMidUpload()
{
    SimOptions options;
    options.latencyMs = 15;
    options.bufSize = 512;
    Sim sim(options);
    QVERIFY(sim.ok());
    QTemporaryDir dir;
    const auto big = SimImage::make(QStringLiteral("3.0.0"), SimImage::demoBody(QStringLiteral("3.0.0"), 300 * 1024));
    QVERIFY(big);
    const QString path = dir.filePath(QStringLiteral("big.signed.bin"));
    QVERIFY(test::writeFile(path, *big));
    BenchPage page;
    showActive(page);
    QVERIFY(page.addNetworkDevice(sim.address()));
    QVERIFY(page.chooseImage(path));
    page.flash();
    QVERIFY(QTest::qWaitFor([&] { return page.progressBar()->value() > 20; }, 30000));
    QVERIFY(page.progressBar()->format().contains(QStringLiteral("ETA")));
    QSignalSpy done(&page, &BenchPage::operationFinished);
    QTest::keyClick(&page, Qt::Key_Escape);
    QVERIFY(done.count() == 1 || done.wait(5000));
    QVERIFY(!done.first().first().toBool());
    QVERIFY2(page.resultText().contains(QStringLiteral("Cancel")), qPrintable(page.resultText()));
    QVERIFY(!page.isBusy());
    // Still usable: read the device; it still runs 1.0.0, confirmed.
    page.probe();
    QVERIFY2(waitDone(page), qPrintable(page.resultText()));
    QVERIFY(row(page.slotTable(), 0).startsWith(QStringLiteral("1.0.0|")));
    QVERIFY(page.findChild<QPushButton *>(QStringLiteral("benchFlash"))->isEnabled());
}

void TestGuiBench::batchFlashesEachDevice()
{
    Sim a, b;
    QVERIFY(a.ok() && b.ok());
    QTemporaryDir logs;
    BenchPage page;
    QVERIFY(page.chooseImage(test::testData(QStringLiteral("mcuboot/payload.signed-ecdsa-p256.bin"))));
    const QByteArray hash = page.image()->hash;
    QVERIFY(page.addNetworkDevice(a.address()));
    page.batch()->setFolder(logs.path());
    page.batch()->checkBox()->setChecked(true);
    QVERIFY(page.batch()->isActive());
    QVERIFY(page.addNetworkDevice(b.address())); // appears while batch mode is on
    QTreeWidget *results = page.batch()->results();
    QVERIFY(QTest::qWaitFor([&] { return results->topLevelItemCount() == 2 && !page.isBusy(); }, 60000));
    for (int i = 0; i < 2; ++i)
        QVERIFY2(results->topLevelItem(i)->text(2) == QStringLiteral("OK"),
                 qPrintable(results->topLevelItem(i)->toolTip(2)));
    QCOMPARE(a.slot(0)->hash, hash);
    QCOMPARE(b.slot(0)->hash, hash);
    const QStringList files = QDir(logs.path()).entryList({QStringLiteral("*.log")}, QDir::Files);
    QCOMPARE(files.size(), 2);
    for (const QString &f : files) {
        const QString text = QString::fromUtf8(test::readFile(QDir(logs.path()).filePath(f)));
        QVERIFY2(text.contains(QStringLiteral("RESULT: success")), qPrintable(text.right(300)));
        QVERIFY(text.contains(QStringLiteral("→")));
    }
    QVERIFY(files.join(QLatin1Char(' ')).contains(QString::number(a.port)));
    // Nothing flashed twice: no new rows after a while.
    QTest::qWait(500);
    QCOMPARE(results->topLevelItemCount(), 2);
}

QTEST_MAIN(TestGuiBench)
#include "tst_gui_bench.moc"
