#include "core/firmware/formats/TextRecord.h"

#include <algorithm>

namespace otadesk::firmware::textrecord {

namespace {
struct TextRecordTr
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::firmware::TextRecord)
};
} // namespace

QString hexByte(unsigned b)
{
    const char s[2] = {kHexDigits[(b >> 4) & 0xF], kHexDigits[b & 0xF]};
    return QString::fromLatin1(s, 2);
}

qsizetype firstNonHex(const char *text, qsizetype n)
{
    for (qsizetype i = 0; i < n; ++i) {
        if (kHexValue[static_cast<unsigned char>(text[i])] == 0xFF)
            return i;
    }
    return -1;
}

QString describeChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if (u > 0x20 && u < 0x7F)
        return QStringLiteral("'%1'").arg(QLatin1Char(c));
    return TextRecordTr::tr("byte 0x%1").arg(u, 2, 16, QLatin1Char('0'));
}

Error cancelledError(const ReadOptions &options)
{
    SourceLocation where;
    where.file = options.fileName;
    return Error(ErrorCode::Cancelled, TextRecordTr::tr("Reading was cancelled."),
                 where);
}

Error invalidCharError(const ReadOptions &options, qint64 line, qsizetype column, char c)
{
    return Error(ErrorCode::Format,
                 TextRecordTr::tr("Unexpected character %1 in column %2; expected a hexadecimal digit.")
                     .arg(describeChar(c))
                     .arg(column),
                 lineLocation(options, line));
}

Error oddDigitsError(const ReadOptions &options, qint64 line, qsizetype digits)
{
    return Error(ErrorCode::Format,
                 TextRecordTr::tr("The record has an odd number of hex digits (%1); expected two per byte.")
                     .arg(digits),
                 lineLocation(options, line));
}

Error checksumError(const ReadOptions &options, qint64 line, unsigned found, unsigned expected)
{
    return Error(ErrorCode::Checksum,
                 TextRecordTr::tr("Bad checksum: the record's checksum is 0x%1, expected 0x%2.")
                     .arg(hexByte(found), hexByte(expected)),
                 lineLocation(options, line));
}

void ImageBuilder::flush()
{
    if (m_run.isEmpty())
        return;
    MemoryImage &image = m_result.image;
    // The run never touches existing bytes (see m_runLimit), so neither call can meet an overlap.
    if (!image.appendOrdered(m_runStart, m_run))
        (void)image.write(m_runStart, m_run, OverlapPolicy::LastWins);
    m_run.resize(0); // keeps the capacity for the next run
}

Status ImageBuilder::addSlow(quint64 address, const quint8 *data, qsizetype n, qint64 line)
{
    if (n <= 0)
        return {};
    flush();
    const QList<Segment> &segs = m_result.image.segments();
    // First segment ending after `address`: the run may grow until its start.
    auto it = std::lower_bound(segs.cbegin(), segs.cend(), address,
                               [](const Segment &s, quint64 a) { return s.end() <= a; });
    const quint64 limit = it == segs.cend() ? std::numeric_limits<quint64>::max() : it->address;
    if (limit > address && quint64(n) <= limit - address) {
        m_runStart = address;
        m_runEnd = address + quint64(n);
        m_runLimit = limit;
        m_run.append(reinterpret_cast<const char *>(data), n);
        return {};
    }

    // The record writes over bytes an earlier record already set.
    Diagnostics notes;
    const auto st = m_result.image.write(address, QByteArrayView(data, n), m_options.overlaps, &notes,
                                         &m_result.overlaps);
    const SourceLocation where = lineLocation(m_options, line);
    if (!st) {
        Error e = st.error();
        return std::unexpected(e.at(where));
    }
    for (Diagnostic &d : notes) {
        d.where = where;
        m_result.warnings.append(std::move(d));
    }
    return {};
}

} // namespace otadesk::firmware::textrecord
