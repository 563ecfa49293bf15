#pragma once
// The 8-byte SMP (MCUmgr) header, big-endian (STANDARDS.md §3.2): byte 0 = (version << 3) | op, flags, body
// length, group, sequence, command.
#include "core/common/Error.h"

#include <QByteArray>
#include <QByteArrayView>

namespace otadesk::bench {

enum class SmpOp : quint8 { Read = 0, ReadResponse = 1, Write = 2, WriteResponse = 3 };
// Two bits on the wire: a request may carry 2 ("v3", not defined yet); parse() keeps it so that a server can
// answer MGMT_ERR_UNSUPPORTED_TOO_NEW.
enum class SmpVersion : quint8 { V1 = 0, V2 = 1 };

namespace SmpGroup {
constexpr quint16 Os = 0, Image = 1, Stat = 2, Settings = 3, Fs = 8, Shell = 9;
}
namespace OsCommand {
constexpr quint8 Echo = 0, Reset = 5, McumgrParams = 6, OsInfo = 7, BootloaderInfo = 8;
}
namespace ImageCommand {
constexpr quint8 State = 0, Upload = 1, Erase = 5, SlotInfo = 6;
}

struct SmpHeader
{
    SmpOp op = SmpOp::Read;
    SmpVersion version = SmpVersion::V2;
    quint8 flags = 0;
    quint16 length = 0; // of the CBOR body
    quint16 group = 0;
    quint8 sequence = 0;
    quint8 command = 0;
    static constexpr int Size = 8;

    // The first 8 bytes of `bytes` (more may follow). Fails if fewer than 8 bytes or reserved bits are set.
    static Result<SmpHeader> parse(QByteArrayView bytes);
    void appendTo(QByteArray &out) const;
    QByteArray toBytes() const;

    bool isResponse() const { return op == SmpOp::ReadResponse || op == SmpOp::WriteResponse; }
    // The response op for a request op (Read -> ReadResponse, Write -> WriteResponse).
    static SmpOp responseOp(SmpOp request);
};

// "os/echo", "image/upload", "group 64 command 3": for logs and error messages.
QString smpCommandName(quint16 group, quint8 command);

} // namespace otadesk::bench
