#include "core/bench/smp/SmpSerial.h"

#include <array>

namespace otadesk::bench {

namespace {
constexpr std::array<quint16, 256> makeCrcTable()
{
    std::array<quint16, 256> table{};
    for (int i = 0; i < 256; ++i) {
        quint16 crc = quint16(i << 8);
        for (int bit = 0; bit < 8; ++bit)
            crc = quint16((crc & 0x8000) ? (crc << 1) ^ 0x1021 : crc << 1);
        table[size_t(i)] = crc;
    }
    return table;
}
constexpr std::array<quint16, 256> kCrcTable = makeCrcTable();

int rawPerLine(int maxLine) { return (qMax(maxLine, 8) - 3) / 4 * 3; }

// Raw bytes per line: as many as fit, except that the two CRC bytes at the end never go to different lines.
template <typename F> void forEachLine(qsizetype rawSize, int maxLine, F &&f)
{
    const qsizetype perLine = rawPerLine(maxLine);
    qsizetype pos = 0;
    while (pos < rawSize) {
        qsizetype take = qMin(perLine, rawSize - pos);
        if (rawSize - pos - take == 1)
            --take;
        f(pos, take);
        pos += take;
    }
}
} // namespace

quint16 crc16Xmodem(QByteArrayView data, quint16 crc)
{
    for (char c : data)
        crc = quint16((crc << 8) ^ kCrcTable[((crc >> 8) ^ quint8(c)) & 0xff]);
    return crc;
}

namespace SmpSerial {

QByteArray frame(QByteArrayView packet, int maxLine)
{
    const quint16 total = quint16(packet.size() + 2);
    const quint16 crc = crc16Xmodem(packet);
    QByteArray raw;
    raw.reserve(packet.size() + 4);
    raw.append(char(total >> 8)).append(char(total & 0xff));
    raw.append(packet.data(), packet.size());
    raw.append(char(crc >> 8)).append(char(crc & 0xff));
    QByteArray out;
    out.reserve(framedSize(packet.size(), maxLine));
    forEachLine(raw.size(), maxLine, [&](qsizetype pos, qsizetype take) {
        out.append(pos == 0 ? StartMarker : ContinueMarker, 2);
        out.append(QByteArray::fromRawData(raw.constData() + pos, take).toBase64());
        out.append('\n');
    });
    return out;
}

qsizetype framedSize(qsizetype packetSize, int maxLine)
{
    qsizetype size = 0;
    forEachLine(packetSize + 4, maxLine, [&](qsizetype, qsizetype take) { size += 3 + (take + 2) / 3 * 4; });
    return size;
}

} // namespace SmpSerial
} // namespace otadesk::bench
