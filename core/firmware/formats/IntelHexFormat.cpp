// Intel HEX reader and writer (record types 00–05; STANDARDS.md §5).
//
// Address rules, as in Intel's "Hexadecimal Object File Format Specification" Rev A:
// * after an extended segment address record (02), byte i of a data record goes to
//   (USBA << 4) + ((offset + i) mod 64 KiB): the offset WRAPS inside the 64 KiB segment. python-intelhex does
//   not wrap (it would put the tail 64 KiB higher); srec_cat wraps like we do. Records that cross 0xFFFF are
//   reported with a warning because tools disagree about them;
// * after an extended linear address record (04), byte i goes to (ULBA << 16) + offset + i mod 4 GiB: the
//   address CARRIES into the upper 16 bits. Records crossing a 64 KiB boundary get a warning, too;
// * before any 02/04 record the base is 0 and the linear rule applies.
#include "core/firmware/formats/Formats.h"
#include "core/firmware/formats/TextRecord.h"

#include <algorithm>

namespace otadesk::firmware {
namespace {

using namespace textrecord;

constexpr qsizetype kMaxRecordBytes = 255 + 5; // LL AAAA TT data CC

class IntelHexReader
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::firmware::IntelHexFormat)
public:
    IntelHexReader(QByteArrayView content, const ReadOptions &options)
        : m_content(content), m_options(options), m_builder(m_result, options)
    {
    }

    Result<ReadResult> read()
    {
        const auto parse = [this](QByteArrayView line, qint64 no) { return parseRecord(line, no); };
        const auto afterEnd = [this](qint64 no) {
            return tr("Data after the end-of-file record (line %1): line %2 must be empty.").arg(m_eofLine).arg(no);
        };
        const auto records = forEachRecordLine(m_content, m_options, m_eofLine, parse, afterEnd);
        if (!records)
            return std::unexpected(records.error());
        m_builder.finish();
        if (*records == 0)
            return fail(ErrorCode::Format, tr("The file contains no Intel HEX records."),
                        lineLocation(m_options, -1));
        if (m_eofLine < 0)
            warn(tr("The end-of-file record (:00000001FF) is missing; the file may be truncated."), -1);
        return std::move(m_result);
    }

private:
    void warn(const QString &message, qint64 line)
    {
        m_result.warnings.append({Diagnostic::Severity::Warning, message, lineLocation(m_options, line)});
    }

    Status parseRecord(QByteArrayView line, qint64 no)
    {
        if (line.front() != ':')
            return fail(ErrorCode::Format,
                        tr("Expected ':' at the start of an Intel HEX record, found %1.")
                            .arg(describeChar(line.front())),
                        lineLocation(m_options, no));
        const char *hex = line.data() + 1;
        const qsizetype digits = line.size() - 1;
        quint8 rec[kMaxRecordBytes];
        unsigned sum = 0;
        const unsigned h0 = digits >= 2 ? kHexValue[quint8(hex[0])] : 0xFFu;
        const unsigned h1 = digits >= 2 ? kHexValue[quint8(hex[1])] : 0xFFu;
        if ((h0 | h1) > 15 || digits != qsizetype(h0 * 16 + h1 + 5) * 2) [[unlikely]]
            return checkLength(hex, digits, no); // always an error
        const qsizetype nBytes = digits / 2;
        if (const qsizetype bad = decodeHex(hex, nBytes, rec, sum); bad >= 0)
            return std::unexpected(invalidCharError(m_options, no, bad + 2, hex[bad]));
        if ((sum & 0xFF) != 0) {
            const unsigned found = rec[nBytes - 1];
            return std::unexpected(checksumError(m_options, no, found, (found - sum) & 0xFF));
        }
        const unsigned count = rec[0];
        const unsigned offset = (unsigned(rec[1]) << 8) | rec[2];
        const quint8 *data = rec + 4;
        switch (rec[3]) {
        case 0x00: return dataRecord(offset, data, count, no);
        case 0x01:
            if (count != 0)
                return badLength(tr("end-of-file"), 1, 0, count, no);
            m_eofLine = no;
            return {};
        case 0x02:
            if (count != 2)
                return badLength(tr("extended segment address"), 2, 2, count, no);
            m_linear = false;
            m_base = quint64((unsigned(data[0]) << 8) | data[1]) << 4;
            return {};
        case 0x03: {
            if (count != 4)
                return badLength(tr("start segment address"), 3, 4, count, no);
            const unsigned cs = (unsigned(data[0]) << 8) | data[1];
            const unsigned ip = (unsigned(data[2]) << 8) | data[3];
            setEntry(quint64(cs) * 16 + ip, no);
            m_result.image.metadata().insert(QStringLiteral("startSegment"),
                                             QVariantMap{{QStringLiteral("cs"), cs}, {QStringLiteral("ip"), ip}});
            return {};
        }
        case 0x04:
            if (count != 2)
                return badLength(tr("extended linear address"), 4, 2, count, no);
            m_linear = true;
            m_base = quint64((unsigned(data[0]) << 8) | data[1]) << 16;
            return {};
        case 0x05:
            if (count != 4)
                return badLength(tr("start linear address"), 5, 4, count, no);
            setEntry((quint64(data[0]) << 24) | (quint64(data[1]) << 16) | (quint64(data[2]) << 8) | data[3], no);
            m_result.image.metadata().remove(QStringLiteral("startSegment"));
            return {};
        default:
            return fail(ErrorCode::Format,
                        tr("Unknown record type %1; Intel HEX defines types 00 to 05.").arg(hexByte(rec[3])),
                        lineLocation(m_options, no));
        }
    }

