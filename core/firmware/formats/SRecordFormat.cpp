// Motorola S-record reader and writer (STANDARDS.md §5): S0 header, S1/S2/S3 data with 16/24/32-bit
// addresses, S5/S6 record counts (checked), S7/S8/S9 termination with the entry point; S4 is reserved.
// Data addresses never wrap: an S1 record at 0xFFF8 with 16 bytes ends at 0x10007, and S3 data past 4 GiB is an
// error (nothing could write it back).
#include "core/firmware/formats/Formats.h"
#include "core/firmware/formats/TextRecord.h"

#include <QStringDecoder>
#include <algorithm>

namespace otadesk::firmware {
namespace {

using namespace textrecord;

constexpr qsizetype kMaxRecordBytes = 256; // LL + 255 bytes
// Address bytes per record type S0..S9; 0 = reserved (S4).
constexpr int kAddressBytes[10] = {2, 2, 3, 4, 0, 2, 3, 4, 3, 2};

QString decodeHeaderText(QByteArray bytes)
{
    while (bytes.endsWith('\0'))
        bytes.chop(1);
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8(bytes);
    return utf8.hasError() ? QString::fromLatin1(bytes) : text;
}

class SRecordReader
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::firmware::SRecordFormat)
public:
    SRecordReader(QByteArrayView content, const ReadOptions &options)
        : m_content(content), m_options(options), m_builder(m_result, options)
    {
    }

    Result<ReadResult> read()
    {
        const auto parse = [this](QByteArrayView line, qint64 no) { return parseRecord(line, no); };
        const auto afterEnd = [this](qint64 no) {
            return tr("Data after the termination record (line %1): line %2 must be empty.").arg(m_endLine).arg(no);
        };
        const auto records = forEachRecordLine(m_content, m_options, m_endLine, parse, afterEnd);
        if (!records)
            return std::unexpected(records.error());
        m_builder.finish();
        if (*records == 0)
            return fail(ErrorCode::Format, tr("The file contains no S-records."), lineLocation(m_options, -1));
        if (m_endLine < 0)
            m_result.warnings.append({Diagnostic::Severity::Warning,
                                      tr("The termination record (S7, S8 or S9) is missing; the file may be "
                                         "truncated."),
                                      lineLocation(m_options, -1)});
        return std::move(m_result);
    }

private:
    Status parseRecord(QByteArrayView line, qint64 no)
    {
        if (line.front() != 'S' && line.front() != 's')
            return fail(ErrorCode::Format,
                        tr("Expected 'S' at the start of an S-record, found %1.").arg(describeChar(line.front())),
                        lineLocation(m_options, no));
        if (line.size() < 2 || line[1] < '0' || line[1] > '9')
            return fail(ErrorCode::Format,
                        tr("Unknown record type %1; S-records are S0 to S9.")
                            .arg(line.size() < 2 ? tr("(none)") : describeChar(line[1])),
                        lineLocation(m_options, no));
        const int type = line[1] - '0';
        if (type == 4)
            return fail(ErrorCode::Format, tr("S4 records are reserved and cannot be read."),
                        lineLocation(m_options, no));
        const char *hex = line.data() + 2;
        const qsizetype digits = line.size() - 2;
        const unsigned h0 = digits >= 2 ? kHexValue[quint8(hex[0])] : 0xFFu;
        const unsigned h1 = digits >= 2 ? kHexValue[quint8(hex[1])] : 0xFFu;
        if ((h0 | h1) > 15 || digits != qsizetype(h0 * 16 + h1 + 1) * 2) [[unlikely]]
            return lengthError(hex, digits, no);
        const qsizetype nBytes = digits / 2;
        quint8 rec[kMaxRecordBytes];
        unsigned sum = 0;
        if (const qsizetype bad = decodeHex(hex, nBytes, rec, sum); bad >= 0)
            return std::unexpected(invalidCharError(m_options, no, bad + 3, hex[bad]));
        const int addrBytes = kAddressBytes[type];
        const unsigned count = rec[0];
        if (count < unsigned(addrBytes) + 1)
            return fail(ErrorCode::Format,
                        tr("An S%1 record needs at least %2 bytes after the length field (%3 address bytes and "
                           "the checksum); the length field says %4.")
                            .arg(type)
                            .arg(addrBytes + 1)
                            .arg(addrBytes)
                            .arg(count),
                        lineLocation(m_options, no));
        if ((sum & 0xFF) != 0xFF) {
            const unsigned found = rec[nBytes - 1];
            return std::unexpected(checksumError(m_options, no, found, ~(sum - found) & 0xFF));
        }
        quint64 address = 0;
        for (int i = 0; i < addrBytes; ++i)
            address = (address << 8) | rec[1 + i];
        const quint8 *data = rec + 1 + addrBytes;
        const unsigned n = count - unsigned(addrBytes) - 1;
        switch (type) {
        case 1:
        case 2:
        case 3:
            ++m_dataRecords;
            if (address + n > (quint64(1) << 32))
                return fail(ErrorCode::Format,
                            tr("The record's data runs past the 32-bit address space (%1 bytes at %2).")
                                .arg(n)
                                .arg(formatAddress(address)),
                            lineLocation(m_options, no));
            return m_builder.add(address, data, n, no);
        case 0: return header(data, n, no);
        case 5:
        case 6:
            if (address != quint64(m_dataRecords))
                return fail(ErrorCode::Format,
                            tr("Record count mismatch: the S%1 record says %2 data records precede it, but "
                               "there are %3.")
                                .arg(type)
                                .arg(address)
                                .arg(m_dataRecords),
                            lineLocation(m_options, no));
            return {};
        default: // 7, 8, 9
            m_result.image.setEntryPoint(address);
            m_endLine = no;
            return {};
        }
    }

