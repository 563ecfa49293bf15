#pragma once
// One SMP packet: the 8-byte header and its CBOR body (always a map). decode() takes untrusted bytes
// (definite and indefinite CBOR lengths); encode() writes definite lengths in the order given.
#include "core/bench/smp/SmpHeader.h"
#include "core/manifest/CborValue.h"

namespace otadesk::bench {

using manifest::CborMapEntry;
using manifest::CborValue;

struct SmpPacket
{
    SmpHeader header;
    CborValue body; // always a map (an empty map for a packet without body bytes)

    // Exactly one packet: the header's length must match the bytes after it, and the body must be one CBOR map.
    static Result<SmpPacket> decode(QByteArrayView packet);
    // Header + deterministic-length CBOR body. Returns an empty array if the body does not fit the 16-bit length.
    static QByteArray encode(SmpOp op, SmpVersion version, quint16 group, quint8 command, quint8 sequence,
                             const CborValue &bodyMap);
    // The answer to `request`: same group, command and sequence, the response op, the given version.
    static QByteArray encodeResponse(const SmpHeader &request, SmpVersion version, const CborValue &bodyMap);
    // Length of the packet starting at `bytes` (header + body) once 8 bytes are there; -1 before that.
    static qsizetype packetSize(QByteArrayView bytes);
};

} // namespace otadesk::bench
