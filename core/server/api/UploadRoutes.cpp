// Resumable uploads of payloads: create, send parts at their offsets (each durable before it is acknowledged),
// ask how much arrived, finish with the SHA-256, or abort.
#include "core/common/Logging.h"
#include "core/server/api/ApiContext.h"
#include "core/server/api/JsonViews.h"
#include "core/server/api/Router.h"
#include "core/store/PayloadRepository.h"
#include "core/store/UploadRepository.h"

#include <QFileInfo>

namespace otadesk::server {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("otadesk::server", text);
}

constexpr qint64 kMaxPayloadBytes = qint64(64) << 30;
constexpr qint64 kUploadLifetimeMs = 24 * 3600 * 1000;

qint64 partSize(const ApiContext &ctx)
{
    return std::min<qint64>(qint64(8) << 20, ctx.config.maxBodyBytes);
}

ApiResponse uploadResponse(const ApiContext &ctx, int status, const store::Upload &u)
{
    return ApiResponse::json(status, uploadJson(u, partSize(ctx), u.updatedAt + kUploadLifetimeMs));
}

ApiResponse bad(const QString &message)
{
    return ApiResponse::error(400, QStringLiteral("invalid_request"), message);
}

// The open upload named by the first path parameter, or the response to give instead.
std::variant<store::Upload, ApiResponse> openUpload(ApiContext &ctx, const ApiRequest &req)
{
    const QString id = req.params.value(0);
    if (!store::UploadRepository::isValidId(id))
        return ApiResponse::error(404, QStringLiteral("not_found"), tr("No such upload: %1").arg(id));
    auto u = store::UploadRepository(ctx.db).find(req.principal.tenantId, id);
    if (!u)
        return ApiResponse::fromError(u.error());
    if (u->state != store::UploadState::Open)
        return ApiResponse::error(409, QStringLiteral("conflict"),
                                  tr("The upload %1 is %2; start a new one.").arg(id, store::uploadStateName(u->state)));
    return *u;
}

ApiResponse createUpload(ApiContext &ctx, const ApiRequest &req)
{
    auto body = req.jsonBody();
    if (!body)
        return bad(body.error().message());
    const QJsonValue sizeValue = body->value(QStringLiteral("size"));
    const double size = sizeValue.toDouble(-1);
    if (!sizeValue.isDouble() || size < 0 || size > double(kMaxPayloadBytes) || size != std::floor(size))
        return bad(tr("\"size\" must be the payload's size in bytes (0 to %1).").arg(kMaxPayloadBytes));
    const QString sha = body->value(QStringLiteral("sha256")).toString().toLower();
    if (!sha.isEmpty() && !store::BlobStore::isValidDigest(sha))
        return bad(tr("\"sha256\" must be 64 hexadecimal digits."));
    QString name = body->value(QStringLiteral("name")).toString().trimmed();
    if (name.size() > 255)
        return bad(tr("\"name\" is longer than 255 characters."));
    auto u = store::UploadRepository(ctx.db).create(req.principal.tenantId, name, qint64(size), sha,
                                                    req.principal.accountName);
    if (!u)
        return ApiResponse::fromError(u.error());
    return uploadResponse(ctx, 201, *u);
}

ApiResponse getUpload(ApiContext &ctx, const ApiRequest &req)
{
    const QString id = req.params.value(0);
    if (!store::UploadRepository::isValidId(id))
        return ApiResponse::error(404, QStringLiteral("not_found"), tr("No such upload: %1").arg(id));
    auto u = store::UploadRepository(ctx.db).find(req.principal.tenantId, id);
    return u ? uploadResponse(ctx, 200, *u) : ApiResponse::fromError(u.error());
}

ApiResponse putPart(ApiContext &ctx, const ApiRequest &req)
{
    auto found = openUpload(ctx, req);
    if (auto *r = std::get_if<ApiResponse>(&found))
        return *r;
    const store::Upload &u = std::get<store::Upload>(found);
    bool ok = false;
    const qint64 offset = req.params.value(1).toLongLong(&ok);
    if (!ok || offset < 0)
        return bad(tr("The part offset must be a whole number of bytes."));
    const QByteArray &data = req.body();
    if (data.isEmpty())
        return bad(tr("The part is empty."));
    if (data.size() > partSize(ctx))
        return ApiResponse::error(413, QStringLiteral("payload_too_large"),
                                  tr("A part may hold at most %1 bytes; this one has %2.").arg(partSize(ctx)).arg(data.size()));
    if (offset + data.size() > u.size)
        return bad(tr("The part ends at byte %1, beyond the announced size of %2 bytes.")
                       .arg(offset + data.size())
                       .arg(u.size));
    if (offset + data.size() <= u.received) // a retransmission of a part that arrived already
        return ApiResponse::json(200, {{QStringLiteral("received"), double(u.received)}});
    if (offset != u.received)
        return ApiResponse::error(409, QStringLiteral("offset_mismatch"),
                                  tr("The upload %1 continues at byte %2, not %3.").arg(u.id).arg(u.received).arg(offset),
                                  {{QStringLiteral("received"), double(u.received)}});
    if (auto st = ctx.uploads.writePart(u.id, offset, data); !st)
        return ApiResponse::fromError(st.error());
    const qint64 received = offset + data.size();
    if (auto st = store::UploadRepository(ctx.db).setReceived(u.tenantId, u.id, received); !st)
        return ApiResponse::fromError(st.error());
    return ApiResponse::json(200, {{QStringLiteral("received"), double(received)}});
}