    // Called when the length field disagrees with the line: find the most precise explanation.
    Status checkLength(const char *hex, qsizetype digits, qint64 no)
    {
        if (const qsizetype bad = firstNonHex(hex, digits); bad >= 0)
            return std::unexpected(invalidCharError(m_options, no, bad + 2, hex[bad]));
        if (digits % 2)
            return std::unexpected(oddDigitsError(m_options, no, digits));
        return lengthError(hex, digits, no);
    }

    Status lengthError(const char *hex, qsizetype digits, qint64 no)
    {
        if (digits < 10)
            return fail(ErrorCode::Format,
                        tr("The record is too short: expected at least 10 hex digits after ':' (length, "
                           "address, type, checksum), found %1.")
                            .arg(digits),
                        lineLocation(m_options, no));
        const unsigned count = kHexValue[quint8(hex[0])] * 16u + kHexValue[quint8(hex[1])];
        return fail(ErrorCode::Format,
                    tr("Bad record length: the length field says %1 data bytes, so the record should have %2 "
                       "hex digits after ':', but it has %3.")
                        .arg(count)
                        .arg((count + 5) * 2)
                        .arg(digits),
                    lineLocation(m_options, no));
    }

    Status badLength(const QString &kind, int type, unsigned expected, unsigned found, qint64 no)
    {
        return fail(ErrorCode::Format,
                    tr("A %1 record (type %2) must hold %3 data bytes, found %4.")
                        .arg(kind, hexByte(unsigned(type)))
                        .arg(expected)
                        .arg(found),
                    lineLocation(m_options, no));
    }

    void setEntry(quint64 entry, qint64 no)
    {
        if (m_entryLine > 0 && m_result.image.entryPoint() != entry)
            warn(tr("A second start address record sets the entry point to %1 (line %2 set %3); the later "
                    "one is used.")
                     .arg(formatAddress(entry))
                     .arg(m_entryLine)
                     .arg(formatAddress(*m_result.image.entryPoint())),
                 no);
        m_result.image.setEntryPoint(entry);
        m_entryLine = no;
    }

    Status dataRecord(unsigned offset, const quint8 *data, unsigned count, qint64 no)
    {
        if (offset + count <= 0x10000u) {
            const quint64 address = m_base + offset;
            if (address + count <= (quint64(1) << 32)) [[likely]]
                return m_builder.add(address, data, count, no);
        }
        return splitRecord(offset, data, count, no);
    }

