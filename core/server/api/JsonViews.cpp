#include "core/server/api/JsonViews.h"

#include "core/server/api/ApiTypes.h"

namespace otadesk::server {

namespace {
QJsonValue optionalId(std::optional<qint64> v)
{
    return v ? QJsonValue(double(*v)) : QJsonValue(QJsonValue::Null);
}
} // namespace

QJsonObject tenantJson(const store::Tenant &t)
{
    return {{QStringLiteral("id"), double(t.id)},
            {QStringLiteral("name"), t.name},
            {QStringLiteral("created_at"), isoTime(t.createdAt)}};
}

QJsonObject accountJson(const store::Account &a)
{
    return {{QStringLiteral("id"), double(a.id)},
            {QStringLiteral("name"), a.name},
            {QStringLiteral("role"), store::roleName(a.role)},
            {QStringLiteral("server_admin"), a.serverAdmin},
            {QStringLiteral("created_at"), isoTime(a.createdAt)}};
}

QJsonObject tokenJson(const store::TokenInfo &t)
{
    return {{QStringLiteral("id"), double(t.id)},
            {QStringLiteral("account_id"), double(t.accountId)},
            {QStringLiteral("prefix"), t.prefix},
            {QStringLiteral("label"), t.label},
            {QStringLiteral("created_at"), isoTime(t.createdAt)},
            {QStringLiteral("expires_at"), isoTime(t.expiresAt)},
            {QStringLiteral("last_used_at"), isoTime(t.lastUsedAt)},
            {QStringLiteral("revoked"), t.revoked}};
}

QJsonObject keyJson(const store::TenantKey &k)
{
    QString grouped;
    for (qsizetype i = 0; i < k.kid.size(); i += 4)
        grouped += (i ? QStringLiteral(" ") : QString()) + k.kid.mid(i, 4);
    return {{QStringLiteral("id"), double(k.id)},
            {QStringLiteral("name"), k.name},
            {QStringLiteral("algorithm"), k.algorithm},
            {QStringLiteral("kid"), k.kid},
            {QStringLiteral("fingerprint"), grouped},
            {QStringLiteral("public_key_pem"), k.publicKeyPem},
            {QStringLiteral("created_at"), isoTime(k.createdAt)}};
}

QJsonObject uploadJson(const store::Upload &u, qint64 partSize, qint64 expiresAt)
{
    return {{QStringLiteral("id"), u.id},
            {QStringLiteral("name"), u.name},
            {QStringLiteral("size"), double(u.size)},
            {QStringLiteral("received"), double(u.received)},
            {QStringLiteral("part_size"), double(partSize)},
            {QStringLiteral("state"), store::uploadStateName(u.state)},
            {QStringLiteral("sha256"), u.expectedSha256.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                                  : QJsonValue(u.expectedSha256)},
            {QStringLiteral("created_at"), isoTime(u.createdAt)},
            {QStringLiteral("expires_at"), isoTime(expiresAt)},
            {QStringLiteral("payload_id"), optionalId(u.payloadId)}};
}

QJsonObject payloadJson(const store::Payload &p)
{
    return {{QStringLiteral("id"), double(p.id)},
            {QStringLiteral("name"), p.name},
            {QStringLiteral("size"), double(p.size)},
            {QStringLiteral("sha256"), p.sha256},
            {QStringLiteral("created_at"), isoTime(p.createdAt)},
            {QStringLiteral("created_by"), p.createdBy}};
}

QJsonObject manifestJson(const store::ManifestRecord &m)
{
    return {{QStringLiteral("id"), double(m.id)},
            {QStringLiteral("product"), m.product},
            {QStringLiteral("sequence_number"), double(m.sequenceNumber)},
            {QStringLiteral("manifest_digest"), m.manifestDigest},
            {QStringLiteral("envelope_sha256"), m.envelopeSha256},
            {QStringLiteral("size"), double(m.size)},
            {QStringLiteral("signer"), m.signer},
            {QStringLiteral("created_at"), isoTime(m.createdAt)},
            {QStringLiteral("created_by"), m.createdBy}};
}

QJsonObject auditJson(const store::AuditEntry &e)
{
    return {{QStringLiteral("id"), double(e.id)},
            {QStringLiteral("actor"), e.actor},
            {QStringLiteral("action"), e.action},
            {QStringLiteral("object_type"), e.objectType},
            {QStringLiteral("object_id"), e.objectId},
            {QStringLiteral("details"), e.details},
            {QStringLiteral("at"), isoTime(e.at)}};
}

} // namespace otadesk::server
