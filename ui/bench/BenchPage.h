#pragma once
// The Bench page: update devices on the bench over USB serial or LAN with MCUmgr/SMP (core/bench/link).
// Device list (serial ports, network devices, subnet scan), the selected device's slot table and the actions it
// supports, an image (file dialog or drag and drop; non-MCUboot files are refused before anything is sent),
// Flash with progress (bytes, speed, ETA, phase) and Cancel, the raw SMP log and serial console, batch mode.
#include "core/bench/link/BenchFlasher.h"
#include "ui/bench/BenchTarget.h"

#include <QWidget>
#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace otadesk::ui {

class BenchBatch;
class BenchDeviceList;
class BenchLogPane;
class BenchSession;
class BenchSlotTable;

class BenchPage : public QWidget
{
    Q_OBJECT
public:
    explicit BenchPage(QWidget *parent = nullptr);
    ~BenchPage() override;

    // What the buttons and dialogs do, callable directly (tests, drag and drop).
    bool chooseImage(const QString &path);   // false: not usable, the reason is shown
    bool addNetworkDevice(const QString &hostPort);
    void refreshDevices();
    void probe();
    void flash();
    void cancel();
    bool isBusy() const;

    std::optional<bench::BenchImage> image() const { return m_image; }
    QString imageText() const;
    QString resultText() const;
    QString phaseText() const;
    bool lastResultOk() const { return m_lastOk; }
    BenchDeviceList *deviceList() const { return m_devices; }
    BenchSlotTable *slotTable() const { return m_slots; }
    BenchLogPane *logPane() const { return m_log; }
    BenchBatch *batch() const { return m_batch; }
    QProgressBar *progressBar() const { return m_progress; }
    void setBaudRate(qint32 baud);

Q_SIGNALS:
    void operationFinished(bool ok, const QString &summary);

private:
    QWidget *createDevicePane();
    QWidget *createDetailPane();
    void createActions();
    BenchSession *startSession(const BenchTarget &target);
    void flashTarget(const BenchTarget &target);
    void onSessionFinished(bool ok, const QString &summary);
    void onProgress(qint64 bytes, qint64 total, double bytesPerSecond, double etaSeconds);
    void runAction(int action);
    void addNetworkDeviceDialog();
    void scanSubnetDialog();
    void onDeviceInfo(const bench::DeviceInfo &info);
    void onSelectionChanged();
    void setResult(bool ok, const QString &text);
    void startNextBatchUnit();
    void updateActions();
    qint32 baudRate() const;

    BenchDeviceList *m_devices;
    BenchSlotTable *m_slots;
    BenchLogPane *m_log;
    BenchBatch *m_batch;
    QComboBox *m_baud;
    QLabel *m_imageLabel;
    QLabel *m_phase;
    QLabel *m_result;
    QLabel *m_deviceLabel;
    QProgressBar *m_progress;
    QPushButton *m_flashButton;
    QPushButton *m_cancelButton;
    QPushButton *m_probeButton;
    QList<QPushButton *> m_actionButtons; // test, confirm, reset, erase
    QAction *m_refresh;
    QAction *m_chooseImage;
    QAction *m_flash;
    QAction *m_cancel;
    std::optional<bench::BenchImage> m_image;
    std::optional<bench::DeviceInfo> m_info; // of the selected device, after a probe
    QString m_infoKey;                       // whose m_info it is
    BenchSession *m_session = nullptr;
    enum class Op { None, Probe, Flash, Action } m_op = Op::None;
    bool m_batchUnit = false;
    bool m_probeAfter = false;
    bool m_followUp = false; // the running probe re-reads the slot table after a flash: keep its result line
    bool m_lastOk = false;
};

} // namespace otadesk::ui
