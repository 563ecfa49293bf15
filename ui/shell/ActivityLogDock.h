#pragma once
// The Activity log panel: a dock with the log table, a level filter, Clear and Copy.
#include "core/common/ActivityLog.h"

#include <QDockWidget>

class QTableView;
class QComboBox;

namespace otadesk::ui {

class ActivityLogModel;
class ActivityLogFilter;

class ActivityLogDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit ActivityLogDock(ActivityLog *log, QWidget *parent = nullptr);

    ActivityLogModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    // Copies the selected rows (all visible rows if none is selected) to the clipboard.
    void copySelection();

private:
    ActivityLog *m_log;
    ActivityLogModel *m_model;
    ActivityLogFilter *m_filter;
    QTableView *m_view;
    QComboBox *m_level;
};

} // namespace otadesk::ui
