// The device side of an update, /device/v1/updates/{id}/… (docs/device-updates.md §4–7): the signed envelope,
// resolution of the device's characteristics to what it must download, the payload bytes with Range, and
// status reports. A device only ever sees its own updates (404 otherwise); a terminal update answers 409.
#include "core/common/Logging.h"
#include "core/protocol/ResolveRequest.h"
#include "core/server/api/ApiContext.h"
#include "core/server/api/RangeHeader.h"
#include "core/server/api/Router.h"
#include "core/server/device/DeviceUpdates.h"

#include <QJsonArray>

namespace otadesk::server {

using campaign::Actor;
using campaign::DeviceUpdateState;
using campaign::UpdateState;
using campaign::Verdict;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("otadesk::server", text);
}

ApiResponse gone(const store::DeviceUpdate &u)
{
    return ApiResponse::error(409, QStringLiteral("update_finished"),
                              tr("Update %1 is over (%2); forget it and keep checking in.").arg(u.id).arg(u.state),
                              {{QStringLiteral("state"), u.state}});
}

// The device's own update, or the response to send instead (404 for anything else, 409 when terminal).
std::variant<store::DeviceUpdate, ApiResponse> updateOf(ApiContext &ctx, const ApiRequest &req)
{
    const auto id = req.idParam();
    if (!id)
        return ApiResponse::error(404, QStringLiteral("not_found"), tr("No such update: %1").arg(req.params.value(0)));
    auto u = store::UpdateRepository(ctx.db).findForDevice(req.device.deviceId, *id);
    if (!u)
        return ApiResponse::fromError(u.error());
    if (!u->active())
        return gone(*u);
    return *u;
}

// Moves the update forward on behalf of the server (manifest fetched, download started) when it is behind.
void advance(ApiContext &ctx, const store::DeviceUpdate &u, UpdateState to)
{
    const auto now = DeviceUpdateState::parse(u.state);
    if (!now || DeviceUpdateState::progress(*now) >= DeviceUpdateState::progress(to))
        return;
    auto moved = store::UpdateRepository(ctx.db).transition(u.tenantId, u.id, to, Actor::Server);
    if (!moved)
        qCWarning(lcServer).noquote() << "cannot move update" << u.id << "to" << DeviceUpdateState::name(to) << ':'
                                      << moved.error().message();
    else if (moved->verdict == Verdict::Apply)
        DeviceUpdates::of(ctx).changed(moved->update);
}

// What serves a component: the image itself, or (once a delta service exists) a patch from what the device runs.
struct DeltaChoice
{
    QString kind = QStringLiteral("none"); // "none": serve the full image
};

// The delta policy (which base image to patch from, and when a patch pays off) is not part of this server yet:
// every component is served as the full image. A delta service plugs in here and returns the patch to serve.
DeltaChoice pickDelta(const ManifestComponent &component, const QByteArray &installedSha256,
                      const store::Payload &target)
{
    Q_UNUSED(component);
    Q_UNUSED(installedSha256);
    Q_UNUSED(target);
    return {};
}

struct Chosen
{
    SignedImage image;
    store::Payload payload;
};

// The payload of a component: a signed image the tenant has uploaded. For A/B manifests the image linked for
// the slot the device does not run now comes first.
Result<std::optional<Chosen>> choosePayload(ApiContext &ctx, qint64 tenantId, const ManifestComponent &c,
                                            std::optional<int> runningSlot)
{
    QList<SignedImage> order = c.images;
    if (runningSlot && *runningSlot >= 0)
        std::stable_sort(order.begin(), order.end(), [&](const SignedImage &a, const SignedImage &b) {
            const bool aOther = a.slot && qint64(*a.slot) != *runningSlot;
            const bool bOther = b.slot && qint64(*b.slot) != *runningSlot;
            return aOther && !bOther;
        });
    const store::UpdateRepository repo(ctx.db);
    for (const SignedImage &image : order) {
        auto p = repo.payloadBySha256(tenantId, QString::fromLatin1(image.sha256.toHex()));
        if (!p)
            return std::unexpected(p.error());
        if (*p)
            return std::optional<Chosen>(Chosen{image, **p});
    }
    return std::optional<Chosen>();
}

ApiResponse manifestOfUpdate(ApiContext &ctx, ApiRequest &req)
{
    auto found = updateOf(ctx, req);
    if (auto *r = std::get_if<ApiResponse>(&found))
        return *r;
    const auto &u = std::get<store::DeviceUpdate>(found);
    auto f = DeviceUpdates::of(ctx).facts(u.tenantId, u.manifestId);
    if (!f)
        return ApiResponse::fromError(f.error());
    advance(ctx, u, UpdateState::ManifestFetched);
    ApiResponse r;
    r.contentType = "application/cbor";
    r.body = (*f)->envelope;
    return r;
}

