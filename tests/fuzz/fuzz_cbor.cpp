// libFuzzer target: the CBOR decoder never crashes; whatever decodes re-encodes (deterministically) to bytes
// that decode to the same value, and the diagnostic notation can always be produced.
#include "core/manifest/CborDecoder.h"
#include "core/manifest/CborDiagnostic.h"
#include "core/manifest/CborEncoder.h"

#include <cstdlib>

using namespace otadesk::manifest;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    auto value = CborDecoder::decode(input);
    if (!value)
        return 0;
    (void)toDiagnostic(*value);
    for (auto order : {CborEncoder::MapOrder::AsGiven, CborEncoder::MapOrder::Deterministic}) {
        const QByteArray encoded = CborEncoder::encode(*value, order);
        auto again = CborDecoder::decode(encoded);
        if (!again)
            std::abort(); // the encoder wrote something the decoder rejects
        if (order == CborEncoder::MapOrder::AsGiven && !again->sameValue(*value))
            std::abort();
        if (order == CborEncoder::MapOrder::Deterministic && !CborDecoder::decode(encoded, {64, true}))
            std::abort(); // deterministic output must pass strict decoding
    }
    return 0;
}
