#pragma once
// Helpers shared by the line-oriented hex formats (Intel HEX, Motorola S-record): a table-driven hex
// decoder/encoder, a line splitter that tolerates CRLF, blank lines and a missing final newline, progress and
// cancellation ticks, and ImageBuilder, which turns data records into a MemoryImage quickly (contiguous
// records are collected into one run and appended at once) while reporting overlaps with the record's line.
#include "core/firmware/ImageFormat.h"

#include <QByteArray>
#include <QByteArrayView>
#include <array>
#include <cstring>
#include <limits>

namespace otadesk::firmware::textrecord {

constexpr std::array<quint8, 256> makeHexTable()
{
    std::array<quint8, 256> t{};
    for (auto &v : t)
        v = 0xFF;
    for (int c = '0'; c <= '9'; ++c)
        t[size_t(c)] = quint8(c - '0');
    for (int c = 'a'; c <= 'f'; ++c)
        t[size_t(c)] = quint8(c - 'a' + 10);
    for (int c = 'A'; c <= 'F'; ++c)
        t[size_t(c)] = quint8(c - 'A' + 10);
    return t;
}
// Value of a hex digit (either case), or 0xFF for anything else.
inline constexpr std::array<quint8, 256> kHexValue = makeHexTable();
inline constexpr char kHexDigits[17] = "0123456789ABCDEF";

// Index of the first non-hex character in text[0, n), or -1.
qsizetype firstNonHex(const char *text, qsizetype n);

// Value of a pair of hex digits read as a little-endian 16-bit word (first digit in the low byte), or 0x100
// if either is not a hex digit: one lookup per byte in the decoding loop.
constexpr std::array<quint16, 65536> makeHexPairTable()
{
    std::array<quint16, 65536> t{};
    for (unsigned i = 0; i < 65536; ++i) {
        const unsigned hi = kHexValue[i & 0xFF];
        const unsigned lo = kHexValue[i >> 8];
        t[i] = quint16((hi | lo) > 15 ? 0x100 : (hi << 4) | lo);
    }
    return t;
}
// (Built on first use: too large for clang's constexpr step limit.)
inline const std::array<quint16, 65536> &hexPairTable()
{
    static const std::array<quint16, 65536> table = makeHexPairTable();
    return table;
}

// Decodes `nBytes` bytes from 2*nBytes hex characters, adding each byte to `sum`. Returns -1 on success or the
// index (into `text`) of the first character that is not a hex digit.
inline qsizetype decodeHex(const char *text, qsizetype nBytes, quint8 *out, unsigned &sum)
{
    const auto *p = reinterpret_cast<const unsigned char *>(text);
    unsigned s = sum;
    unsigned bad = 0;
    const std::array<quint16, 65536> &pairs = hexPairTable();
    for (qsizetype i = 0; i < nBytes; ++i) {
        const unsigned v = pairs[p[2 * i] | (unsigned(p[2 * i + 1]) << 8)];
        bad |= v;
        out[i] = quint8(v);
        s += v;
    }
    if (bad & 0x100) [[unlikely]]
        return firstNonHex(text, 2 * nBytes);
    sum = s;
    return -1;
}

inline char *putHexByte(char *p, unsigned b)
{
    p[0] = kHexDigits[(b >> 4) & 0xF];
    p[1] = kHexDigits[b & 0xF];
    return p + 2;
}

// "4A": two upper-case hex digits, for messages.
QString hexByte(unsigned b);

// "'G'" for printable characters, "byte 0x07" otherwise — for messages about unexpected characters.
QString describeChar(char c);

// Iterates the lines of a text buffer; line() excludes the line break and surrounding blanks (spaces, tabs,
// CR), so CRLF files and trailing whitespace are handled transparently.
class LineReader
{
public:
    explicit LineReader(QByteArrayView content)
        : m_pos(content.data()), m_end(content.data() + content.size()), m_begin(content.data())
    {
    }
    bool next()
    {
        if (m_pos >= m_end)
            return false;
        const char *nl = static_cast<const char *>(std::memchr(m_pos, '\n', size_t(m_end - m_pos)));
        const char *le = nl ? nl : m_end;
        const char *b = m_pos;
        while (b < le && isBlank(*b))
            ++b;
        const char *e = le;
        while (e > b && isBlank(e[-1]))
            --e;
        m_line = QByteArrayView(b, e - b);
        m_pos = nl ? nl + 1 : m_end;
        ++m_number;
        return true;
    }
    QByteArrayView line() const { return m_line; }
    qint64 number() const { return m_number; }          // 1-based
    qint64 consumed() const { return m_pos - m_begin; } // bytes up to and including this line

private:
    static bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }
    const char *m_pos;
    const char *m_end;
    const char *m_begin;
    QByteArrayView m_line;
    qint64 m_number = 0;
};

