#include "core/server/device/DeviceUpdates.h"

#include "core/common/Logging.h"
#include "core/server/api/ApiContext.h"
#include "core/store/Database.h"
#include "core/store/ManifestRepository.h"

#include <QFile>
#include <QJsonArray>

namespace otadesk::server {

using campaign::Actor;
using campaign::DeviceUpdateState;
using campaign::UpdateState;
using campaign::Verdict;

DeviceUpdates &DeviceUpdates::of(ApiContext &ctx)
{
    if (!ctx.deviceUpdates)
        ctx.deviceUpdates = new DeviceUpdates(ctx); // owned by ctx.events
    return *ctx.deviceUpdates;
}

DeviceUpdates::DeviceUpdates(ApiContext &ctx) : QObject(&ctx.events), m_ctx(ctx)
{
    load();
    m_timer.setInterval(kRefreshMs);
    connect(&m_timer, &QTimer::timeout, this, &DeviceUpdates::refresh);
    m_timer.start();
}

namespace {
const QStringList kWatchedStates{QStringLiteral("pending"), QStringLiteral("notified"), QStringLiteral("rebooting")};
}

bool DeviceUpdates::load()
{
    auto all = store::UpdateRepository(m_ctx.db).activeIn(kWatchedStates);
    if (!all) {
        qCWarning(lcServer).noquote() << "cannot load the devices with updates waiting for a check-in:"
                                      << all.error().message();
        return false;
    }
    m_watched.clear();
    for (const store::UpdateChange &c : all->first)
        apply(c.deviceId, c.id, c.state, c.active);
    m_watermark = all->second;
    m_loaded = true;
    return true;
}

void DeviceUpdates::refresh()
{
    if (!m_loaded) {
        load();
        return;
    }
    const store::UpdateRepository repo(m_ctx.db);
    qint64 from = m_watermark - kSlackMs;
    for (int page = 0; page < 20; ++page) {
        auto rows = repo.changedSince(from, kRefreshPage);
        if (!rows) {
            qCWarning(lcServer).noquote() << "cannot refresh the update cache:" << rows.error().message();
            return;
        }
        for (const store::UpdateChange &c : *rows) {
            apply(c.deviceId, c.id, c.state, c.active);
            m_watermark = std::max(m_watermark, c.updatedAt);
        }
        if (rows->size() < kRefreshPage)
            return;
        // A page full of rows changed in the same millisecond: go on after it (rows are re-read harmlessly).
        from = rows->last().updatedAt == from ? from + 1 : rows->last().updatedAt;
    }
}

void DeviceUpdates::apply(qint64 deviceId, qint64 updateId, const QString &state, bool active)
{
    if (active && kWatchedStates.contains(state)) {
        m_watched.insert(deviceId, {updateId, state == kWatchedStates.last()});
        return;
    }
    auto it = m_watched.find(deviceId);
    if (it != m_watched.end() && it->updateId == updateId)
        m_watched.erase(it);
}

void DeviceUpdates::changed(const store::DeviceUpdate &u)
{
    apply(u.deviceId, u.id, u.state, u.active());
    m_watermark = std::max(m_watermark, u.updatedAt);
    publish(u);
}

void DeviceUpdates::assigned(const store::AssignResult &result, qint64 tenantId)
{
    for (const auto &[deviceId, updateId] : result.replaced)
        apply(deviceId, updateId, QStringLiteral("canceled"), false);
    for (const auto &[deviceId, updateId] : result.created)
        apply(deviceId, updateId, kWatchedStates.first(), true);
    if (m_ctx.events.subscriberCount() > 0 && !result.created.isEmpty()) {
        QJsonObject summary{{QStringLiteral("assigned"), double(result.assigned)},
                            {QStringLiteral("skipped"), double(result.skipped)},
                            {QStringLiteral("replaced"), double(result.replaced.size())}};
        auto last = m_ctx.db.scalar(QStringLiteral("SELECT MAX(id) FROM audit_log WHERE tenant_id = ?"), {tenantId});
        m_ctx.events.publish(tenantId, "updates.assigned", last && !last->isNull() ? last->toLongLong() : 0, summary);
    }
}

void DeviceUpdates::publish(const store::DeviceUpdate &u)
{
    if (m_ctx.events.subscriberCount() == 0)
        return;
    // Stream ids are audit log ids (clients resume with Last-Event-ID from the audit log): an update event
    // carries the newest one, so that a reconnect neither skips nor repeats audit entries.
    auto last = m_ctx.db.scalar(QStringLiteral("SELECT MAX(id) FROM audit_log WHERE tenant_id = ?"), {u.tenantId});
    m_ctx.events.publish(u.tenantId, "update", last && !last->isNull() ? last->toLongLong() : 0, updateJson(u));
}

Result<std::shared_ptr<const ManifestFacts>> DeviceUpdates::facts(qint64 tenantId, qint64 manifestId)
{
    if (auto f = m_facts.find(manifestId))
        return f;
    auto record = store::ManifestRepository(m_ctx.db).find(tenantId, manifestId);
    if (!record)
        return std::unexpected(record.error());
    QFile file(m_ctx.blobs.pathFor(record->envelopeSha256));
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, tr("The envelope of manifest %1 is missing from the data folder.").arg(manifestId));
    auto decoded = ManifestFacts::fromEnvelope(file.readAll());
    if (!decoded)
        return std::unexpected(decoded.error());
    auto shared = std::make_shared<const ManifestFacts>(std::move(*decoded));
    m_facts.insert(manifestId, shared);
    return shared;
}

