#include "ui/bench/BenchPage.h"

#include "ui/bench/BenchBatch.h"
#include "ui/bench/BenchDeviceList.h"
#include "ui/bench/BenchLogPane.h"
#include "ui/bench/BenchSession.h"
#include "ui/bench/BenchSlotTable.h"

#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

namespace otadesk::ui {

using namespace otadesk::bench;

namespace {
QString kib(qint64 bytes) { return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat); }
QString shortHash(const QByteArray &hash) { return QString::fromLatin1(hash.toHex().left(12)) + QStringLiteral("…"); }
} // namespace

BenchPage::BenchPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("benchPage"));
    createActions();
    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(createDevicePane());
    splitter->addWidget(createDetailPane());
    splitter->setStretchFactor(1, 2);
    m_log = new BenchLogPane;
    m_batch = new BenchBatch;
    // Device area, batch and log share the height; every part keeps its minimum size (result line included).
    auto *vertical = new QSplitter(Qt::Vertical);
    vertical->setChildrenCollapsible(false);
    vertical->addWidget(splitter);
    vertical->addWidget(m_batch);
    vertical->addWidget(m_log);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 0);
    vertical->setStretchFactor(2, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(vertical);

    connect(m_devices, &QTreeWidget::currentItemChanged, this, &BenchPage::onSelectionChanged);
    connect(m_devices, &BenchDeviceList::fileDropped, this, [this](const QString &path) {
        if (chooseImage(path) && m_devices->currentTarget())
            m_flashButton->setFocus();
    });
    connect(m_slots, &BenchSlotTable::fileDropped, this, &BenchPage::chooseImage);
    connect(m_devices, &BenchDeviceList::scanProgress, this, [this](int probed, int total) {
        m_phase->setText(tr("Scanning: %1 of %2 addresses").arg(probed).arg(total));
    });
    connect(m_devices, &BenchDeviceList::scanFinished, m_phase, &QLabel::setText);
    auto *poll = new QTimer(this);
    poll->setInterval(1000);
    connect(poll, &QTimer::timeout, this, [this] {
        for (const BenchTarget &t : m_devices->refreshSerial())
            m_batch->offer(t);
    });
    connect(m_batch, &BenchBatch::activeChanged, this, [this, poll](bool active) {
        if (active) {
            for (const BenchTarget &t : m_devices->targets())
                m_batch->offer(t);
            poll->start();
        } else {
            poll->stop();
        }
        updateActions();
    });
    connect(m_batch, &BenchBatch::queued, this, [this] { QTimer::singleShot(0, this, &BenchPage::startNextBatchUnit); });
    refreshDevices();
    updateActions();
}

BenchPage::~BenchPage() { delete m_session; }

void BenchPage::createActions()
{
    auto make = [this](const QString &text, const QKeySequence &key, auto slot) {
        auto *a = new QAction(text, this);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        return a;
    };
    m_refresh = make(tr("&Refresh"), QKeySequence(Qt::Key_F5), &BenchPage::refreshDevices);
    m_chooseImage = make(tr("Choose &image…"), QKeySequence(Qt::CTRL | Qt::Key_O), [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Choose an MCUboot image"), QString(),
            tr("MCUboot images (*.bin *.hex *.ihex *.s19 *.s28 *.s37 *.srec *.elf);;All files (*)"));
        if (!path.isEmpty())
            chooseImage(path);
    });
    m_flash = make(tr("&Flash"), QKeySequence(Qt::CTRL | Qt::Key_Return), &BenchPage::flash);
    m_cancel = make(tr("Cancel"), QKeySequence(Qt::Key_Escape), &BenchPage::cancel);
}

