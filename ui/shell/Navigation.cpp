#include "ui/shell/Navigation.h"

#include <QAction>
#include <QActionGroup>
#include <QHBoxLayout>
#include <QListWidget>
#include <QStackedWidget>

namespace otadesk::ui {

Navigation::Navigation(QWidget *parent)
    : QWidget(parent), m_sidebar(new QListWidget), m_stack(new QStackedWidget), m_actions(new QActionGroup(this))
{
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    m_sidebar->setViewMode(QListView::ListMode);
    m_sidebar->setIconSize(QSize(28, 28));
    m_sidebar->setSpacing(3);
    m_sidebar->setUniformItemSizes(true);
    m_sidebar->setTextElideMode(Qt::ElideNone);
    QFont font = m_sidebar->font();
    font.setPointSizeF(font.pointSizeF() * 1.05);
    m_sidebar->setFont(font);
    m_sidebar->setFixedWidth(qMax(150, m_sidebar->fontMetrics().horizontalAdvance(QStringLiteral("Campaigns")) + 70));
    m_sidebar->setFrameShape(QFrame::NoFrame);
    m_sidebar->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_sidebar->setAutoFillBackground(true);
    m_sidebar->setBackgroundRole(QPalette::Window);
    QPalette pal = m_sidebar->palette();
    pal.setColor(QPalette::Base, pal.color(QPalette::Window).darker(104));
    m_sidebar->setPalette(pal);
    m_stack->setObjectName(QStringLiteral("pages"));

    auto *line = new QFrame;
    line->setFrameShape(QFrame::VLine);
    line->setFrameShadow(QFrame::Sunken);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_sidebar);
    layout->addWidget(line);
    layout->addWidget(m_stack, 1);

    m_actions->setExclusive(true);
    connect(m_sidebar, &QListWidget::currentRowChanged, this, &Navigation::setCurrent);
}

QAction *Navigation::addPage(const QString &id, const QIcon &icon, const QString &title, QWidget *page)
{
    const int index = m_stack->addWidget(page);
    m_ids << id;
    auto *item = new QListWidgetItem(icon, title, m_sidebar);
    item->setSizeHint(QSize(0, 44));
    item->setData(Qt::UserRole, id);
    item->setToolTip(title);

    auto *action = new QAction(icon, title, this);
    action->setObjectName(QStringLiteral("actionPage_") + id);
    action->setCheckable(true);
    if (index < 9)
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)));
    action->setStatusTip(tr("Show the %1 page").arg(title));
    m_actions->addAction(action);
    connect(action, &QAction::triggered, this, [this, index] { setCurrent(index); });
    if (index == 0)
        setCurrent(0);
    return action;
}

void Navigation::setCurrent(int index)
{
    if (index < 0 || index >= m_stack->count())
        return;
    const bool changed = m_stack->currentIndex() != index;
    m_stack->setCurrentIndex(index);
    if (m_sidebar->currentRow() != index)
        m_sidebar->setCurrentRow(index);
    if (auto *a = m_actions->actions().value(index))
        a->setChecked(true);
    if (changed)
        Q_EMIT currentChanged(index);
}

int Navigation::current() const { return m_stack->currentIndex(); }

QString Navigation::currentId() const { return m_ids.value(current()); }

QWidget *Navigation::page(const QString &id) const
{
    const qsizetype i = m_ids.indexOf(id);
    return i < 0 ? nullptr : m_stack->widget(int(i));
}

QList<QAction *> Navigation::pageActions() const { return m_actions->actions(); }

} // namespace otadesk::ui