    Status header(const quint8 *data, unsigned n, qint64 no)
    {
        const QByteArray bytes(reinterpret_cast<const char *>(data), n);
        QVariantMap &meta = m_result.image.metadata();
        if (meta.contains(QStringLiteral("headerBytes"))) {
            m_result.warnings.append({Diagnostic::Severity::Warning,
                                      tr("A second S0 header record; only the first one is kept."),
                                      lineLocation(m_options, no)});
            return {};
        }
        meta.insert(QStringLiteral("headerBytes"), bytes);
        meta.insert(QStringLiteral("header"), decodeHeaderText(bytes));
        return {};
    }

    Status lengthError(const char *hex, qsizetype digits, qint64 no)
    {
        if (const qsizetype bad = firstNonHex(hex, digits); bad >= 0)
            return std::unexpected(invalidCharError(m_options, no, bad + 3, hex[bad]));
        if (digits % 2)
            return std::unexpected(oddDigitsError(m_options, no, digits));
        if (digits < 2)
            return fail(ErrorCode::Format, tr("The record is too short: the length field is missing."),
                        lineLocation(m_options, no));
        const unsigned count = kHexValue[quint8(hex[0])] * 16u + kHexValue[quint8(hex[1])];
        return fail(ErrorCode::Format,
                    tr("Bad record length: the length field says %1 bytes follow it, so the record should have "
                       "%2 hex digits after the type, but it has %3.")
                        .arg(count)
                        .arg((count + 1) * 2)
                        .arg(digits),
                    lineLocation(m_options, no));
    }

    QByteArrayView m_content;
    const ReadOptions &m_options;
    ReadResult m_result;
    ImageBuilder m_builder;
    qint64 m_dataRecords = 0;
    qint64 m_endLine = -1;
};