QWidget *BenchPage::createDevicePane()
{
    auto *pane = new QWidget;
    m_devices = new BenchDeviceList;
    auto *refresh = new QPushButton(tr("Refresh"));
    refresh->setToolTip(tr("List the serial ports again (F5)"));
    connect(refresh, &QPushButton::clicked, this, &BenchPage::refreshDevices);
    auto *add = new QPushButton(tr("Add network device…"));
    add->setObjectName(QStringLiteral("benchAddNetwork"));
    connect(add, &QPushButton::clicked, this, &BenchPage::addNetworkDeviceDialog);
    auto *scan = new QPushButton(tr("Scan subnet…"));
    connect(scan, &QPushButton::clicked, this, &BenchPage::scanSubnetDialog);
    m_baud = new QComboBox;
    m_baud->setObjectName(QStringLiteral("benchBaud"));
    m_baud->setEditable(true);
    for (int b : {9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600, 1000000})
        m_baud->addItem(QString::number(b));
    m_baud->setCurrentText(QStringLiteral("115200"));
    m_baud->setValidator(new QIntValidator(50, 16000000, m_baud));
    m_baud->setToolTip(tr("Baud rate of serial devices"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(refresh);
    buttons->addWidget(add);
    buttons->addWidget(scan);
    buttons->addStretch();
    auto *baudRow = new QHBoxLayout;
    baudRow->addWidget(new QLabel(tr("Serial baud rate:")));
    baudRow->addWidget(m_baud);
    baudRow->addStretch();
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_devices, 1);
    layout->addLayout(baudRow);
    return pane;
}

QWidget *BenchPage::createDetailPane()
{
    auto *pane = new QWidget;
    m_deviceLabel = new QLabel(tr("Select a device, then read it."));
    m_deviceLabel->setWordWrap(true);
    m_probeButton = new QPushButton(tr("Read device"));
    m_probeButton->setObjectName(QStringLiteral("benchProbe"));
    connect(m_probeButton, &QPushButton::clicked, this, &BenchPage::probe);
    m_slots = new BenchSlotTable;
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_probeButton);
    const QStringList names{tr("Test slot 1"), tr("Confirm"), tr("Reset"), tr("Erase slot 1")};
    for (int i = 0; i < names.size(); ++i) {
        auto *b = new QPushButton(names[i]);
        b->setObjectName(QStringLiteral("benchAction%1").arg(i));
        connect(b, &QPushButton::clicked, this, [this, i] { runAction(i); });
        actions->addWidget(b);
        m_actionButtons << b;
    }
    actions->addStretch();
    auto *choose = new QPushButton(tr("Choose image…"));
    choose->setToolTip(tr("MCUboot image: .bin, Intel HEX, S-record or ELF (Ctrl+O); or drop a file here"));
    connect(choose, &QPushButton::clicked, m_chooseImage, &QAction::trigger);
    m_imageLabel = new QLabel(tr("No image chosen."));
    m_imageLabel->setObjectName(QStringLiteral("benchImage"));
    m_imageLabel->setWordWrap(true);
    m_imageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_flashButton = new QPushButton(tr("Flash"));
    m_flashButton->setObjectName(QStringLiteral("benchFlash"));
    m_flashButton->setToolTip(tr("Upload, test, reset, verify and confirm (Ctrl+Return)"));
    connect(m_flashButton, &QPushButton::clicked, this, &BenchPage::flash);
    m_cancelButton = new QPushButton(tr("Cancel"));
    m_cancelButton->setObjectName(QStringLiteral("benchCancel"));
    m_cancelButton->setToolTip(tr("Stop the running operation (Esc)"));
    connect(m_cancelButton, &QPushButton::clicked, this, &BenchPage::cancel);
    auto *imageRow = new QHBoxLayout;
    imageRow->addWidget(choose);
    imageRow->addWidget(m_imageLabel, 1);
    imageRow->addWidget(m_flashButton);
    imageRow->addWidget(m_cancelButton);
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("benchProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setFormat(QString());
    m_phase = new QLabel;
    m_phase->setObjectName(QStringLiteral("benchPhase"));
    m_result = new QLabel;
    m_result->setObjectName(QStringLiteral("benchResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_deviceLabel);
    layout->addLayout(actions);
    layout->addWidget(m_slots, 1);
    layout->addLayout(imageRow);
    layout->addWidget(m_progress);
    layout->addWidget(m_phase);
    layout->addWidget(m_result);
    return pane;
}

qint32 BenchPage::baudRate() const { return qMax(50, m_baud->currentText().toInt()); }
void BenchPage::setBaudRate(qint32 baud) { m_baud->setCurrentText(QString::number(baud)); }
bool BenchPage::isBusy() const { return m_session != nullptr; }
QString BenchPage::imageText() const { return m_imageLabel->text(); }
QString BenchPage::resultText() const { return m_result->text(); }
QString BenchPage::phaseText() const { return m_phase->text(); }

void BenchPage::refreshDevices()
{
    const QList<BenchTarget> added = m_devices->refreshSerial();
    for (const BenchTarget &t : added)
        m_batch->offer(t);
}

bool BenchPage::addNetworkDevice(const QString &hostPort)
{
    auto added = m_devices->addNetworkDevice(hostPort);
    if (!added) {
        setResult(false, tr("Cannot add “%1”: %2").arg(hostPort, added.error().message()));
        return false;
    }
    m_batch->offer(*added);
    return true;
}

void BenchPage::addNetworkDeviceDialog()
{
    bool ok = false;
    const QString text = QInputDialog::getText(this, tr("Add network device"),
                                               tr("Host or address, optionally with :port (default 1337):"),
                                               QLineEdit::Normal, QString(), &ok);
    if (ok && !text.trimmed().isEmpty())
        addNetworkDevice(text);
}

void BenchPage::scanSubnetDialog()
{
    if (m_devices->isScanning())
        return m_devices->cancelScan();
    bool ok = false;
    const QString cidr = QInputDialog::getText(this, tr("Scan subnet"),
                                               tr("Subnet to scan for SMP over UDP (port 1337), e.g. 192.168.1.0/24:"),
                                               QLineEdit::Normal, QStringLiteral("192.168.1.0/24"), &ok);
    if (!ok || cidr.trimmed().isEmpty())
        return;
    if (auto started = m_devices->startScan(cidr, 1337); !started)
        setResult(false, tr("Cannot scan %1: %2").arg(cidr, started.error().message()));
}

bool BenchPage::chooseImage(const QString &path)
{
    auto image = BenchImage::fromFile(path);
    if (!image) {
        m_image.reset();
        m_imageLabel->setText(tr("<b>%1 cannot be flashed:</b> %2")
                                  .arg(QFileInfo(path).fileName().toHtmlEscaped(), image.error().message().toHtmlEscaped()));
        m_imageLabel->setStyleSheet(QStringLiteral("color: #b01c1c;"));
        updateActions();
        return false;
    }
    m_image = *image;
    m_imageLabel->setStyleSheet(QString());
    m_imageLabel->setText(tr("%1: version %2, %3, hash %4")
                              .arg(image->name.toHtmlEscaped(), image->version, kib(image->bytes.size()),
                                   shortHash(image->hash)));
    m_imageLabel->setToolTip(tr("Image hash %1\nSHA-256 of the file %2")
                                 .arg(QString::fromLatin1(image->hash.toHex()), QString::fromLatin1(image->sha256.toHex())));
    updateActions();
    return true;
}

} // namespace otadesk::ui
