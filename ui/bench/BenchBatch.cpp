#include "ui/bench/BenchBatch.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace otadesk::ui {

BenchBatch::BenchBatch(QWidget *parent)
    : QGroupBox(tr("Batch"), parent), m_enable(new QCheckBox(tr("Batch: flash each device that appears"))),
      m_folderButton(new QPushButton(tr("Log folder…"))), m_folderLabel(new QLabel(tr("No log folder chosen"))),
      m_results(new QTreeWidget)
{
    setObjectName(QStringLiteral("benchBatch"));
    m_enable->setObjectName(QStringLiteral("benchBatchEnable"));
    m_results->setObjectName(QStringLiteral("benchBatchResults"));
    m_enable->setToolTip(tr("Flashes the chosen image onto every listed network device and USB serial port, then "
                            "onto each USB serial port that appears, one after the other, with a log per unit"));
    m_results->setRootIsDecorated(false);
    m_results->setHeaderLabels({tr("Time"), tr("Device"), tr("Result"), tr("Log")});
    m_results->header()->setStretchLastSection(true);
    m_results->setMaximumHeight(110);
    m_folderLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *row = new QHBoxLayout;
    row->addWidget(m_enable);
    row->addStretch();
    row->addWidget(m_folderLabel);
    row->addWidget(m_folderButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_results);
    connect(m_folderButton, &QPushButton::clicked, this, &BenchBatch::chooseFolder);
    connect(m_enable, &QCheckBox::toggled, this, &BenchBatch::setActive);
}

bool BenchBatch::isActive() const { return m_enable->isChecked(); }

void BenchBatch::setFolder(const QString &folder)
{
    m_folder = folder;
    m_folderLabel->setText(folder.isEmpty() ? tr("No log folder chosen") : QDir::toNativeSeparators(folder));
}

void BenchBatch::chooseFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Folder for the per-unit logs"), m_folder);
    if (!folder.isEmpty())
        setFolder(folder);
}

void BenchBatch::setActive(bool active)
{
    if (active && m_folder.isEmpty())
        chooseFolder();
    if (active && m_folder.isEmpty())
        active = false; // no folder: no batch (the logs are part of it)
    {
        const QSignalBlocker blocker(m_enable);
        m_enable->setChecked(active);
    }
    m_queue.clear();
    m_seen.clear();
    Q_EMIT activeChanged(active);
}

void BenchBatch::offer(const BenchTarget &target)
{
    if (!isActive() || m_seen.contains(target.key()))
        return;
    // Built-in UARTs (ttyS*, no USB identity) are not boards on the bench: batch mode leaves them alone.
    if (target.kind == BenchTarget::Kind::Serial && !target.serial.vendorId)
        return;
    m_seen.insert(target.key());
    m_queue << target;
    Q_EMIT queued();
}

std::optional<BenchTarget> BenchBatch::takeNext()
{
    if (!isActive() || m_queue.isEmpty())
        return std::nullopt;
    return m_queue.takeFirst();
}

QString BenchBatch::record(const BenchTarget &target, bool ok, const QString &summary, const QString &log)
{
    const QDateTime now = QDateTime::currentDateTime();
    QString path = QDir(m_folder).filePath(
        QStringLiteral("%1-%2.log").arg(target.fileStem(), now.toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"))));
    QFile file(path);
    const QString text = log + (ok ? tr("RESULT: success — %1").arg(summary) : tr("RESULT: FAILED — %1").arg(summary))
                         + QLatin1Char('\n');
    if (m_folder.isEmpty() || !file.open(QIODevice::WriteOnly | QIODevice::Text) || file.write(text.toUtf8()) < 0)
        path.clear();
    auto *item = new QTreeWidgetItem(m_results);
    item->setText(0, now.toString(QStringLiteral("HH:mm:ss")));
    item->setText(1, target.displayName());
    item->setText(2, ok ? tr("OK") : tr("FAILED"));
    item->setToolTip(2, summary);
    item->setText(3, path.isEmpty() ? tr("log not written: %1").arg(file.errorString()) : path);
    item->setForeground(2, ok ? QColor(0x1b, 0x7f, 0x2a) : QColor(0xb0, 0x1c, 0x1c));
    m_results->scrollToItem(item);
    return path;
}

} // namespace otadesk::ui
