#include "core/agent/Agent.h"

#include "core/agent/AgentLogging.h"
#include "core/agent/ContentStore.h"
#include "core/agent/DeviceFiles.h"
#include "core/agent/HttpPool.h"
#include "core/agent/UpdateJob.h"
#include "core/protocol/CheckinReport.h"

#include <QJsonObject>

namespace otadesk::agent {

Agent::Agent(AgentHost *host, const AgentConfig *config, QString base)
    : m_host(host), m_config(config), m_base(std::move(base)), m_flash(m_base, host->store(), &m_cut)
{
    QRandomGenerator &rng = m_host->random();
    if (m_config->wakeEverySeconds > 0)
        m_wakePhaseS = qint32(rng.bounded(m_config->wakeEverySeconds));
    if (m_config->clockSkewMs > 0)
        m_skewMs = qint32(rng.bounded(int(2 * m_config->clockSkewMs + 1)) - int(m_config->clockSkewMs));
}

Agent::~Agent() = default;

QString Agent::phaseName(AgentState::Phase phase)
{
    switch (phase) {
    case AgentState::Phase::Idle: return QStringLiteral("idle");
    case AgentState::Phase::Updating: return QStringLiteral("downloading");
    case AgentState::Phase::Installing: return QStringLiteral("installing");
    case AgentState::Phase::Rebooting: return QStringLiteral("rebooting");
    }
    return QStringLiteral("idle");
}

QString Agent::activity() const
{
    if (m_cut.isDead())
        return QStringLiteral("power_off");
    if (m_job && m_state.phase == AgentState::Phase::Updating)
        return m_job->current >= 0 ? QStringLiteral("downloading") : QStringLiteral("verifying");
    return phaseName(m_state.phase);
}

Status Agent::provision(const AgentState &state, const QList<FlashComponent> &components)
{
    m_state = state;
    if (auto st = m_flash.create(components); !st)
        return st;
    return m_state.save(m_base, &m_cut);
}

Status Agent::load()
{
    auto st = AgentState::load(m_base);
    if (!st)
        return std::unexpected(st.error());
    m_state = std::move(*st);
    return m_flash.load();
}

void Agent::start(qint64 delayMs)
{
    if (m_state.phase != AgentState::Phase::Idle || m_state.updateId != 0) {
        // The process was killed while this device worked on an update: it powers on again.
        m_host->schedule(delayMs, [this, gen = m_generation] {
            if (gen == m_generation)
                powerOn();
        });
        return;
    }
    scheduleCheckin(delayMs);
}

bool Agent::awake(qint64 nowMs) const
{
    if (m_config->wakeEverySeconds <= 0)
        return true;
    const qint64 deviceS = (nowMs + m_skewMs) / 1000 + m_wakePhaseS;
    return deviceS % m_config->wakeEverySeconds < qMax(1, m_config->awakeSeconds);
}

qint64 Agent::nextPollMs(int serverSeconds)
{
    const int seconds = m_config->pollSeconds > 0 ? m_config->pollSeconds : qMax(1, serverSeconds);
    const double jitter = m_config->pollJitter * (2.0 * m_host->random().generateDouble() - 1.0);
    qint64 ms = qint64(seconds * 1000.0 * (1.0 + jitter));
    if (m_config->wakeEverySeconds > 0) { // asleep: the next poll is at the start of the next wake window
        const qint64 now = m_host->nowMs() + ms;
        if (!awake(now)) {
            const qint64 deviceS = (now + m_skewMs) / 1000 + m_wakePhaseS;
            ms += (m_config->wakeEverySeconds - deviceS % m_config->wakeEverySeconds) * 1000;
        }
    }
    return qMax<qint64>(ms, 10);
}

void Agent::scheduleCheckin(qint64 delayMs)
{
    m_host->schedule(delayMs, [this, gen = m_generation] {
        if (gen == m_generation)
            checkIn();
    });
}

void Agent::checkInNow() { checkIn(); }

void Agent::checkIn()
{
    if (m_job || m_cut.isDead())
        return; // busy with an update: it checks in again when it is done
    protocol::CheckinReport report;
    report.serial = m_state.serial;
    for (const FlashComponent &c : m_flash.components())
        report.components.append(fleet::InstalledComponent{c.name, c.running().version, c.running().digest, c.active});
    report.attributes = m_state.attributes;
    report.updateState = phaseName(m_state.phase);
    report.wakeSchedule = m_config->wakeSchedule;
    HttpRequest req;
    req.method = "POST";
    req.target = "/device/v1/checkin";
    req.authorization = "Bearer " + m_state.token;
    req.contentType = "application/json";
    req.body = report.toJson();
    m_host->serverPool()->send(std::move(req), [this, gen = m_generation](HttpResponse &&r) {
        if (gen == m_generation)
            onCheckinAnswer(std::move(r));
    });
}

void Agent::onCheckinAnswer(HttpResponse &&r)
{
    if (r.status != 200 && r.status != 202) {
        m_lastError = tr("Check-in failed: %1").arg(r.describe());
        m_host->note(*this, AgentEvent::CheckinFailed, m_lastError);
        m_failures = quint16(qMin(m_failures + 1, 16));
        const qint64 backoff = qMin<qint64>(qint64(m_config->retryBaseMs) << qMin<int>(m_failures, 7), 60000);
        scheduleCheckin(r.status == 401 || r.status == 403 ? nextPollMs(0) * 4 : backoff);
        return;
    }
    m_failures = 0;
    m_host->note(*this, AgentEvent::CheckinOk);
    auto answer = protocol::CheckinAnswer::parse(r.body);
    if (!answer) {
        m_lastError = answer.error().message();
        scheduleCheckin(nextPollMs(0));
        return;
    }
    const QJsonObject &u = answer->update;
    const qint64 id = qint64(u.value(QStringLiteral("id")).toDouble());
    if (id > 0 && id != m_state.lastFinishedUpdate) {
        QByteArray path = u.value(QStringLiteral("manifest_url")).toString().toUtf8();
        if (path.isEmpty())
            path = "/device/v1/updates/" + QByteArray::number(id) + "/manifest";
        beginUpdate(id, path, u.value(QStringLiteral("download_only")).toBool());
        return;
    }
    m_quiet = true;
    scheduleCheckin(nextPollMs(answer->pollSeconds));
}

bool Agent::guard(const Status &st)
{
    if (st)
        return true;
    if (m_cut.isDead()) {
        powerLost();
        return false;
    }
    m_lastError = st.error().message();
    qCWarning(lcAgent) << m_state.serial << m_lastError;
    return false;
}

void Agent::powerLost()
{
    ++m_generation; // every answer and timer of this life is void
    m_job.reset();
    m_host->note(*this, AgentEvent::PowerCut);
    m_host->schedule(m_config->reloadDelayMs, [this, gen = m_generation] {
        if (gen == m_generation)
            powerOn();
    });
}

void Agent::powerOn()
{
    m_cut = PowerCut();
    m_job.reset();
    // Nothing survives but the files.
    if (auto st = load(); !st) {
        m_lastError = st.error().message();
        m_host->note(*this, AgentEvent::Unbootable, m_lastError);
        return;
    }
    QString why;
    if (!m_flash.isBootable(&why)) {
        m_lastError = why;
        m_host->note(*this, AgentEvent::Unbootable, why);
        return;
    }
    if (m_state.updateId != 0) {
        ++m_state.powerCuts;
        m_state.interrupted = true;
    }
    if (m_state.phase == AgentState::Phase::Installing || m_state.phase == AgentState::Phase::Rebooting) {
        reboot(true);
        return;
    }
    // An unconfirmed trial from before the cut is reverted by the bootloader.
    if (auto booted = m_flash.boot(false); !booted) {
        guard(Status(std::unexpected(booted.error())));
        return;
    }
    if (m_state.updateId != 0) {
        beginUpdate(m_state.updateId, "/device/v1/updates/" + QByteArray::number(m_state.updateId) + "/manifest",
                    false);
        return;
    }
    scheduleCheckin(10);
}

void Agent::retryLater(const QString &why, std::function<void()> again)
{
    m_lastError = why;
    m_failures = quint16(qMin(m_failures + 1, 16));
    const qint64 backoff = qMin<qint64>(qint64(m_config->retryBaseMs) << qMin<int>(m_failures - 1, 7), 60000);
    m_host->schedule(backoff, [this, gen = m_generation, again = std::move(again)] {
        if (gen == m_generation)
            again();
    });
}

} // namespace otadesk::agent
