#pragma once
// Collapsible pane under the Bench page: the raw SMP log (every packet both ways, with a summary) and the
// device's serial console text. "Show SMP log" opens it; the text of the current unit is kept apart for the
// batch mode's per-unit log files.
#include <QWidget>

class QPlainTextEdit;
class QTabWidget;
class QToolButton;

namespace otadesk::ui {

class BenchLogPane : public QWidget
{
    Q_OBJECT
public:
    explicit BenchLogPane(QWidget *parent = nullptr);

    void appendSmp(const QString &line);
    void appendConsole(const QString &text);
    void setExpanded(bool expanded);
    bool isExpanded() const;
    // Starts the log of a new unit (batch) and returns what the previous one wrote.
    QString takeUnitLog();
    QPlainTextEdit *smpView() const { return m_smp; }
    QPlainTextEdit *consoleView() const { return m_console; }
    QToolButton *toggleButton() const { return m_toggle; }

private:
    QToolButton *m_toggle;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_smp;
    QPlainTextEdit *m_console;
    QString m_unitLog;
};

} // namespace otadesk::ui
