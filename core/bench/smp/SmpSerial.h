#pragma once
// SMP over a serial console (STANDARDS.md §3.4, zephyr serial_util.c): raw = BE16(len(packet) + 2) || packet
// || BE16(CRC-16/XMODEM(packet)), base64, split into lines of at most 127 bytes: the first "06 09" + base64 +
// "\n", the others "04 14" + base64 + "\n". Every line's base64 decodes on its own; the two CRC bytes are never
// split across lines.
#include "core/bench/smp/SmpSerialDeframer.h"

#include <QByteArray>
#include <QByteArrayView>

namespace otadesk::bench {

// CRC-16/XMODEM: poly 0x1021, init 0 (or `crc` to continue), no reflection; check("123456789") = 0x31C3.
quint16 crc16Xmodem(QByteArrayView data, quint16 crc = 0);

namespace SmpSerial {
constexpr int MaxLine = 127;                 // bytes per line including the marker and the newline
constexpr int MaxBase64PerLine = 124;        // (MaxLine - 3) rounded down to a multiple of 4
constexpr int MaxRawPerLine = 93;            // raw bytes that 124 base64 characters carry
constexpr char StartMarker[] = "\x06\x09";   // first line of a packet
constexpr char ContinueMarker[] = "\x04\x14"; // further lines

// All lines of one packet, each terminated by '\n'. maxLine below 8 is raised to 8.
QByteArray frame(QByteArrayView packet, int maxLine = MaxLine);
// Bytes on the wire for a packet of packetSize bytes (what frame() returns), for throughput figures.
qsizetype framedSize(qsizetype packetSize, int maxLine = MaxLine);
} // namespace SmpSerial

} // namespace otadesk::bench
