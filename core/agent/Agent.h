#pragma once
// The reference device agent (docs/device-updates.md §8): check in → update command → manifest → verify
// (signature against the trust anchor, vendor/class IDs, sequence number above the persisted one) → report
// characteristics and resolve → per changed component: download by Range, chunk by chunk, each chunk checked
// against its leaf (the leaf list against the chunk root), written to the inactive slot (or, for a delta, fed
// to DeltaApplier) → final SHA-256 against the signed digest → installing → rebooting → trial boot → confirm,
// or roll back when the new image does not boot. Every state is reported with a reason code. Everything the
// device needs after a power cut is in its files (AgentState, SimulatedFlash); reload() is the power coming
// back. An Agent is a plain object (no QObject, no timer, no socket): a few hundred bytes while idle.
#include "core/agent/AgentHost.h"
#include "core/agent/AgentState.h"
#include "core/agent/PowerCut.h"
#include "core/agent/SimulatedFlash.h"

#include <QJsonObject>

#include <memory>

namespace otadesk::agent {

struct UpdateJob;
struct HttpResponse;

class Agent
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::agent::Agent)
public:
    Agent(AgentHost *host, const AgentConfig *config, QString base);
    ~Agent();

    // First start of a device: writes its state and flash files.
    Status provision(const AgentState &state, const QList<FlashComponent> &components);
    // Loads the files (the device powers on); resumes an interrupted update.
    Status load();
    void start(qint64 delayMs); // first check-in after delayMs
    void checkInNow();

    const AgentState &state() const { return m_state; }
    const SimulatedFlash &flash() const { return m_flash; }
    const QString &base() const { return m_base; }
    bool isUpdating() const { return bool(m_job); }
    // The last check-in was answered and carried no new update (the device has nothing to do).
    bool isQuiet() const { return m_quiet && !m_job; }
    // "idle", "downloading", ... (what the device is doing now, for the live view)
    QString activity() const;
    const QString &lastError() const { return m_lastError; }
    PowerCut &powerCut() { return m_cut; }

    static QString phaseName(AgentState::Phase phase);

private:
    friend struct UpdateJob;
    // Agent.cpp: life cycle and check-in
    void scheduleCheckin(qint64 delayMs);
    void checkIn();
    void onCheckinAnswer(HttpResponse &&r);
    qint64 nextPollMs(int serverSeconds);
    bool awake(qint64 nowMs) const;
    void powerLost();
    void powerOn();
    bool guard(const Status &st); // false (and the power-loss path) when st failed; logs other errors
    // AgentUpdate.cpp: manifest, verification, resolution, reports, install, reboot
    void beginUpdate(qint64 id, const QByteArray &manifestPath, bool downloadOnly);
    void fetchManifest();
    void onManifest(QByteArray envelope);
    void resolve();
    void onResolved(const QByteArray &body);
    void report(const QString &state, const QString &reason, const QString &message,
                std::function<void()> then = {}, const QJsonObject &extra = {});
    void failUpdate(const QString &reason, const QString &message);
    void finishUpdate(const QString &outcome, const QString &reason = {}, const QString &message = {});
    void install();
    void reboot(bool afterPowerCut);
    // AgentDownload.cpp: chunks, resume, delta
    void downloadNext();
    void startPart();
    void fetchDeltaHeader();
    void fetchChunk();
    void onChunk(HttpResponse &&r);
    bool acceptChunk(QByteArray chunk);
    void componentDone();
    void retryLater(const QString &why, std::function<void()> again);

    AgentHost *m_host;
    const AgentConfig *m_config;
    QString m_base;
    PowerCut m_cut;
    AgentState m_state;
    SimulatedFlash m_flash;
    std::unique_ptr<UpdateJob> m_job;
    QString m_lastError;
    quint32 m_generation = 0; // bumped at a power cut: answers and timers of the old life are ignored
    quint16 m_failures = 0;   // consecutive transport failures (back-off)
    qint32 m_wakePhaseS = 0;  // offset of this device's wake window
    qint32 m_skewMs = 0;
    bool m_quiet = false;
};

} // namespace otadesk::agent
