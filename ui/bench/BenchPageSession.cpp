// BenchPage: running operations (probe, flash, actions, batch units) and what they show.
#include "ui/bench/BenchBatch.h"
#include "ui/bench/BenchDeviceList.h"
#include "ui/bench/BenchLogPane.h"
#include "ui/bench/BenchPage.h"
#include "ui/bench/BenchSession.h"
#include "ui/bench/BenchSlotTable.h"

#include <QAction>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>

namespace otadesk::ui {

using namespace otadesk::bench;

BenchSession *BenchPage::startSession(const BenchTarget &target)
{
    m_session = new BenchSession(target, baudRate(), this);
    connect(m_session, &BenchSession::smpLog, m_log, &BenchLogPane::appendSmp);
    connect(m_session, &BenchSession::consoleText, m_log, &BenchLogPane::appendConsole);
    connect(m_session, &BenchSession::phaseChanged, m_phase, &QLabel::setText);
    connect(m_session, &BenchSession::progress, this, &BenchPage::onProgress);
    connect(m_session, &BenchSession::deviceInfoRead, this, &BenchPage::onDeviceInfo);
    connect(m_session, &BenchSession::slotsRead, m_slots, &BenchSlotTable::setSlots);
    connect(m_session, &BenchSession::finished, this, &BenchPage::onSessionFinished);
    if (!m_followUp)
        m_result->clear();
    m_log->appendSmp(tr("— %1 —").arg(target.displayName()));
    updateActions();
    return m_session;
}

void BenchPage::probe()
{
    const auto target = m_devices->currentTarget();
    if (isBusy() || !target)
        return;
    m_op = Op::Probe;
    startSession(*target)->probe();
}

void BenchPage::flash()
{
    const auto target = m_devices->currentTarget();
    if (isBusy() || !target || !m_image)
        return;
    m_batchUnit = false;
    flashTarget(*target);
}

void BenchPage::flashTarget(const BenchTarget &target)
{
    m_op = Op::Flash;
    m_progress->setValue(0);
    m_progress->setFormat(QString());
    startSession(target)->flash(*m_image);
}

void BenchPage::runAction(int action)
{
    const auto target = m_devices->currentTarget();
    if (isBusy() || !target)
        return;
    QByteArray hash;
    if (action == int(BenchSession::Action::Test) && m_info) {
        if (const ImageSlotState *s = m_info->slot(0, 1))
            hash = s->hash;
    }
    m_op = Op::Action;
    m_probeAfter = action == int(BenchSession::Action::Reset) || action == int(BenchSession::Action::Erase);
    startSession(*target)->runAction(BenchSession::Action(action), hash);
}

void BenchPage::cancel()
{
    if (m_session)
        m_session->cancel();
    else if (m_devices->isScanning())
        m_devices->cancelScan();
}

void BenchPage::onProgress(qint64 bytes, qint64 total, double bytesPerSecond, double etaSeconds)
{
    const QLocale locale;
    m_progress->setValue(total > 0 ? int(bytes * 1000 / total) : 0);
    m_progress->setFormat(tr("%1 of %2 — %3/s — ETA %4 s")
                              .arg(locale.formattedDataSize(bytes), locale.formattedDataSize(total),
                                   locale.formattedDataSize(qint64(bytesPerSecond)))
                              .arg(qRound(etaSeconds)));
}

void BenchPage::onDeviceInfo(const DeviceInfo &info)
{
    m_info = info;
    m_infoKey = m_session ? m_session->target().key() : QString();
    m_slots->setSlots(info.slots);
    QStringList parts;
    parts << tr("SMP v%1").arg(info.smpVersion == SmpVersion::V2 ? 2 : 1);
    if (info.params)
        parts << tr("buffer %1 × %2 bytes").arg(info.params->bufCount).arg(info.params->bufSize);
    if (info.bootloader)
        parts << info.bootloader->name;
    if (!info.osInfo.isEmpty())
        parts << info.osInfo;
    m_deviceLabel->setText(parts.join(QStringLiteral(" · ")));
    updateActions();
}

void BenchPage::onSelectionChanged()
{
    const auto target = m_devices->currentTarget();
    if (target && target->key() == m_infoKey)
        return updateActions();
    m_info.reset();
    m_infoKey.clear();
    m_slots->setSlots({});
    m_deviceLabel->setText(target ? tr("%1: press “Read device” to read its slots.").arg(target->displayName())
                                  : tr("Select a device, then read it."));
    updateActions();
}

void BenchPage::setResult(bool ok, const QString &text)
{
    m_lastOk = ok;
    m_result->setText(text);
    m_result->setStyleSheet(ok ? QStringLiteral("color: #1b7f2a; font-weight: bold;")
                               : QStringLiteral("color: #b01c1c; font-weight: bold;"));
}

void BenchPage::onSessionFinished(bool ok, const QString &summary)
{
    BenchSession *session = std::exchange(m_session, nullptr);
    const Op op = std::exchange(m_op, Op::None);
    session->deleteLater();
    if (op == Op::Flash) {
        const BenchOutcome outcome = session->outcome();
        setResult(ok, ok ? tr("Success: %1").arg(summary) : summary);
        if (ok)
            m_progress->setValue(1000);
        m_log->appendSmp(ok ? tr("RESULT: success — %1").arg(summary) : tr("RESULT: FAILED — %1").arg(summary));
        if (m_batchUnit)
            m_batch->record(session->target(), ok, summary, m_log->takeUnitLog());
        else
            m_probeAfter = ok; // show the new slot table
    } else if (op == Op::Probe && std::exchange(m_followUp, false)) {
        if (!ok) // the flash result stays; say why the slot table is not fresh
            m_result->setText(m_result->text() + QLatin1Char('\n') + tr("Reading the slot table failed: %1").arg(summary));
    } else {
        setResult(ok, summary);
    }
    m_phase->setText(ok ? tr("Done.") : tr("Stopped."));
    Q_EMIT operationFinished(ok, summary);
    updateActions();
    if (std::exchange(m_probeAfter, false) && !m_batchUnit) {
        // After a reset the device needs a moment before it answers again.
        QTimer::singleShot(op == Op::Action ? 1000 : 0, this, [this, keep = op == Op::Flash] {
            if (isBusy())
                return;
            m_followUp = keep;
            probe();
            if (!isBusy())
                m_followUp = false;
        });
    }
    if (m_batchUnit)
        QTimer::singleShot(0, this, &BenchPage::startNextBatchUnit);
}

void BenchPage::startNextBatchUnit()
{
    if (isBusy() || !m_image || !m_batch->isActive())
        return;
    const auto next = m_batch->takeNext();
    if (!next) {
        m_batchUnit = false;
        return;
    }
    m_batchUnit = true;
    m_log->takeUnitLog();
    m_devices->selectTarget(next->key());
    flashTarget(*next);
}

void BenchPage::updateActions()
{
    const bool busy = isBusy();
    const bool selected = m_devices->currentTarget().has_value();
    m_flashButton->setEnabled(!busy && selected && m_image.has_value());
    m_flash->setEnabled(m_flashButton->isEnabled());
    m_cancelButton->setEnabled(busy);
    m_probeButton->setEnabled(!busy && selected);
    const ImageSlotState *primary = m_info ? m_info->activeSlot(0) : nullptr;
    const ImageSlotState *secondary = m_info ? m_info->slot(0, 1) : nullptr;
    const bool known = !busy && selected && m_info.has_value();
    const bool enabled[] = {
        known && secondary && !secondary->hash.isEmpty() && !secondary->pending,   // test
        known && primary && !primary->confirmed,                                   // confirm
        known,                                                                     // reset
        known && m_info->capabilities.erase && secondary && !secondary->pending,   // erase
    };
    for (int i = 0; i < m_actionButtons.size(); ++i) {
        m_actionButtons[i]->setEnabled(enabled[i]);
        m_actionButtons[i]->setVisible(i != 3 || !m_info || m_info->capabilities.erase);
    }
}

} // namespace otadesk::ui