ApiResponse notApplicable(ApiContext &ctx, const store::DeviceUpdate &u, const QString &reason, const QString &message)
{
    auto moved = store::UpdateRepository(ctx.db).transition(u.tenantId, u.id, UpdateState::NotApplicable,
                                                            Actor::Server, reason, message);
    if (!moved)
        return ApiResponse::fromError(moved.error());
    if (moved->verdict == Verdict::Refuse)
        return gone(moved->update);
    if (moved->verdict == Verdict::Apply)
        DeviceUpdates::of(ctx).changed(moved->update);
    return ApiResponse::json(200, {{QStringLiteral("update_id"), double(u.id)},
                                   {QStringLiteral("result"), QStringLiteral("not_applicable")},
                                   {QStringLiteral("reason"), reason},
                                   {QStringLiteral("message"), message}});
}

ApiResponse resolve(ApiContext &ctx, ApiRequest &req)
{
    auto found = updateOf(ctx, req);
    if (auto *r = std::get_if<ApiResponse>(&found))
        return *r;
    const auto &u = std::get<store::DeviceUpdate>(found);
    auto parsed = protocol::ResolveRequest::parse(req.body());
    if (!parsed)
        return ApiResponse::error(400, QStringLiteral("invalid_report"), parsed.error().message());
    auto f = DeviceUpdates::of(ctx).facts(u.tenantId, u.manifestId);
    if (!f)
        return ApiResponse::fromError(f.error());
    const ManifestFacts &facts = **f;
    if (parsed->manifestDigest != facts.digestBstr)
        return ApiResponse::error(400, QStringLiteral("wrong_manifest"),
                                  tr("Key 0 of the report is not the digest of update %1's manifest; fetch it again "
                                     "from /device/v1/updates/%1/manifest.")
                                      .arg(u.id));
    if ((parsed->vendorId && facts.vendorId && *parsed->vendorId != *facts.vendorId) ||
        (parsed->classId && facts.classId && *parsed->classId != *facts.classId))
        return notApplicable(ctx, u, QStringLiteral("incompatible"),
                             tr("The device's vendor or class ID differs from the manifest's."));
    auto installed = store::UpdateRepository(ctx.db).installedComponents(u.deviceId);
    if (!installed)
        return ApiResponse::fromError(installed.error());
    QJsonArray components;
    int toFetch = 0;
    for (const ManifestComponent &c : facts.components) {
        if (c.dependency || c.images.isEmpty())
            continue;
        // What the device runs in this component: its answer to [7, index] if it gave one, else its last check-in.
        QByteArray running = installed->value(c.name).first;
        if (auto d = parsed->componentDigests.find(quint64(c.index));
            d != parsed->componentDigests.end() && d->algorithm == manifest::suitDigestAlg::Sha256)
            running = d->bytes;
        QJsonObject item{{QStringLiteral("index"), c.index}, {QStringLiteral("name"), c.name}};
        const bool runsIt = std::any_of(c.images.begin(), c.images.end(),
                                        [&](const SignedImage &i) { return !running.isEmpty() && i.sha256 == running; });
        if (runsIt) {
            item.insert(QStringLiteral("action"), QStringLiteral("skip"));
            components.append(item);
            continue;
        }
        const auto slot = installed->contains(c.name) ? std::optional<int>(installed->value(c.name).second)
                                                      : std::nullopt;
        auto chosen = choosePayload(ctx, u.tenantId, c, slot);
        if (!chosen)
            return ApiResponse::fromError(chosen.error());
        if (!*chosen)
            return notApplicable(ctx, u, QStringLiteral("no_payload"),
                                 tr("The server has no payload with the image digest the manifest signs for "
                                    "component %1 (%2); upload it.")
                                     .arg(c.name, QString::fromLatin1(c.images.first().sha256.toHex())));
        const Chosen &pick = **chosen;
        const DeltaChoice delta = pickDelta(c, running, pick.payload);
        Q_UNUSED(delta); // always "none" until a delta service exists: the full image is served
        auto chunks = DeviceUpdates::of(ctx).chunks().digestsOf(pick.payload.sha256, ctx.blobs.pathFor(pick.payload.sha256));
        if (!chunks)
            return ApiResponse::fromError(chunks.error());
        QJsonArray leaves;
        for (const QByteArray &leaf : (*chunks)->leaves)
            leaves.append(QString::fromLatin1(leaf.toHex()));
        item.insert(QStringLiteral("action"), QStringLiteral("full"));
        item.insert(QStringLiteral("url"), QStringLiteral("/device/v1/updates/%1/payloads/%2").arg(u.id).arg(c.index));
        item.insert(QStringLiteral("size"), double(pick.payload.size));
        item.insert(QStringLiteral("image_sha256"), QString::fromLatin1(pick.image.sha256.toHex()));
        item.insert(QStringLiteral("image_size"), double(pick.image.size.value_or(quint64(pick.payload.size))));
        item.insert(QStringLiteral("chunk_size"), double((*chunks)->chunkSize));
        item.insert(QStringLiteral("chunk_root"), QString::fromLatin1((*chunks)->root.toHex()));
        item.insert(QStringLiteral("chunks"), leaves);
        components.append(item);
        ++toFetch;
    }
    if (toFetch == 0)
        return notApplicable(ctx, u, QStringLiteral("already_installed"),
                             tr("The device already runs every image of this manifest."));
    return ApiResponse::json(200, {{QStringLiteral("update_id"), double(u.id)},
                                   {QStringLiteral("result"), QStringLiteral("ok")},
                                   {QStringLiteral("components"), components}});
}

