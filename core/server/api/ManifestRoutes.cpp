// Signed SUIT envelopes: accepted only when a key the tenant registered verifies them (and the manifest is not a
// rollback of its product); listed, shown, downloaded and removed.
#include "core/crypto/Digest.h"
#include "core/manifest/CoseSign1.h"
#include "core/manifest/SuitVerifier.h"
#include "core/server/api/ApiContext.h"
#include "core/server/api/JsonViews.h"
#include "core/server/api/Router.h"
#include "core/store/KeyRepository.h"
#include "core/store/ManifestRepository.h"

#include <QFile>
#include <QJsonArray>

namespace otadesk::server {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("otadesk::server", text);
}

ApiResponse refuse(const QString &code, const QString &message, const manifest::SuitVerificationReport &report)
{
    QJsonArray failed;
    for (const manifest::SuitCheck &c : report.checks) {
        if (!c.passed)
            failed.append(QJsonObject{{QStringLiteral("check"), c.id}, {QStringLiteral("message"), c.message}});
    }
    return ApiResponse::error(422, code, message, {{QStringLiteral("checks"), failed}});
}

// The COSE kids of the envelope's signatures (hex).
QStringList signatureKids(const manifest::SuitEnvelope &env)
{
    QStringList kids;
    for (const manifest::SuitAuthBlock &b : env.authBlocks) {
        if (b.kind != manifest::SuitAuthBlock::Kind::Sign1)
            continue;
        if (auto s = manifest::CoseSign1::parse(b.value, env.bytes); s && !s->headers.keyId().isEmpty())
            kids << QString::fromLatin1(s->headers.keyId().toHex());
    }
    return kids;
}

QString defaultProduct(const manifest::SuitManifest &m)
{
    std::optional<QUuid> vendor, cls;
    for (const manifest::SuitCommand &c : m.sharedSequence) {
        if (!c.parameters)
            continue;
        if (c.parameters->vendorId && !vendor)
            vendor = c.parameters->vendorId;
        if (c.parameters->classId && !cls)
            cls = c.parameters->classId;
    }
    if (!vendor || !cls)
        return QStringLiteral("unspecified");
    return vendor->toString(QUuid::WithoutBraces) + u'/' + cls->toString(QUuid::WithoutBraces);
}

ApiResponse publishManifest(ApiContext &ctx, const ApiRequest &req)
{
    const QByteArray &bytes = req.body();
    if (bytes.isEmpty())
        return ApiResponse::error(400, QStringLiteral("invalid_request"),
                                  tr("Send the signed SUIT envelope (CBOR) as the request body."));
    auto registered = store::KeyRepository(ctx.db).list(req.principal.tenantId);
    if (!registered)
        return ApiResponse::fromError(registered.error());
    QList<manifest::SuitTrustedKey> keys;
    QStringList kids;
    for (const store::TenantKey &k : *registered) {
        if (auto pk = crypto::PublicKey::fromPem(k.publicKeyPem.toUtf8())) {
            keys.append({k.name, *pk});
            kids << k.kid;
        }
    }
    const manifest::SuitVerificationReport report = manifest::SuitVerifier::verifyEnvelope(bytes, keys);
    if (!report.envelope || !report.manifest) {
        const manifest::SuitCheck *first = nullptr;
        for (const manifest::SuitCheck &c : report.checks) {
            if (!c.passed && !first)
                first = &c;
        }
        return refuse(QStringLiteral("invalid_envelope"),
                      tr("This is not a SUIT envelope the server can read: %1")
                          .arg(first ? first->message : tr("no manifest")),
                      report);
    }
    if (!report.ok()) {
        const QStringList used = signatureKids(*report.envelope);
        const bool known = std::any_of(used.begin(), used.end(), [&](const QString &kid) { return kids.contains(kid); });
        if (keys.isEmpty() || (!used.isEmpty() && !known))
            return refuse(QStringLiteral("unknown_key"),
                          keys.isEmpty() ? tr("The tenant has no registered public keys; register the signer's key first "
                                              "(POST /api/v1/keys).")
                                         : tr("The envelope is signed with a key the tenant has not registered (kid %1).")
                                               .arg(used.join(QStringLiteral(", "))),
                          report);
        QStringList why;
        for (const manifest::SuitCheck &c : report.checks) {
            if (!c.passed)
                why << c.id + QStringLiteral(": ") + c.message;
        }
        return refuse(QStringLiteral("signature_invalid"),
                      tr("The envelope does not verify: %1").arg(why.join(QStringLiteral("; "))), report);
    }
    const manifest::SuitManifest &m = *report.manifest;
    QString product = req.query(QStringLiteral("product")).trimmed();
    if (product.isEmpty())
        product = defaultProduct(m);
    if (product.size() > 200)
        return ApiResponse::error(400, QStringLiteral("invalid_request"), tr("The product name is too long."));
    auto blob = ctx.blobs.store(bytes);
    if (!blob)
        return ApiResponse::fromError(blob.error());
    store::ManifestRecord rec;
    rec.tenantId = req.principal.tenantId;
    rec.product = product;
    rec.sequenceNumber = qint64(m.sequenceNumber.value_or(0));
    rec.manifestDigest = QString::fromLatin1(report.envelope->manifestDigest->bytes.toHex());
    rec.envelopeSha256 = blob->sha256;
    rec.size = bytes.size();
    rec.signer = report.signerKey;
    rec.createdBy = req.principal.accountName;
    auto added = store::ManifestRepository(ctx.db).add(rec);
    if (!added) {
        if (blob->created)
            ctx.releaseBlob(blob->sha256);
        if (added.error().code() == ErrorCode::Conflict)
            return ApiResponse::error(409, QStringLiteral("rollback"), added.error().message());
        return ApiResponse::fromError(added.error());
    }
    if (added->second)
        ctx.audit(req.principal, QStringLiteral("manifest.create"), QStringLiteral("manifest"),
                  QString::number(added->first.id),
                  {{QStringLiteral("product"), product},
                   {QStringLiteral("sequence_number"), double(rec.sequenceNumber)},
                   {QStringLiteral("manifest_digest"), rec.manifestDigest},
                   {QStringLiteral("signer"), rec.signer}});
    return ApiResponse::json(added->second ? 201 : 200, manifestJson(added->first));
}

