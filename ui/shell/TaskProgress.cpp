#include "ui/shell/TaskProgress.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>
#include <algorithm>

namespace otadesk::ui {

TaskProgress::TaskProgress(QWidget *parent)
    : QWidget(parent), m_label(new QLabel), m_bar(new QProgressBar), m_cancel(new QToolButton)
{
    setObjectName(QStringLiteral("taskProgress"));
    m_bar->setObjectName(QStringLiteral("taskProgressBar"));
    m_bar->setRange(0, 1000);
    m_bar->setTextVisible(false);
    m_bar->setFixedWidth(160);
    m_bar->setMaximumHeight(14);
    m_cancel->setObjectName(QStringLiteral("taskCancel"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop the running operation; nothing partial is kept"));
    m_cancel->setAutoRaise(true);
    connect(m_cancel, &QToolButton::clicked, this, [this] {
        m_cancel->setEnabled(false);
        m_label->setText(tr("Cancelling…"));
        Q_EMIT cancelRequested();
    });
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    hide();
}

void TaskProgress::begin(const QString &text)
{
    m_running = true;
    m_label->setText(text);
    m_bar->setRange(0, 0);
    m_cancel->setEnabled(true);
    show();
}

void TaskProgress::setProgress(qint64 done, qint64 total, const QString &text)
{
    if (!m_running)
        return;
    if (!text.isEmpty() && m_cancel->isEnabled())
        m_label->setText(text);
    if (total <= 0) {
        m_bar->setRange(0, 0);
        return;
    }
    m_bar->setRange(0, 1000);
    m_bar->setValue(int(std::clamp<qint64>(done * 1000 / total, 0, 1000)));
}

void TaskProgress::end()
{
    m_running = false;
    hide();
}

} // namespace otadesk::ui