ApiResponse payload(ApiContext &ctx, ApiRequest &req)
{
    auto found = updateOf(ctx, req);
    if (auto *r = std::get_if<ApiResponse>(&found))
        return *r;
    const auto &u = std::get<store::DeviceUpdate>(found);
    auto f = DeviceUpdates::of(ctx).facts(u.tenantId, u.manifestId);
    if (!f)
        return ApiResponse::fromError(f.error());
    bool ok = false;
    const int index = req.params.value(1).toInt(&ok);
    const auto &components = (*f)->components;
    if (!ok || index < 0 || index >= components.size() || components.at(index).dependency ||
        components.at(index).images.isEmpty())
        return ApiResponse::error(404, QStringLiteral("not_found"),
                                  tr("Update %1 has no payload for component %2.").arg(u.id).arg(req.params.value(1)));
    const ManifestComponent &c = components.at(index);
    auto installed = store::UpdateRepository(ctx.db).installedComponents(u.deviceId);
    if (!installed)
        return ApiResponse::fromError(installed.error());
    const auto slot = installed->contains(c.name) ? std::optional<int>(installed->value(c.name).second) : std::nullopt;
    auto chosen = choosePayload(ctx, u.tenantId, c, slot);
    if (!chosen)
        return ApiResponse::fromError(chosen.error());
    if (!*chosen)
        return ApiResponse::error(404, QStringLiteral("not_found"),
                                  tr("The payload of component %1 is not on the server any more.").arg(c.name));
    const store::Payload &p = (*chosen)->payload;
    if (!ctx.blobs.contains(p.sha256))
        return ApiResponse::error(500, QStringLiteral("internal"),
                                  tr("The bytes of payload %1 are missing from the data folder.").arg(p.id));
    const RangeRequest range = parseRange(req.header("range"), p.size);
    if (range.unsatisfiable) {
        ApiResponse e = ApiResponse::error(416, QStringLiteral("range_not_satisfiable"),
                                           tr("The payload has %1 bytes; the requested range is outside.").arg(p.size));
        e.headers.push_back({"Content-Range", "bytes */" + QByteArray::number(p.size)});
        return e;
    }
    advance(ctx, u, UpdateState::Downloading);
    ApiResponse r;
    r.contentType = "application/octet-stream";
    r.headers = {{"ETag", '"' + p.sha256.toLatin1() + '"'}, {"Accept-Ranges", "bytes"}};
    streamFile(r, ctx.blobs.pathFor(p.sha256), p.size, range);
    return r;
}

