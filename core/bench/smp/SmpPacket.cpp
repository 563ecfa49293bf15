#include "core/bench/smp/SmpPacket.h"

#include "core/manifest/CborDecoder.h"
#include "core/manifest/CborEncoder.h"

#include <QCoreApplication>

namespace otadesk::bench {

using manifest::CborDecoder;
using manifest::CborEncoder;

namespace {
QString tr(const char *text) { return QCoreApplication::translate("otadesk::bench::Smp", text); }
} // namespace

Result<SmpPacket> SmpPacket::decode(QByteArrayView packet)
{
    auto header = SmpHeader::parse(packet);
    if (!header)
        return std::unexpected(header.error());
    const qsizetype bodySize = packet.size() - SmpHeader::Size;
    if (bodySize != header->length)
        return fail(ErrorCode::Format,
                    tr("The SMP header announces a %1-byte body but %2 bytes follow it.").arg(header->length).arg(bodySize),
                    SourceLocation{{}, -1, -1, 2});
    SmpPacket result;
    result.header = *header;
    if (bodySize == 0) {
        result.body = CborValue::map();
        return result;
    }
    auto body = CborDecoder::decode(packet.sliced(SmpHeader::Size), {16, false});
    if (!body) {
        Error e = body.error();
        SourceLocation where = e.where();
        if (where.offset >= 0)
            where.offset += SmpHeader::Size;
        return fail(ErrorCode::Format, tr("The SMP body is not valid CBOR: %1").arg(e.message()), where);
    }
    if (!body->isMap())
        return fail(ErrorCode::Format, tr("The SMP body is not a CBOR map."), SourceLocation{{}, -1, -1, 8});
    result.body = std::move(*body);
    return result;
}

QByteArray SmpPacket::encode(SmpOp op, SmpVersion version, quint16 group, quint8 command, quint8 sequence,
                             const CborValue &bodyMap)
{
    const QByteArray body = CborEncoder::encode(bodyMap.isValid() ? bodyMap : CborValue::map());
    if (body.size() > 0xffff)
        return {};
    SmpHeader h;
    h.op = op;
    h.version = version;
    h.length = quint16(body.size());
    h.group = group;
    h.sequence = sequence;
    h.command = command;
    QByteArray out;
    out.reserve(SmpHeader::Size + body.size());
    h.appendTo(out);
    out.append(body);
    return out;
}

QByteArray SmpPacket::encodeResponse(const SmpHeader &request, SmpVersion version, const CborValue &bodyMap)
{
    return encode(SmpHeader::responseOp(request.op), version, request.group, request.command, request.sequence,
                  bodyMap);
}

qsizetype SmpPacket::packetSize(QByteArrayView bytes)
{
    if (bytes.size() < SmpHeader::Size)
        return -1;
    return SmpHeader::Size + ((quint8(bytes[2]) << 8) | quint8(bytes[3]));
}

} // namespace otadesk::bench
