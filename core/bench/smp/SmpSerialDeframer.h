#pragma once
// Receiving side of the SMP serial console framing: feed it raw console bytes in any pieces; it returns
// complete, CRC-checked SMP packets and keeps every other line as console text (device log, shell output).
// Lines without a marker are text; a marker in the middle of a line starts a frame there (text before it is
// kept). A line longer than maxLineBytes is passed on as text if its first maxLineBytes + 1 bytes hold no
// marker, otherwise its frame part is dropped as a framing error. Results do not depend on how reads split
// the input.
#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <optional>

namespace otadesk::bench {

class SmpSerialDeframer
{
public:
    explicit SmpSerialDeframer(int maxLineBytes = 4096) : m_maxLine(maxLineBytes) {}

    void feed(QByteArrayView bytes);
    std::optional<QByteArray> takePacket(); // next complete, CRC-checked SMP packet (header + body)
    bool hasPacket() const { return !m_packets.isEmpty(); }
    QByteArray takeConsoleText();           // other text seen, whole lines with their '\n'
    int crcErrors() const { return m_crcErrors; }
    // Frames dropped for other reasons: bad base64, length mismatch, over-long line, new start before the end.
    int framingErrors() const { return m_framingErrors; }
    void reset(); // forget partial input, queued packets and counters

private:
    void onLine(QByteArrayView line); // without '\n'
    void onFrameLine(QByteArrayView line);
    void appendBase64(QByteArrayView text);
    void finishIfComplete();
    void dropFrame();
    void addText(QByteArrayView text);

    int m_maxLine;
    QByteArray m_line;
    bool m_skipToNewline = false; // inside an over-long frame line
    bool m_textLine = false;      // inside an over-long text line (passed on as it arrives)
    bool m_inFrame = false;
    QByteArray m_raw;          // decoded bytes of the frame so far
    QByteArray m_base64Tail;   // base64 characters not yet decoded (fewer than 4)
    QList<QByteArray> m_packets;
    QByteArray m_text;
    int m_crcErrors = 0;
    int m_framingErrors = 0;
};

} // namespace otadesk::bench