class SRecordWriter
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::firmware::SRecordFormat)
public:
    SRecordWriter(const MemoryImage &image, const WriteOptions &options) : m_image(image), m_options(options) {}

    Result<QByteArray> write()
    {
        const auto addrBytes = addressBytes();
        if (!addrBytes)
            return std::unexpected(addrBytes.error());
        const int ab = *addrBytes;
        const int perRecord = m_options.bytesPerRecord;
        const int maxPerRecord = 255 - ab - 1;
        if (perRecord < 1 || perRecord > maxPerRecord)
            return fail(ErrorCode::InvalidArgument,
                        tr("S%1 records hold 1 to %2 data bytes; %3 was requested.")
                            .arg(ab - 1)
                            .arg(maxPerRecord)
                            .arg(perRecord));
        const quint64 total = m_image.dataSize();
        m_out.resize(qsizetype(total / quint64(perRecord) + 1) * (2 * ab + 2 * perRecord + 8) + 1024);
        m_p = m_out.data();

        QByteArray head = m_options.header;
        const QVariantMap &meta = m_image.metadata();
        if (head.isEmpty())
            head = meta.value(QStringLiteral("headerBytes")).toByteArray();
        if (head.isEmpty())
            head = meta.value(QStringLiteral("header")).toString().toUtf8();
        head.truncate(252);
        record(0, 0, 2, reinterpret_cast<const quint8 *>(head.constData()), unsigned(head.size()));

        quint64 count = 0;
        quint64 done = 0;
        quint64 nextTick = kTick;
        for (const Segment &s : m_image.segments()) {
            const auto *bytes = reinterpret_cast<const quint8 *>(s.data.constData());
            quint64 address = s.address;
            quint64 left = quint64(s.data.size());
            while (left > 0) {
                const unsigned n = unsigned(std::min<quint64>(quint64(perRecord), left));
                record(ab - 1, address, ab, bytes, n);
                ++count;
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
        if (count <= 0xFFFF)
            record(5, count, 2, nullptr, 0);
        else if (count <= 0xFFFFFF)
            record(6, count, 3, nullptr, 0);
        record(11 - ab, m_image.entryPoint().value_or(0), ab, nullptr, 0);
        m_out.resize(m_p - m_out.constData());
        return std::move(m_out);
    }

private:
    static constexpr quint64 kTick = 1 << 20;

    Result<int> addressBytes() const
    {
        quint64 highest = m_image.entryPoint().value_or(0);
        if (!m_image.isEmpty())
            highest = std::max(highest, m_image.extent().end - 1);
        const int needed = highest <= 0xFFFF ? 2 : highest <= 0xFFFFFF ? 3 : highest <= 0xFFFFFFFFu ? 4 : 0;
        if (needed == 0)
            return fail(ErrorCode::InvalidArgument,
                        tr("The image reaches %1, above the 4 GiB that S-records can address.")
                            .arg(formatAddress(highest)));
        const int bits = m_options.addressBits;
        if (bits == 0)
            return needed;
        if (bits != 16 && bits != 24 && bits != 32)
            return fail(ErrorCode::InvalidArgument,
                        tr("S-records use 16, 24 or 32-bit addresses; %1 bits were requested.").arg(bits));
        if (bits / 8 < needed)
            return fail(ErrorCode::InvalidArgument,
                        tr("The image reaches %1, which does not fit in %2-bit S-record addresses.")
                            .arg(formatAddress(highest))
                            .arg(bits));
        return bits / 8;
    }

    void record(int type, quint64 address, int addrBytes, const quint8 *data, unsigned n)
    {
        const qsizetype need = 6 + 2 * (addrBytes + qsizetype(n));
        if (m_out.constData() + m_out.size() - m_p < need) {
            const qsizetype used = m_p - m_out.constData();
            m_out.resize(m_out.size() * 2 + need);
            m_p = m_out.data() + used;
        }
        char *p = m_p;
        *p++ = 'S';
        *p++ = char('0' + type);
        const unsigned count = unsigned(addrBytes) + n + 1;
        unsigned sum = count;
        p = putHexByte(p, count);
        for (int i = addrBytes - 1; i >= 0; --i) {
            const unsigned b = unsigned(address >> (8 * i)) & 0xFF;
            sum += b;
            p = putHexByte(p, b);
        }
        for (unsigned i = 0; i < n; ++i) {
            sum += data[i];
            p = putHexByte(p, data[i]);
        }
        p = putHexByte(p, ~sum & 0xFF);
        *p++ = '\n';
        m_p = p;
    }

    const MemoryImage &m_image;
    const WriteOptions &m_options;
    QByteArray m_out;
    char *m_p = nullptr;
};

int probeSRecord(QByteArrayView head)
{
    LineReader lines(head);
    while (lines.next()) {
        const QByteArrayView line = lines.line();
        if (line.isEmpty())
            continue;
        if (line.size() < 4 || line.front() != 'S' || line[1] < '0' || line[1] > '9' || line[1] == '4')
            return NotMine;
        const qsizetype digits = line.size() - 2;
        const qsizetype checkable = std::min<qsizetype>(digits & ~qsizetype(1), kMaxRecordBytes * 2);
        if (firstNonHex(line.data() + 2, checkable) >= 0)
            return NotMine;
        quint8 rec[kMaxRecordBytes];
        unsigned sum = 0;
        const unsigned count = kHexValue[quint8(line[2])] * 16u + kHexValue[quint8(line[3])];
        if (digits != qsizetype(count + 1) * 2 || count < unsigned(kAddressBytes[line[1] - '0']) + 1 ||
            decodeHex(line.data() + 2, digits / 2, rec, sum) >= 0 || (sum & 0xFF) != 0xFF)
            return Plausible;
        return Certain;
    }
    return NotMine;
}

class SRecordFormat final : public ImageFormat
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::firmware::SRecordFormat)
public:
    QString id() const override { return QStringLiteral("srec"); }
    QString displayName() const override { return tr("Motorola S-record"); }
    QStringList extensions() const override
    {
        return {QStringLiteral("srec"), QStringLiteral("s19"), QStringLiteral("s28"), QStringLiteral("s37"),
                QStringLiteral("mot"),  QStringLiteral("s"),   QStringLiteral("sx"),  QStringLiteral("mhx"),
                QStringLiteral("exo")};
    }
    int probe(QByteArrayView head) const override { return probeSRecord(head); }
    Result<ReadResult> read(QByteArrayView content, const ReadOptions &options) const override
    {
        return SRecordReader(content, options).read();
    }
    Result<QByteArray> write(const MemoryImage &image, const WriteOptions &options) const override
    {
        return SRecordWriter(image, options).write();
    }
};

} // namespace

std::unique_ptr<ImageFormat> makeSRecordFormat() { return std::make_unique<SRecordFormat>(); }

} // namespace otadesk::firmware
