#pragma once
// BenchFlasher: the whole bench update of one device, as a state machine driven by the event loop.
//
//   SerialTransport link(u"/dev/ttyACM0"_s, 115200);
//   BenchFlasher flasher(&link);
//   flasher.setImage(*BenchImage::fromFile(path));
//   connect(&flasher, &BenchFlasher::phaseChanged, ...);   // phase + one-line description
//   connect(&flasher, &BenchFlasher::progress, ...);       // upload bytes/total, bytes per second, ETA seconds
//   connect(&flasher, &BenchFlasher::message, ...);        // notable events (resume, skipped steps)
//   connect(flasher.client(), &SmpClient::packetLogged, ...); // raw SMP log
//   connect(&link, &SmpTransport::consoleText, ...);       // device log (serial)
//   connect(&flasher, &BenchFlasher::finished, ...);       // BenchOutcome: ok, or a failure kind + message
//   flasher.start();   ...   flasher.cancel();             // cancel at any time
//
// Phases: Connecting → Probing (params, slot table, capabilities) → Uploading (skipped if slot 1 already holds
// the image) → VerifyingUpload (slot 1 hash == image hash TLV) → [uploadOnly stops here] → MarkingTest (state
// write hash, confirm=false) → Resetting → WaitingForReboot (echo/state polls, reopening a serial port that
// went away) → VerifyingBoot (primary slot active with the new hash; the old hash means MCUboot reverted) →
// Confirming → VerifyingConfirmed. Success only when the primary slot is active and confirmed and its hash is
// the new image's hash.
#include "core/bench/link/BenchImage.h"
#include "core/bench/link/DeviceProbe.h"
#include "core/bench/link/ImageUploader.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

namespace otadesk::bench {

enum class BenchPhase {
    Idle, Connecting, Probing, Uploading, VerifyingUpload, MarkingTest, Resetting, WaitingForReboot,
    VerifyingBoot, Confirming, VerifyingConfirmed, Done, Failed,
};

enum class BenchFailure {
    None,
    Unreachable,   // no answer / link broke / port cannot be opened
    DeviceRefused, // the device answered with an error code
    BadImage,      // the image is not acceptable (checked before any upload)
    Verification,  // a hash or slot state is not what it must be
    Reverted,      // after reset the device runs the old image again
    Cancelled,
};

struct FlashOptions
{
    int image = 0;                  // image number on multi-image devices
    bool uploadOnly = false;        // stop after upload + hash check (no test/reset/confirm)
    int requestTimeoutMs = 3000;    // ordinary requests
    int firstChunkTimeoutMs = 30000; // first upload chunk: the device erases the slot first
    int chunkTimeoutMs = 5000;      // every other chunk
    int rebootTimeoutMs = 60000;    // reset until the device answers again with the new image
    int maxWindow = 4;              // chunks in flight at most (also limited by buf_count)
    int maxPacket = 0;              // override the packet size (0 = from buf_size and the transport MTU)
};

struct BenchOutcome
{
    bool ok = false;
    BenchFailure failure = BenchFailure::None;
    Error error;             // when !ok
    QString summary;         // one line for people (translated)
    QString version;         // running version at the end
    QByteArray hash;         // running image hash at the end
    qint64 uploadedBytes = 0;
    double uploadSeconds = 0;
    int resumes = 0;
    bool uploadSkipped = false;
};

QString phaseName(BenchPhase phase); // translated, for progress lines and the UI
QString failureName(BenchFailure failure);

class BenchFlasher : public QObject
{
    Q_OBJECT
public:
    explicit BenchFlasher(SmpTransport *transport, QObject *parent = nullptr);
    ~BenchFlasher() override;

    void setImage(const BenchImage &image) { m_image = image; }
    void setOptions(const FlashOptions &options) { m_options = options; }
    SmpClient *client() const { return m_client; }
    BenchPhase phase() const { return m_phase; }
    const DeviceInfo &deviceInfo() const { return m_info; }

    void start();
    void cancel();

Q_SIGNALS:
    void phaseChanged(otadesk::bench::BenchPhase phase, const QString &description);
    void progress(qint64 bytes, qint64 total, double bytesPerSecond, double etaSeconds);
    void message(const QString &text);
    void deviceInfoRead(const otadesk::bench::DeviceInfo &info);
    void finished(const otadesk::bench::BenchOutcome &outcome);

private:
    void setPhase(BenchPhase phase, const QString &description);
    void probe();
    void upload();
    void verifyUpload();
    void markTest();
    void reset(bool force);
    void waitForReboot();
    void pollReboot();
    void verifyBoot(const QList<ImageSlotState> &slots);
    void confirm();
    void verifyConfirmed();
    void succeed(const QString &summary, const ImageSlotState *running);
    void failWith(BenchFailure failure, const Error &error);
    void failWith(BenchFailure failure, ErrorCode code, const QString &message);
    void failRequest(const Error &error); // Io → Unreachable, Cancelled, else DeviceRefused
    // Reads the slot table; `then` runs only while the flash still runs and the read succeeded.
    void readSlots(std::function<void(const QList<ImageSlotState> &)> then);
    const ImageSlotState *findSlot(const QList<ImageSlotState> &slots, int slot) const;
    bool running() const { return m_phase != BenchPhase::Idle && m_phase != BenchPhase::Done
                                   && m_phase != BenchPhase::Failed; }

    QPointer<SmpTransport> m_transport;
    SmpClient *m_client;
    BenchImage m_image;
    FlashOptions m_options;
    BenchPhase m_phase = BenchPhase::Idle;
    DeviceInfo m_info;
    QByteArray m_oldHash;
    QString m_oldVersion;
    DeviceProbe *m_probe = nullptr;
    ImageUploader *m_uploader = nullptr;
    BenchOutcome m_outcome;
    QTimer m_pollTimer;
    QElapsedTimer m_rebootClock;
    bool m_pollBusy = false;
    bool m_linkLost = false;
    QString m_lastPollError;
};

} // namespace otadesk::bench
