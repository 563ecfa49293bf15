#pragma once
// The JSON shapes of the API's objects (docs/openapi.yaml describes them).
#include "core/store/StoreTypes.h"

#include <QJsonObject>

namespace otadesk::server {

QJsonObject tenantJson(const store::Tenant &t);
QJsonObject accountJson(const store::Account &a);
QJsonObject tokenJson(const store::TokenInfo &t);
QJsonObject keyJson(const store::TenantKey &k);
QJsonObject uploadJson(const store::Upload &u, qint64 partSize, qint64 expiresAt);
QJsonObject payloadJson(const store::Payload &p);
QJsonObject manifestJson(const store::ManifestRecord &m);
QJsonObject auditJson(const store::AuditEntry &e);

} // namespace otadesk::server
