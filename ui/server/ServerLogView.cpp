#include "ui/server/ServerLogView.h"

#include "ui/server/ServerLogModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

namespace otadesk::ui {

ServerLogView::ServerLogView(ServerLogModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_filter(new ServerLogFilter(this)), m_filterField(new QLineEdit),
      m_level(new QComboBox), m_table(new QTableView)
{
    setObjectName(QStringLiteral("serverLogView"));
    m_filter->setSourceModel(m_model);

    m_filterField->setObjectName(QStringLiteral("serverLogFilter"));
    m_filterField->setPlaceholderText(tr("Filter the log (message, path, status, request id…)"));
    m_filterField->setClearButtonEnabled(true);
    connect(m_filterField, &QLineEdit::textChanged, m_filter, &ServerLogFilter::setText);

    m_level->setObjectName(QStringLiteral("serverLogLevel"));
    m_level->addItem(tr("All levels"), 0);
    m_level->addItem(tr("Info and above"), 1);
    m_level->addItem(tr("Warnings and errors"), 2);
    m_level->addItem(tr("Errors only"), 3);
    m_level->setCurrentIndex(1);
    m_filter->setMinimumRank(1);
    connect(m_level, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setMinimumRank(m_level->currentData().toInt()); });

    auto *clear = new QPushButton(tr("C&lear"));
    clear->setObjectName(QStringLiteral("serverLogClear"));
    clear->setToolTip(tr("Remove the lines shown so far (the server keeps running)"));
    connect(clear, &QPushButton::clicked, m_model, &ServerLogModel::clear);

    auto *label = new QLabel(tr("&Filter:"));
    label->setBuddy(m_filterField);
    auto *top = new QHBoxLayout;
    top->addWidget(label);
    top->addWidget(m_filterField, 1);
    top->addWidget(m_level);
    top->addWidget(clear);

    m_table->setObjectName(QStringLiteral("serverLogTable"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    const int cw = m_table->fontMetrics().averageCharWidth();
    m_table->setColumnWidth(ServerLogModel::TimeColumn,
                            m_table->fontMetrics().horizontalAdvance(QStringLiteral("00:00:00.000")) + 3 * cw);
    m_table->setColumnWidth(ServerLogModel::LevelColumn, 9 * cw);
    m_table->setColumnWidth(ServerLogModel::MessageColumn, 44 * cw);

    // Follow new lines while the view is at the bottom.
    connect(m_filter, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        QScrollBar *bar = m_table->verticalScrollBar();
        m_table->setProperty("follow", bar->value() >= bar->maximum() - 2);
    });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_table->property("follow").toBool())
            m_table->scrollToBottom();
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
}

} // namespace otadesk::ui
