#pragma once
// The permanent status-bar widget for long work: a label, a progress bar and a Cancel button, hidden when idle.
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace otadesk::ui {

class TaskProgress : public QWidget
{
    Q_OBJECT
public:
    explicit TaskProgress(QWidget *parent = nullptr);

    void begin(const QString &text);
    // done/total in any unit; total <= 0 shows a busy indicator.
    void setProgress(qint64 done, qint64 total, const QString &text = {});
    void end();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void cancelRequested();

private:
    QLabel *m_label;
    QProgressBar *m_bar;
    QToolButton *m_cancel;
    bool m_running = false;
};

} // namespace otadesk::ui
