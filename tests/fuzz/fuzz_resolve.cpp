// libFuzzer target: the characteristic report a device posts to /device/v1/updates/{id}/resolve (untrusted
// CBOR). Never crashes; a report that parses, encoded again with CharacteristicReport::encode, parses to the
// same values.
#include "core/manifest/CharacteristicExtension.h"
#include "core/protocol/ResolveRequest.h"

#include <cstdlib>

using namespace otadesk;
using manifest::CborValue;
using manifest::CharacteristicCode;
using manifest::CharacteristicRequest;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    auto r = protocol::ResolveRequest::parse(input);
    if (!r)
        return 0;
    QList<std::pair<CharacteristicRequest, CborValue>> values;
    const auto uuid = [&](CharacteristicCode code, const std::optional<QUuid> &u) {
        if (u)
            values.append({CharacteristicRequest{code, std::nullopt, {}}, CborValue::fromBytes(u->toRfc4122())});
    };
    uuid(CharacteristicCode::VendorId, r->vendorId);
    uuid(CharacteristicCode::ClassId, r->classId);
    uuid(CharacteristicCode::DeviceId, r->deviceId);
    if (!r->hardwareRevision.isEmpty())
        values.append({CharacteristicRequest{CharacteristicCode::HardwareRevision, std::nullopt, {}},
                       CborValue::fromText(r->hardwareRevision)});
    for (auto it = r->componentVersions.begin(); it != r->componentVersions.end(); ++it)
        values.append({CharacteristicRequest{CharacteristicCode::ComponentVersion, it.key(), {}},
                       CborValue::fromText(it.value())});
    for (auto it = r->componentDigests.begin(); it != r->componentDigests.end(); ++it)
        values.append({CharacteristicRequest{CharacteristicCode::ComponentDigest, it.key(), {}}, it.value().toCbor()});
    for (auto it = r->attributes.begin(); it != r->attributes.end(); ++it)
        values.append({CharacteristicRequest{CharacteristicCode::Attribute, std::nullopt, it.key()},
                       CborValue::fromText(it.value())});
    auto again = protocol::ResolveRequest::parse(manifest::CharacteristicReport::encode(r->manifestDigest, values));
    if (!again || again->manifestDigest != r->manifestDigest || again->vendorId != r->vendorId ||
        again->classId != r->classId || again->deviceId != r->deviceId ||
        again->hardwareRevision != r->hardwareRevision || again->componentVersions != r->componentVersions ||
        again->attributes != r->attributes || again->componentDigests.keys() != r->componentDigests.keys())
        std::abort();
    return 0;
}
