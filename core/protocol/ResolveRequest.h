#pragma once
// The body a device posts to POST /device/v1/updates/{id}/resolve (docs/device-updates.md §5): the CBOR map of
// docs/suit-characteristics.md, { 0 => bstr SUIT_Digest of the manifest, + code / [code, argument] => value }.
// Untrusted input: bounded size and depth, every key and value type checked; a characteristic the device
// could not determine is reported as null and left unset here. The error names what is wrong and where.
#include "core/common/Error.h"
#include "core/manifest/SuitDigest.h"

#include <QCoreApplication>
#include <QMap>
#include <QUuid>
#include <optional>

namespace otadesk::protocol {

struct ResolveRequest
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::protocol::ResolveRequest)
public:
    QByteArray manifestDigest; // key 0: the content of the envelope's digest bstr (an encoded SUIT_Digest)
    std::optional<QUuid> vendorId;
    std::optional<QUuid> classId;
    std::optional<QUuid> deviceId;
    QString hardwareRevision;
    QString serial;
    QMap<quint64, QString> componentVersions;            // [6, index]
    QMap<quint64, manifest::SuitDigest> componentDigests; // [7, index]
    QMap<QString, QString> attributes;                   // [8, key]: text, or the decimal / hex / true|false form

    static Result<ResolveRequest> parse(QByteArrayView body);
    static constexpr int kMaxBodyBytes = 16 * 1024;
    static constexpr int kMaxEntries = 128;
};

} // namespace otadesk::protocol