    // Records that cross a 64 KiB boundary (or, in linear mode, the 4 GiB limit).
    Status splitRecord(unsigned offset, const quint8 *data, unsigned count, qint64 no)
    {
        const unsigned first = offset + count > 0x10000u ? 0x10000u - offset : count;
        if (!m_linear) {
            warn(tr("The record crosses the end of its 64 KiB segment: per the Intel HEX specification its "
                    "last %1 bytes wrap to the segment start %2 (some tools put them at %3 instead).")
                     .arg(count - first)
                     .arg(formatAddress(m_base))
                     .arg(formatAddress(m_base + 0x10000u)),
                 no);
            if (auto st = m_builder.add(m_base + offset, data, first, no); !st)
                return st;
            return m_builder.add(m_base, data + first, count - first, no);
        }
        const quint64 start = m_base + offset;
        const quint64 limit = quint64(1) << 32;
        if (offset + count > 0x10000u)
            warn(tr("The record crosses the 64 KiB boundary at %1; the address carries into the upper 16 bits "
                    "(Intel HEX linear addressing).")
                     .arg(formatAddress((start + first) % limit)),
                 no);
        if (start + count <= limit)
            return m_builder.add(start, data, count, no);
        const unsigned low = unsigned(limit - start);
        warn(tr("The record runs past the 4 GiB address limit; its last %1 bytes wrap to address 0.")
                 .arg(count - low),
             no);
        if (auto st = m_builder.add(start, data, low, no); !st)
            return st;
        return m_builder.add(0, data + low, count - low, no);
    }

    QByteArrayView m_content;
    const ReadOptions &m_options;
    ReadResult m_result;
    ImageBuilder m_builder;
    quint64 m_base = 0;
    bool m_linear = true;
    qint64 m_eofLine = -1;
    qint64 m_entryLine = -1;
};

class IntelHexWriter
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::firmware::IntelHexFormat)
public:
    IntelHexWriter(const MemoryImage &image, const WriteOptions &options) : m_image(image), m_options(options) {}

    Result<QByteArray> write()
    {
        const int perRecord = m_options.bytesPerRecord;
        if (perRecord < 1 || perRecord > 255)
            return fail(ErrorCode::InvalidArgument,
                        tr("Intel HEX records hold 1 to 255 data bytes; %1 was requested.").arg(perRecord));
        if (m_image.extent().end > (quint64(1) << 32))
            return fail(ErrorCode::InvalidArgument,
                        tr("The image reaches %1, above the 4 GiB that Intel HEX can address.")
                            .arg(formatAddress(m_image.extent().end - 1)));
        const auto entry = m_image.entryPoint();
        if (entry && *entry > 0xFFFFFFFFu)
            return fail(ErrorCode::InvalidArgument,
                        tr("The entry point %1 does not fit in 32 bits.").arg(formatAddress(*entry)));

        const quint64 total = m_image.dataSize();
        m_out.resize(qsizetype(total / quint64(perRecord) + 1) * (13 + 2 * perRecord) + 64);
        m_p = m_out.data();
        quint64 upper = 0;
        quint64 done = 0;
        quint64 nextTick = kTick;
        for (const Segment &s : m_image.segments()) {
            quint64 address = s.address;
            const auto *bytes = reinterpret_cast<const quint8 *>(s.data.constData());
            quint64 left = quint64(s.data.size());
            while (left > 0) {
                if ((address >> 16) != upper) {
                    upper = address >> 16;
                    const quint8 ulba[2] = {quint8(upper >> 8), quint8(upper)};
                    record(0x04, 0, ulba, 2);
                }
                const quint64 room = 0x10000u - (address & 0xFFFFu);
                const unsigned n = unsigned(std::min<quint64>({quint64(perRecord), left, room}));
                record(0x00, unsigned(address & 0xFFFFu), bytes, n);
                bytes += n;
                address += n;
                left -= n;
                done += n;
                if (done >= nextTick) {
                    nextTick = done + kTick;
                    if (m_options.progress.report)
                        m_options.progress.report(qint64(done), qint64(total));
                    if (m_options.progress.isCancelled())
                        return fail(ErrorCode::Cancelled, tr("Writing was cancelled."));
                }
            }
        }
        if (entry)
            writeEntry(*entry);
        record(0x01, 0, nullptr, 0);
        m_out.resize(m_p - m_out.constData());
        return std::move(m_out);
    }

