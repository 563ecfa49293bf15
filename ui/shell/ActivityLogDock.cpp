#include "ui/shell/ActivityLogDock.h"

#include "ui/shell/ActivityLogModel.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace otadesk::ui {

ActivityLogDock::ActivityLogDock(ActivityLog *log, QWidget *parent)
    : QDockWidget(tr("Activity log"), parent), m_log(log), m_model(new ActivityLogModel(log, this)),
      m_filter(new ActivityLogFilter(this)), m_view(new QTableView), m_level(new QComboBox)
{
    setObjectName(QStringLiteral("activityLogDock"));
    m_filter->setSourceModel(m_model);

    m_view->setObjectName(QStringLiteral("activityLogView"));
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(ActivityLogModel::TimeColumn, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(ActivityLogModel::LevelColumn,
                                                     QHeaderView::ResizeToContents);
    m_view->setColumnWidth(ActivityLogModel::SourceColumn, 90);

    m_level->setObjectName(QStringLiteral("activityLevelFilter"));
    m_level->addItem(tr("All messages"), int(ActivityEntry::Level::Info));
    m_level->addItem(tr("Warnings and errors"), int(ActivityEntry::Level::Warning));
    m_level->addItem(tr("Errors only"), int(ActivityEntry::Level::Error));
    connect(m_level, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setMinimumLevel(ActivityEntry::Level(m_level->currentData().toInt()));
    });

    auto *clear = new QToolButton;
    clear->setObjectName(QStringLiteral("activityClear"));
    clear->setText(tr("Clear"));
    clear->setToolTip(tr("Remove all messages from the activity log"));
    connect(clear, &QToolButton::clicked, m_log, &ActivityLog::clear);
    auto *copy = new QToolButton;
    copy->setObjectName(QStringLiteral("activityCopy"));
    copy->setText(tr("Copy"));
    copy->setToolTip(tr("Copy the selected messages (or all shown) to the clipboard"));
    connect(copy, &QToolButton::clicked, this, &ActivityLogDock::copySelection);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(new QLabel(tr("Show:")));
    bar->addWidget(m_level);
    bar->addStretch();
    bar->addWidget(copy);
    bar->addWidget(clear);

    auto *body = new QWidget;
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 2, 4, 4);
    layout->setSpacing(2);
    layout->addLayout(bar);
    layout->addWidget(m_view);
    setWidget(body);

    // Keep the newest message in sight unless the user scrolled up.
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_view->selectionModel()->selectedRows().isEmpty())
            m_view->scrollToBottom();
    });
}

void ActivityLogDock::copySelection()
{
    QList<int> rows;
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    if (selected.isEmpty()) {
        for (int r = 0; r < m_filter->rowCount(); ++r)
            rows << m_filter->mapToSource(m_filter->index(r, 0)).row();
    } else {
        for (const QModelIndex &i : selected)
            rows << m_filter->mapToSource(i).row();
        std::sort(rows.begin(), rows.end());
    }
    QApplication::clipboard()->setText(m_model->toText(rows));
}

} // namespace otadesk::ui
