#include "core/bench/smp/SmpSerialDeframer.h"

#include "core/bench/smp/SmpSerial.h"

namespace otadesk::bench {

namespace {
constexpr qsizetype kMaxConsoleText = 1 << 20; // kept when nobody takes it; older text is dropped

qsizetype findMarker(QByteArrayView line)
{
    for (qsizetype i = 0; i + 1 < line.size(); ++i) {
        if ((line[i] == '\x06' && line[i + 1] == '\x09') || (line[i] == '\x04' && line[i + 1] == '\x14'))
            return i;
    }
    return -1;
}

bool isBase64Char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
           || c == '=';
}
} // namespace

void SmpSerialDeframer::feed(QByteArrayView bytes)
{
    qsizetype pos = 0;
    while (pos < bytes.size()) {
        const qsizetype nl = bytes.indexOf('\n', pos);
        const qsizetype end = nl < 0 ? bytes.size() : nl;
        const QByteArrayView segment = bytes.sliced(pos, end - pos);
        if (m_textLine) {
            addText(segment);
        } else if (!m_skipToNewline) {
            m_line.append(segment);
            if (m_line.size() > m_maxLine) {
                // An over-long line, judged by its first maxLine + 1 bytes (the same however reads split it):
                // with a marker, the frame is dropped; without, the whole line is text.
                const QByteArrayView head = QByteArrayView(m_line).first(m_maxLine + 1);
                const qsizetype marker = findMarker(head);
                if (marker < 0) {
                    addText(m_line);
                    m_textLine = true;
                } else {
                    if (marker > 0) {
                        addText(head.first(marker));
                        addText("\n");
                    }
                    ++m_framingErrors;
                    dropFrame();
                    m_skipToNewline = true;
                }
                m_line.clear();
            }
        }
        if (nl < 0)
            return;
        if (m_textLine) {
            addText("\n");
            m_textLine = false;
        } else if (m_skipToNewline) {
            m_skipToNewline = false;
        } else {
            const QByteArray line = std::move(m_line);
            m_line.clear();
            onLine(line);
        }
        pos = nl + 1;
    }
}

void SmpSerialDeframer::onLine(QByteArrayView line)
{
    const qsizetype marker = findMarker(line);
    if (marker < 0) {
        addText(line);
        addText("\n");
        return;
    }
    if (marker > 0) {
        addText(line.first(marker));
        addText("\n");
    }
    onFrameLine(line.sliced(marker));
}

void SmpSerialDeframer::onFrameLine(QByteArrayView line)
{
    QByteArrayView payload = line.sliced(2);
    while (!payload.isEmpty() && (payload.back() == '\r' || payload.back() == ' '))
        payload.chop(1);
    if (line[0] == '\x06') {
        if (m_inFrame)
            ++m_framingErrors; // the previous packet never completed
        dropFrame();
        m_inFrame = true;
    } else if (!m_inFrame) {
        ++m_framingErrors; // a continuation without its start
        return;
    }
    appendBase64(payload);
}

void SmpSerialDeframer::appendBase64(QByteArrayView text)
{
    for (char c : text) {
        if (!isBase64Char(c)) {
            ++m_framingErrors;
            dropFrame();
            return;
        }
    }
    // Decoded per group of 4 characters; '=' ends a group (every line is encoded on its own, so padding may
    // appear at the end of any line, not only the last).
    m_base64Tail.append(text);
    const qsizetype usable = m_base64Tail.size() / 4 * 4;
    qsizetype from = 0;
    while (from < usable) {
        qsizetype to = from;
        while (to < usable && !QByteArrayView(m_base64Tail).sliced(to, 4).contains('='))
            to += 4;
        if (to < usable)
            to += 4; // include the padded group
        auto decoded = QByteArray::fromBase64Encoding(m_base64Tail.mid(from, to - from),
                                                      QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) {
            ++m_framingErrors;
            dropFrame();
            return;
        }
        m_raw.append(decoded.decoded);
        from = to;
    }
    m_base64Tail.remove(0, usable);
    finishIfComplete();
}

void SmpSerialDeframer::finishIfComplete()
{
    if (m_raw.size() < 2)
        return;
    const qsizetype expected = 2 + ((quint8(m_raw[0]) << 8) | quint8(m_raw[1]));
    if (m_raw.size() < expected)
        return;
    if (m_raw.size() > expected || expected < 4 || !m_base64Tail.isEmpty()) {
        ++m_framingErrors;
        dropFrame();
        return;
    }
    const QByteArrayView body = QByteArrayView(m_raw).sliced(2);
    if (crc16Xmodem(body) != 0) {
        ++m_crcErrors;
    } else {
        m_packets.append(body.first(body.size() - 2).toByteArray());
    }
    dropFrame();
}

void SmpSerialDeframer::dropFrame()
{
    m_inFrame = false;
    m_raw.clear();
    m_base64Tail.clear();
}

void SmpSerialDeframer::addText(QByteArrayView text)
{
    m_text.append(text);
    if (m_text.size() > kMaxConsoleText)
        m_text.remove(0, m_text.size() - kMaxConsoleText);
}

std::optional<QByteArray> SmpSerialDeframer::takePacket()
{
    if (m_packets.isEmpty())
        return std::nullopt;
    return m_packets.takeFirst();
}

QByteArray SmpSerialDeframer::takeConsoleText()
{
    QByteArray text = std::move(m_text);
    m_text.clear();
    return text;
}

void SmpSerialDeframer::reset()
{
    m_line.clear();
    m_skipToNewline = false;
    m_textLine = false;
    dropFrame();
    m_packets.clear();
    m_text.clear();
    m_crcErrors = 0;
    m_framingErrors = 0;
}

} // namespace otadesk::bench
