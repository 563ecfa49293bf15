#pragma once
// The public keys a tenant's SUIT envelopes must verify against before the server accepts them.
#include "core/common/Error.h"
#include "core/store/StoreTypes.h"

#include <QCoreApplication>
#include <QList>

namespace otadesk::store {

class Database;

class KeyRepository
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::store::KeyRepository)
public:
    explicit KeyRepository(const Database &db) : m_db(db) {}

    // Parses the PEM (SubjectPublicKeyInfo); refuses private keys, garbage and a key the tenant has already.
    Result<TenantKey> add(qint64 tenantId, const QString &name, const QByteArray &publicKeyPem) const;
    Result<QList<TenantKey>> list(qint64 tenantId) const;
    Result<TenantKey> find(qint64 tenantId, qint64 id) const;
    Status remove(qint64 tenantId, qint64 id) const;

private:
    const Database &m_db;
};

} // namespace otadesk::store
