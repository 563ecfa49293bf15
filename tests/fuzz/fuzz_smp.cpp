// libFuzzer target: the SMP packet decoder and the typed parsers of every OS/image response and request never
// crash; a decoded packet re-encodes to a packet that decodes to the same value. The input is tried as one raw
// packet and, through the serial deframer, as console text carrying framed packets (the seed corpus is framed).
#include "core/bench/smp/SmpCommands.h"
#include "core/bench/smp/SmpSerial.h"

#include <cstdlib>

using namespace otadesk::bench;

namespace {
void exercise(QByteArrayView bytes)
{
    auto packet = SmpPacket::decode(bytes);
    if (!packet)
        return;
    const CborValue &body = packet->body;
    const SmpStatus status = SmpStatus::fromBody(body);
    (void)status.text();
    (void)smpCommandName(packet->header.group, packet->header.command);
    (void)SmpCommands::parseEcho(body);
    (void)SmpCommands::parseState(body);
    (void)SmpCommands::parseUpload(body);
    (void)SmpCommands::parseParams(body);
    (void)SmpCommands::parseSlotInfo(body);
    (void)SmpCommands::parseOsInfo(body);
    (void)SmpCommands::parseBootloaderInfo(body);
    (void)SmpCommands::parseEchoRequest(body);
    (void)SmpCommands::parseStateWrite(body);
    (void)SmpCommands::parseEraseRequest(body);
    (void)SmpCommands::parseResetForce(body);
    if (auto upload = SmpCommands::parseUploadRequest(body)) {
        // The request rebuilt from its fields decodes to the same fields.
        auto again = SmpCommands::parseUploadRequest(SmpCommands::upload(*upload));
        if (!again || again->offset != upload->offset || again->data != upload->data)
            std::abort();
        (void)SmpCommands::maxUploadData(*upload, 2048, SmpVersion::V2);
    }
    const QByteArray encoded = SmpPacket::encode(packet->header.op, packet->header.version, packet->header.group,
                                                 packet->header.command, packet->header.sequence, body);
    if (encoded.isEmpty())
        return; // a body re-encoded with definite lengths can exceed 64 KiB only if it was indefinite
    auto again = SmpPacket::decode(encoded);
    if (!again || !again->body.sameValue(body) || again->header.sequence != packet->header.sequence)
        std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    exercise(input);
    SmpSerialDeframer deframer;
    deframer.feed(input);
    while (auto packet = deframer.takePacket())
        exercise(*packet);
    return 0;
}