// Calls Progress::report about every MiB of input and polls cancellation at the same points.
class ProgressTicker
{
public:
    ProgressTicker(const Progress &progress, qint64 total) : m_progress(progress), m_total(total) {}
    // Returns false if the user cancelled.
    bool tick(qint64 done)
    {
        if (done < m_next)
            return true;
        m_next = done + kStep;
        if (m_progress.report)
            m_progress.report(done, m_total);
        return !m_progress.isCancelled();
    }
    void finish()
    {
        if (m_progress.report)
            m_progress.report(m_total, m_total);
    }

private:
    static constexpr qint64 kStep = 1 << 20;
    const Progress &m_progress;
    qint64 m_total;
    qint64 m_next = kStep;
};

// Builds the image of a text-record file. Records that continue the previous one are appended to a run
// buffer (no per-record allocation); a run is flushed into the image with MemoryImage::appendOrdered when
// it is in order, or MemoryImage::write otherwise. Records that hit bytes already present go through
// MemoryImage::write with the overlap policy, so warnings and errors name the record's line.
class ImageBuilder
{
public:
    ImageBuilder(ReadResult &result, const ReadOptions &options) : m_result(result), m_options(options) {}

    Status add(quint64 address, const quint8 *data, qsizetype n, qint64 line)
    {
        if (!m_run.isEmpty() && address == m_runEnd && quint64(n) <= m_runLimit - m_runEnd) [[likely]] {
            m_run.append(reinterpret_cast<const char *>(data), n);
            m_runEnd += quint64(n);
            return {};
        }
        return addSlow(address, data, n, line);
    }
    // Moves the pending run into the image. Call once after the last record.
    void finish() { flush(); }

private:
    Status addSlow(quint64 address, const quint8 *data, qsizetype n, qint64 line);
    void flush();

    ReadResult &m_result;
    const ReadOptions &m_options;
    QByteArray m_run;
    quint64 m_runStart = 0;
    quint64 m_runEnd = 0;
    quint64 m_runLimit = 0; // the run may grow up to here without touching existing data
};

// Source location for a line of the file being read.
inline SourceLocation lineLocation(const ReadOptions &options, qint64 line)
{
    SourceLocation where;
    where.file = options.fileName;
    where.line = line;
    return where;
}

// The standard "Reading was cancelled." error.
Error cancelledError(const ReadOptions &options);

// The line loop both text formats share: skips blank lines, rejects anything after the end record (line
// `endLine`, -1 while not seen), hands every record line to `parse`, reports progress and honours cancel.
// Returns the number of records parsed.
template <typename ParseFn, typename AfterEndFn>
Result<qint64> forEachRecordLine(QByteArrayView content, const ReadOptions &options, const qint64 &endLine,
                                 ParseFn &&parse, AfterEndFn &&afterEndMessage)
{
    LineReader lines(content);
    ProgressTicker ticker(options.progress, content.size());
    qint64 records = 0;
    while (lines.next()) {
        const QByteArrayView line = lines.line();
        if (line.isEmpty())
            continue;
        const qint64 no = lines.number();
        if (endLine > 0)
            return fail(ErrorCode::Format, afterEndMessage(no), lineLocation(options, no));
        if (Status st = parse(line, no); !st)
            return std::unexpected(st.error());
        ++records;
        if (!ticker.tick(lines.consumed()))
            return std::unexpected(cancelledError(options));
    }
    ticker.finish();
    return records;
}
// Errors every hex record format shares; `column` is 1-based.
Error invalidCharError(const ReadOptions &options, qint64 line, qsizetype column, char c);
Error oddDigitsError(const ReadOptions &options, qint64 line, qsizetype digits);
Error checksumError(const ReadOptions &options, qint64 line, unsigned found, unsigned expected);

} // namespace otadesk::firmware::textrecord