private:
    static constexpr quint64 kTick = 1 << 20;

    void writeEntry(quint64 entry)
    {
        const QVariantMap seg = m_image.metadata().value(QStringLiteral("startSegment")).toMap();
        const quint64 cs = seg.value(QStringLiteral("cs"), -1).toULongLong();
        const quint64 ip = seg.value(QStringLiteral("ip"), -1).toULongLong();
        if (cs <= 0xFFFF && ip <= 0xFFFF && cs * 16 + ip == entry) {
            const quint8 d[4] = {quint8(cs >> 8), quint8(cs), quint8(ip >> 8), quint8(ip)};
            record(0x03, 0, d, 4);
        } else {
            const quint8 d[4] = {quint8(entry >> 24), quint8(entry >> 16), quint8(entry >> 8), quint8(entry)};
            record(0x05, 0, d, 4);
        }
    }

    void record(unsigned type, unsigned offset, const quint8 *data, unsigned n)
    {
        const qsizetype need = 13 + 2 * qsizetype(n);
        if (m_out.constData() + m_out.size() - m_p < need) {
            const qsizetype used = m_p - m_out.constData();
            m_out.resize(m_out.size() * 2 + need);
            m_p = m_out.data() + used;
        }
        char *p = m_p;
        *p++ = ':';
        unsigned sum = n + (offset >> 8) + (offset & 0xFF) + type;
        p = putHexByte(p, n);
        p = putHexByte(p, offset >> 8);
        p = putHexByte(p, offset & 0xFF);
        p = putHexByte(p, type);
        for (unsigned i = 0; i < n; ++i) {
            sum += data[i];
            p = putHexByte(p, data[i]);
        }
        p = putHexByte(p, (0x100 - (sum & 0xFF)) & 0xFF);
        *p++ = '\n';
        m_p = p;
    }

    const MemoryImage &m_image;
    const WriteOptions &m_options;
    QByteArray m_out;
    char *m_p = nullptr;
};

// True if the first non-blank line of `head` is a complete Intel HEX record with a valid checksum.
int probeIntelHex(QByteArrayView head)
{
    LineReader lines(head);
    while (lines.next()) {
        const QByteArrayView line = lines.line();
        if (line.isEmpty())
            continue;
        if (line.front() != ':' || line.size() < 3 || kHexValue[quint8(line[1])] > 15 ||
            kHexValue[quint8(line[2])] > 15)
            return NotMine;
        const qsizetype digits = line.size() - 1;
        const qsizetype checkable = std::min<qsizetype>(digits & ~qsizetype(1), kMaxRecordBytes * 2);
        if (firstNonHex(line.data() + 1, checkable) >= 0)
            return NotMine;
        quint8 rec[kMaxRecordBytes];
        unsigned sum = 0;
        const unsigned count = kHexValue[quint8(line[1])] * 16u + kHexValue[quint8(line[2])];
        if (digits != qsizetype(count + 5) * 2 || decodeHex(line.data() + 1, digits / 2, rec, sum) >= 0 ||
            (sum & 0xFF) != 0 || rec[3] > 5)
            return Plausible; // looks like a record, perhaps cut off by the 4 KiB head
        return Certain;
    }
    return NotMine;
}

class IntelHexFormat final : public ImageFormat
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::firmware::IntelHexFormat)
public:
    QString id() const override { return QStringLiteral("ihex"); }
    QString displayName() const override { return tr("Intel HEX"); }
    QStringList extensions() const override
    {
        return {QStringLiteral("hex"), QStringLiteral("ihex"), QStringLiteral("ihx"), QStringLiteral("h86"),
                QStringLiteral("hxl"), QStringLiteral("hxh"), QStringLiteral("mcs")};
    }
    int probe(QByteArrayView head) const override { return probeIntelHex(head); }
    Result<ReadResult> read(QByteArrayView content, const ReadOptions &options) const override
    {
        return IntelHexReader(content, options).read();
    }
    Result<QByteArray> write(const MemoryImage &image, const WriteOptions &options) const override
    {
        return IntelHexWriter(image, options).write();
    }
};

} // namespace

std::unique_ptr<ImageFormat> makeIntelHexFormat() { return std::make_unique<IntelHexFormat>(); }

} // namespace otadesk::firmware
