#pragma once
// Batch mode of the Bench page: "flash each device that appears". When switched on, every listed network device
// and USB serial port is queued, then each USB serial port that appears later (built-in UARTs without a USB
// identity are skipped); the page flashes them one after the other. Each unit gets a
// result row and its log (SMP packets, console, result) in a file of the folder the user picked.
#include "ui/bench/BenchTarget.h"

#include <QGroupBox>
#include <QSet>
#include <optional>

class QCheckBox;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace otadesk::ui {

class BenchBatch : public QGroupBox
{
    Q_OBJECT
public:
    explicit BenchBatch(QWidget *parent = nullptr);

    bool isActive() const;
    // Switches batch mode on (asks for the log folder if none is set; stays off without one) or off.
    void setActive(bool active);
    QString folder() const { return m_folder; }
    void setFolder(const QString &folder);
    // A device appeared (new serial port or newly listed device): queued if batch mode is on and not done yet.
    void offer(const BenchTarget &target);
    std::optional<BenchTarget> takeNext();
    // Records a unit's result and writes its log; returns the log file path (empty if it could not be written).
    QString record(const BenchTarget &target, bool ok, const QString &summary, const QString &log);
    QTreeWidget *results() const { return m_results; }
    QCheckBox *checkBox() const { return m_enable; }

Q_SIGNALS:
    void activeChanged(bool active);
    void queued();

private:
    void chooseFolder();

    QCheckBox *m_enable;
    QPushButton *m_folderButton;
    QLabel *m_folderLabel;
    QTreeWidget *m_results;
    QString m_folder;
    QList<BenchTarget> m_queue;
    QSet<QString> m_seen; // flashed or queued in this batch
};

} // namespace otadesk::ui