std::variant<store::ManifestRecord, ApiResponse> manifestOf(ApiContext &ctx, const ApiRequest &req)
{
    const auto id = req.idParam();
    if (!id)
        return ApiResponse::error(404, QStringLiteral("not_found"), tr("No such manifest: %1").arg(req.params.value(0)));
    auto m = store::ManifestRepository(ctx.db).find(req.principal.tenantId, *id);
    if (!m)
        return ApiResponse::fromError(m.error());
    return *m;
}

ApiResponse listManifests(ApiContext &ctx, const ApiRequest &req)
{
    auto query = listQueryFrom(req);
    if (auto *r = std::get_if<ApiResponse>(&query))
        return *r;
    const auto &q = std::get<store::ListQuery>(query);
    auto page = store::ManifestRepository(ctx.db).list(req.principal.tenantId, q);
    if (!page)
        return ApiResponse::fromError(page.error());
    QJsonArray items;
    for (const store::ManifestRecord &m : page->items)
        items.append(manifestJson(m));
    return ApiResponse::json(200, pageJson(items, page->total, q));
}

ApiResponse getManifest(ApiContext &ctx, const ApiRequest &req)
{
    auto found = manifestOf(ctx, req);
    if (auto *r = std::get_if<ApiResponse>(&found))
        return *r;
    return ApiResponse::json(200, manifestJson(std::get<store::ManifestRecord>(found)));
}

ApiResponse manifestEnvelope(ApiContext &ctx, const ApiRequest &req)
{
    auto found = manifestOf(ctx, req);
    if (auto *r = std::get_if<ApiResponse>(&found))
        return *r;
    const auto &m = std::get<store::ManifestRecord>(found);
    QFile file(ctx.blobs.pathFor(m.envelopeSha256));
    if (!file.open(QIODevice::ReadOnly))
        return ApiResponse::error(500, QStringLiteral("internal"),
                                  tr("The envelope of manifest %1 is missing from the data folder.").arg(m.id));
    ApiResponse r;
    r.contentType = "application/suit-envelope+cose";
    r.body = file.readAll(); // envelopes are small (the request body limit bounds them)
    r.headers = {{"ETag", '"' + m.envelopeSha256.toLatin1() + '"'}};
    return r;
}

ApiResponse removeManifest(ApiContext &ctx, const ApiRequest &req)
{
    auto found = manifestOf(ctx, req);
    if (auto *r = std::get_if<ApiResponse>(&found))
        return *r;
    const auto &m = std::get<store::ManifestRecord>(found);
    if (auto st = store::ManifestRepository(ctx.db).remove(m.tenantId, m.id); !st)
        return ApiResponse::fromError(st.error());
    ctx.releaseBlob(m.envelopeSha256);
    ctx.audit(req.principal, QStringLiteral("manifest.remove"), QStringLiteral("manifest"), QString::number(m.id),
              {{QStringLiteral("product"), m.product}, {QStringLiteral("sequence_number"), double(m.sequenceNumber)}});
    return ApiResponse::noContent();
}
} // namespace

void addManifestRoutes(Router &r, ApiContext &ctx)
{
    r.add(Method::Post, QStringLiteral("/api/v1/manifests"), Permission::ManifestsWrite,
          [&ctx](ApiRequest &req) { return publishManifest(ctx, req); });
    r.add(Method::Get, QStringLiteral("/api/v1/manifests"), Permission::ManifestsRead,
          [&ctx](ApiRequest &req) { return listManifests(ctx, req); });
    r.add(Method::Get, QStringLiteral("/api/v1/manifests/{id}"), Permission::ManifestsRead,
          [&ctx](ApiRequest &req) { return getManifest(ctx, req); });
    r.add(Method::Get, QStringLiteral("/api/v1/manifests/{id}/envelope"), Permission::ManifestsRead,
          [&ctx](ApiRequest &req) { return manifestEnvelope(ctx, req); });
    r.add(Method::Delete, QStringLiteral("/api/v1/manifests/{id}"), Permission::ManifestsDelete,
          [&ctx](ApiRequest &req) { return removeManifest(ctx, req); });
}

} // namespace otadesk::server
