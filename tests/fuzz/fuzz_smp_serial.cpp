// libFuzzer target: the SMP serial deframer never crashes, gives the same packets however the input is split
// into reads, never loses console text, and every packet it returns frames and deframes back to itself.
#include "core/bench/smp/SmpSerial.h"

#include <cstdlib>

using namespace otadesk::bench;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    SmpSerialDeframer whole(512);
    whole.feed(input);
    QList<QByteArray> packets;
    while (auto p = whole.takePacket())
        packets.append(*p);
    const QByteArray text = whole.takeConsoleText();

    // The same input in reads of varying sizes (taken from the input itself).
    SmpSerialDeframer pieces(512);
    qsizetype pos = 0;
    qsizetype step = size > 0 ? 1 + quint8(input[0]) % 61 : 1;
    while (pos < input.size()) {
        const qsizetype n = qMin(step, input.size() - pos);
        pieces.feed(QByteArrayView(input).sliced(pos, n));
        pos += n;
        step = 1 + (step * 7 + 3) % 97;
    }
    QList<QByteArray> again;
    while (auto p = pieces.takePacket())
        again.append(*p);
    if (again != packets || pieces.takeConsoleText() != text || pieces.crcErrors() != whole.crcErrors()
        || pieces.framingErrors() != whole.framingErrors())
        std::abort();

    for (const QByteArray &packet : packets) {
        SmpSerialDeframer check;
        check.feed(SmpSerial::frame(packet));
        auto back = check.takePacket();
        if (!back || *back != packet || check.hasPacket())
            std::abort();
    }
    // Framing the raw input as a packet round-trips too (lengths up to 0xfffd).
    if (input.size() <= 0xfffd) {
        SmpSerialDeframer check;
        const QByteArray framed = SmpSerial::frame(input);
        if (framed.size() != SmpSerial::framedSize(input.size()))
            std::abort();
        check.feed(framed);
        auto back = check.takePacket();
        if (!back || *back != input)
            std::abort();
    }
    return 0;
}
