#include "core/bench/smp/SmpHeader.h"

#include <QCoreApplication>

namespace otadesk::bench {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("otadesk::bench::Smp", text); }
} // namespace

Result<SmpHeader> SmpHeader::parse(QByteArrayView bytes)
{
    if (bytes.size() < Size)
        return fail(ErrorCode::Format,
                    tr("The SMP packet has %1 bytes, fewer than the 8 of its header.").arg(bytes.size()));
    const auto b = [&](int i) { return quint8(bytes[i]); };
    if (b(0) & 0xe0)
        return fail(ErrorCode::Format,
                    tr("The SMP header's reserved bits are set (first byte 0x%1).").arg(b(0), 2, 16, QLatin1Char('0')),
                    SourceLocation{{}, -1, -1, 0});
    SmpHeader h;
    h.op = SmpOp(b(0) & 0x07);
    h.version = SmpVersion((b(0) >> 3) & 0x03);
    if (quint8(h.op) > quint8(SmpOp::WriteResponse))
        return fail(ErrorCode::Format, tr("The SMP header has the unknown operation %1.").arg(quint8(h.op)),
                    SourceLocation{{}, -1, -1, 0});
    h.flags = b(1);
    h.length = quint16((b(2) << 8) | b(3));
    h.group = quint16((b(4) << 8) | b(5));
    h.sequence = b(6);
    h.command = b(7);
    return h;
}

void SmpHeader::appendTo(QByteArray &out) const
{
    out.append(char((quint8(version) & 0x03) << 3 | (quint8(op) & 0x07)));
    out.append(char(flags));
    out.append(char(length >> 8)).append(char(length & 0xff));
    out.append(char(group >> 8)).append(char(group & 0xff));
    out.append(char(sequence));
    out.append(char(command));
}

QByteArray SmpHeader::toBytes() const
{
    QByteArray out;
    out.reserve(Size);
    appendTo(out);
    return out;
}

SmpOp SmpHeader::responseOp(SmpOp request)
{
    return request == SmpOp::Write || request == SmpOp::WriteResponse ? SmpOp::WriteResponse : SmpOp::ReadResponse;
}

QString smpCommandName(quint16 group, quint8 command)
{
    if (group == SmpGroup::Os) {
        switch (command) {
        case OsCommand::Echo: return QStringLiteral("os/echo");
        case OsCommand::Reset: return QStringLiteral("os/reset");
        case OsCommand::McumgrParams: return QStringLiteral("os/mcumgr-params");
        case OsCommand::OsInfo: return QStringLiteral("os/info");
        case OsCommand::BootloaderInfo: return QStringLiteral("os/bootloader-info");
        default: break;
        }
    } else if (group == SmpGroup::Image) {
        switch (command) {
        case ImageCommand::State: return QStringLiteral("image/state");
        case ImageCommand::Upload: return QStringLiteral("image/upload");
        case ImageCommand::Erase: return QStringLiteral("image/erase");
        case ImageCommand::SlotInfo: return QStringLiteral("image/slot-info");
        default: break;
        }
    }
    return tr("group %1 command %2").arg(group).arg(command);
}

} // namespace otadesk::bench
