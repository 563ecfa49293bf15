#include "ui/bench/BenchLogPane.h"

#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace otadesk::ui {

namespace {
QPlainTextEdit *logView(const QString &name)
{
    auto *view = new QPlainTextEdit;
    view->setObjectName(name);
    view->setReadOnly(true);
    view->setMaximumBlockCount(20000);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    return view;
}
} // namespace

BenchLogPane::BenchLogPane(QWidget *parent)
    : QWidget(parent), m_toggle(new QToolButton), m_tabs(new QTabWidget),
      m_smp(logView(QStringLiteral("benchSmpLog"))), m_console(logView(QStringLiteral("benchConsoleLog")))
{
    setObjectName(QStringLiteral("benchLogPane"));
    m_toggle->setObjectName(QStringLiteral("benchShowLog"));
    m_toggle->setCheckable(true);
    m_toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toggle->setArrowType(Qt::RightArrow);
    m_toggle->setText(tr("Show SMP log"));
    m_toggle->setAutoRaise(true);
    m_tabs->addTab(m_smp, tr("SMP packets"));
    m_tabs->addTab(m_console, tr("Serial console"));
    m_tabs->setVisible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_toggle, 0, Qt::AlignLeft);
    layout->addWidget(m_tabs, 1);
    connect(m_toggle, &QToolButton::toggled, this, &BenchLogPane::setExpanded);
}

void BenchLogPane::setExpanded(bool expanded)
{
    m_toggle->setChecked(expanded);
    m_toggle->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
    m_toggle->setText(expanded ? tr("Hide SMP log") : tr("Show SMP log"));
    m_tabs->setVisible(expanded);
}

bool BenchLogPane::isExpanded() const { return m_toggle->isChecked(); }

void BenchLogPane::appendSmp(const QString &line)
{
    m_smp->appendPlainText(line);
    m_unitLog += line + QLatin1Char('\n');
}

void BenchLogPane::appendConsole(const QString &text)
{
    QString t = text;
    while (t.endsWith(QLatin1Char('\n')) || t.endsWith(QLatin1Char('\r')))
        t.chop(1);
    m_console->appendPlainText(t);
    m_unitLog += tr("[console] %1").arg(t) + QLatin1Char('\n');
}

QString BenchLogPane::takeUnitLog() { return std::exchange(m_unitLog, QString()); }

} // namespace otadesk::ui
