#pragma once
// The local server's log on the Server page: a filter field, a minimum level and the table of lines (newest at
// the bottom, followed while the view is scrolled to the end).
#include <QWidget>

class QComboBox;
class QLineEdit;
class QTableView;

namespace otadesk::ui {

class ServerLogFilter;
class ServerLogModel;

class ServerLogView : public QWidget
{
    Q_OBJECT
public:
    explicit ServerLogView(ServerLogModel *model, QWidget *parent = nullptr);

    QLineEdit *filterField() const { return m_filterField; }
    QComboBox *levelChooser() const { return m_level; }
    QTableView *table() const { return m_table; }
    ServerLogFilter *filter() const { return m_filter; }

private:
    ServerLogModel *m_model;
    ServerLogFilter *m_filter;
    QLineEdit *m_filterField;
    QComboBox *m_level;
    QTableView *m_table;
};

} // namespace otadesk::ui