void DeviceUpdates::confirmFromReport(const store::DeviceUpdate &u, const QByteArray &body)
{
    auto report = protocol::CheckinReport::parse(body);
    if (!report)
        return; // the check-in route answers the malformed report
    auto f = facts(u.tenantId, u.manifestId);
    if (!f)
        return;
    QHash<QString, QByteArray> installed;
    for (const fleet::InstalledComponent &c : report->components)
        installed.insert(c.name, c.digest);
    if (!(*f)->digestsMatch(installed))
        return;
    auto moved = store::UpdateRepository(m_ctx.db).transition(
        u.tenantId, u.id, UpdateState::Confirmed, Actor::Server, {},
        tr("The device checked in with the signed image digests."));
    if (moved && moved->verdict == Verdict::Apply)
        changed(moved->update);
}

QJsonObject DeviceUpdates::onCheckin(const store::DeviceIdentity &device, const QByteArray &body)
{
    if (m_loaded && !m_watched.contains(device.deviceId))
        return {}; // the hot path: nothing waits for this device's check-in, no query
    if (device.status != QLatin1String("accepted"))
        return {};
    auto active = store::UpdateRepository(m_ctx.db).activeOf(device.deviceId);
    if (!active) {
        qCWarning(lcServer).noquote() << "cannot look up the device's update:" << active.error().message();
        return {};
    }
    if (!*active) {
        m_watched.remove(device.deviceId);
        return {};
    }
    const store::DeviceUpdate &u = **active;
    apply(u.deviceId, u.id, u.state, true);
    const auto state = DeviceUpdateState::parse(u.state);
    if (state == UpdateState::Rebooting) {
        confirmFromReport(u, body);
        return {};
    }
    if (!state || !DeviceUpdateState::awaitsCommand(*state))
        return {};
    return command(u);
}

QJsonObject DeviceUpdates::command(store::DeviceUpdate u)
{
    auto f = facts(u.tenantId, u.manifestId);
    if (!f) {
        qCWarning(lcServer).noquote() << "update" << u.id << "cannot be offered:" << f.error().message();
        return {};
    }
    if (u.state == kWatchedStates.first()) {
        auto moved = store::UpdateRepository(m_ctx.db).transition(u.tenantId, u.id, UpdateState::Notified,
                                                                  Actor::Server);
        if (!moved) {
            qCWarning(lcServer).noquote() << "cannot mark update" << u.id << "notified:" << moved.error().message();
            return {};
        }
        if (moved->verdict == Verdict::Apply)
            changed(moved->update);
        u = moved->update;
        if (!u.active())
            return {};
    }
    return {{QStringLiteral("id"), double(u.id)},
            {QStringLiteral("manifest_url"), QStringLiteral("/device/v1/updates/%1/manifest").arg(u.id)},
            {QStringLiteral("sequence"), double((*f)->sequenceNumber)},
            {QStringLiteral("download_only"), u.downloadOnly}};
}

QJsonObject DeviceUpdates::updateJson(const store::DeviceUpdate &u)
{
    QJsonObject o{{QStringLiteral("id"), double(u.id)},
                  {QStringLiteral("serial"), u.serial},
                  {QStringLiteral("manifest_id"), double(u.manifestId)},
                  {QStringLiteral("campaign_id"), u.campaignId ? QJsonValue(double(*u.campaignId)) : QJsonValue()},
                  {QStringLiteral("state"), u.state},
                  {QStringLiteral("reason"), u.reason},
                  {QStringLiteral("message"), u.message},
                  {QStringLiteral("download_only"), u.downloadOnly},
                  {QStringLiteral("bytes"), double(u.bytes)},
                  {QStringLiteral("created_at"), isoTime(u.createdAt)},
                  {QStringLiteral("updated_at"), isoTime(u.updatedAt)},
                  {QStringLiteral("created_by"), u.createdBy}};
    if (!u.steps.isEmpty()) {
        QJsonArray steps;
        for (const store::UpdateStep &s : u.steps)
            steps.append(QJsonObject{{QStringLiteral("state"), s.state},
                                     {QStringLiteral("reason"), s.reason},
                                     {QStringLiteral("message"), s.message},
                                     {QStringLiteral("at"), isoTime(s.at)}});
        o.insert(QStringLiteral("steps"), steps);
    }
    return o;
}

} // namespace otadesk::server