ApiResponse status(ApiContext &ctx, ApiRequest &req)
{
    const auto id = req.idParam();
    if (!id)
        return ApiResponse::error(404, QStringLiteral("not_found"), tr("No such update: %1").arg(req.params.value(0)));
    const store::UpdateRepository repo(ctx.db);
    auto u = repo.findForDevice(req.device.deviceId, *id);
    if (!u)
        return ApiResponse::fromError(u.error());
    auto body = req.jsonBody();
    if (!body)
        return ApiResponse::error(400, QStringLiteral("invalid_request"), body.error().message());
    const QString stateName = body->value(QStringLiteral("state")).toString();
    const auto next = DeviceUpdateState::parse(stateName);
    if (!next || !DeviceUpdateState::deviceMayReport(*next)) {
        QStringList allowed;
        for (const QString &s : DeviceUpdateState::allNames()) {
            if (DeviceUpdateState::deviceMayReport(*DeviceUpdateState::parse(s)))
                allowed << s;
        }
        return ApiResponse::error(400, QStringLiteral("invalid_state"),
                                  tr("\"state\" must be one of %1.").arg(allowed.join(QStringLiteral(", "))));
    }
    const QJsonValue reasonValue = body->value(QStringLiteral("reason"));
    const QString reason = reasonValue.toString();
    if (!reasonValue.isUndefined() && !reasonValue.isNull() &&
        (!reasonValue.isString() || (!reason.isEmpty() && !DeviceUpdateState::isReason(reason))))
        return ApiResponse::error(400, QStringLiteral("invalid_reason"),
                                  tr("\"reason\" must be one of %1.").arg(DeviceUpdateState::reasonNames().join(QStringLiteral(", "))));
    const QJsonValue bytesValue = body->value(QStringLiteral("bytes"));
    qint64 bytes = -1;
    if (!bytesValue.isUndefined() && !bytesValue.isNull()) {
        if (!bytesValue.isDouble() || bytesValue.toDouble() < 0 || bytesValue.toDouble() > 1e15)
            return ApiResponse::error(400, QStringLiteral("invalid_request"),
                                      tr("\"bytes\" must be a non-negative number."));
        bytes = qint64(bytesValue.toDouble());
    }
    const QJsonValue messageValue = body->value(QStringLiteral("message"));
    if (!messageValue.isUndefined() && !messageValue.isNull() && !messageValue.isString())
        return ApiResponse::error(400, QStringLiteral("invalid_request"), tr("\"message\" must be text."));
    UpdateState target = *next;
    QString why = messageValue.toString();
    QString finalReason = reason;
    if (target == UpdateState::Confirmed && u->active()) {
        // The device's word is checked against what was signed: digests in the body, else its last check-in.
        auto f = DeviceUpdates::of(ctx).facts(u->tenantId, u->manifestId);
        if (!f)
            return ApiResponse::fromError(f.error());
        QHash<QString, QByteArray> reported;
        const QJsonObject digests = body->value(QStringLiteral("digests")).toObject();
        if (!digests.isEmpty()) {
            for (auto it = digests.begin(); it != digests.end(); ++it)
                reported.insert(it.key(), QByteArray::fromHex(it.value().toString().toLatin1()));
            if (!(*f)->digestsMatch(reported)) {
                target = UpdateState::Failed;
                finalReason = QStringLiteral("integrity_failure");
                why = tr("The device reported image digests that differ from the signed ones.");
            }
        } else {
            auto installed = repo.installedComponents(u->deviceId);
            if (!installed)
                return ApiResponse::fromError(installed.error());
            for (auto it = installed->begin(); it != installed->end(); ++it)
                reported.insert(it.key(), it.value().first);
            if (!(*f)->digestsMatch(reported))
                target = UpdateState::Rebooting; // confirmed by the next check-in that shows the signed digests
        }
    }
    auto moved = repo.transition(0, u->id, target, Actor::Device, finalReason, why, bytes);
    if (!moved)
        return ApiResponse::fromError(moved.error());
    if (moved->verdict == Verdict::Refuse)
        return moved->terminalAlready ? gone(moved->update)
                                      : ApiResponse::error(400, QStringLiteral("invalid_state"), moved->why);
    if (moved->verdict == Verdict::Apply)
        DeviceUpdates::of(ctx).changed(moved->update);
    return ApiResponse::json(200, {{QStringLiteral("state"), moved->update.state}});
}
} // namespace

void addDeviceUpdateRoutes(Router &r, ApiContext &ctx)
{
    DeviceUpdates::of(ctx); // loads the check-in cache now, not on the first check-in
    r.add(Method::Get, QStringLiteral("/device/v1/updates/{id}/manifest"), Permission::Device,
          [&ctx](ApiRequest &req) { return manifestOfUpdate(ctx, req); });
    r.add(Method::Post, QStringLiteral("/device/v1/updates/{id}/resolve"), Permission::Device,
          [&ctx](ApiRequest &req) { return resolve(ctx, req); });
    r.add(Method::Get, QStringLiteral("/device/v1/updates/{id}/payloads/{index}"), Permission::Device,
          [&ctx](ApiRequest &req) { return payload(ctx, req); });
    r.add(Method::Post, QStringLiteral("/device/v1/updates/{id}/status"), Permission::Device,
          [&ctx](ApiRequest &req) { return status(ctx, req); });
}

} // namespace otadesk::server
