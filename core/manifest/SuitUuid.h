#pragma once
// Name-based UUIDs (RFC 9562 §5.5, version 5: SHA-1) as SUIT builds its vendor and class identifiers
// (draft-ietf-suit-manifest "Constructing UUIDs"): vendor-id = UUIDv5(NameSpace_DNS, vendor domain),
// class-id = UUIDv5(vendor-id, model name).
#include <QByteArrayView>
#include <QUuid>

namespace otadesk::manifest::suitUuid {

// 6ba7b810-9dad-11d1-80b4-00c04fd430c8 (RFC 9562 §6.6)
QUuid nameSpaceDns();
// SHA-1 over the namespace's 16 bytes (network order) followed by the name; version 5, RFC variant bits.
QUuid v5(const QUuid &nameSpace, QByteArrayView name);
QUuid vendorId(const QString &vendorDomain);
QUuid classId(const QUuid &vendorId, const QString &modelName);

} // namespace otadesk::manifest::suitUuid
