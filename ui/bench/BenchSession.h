#pragma once
// BenchSession: one operation on one bench device at a time — read it (DeviceProbe), flash an image
// (BenchFlasher), or a single action (test, confirm, reset, erase) — with the raw SMP log and the serial
// console as text lines. The page owns one session per running operation.
//
//   auto *s = new BenchSession(target, 115200, this);
//   connect(s, &BenchSession::finished, ...);   // (ok, one-line summary): ok only when the operation succeeded
//   s->flash(image);  ...  s->cancel();
#include "core/bench/link/BenchFlasher.h"
#include "ui/bench/BenchTarget.h"

#include <QPointer>

namespace otadesk::ui {

class BenchSession : public QObject
{
    Q_OBJECT
public:
    enum class Action { Test, Confirm, Reset, Erase };

    BenchSession(const BenchTarget &target, qint32 baudRate, QObject *parent = nullptr);
    ~BenchSession() override;

    const BenchTarget &target() const { return m_target; }
    void probe();
    void flash(const bench::BenchImage &image, const bench::FlashOptions &options = {});
    // Test and Erase act on slot 1 (`hash`: the image to test); Confirm confirms the running image.
    void runAction(Action action, const QByteArray &hash = {});
    void cancel();
    bool isBusy() const { return m_busy; }
    const bench::BenchOutcome &outcome() const { return m_outcome; }

    static QString formatPacket(bench::SmpClient::Direction direction, const QByteArray &packet,
                                const QString &summary);

Q_SIGNALS:
    void smpLog(const QString &line);
    void consoleText(const QString &text);
    void phaseChanged(const QString &text);
    void progress(qint64 bytes, qint64 total, double bytesPerSecond, double etaSeconds);
    void deviceInfoRead(const otadesk::bench::DeviceInfo &info);
    void slotsRead(const QList<otadesk::bench::ImageSlotState> &slots);
    void finished(bool ok, const QString &summary);

private:
    bool openLink();
    void attachClient(bench::SmpClient *client);
    void done(bool ok, const QString &summary);

    BenchTarget m_target;
    std::unique_ptr<bench::SmpTransport> m_transport;
    bench::SmpClient *m_client = nullptr;      // probe and actions
    bench::BenchFlasher *m_flasher = nullptr;  // flash
    bench::DeviceProbe *m_probe = nullptr;
    bench::BenchOutcome m_outcome;
    bool m_busy = false;
};

} // namespace otadesk::ui
