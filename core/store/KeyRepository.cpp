#include "core/store/KeyRepository.h"

#include "core/crypto/Key.h"
#include "core/store/Database.h"

namespace otadesk::store {

namespace {
const QString kColumns = QStringLiteral("id, tenant_id, name, algorithm, kid, public_key_pem, created_at");

TenantKey keyFrom(const QSqlQuery &q)
{
    return {q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toString(),
            q.value(4).toString(),   q.value(5).toString(),   q.value(6).toLongLong()};
}
} // namespace

Result<TenantKey> KeyRepository::add(qint64 tenantId, const QString &name, const QByteArray &publicKeyPem) const
{
    if (publicKeyPem.contains("PRIVATE KEY"))
        return fail(ErrorCode::InvalidArgument,
                    tr("This is a private key. Register only the public key; private keys never leave the desktop."));
    auto key = crypto::PublicKey::fromPem(publicKeyPem);
    if (!key)
        return fail(ErrorCode::InvalidArgument,
                    tr("The public key cannot be read: %1").arg(key.error().message()));
    TenantKey k{0,
                tenantId,
                name.trimmed(),
                crypto::keyTypeName(key->type()),
                QString::fromLatin1(key->keyId().toHex()),
                QString::fromLatin1(key->toPem()),
                nowMs()};
    if (k.name.isEmpty())
        k.name = k.kid.left(16);
    auto existing = m_db.scalar(QStringLiteral("SELECT name FROM tenant_keys WHERE tenant_id = ? AND kid = ?"),
                                {tenantId, k.kid});
    if (!existing)
        return std::unexpected(existing.error());
    if (!existing->isNull())
        return fail(ErrorCode::Conflict,
                    tr("This key is registered already as \"%1\".").arg(existing->toString()));
    auto id = m_db.scalar(QStringLiteral("INSERT INTO tenant_keys(tenant_id, name, algorithm, kid, public_key_pem,"
                                         " created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"),
                          {tenantId, k.name, k.algorithm, k.kid, k.publicKeyPem, k.createdAt});
    if (!id)
        return std::unexpected(id.error());
    k.id = id->toLongLong();
    return k;
}

Result<QList<TenantKey>> KeyRepository::list(qint64 tenantId) const
{
    auto q = m_db.exec(QStringLiteral("SELECT %1 FROM tenant_keys WHERE tenant_id = ? ORDER BY id").arg(kColumns),
                       {tenantId});
    if (!q)
        return std::unexpected(q.error());
    QList<TenantKey> out;
    while (q->next())
        out.append(keyFrom(*q));
    return out;
}

Result<TenantKey> KeyRepository::find(qint64 tenantId, qint64 id) const
{
    auto q = m_db.exec(QStringLiteral("SELECT %1 FROM tenant_keys WHERE tenant_id = ? AND id = ?").arg(kColumns),
                       {tenantId, id});
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return fail(ErrorCode::NotFound, tr("No such key: %1").arg(id));
    return keyFrom(*q);
}

Status KeyRepository::remove(qint64 tenantId, qint64 id) const
{
    auto gone = m_db.scalar(QStringLiteral("DELETE FROM tenant_keys WHERE tenant_id = ? AND id = ? RETURNING id"),
                            {tenantId, id});
    if (!gone)
        return std::unexpected(gone.error());
    if (gone->isNull())
        return fail(ErrorCode::NotFound, tr("No such key: %1").arg(id));
    return {};
}

} // namespace otadesk::store