ApiResponse finishUpload(ApiContext &ctx, const ApiRequest &req)
{
    auto found = openUpload(ctx, req);
    if (auto *r = std::get_if<ApiResponse>(&found))
        return *r;
    const store::Upload &u = std::get<store::Upload>(found);
    auto body = req.jsonBody();
    if (!body)
        return bad(body.error().message());
    QString sha = body->value(QStringLiteral("sha256")).toString().toLower();
    if (sha.isEmpty())
        sha = u.expectedSha256;
    if (!store::BlobStore::isValidDigest(sha))
        return bad(tr("Finish the upload with its \"sha256\" (64 hexadecimal digits)."));
    if (!u.expectedSha256.isEmpty() && sha != u.expectedSha256)
        return bad(tr("The SHA-256 differs from the one announced when the upload was created."));
    if (u.received != u.size)
        return ApiResponse::error(409, QStringLiteral("conflict"),
                                  tr("The upload %1 has %2 of %3 bytes; send the rest first.")
                                      .arg(u.id)
                                      .arg(u.received)
                                      .arg(u.size),
                                  {{QStringLiteral("received"), double(u.received)}});
    const store::UploadRepository uploads(ctx.db);
    // A server killed between publishing the blob and recording it left the blob without the part file.
    const bool published = !QFileInfo::exists(ctx.uploads.pathFor(u.id)) && ctx.blobs.contains(sha);
    if (!published && u.size == 0)
        (void)ctx.uploads.writePart(u.id, 0, {});
    if (!published) {
        auto blob = ctx.uploads.publish(u.id, u.size, sha);
        if (!blob) {
            if (blob.error().code() != ErrorCode::Checksum)
                return ApiResponse::fromError(blob.error());
            (void)uploads.markAborted(u.tenantId, u.id);
            ctx.uploads.remove(u.id);
            ctx.audit(req.principal, QStringLiteral("upload.reject"), QStringLiteral("upload"), u.id,
                      {{QStringLiteral("reason"), QStringLiteral("checksum_mismatch")}, {QStringLiteral("name"), u.name}});
            return ApiResponse::error(422, QStringLiteral("checksum_mismatch"),
                                      blob.error().message() + u' ' + tr("The upload was discarded."));
        }
    }
    auto payload = store::PayloadRepository(ctx.db).add(u.tenantId, sha, u.size, u.name, req.principal.accountName);
    if (!payload)
        return ApiResponse::fromError(payload.error());
    if (auto st = uploads.markFinished(u.tenantId, u.id, payload->first.id); !st)
        return ApiResponse::fromError(st.error());
    if (payload->second)
        ctx.audit(req.principal, QStringLiteral("payload.create"), QStringLiteral("payload"),
                  QString::number(payload->first.id),
                  {{QStringLiteral("name"), payload->first.name},
                   {QStringLiteral("sha256"), sha},
                   {QStringLiteral("size"), double(u.size)}});
    return ApiResponse::json(payload->second ? 201 : 200, payloadJson(payload->first));
}

ApiResponse abortUpload(ApiContext &ctx, const ApiRequest &req)
{
    auto found = openUpload(ctx, req);
    if (auto *r = std::get_if<ApiResponse>(&found))
        return *r;
    const store::Upload &u = std::get<store::Upload>(found);
    if (auto st = store::UploadRepository(ctx.db).markAborted(u.tenantId, u.id); !st)
        return ApiResponse::fromError(st.error());
    ctx.uploads.remove(u.id);
    ctx.audit(req.principal, QStringLiteral("upload.abort"), QStringLiteral("upload"), u.id,
              {{QStringLiteral("name"), u.name}, {QStringLiteral("received"), double(u.received)}});
    return ApiResponse::noContent();
}
} // namespace

int purgeStaleUploads(ApiContext &ctx)
{
    auto stale = store::UploadRepository(ctx.db).openSince(store::nowMs() - kUploadLifetimeMs);
    if (!stale)
        return 0;
    for (const store::Upload &u : *stale) {
        (void)store::UploadRepository(ctx.db).markAborted(u.tenantId, u.id);
        ctx.uploads.remove(u.id);
    }
    return int(stale->size());
}

void addUploadRoutes(Router &r, ApiContext &ctx)
{
    r.add(Method::Post, QStringLiteral("/api/v1/uploads"), Permission::PayloadsWrite,
          [&ctx](ApiRequest &req) { return createUpload(ctx, req); });
    r.add(Method::Get, QStringLiteral("/api/v1/uploads/{id}"), Permission::PayloadsWrite,
          [&ctx](ApiRequest &req) { return getUpload(ctx, req); });
    r.add(Method::Put, QStringLiteral("/api/v1/uploads/{id}/parts/{offset}"), Permission::PayloadsWrite,
          [&ctx](ApiRequest &req) { return putPart(ctx, req); });
    r.add(Method::Post, QStringLiteral("/api/v1/uploads/{id}/finish"), Permission::PayloadsWrite,
          [&ctx](ApiRequest &req) { return finishUpload(ctx, req); });
    r.add(Method::Delete, QStringLiteral("/api/v1/uploads/{id}"), Permission::PayloadsWrite,
          [&ctx](ApiRequest &req) { return abortUpload(ctx, req); });
}

} // namespace otadesk::server
