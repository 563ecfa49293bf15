#include "core/firmware/MemoryImage.h"
#include "core/crypto/Digest.h"

#include <algorithm>
#include <zlib.h>

namespace otadesk::firmware {

QString formatAddress(quint64 address)
{
    return QStringLiteral("0x%1").arg(address, address > 0xFFFFFFFFu ? 16 : 8, 16, QLatin1Char('0'));
}

QString formatRange(const AddressRange &range)
{
    if (range.isEmpty())
        return Error::tr("(empty)");
    return formatAddress(range.start) + QStringLiteral("–") + formatAddress(range.end - 1);
}

quint64 MemoryImage::dataSize() const
{
    quint64 n = 0;
    for (const Segment &s : m_segments)
        n += quint64(s.data.size());
    return n;
}

AddressRange MemoryImage::extent() const
{
    if (m_segments.isEmpty())
        return {};
    return {m_segments.first().address, m_segments.last().end()};
}

bool MemoryImage::appendOrdered(quint64 address, QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return true;
    if (address + quint64(bytes.size()) < address)
        return false;
    if (m_segments.isEmpty()) {
        m_segments.append({address, bytes.toByteArray()});
        return true;
    }
    Segment &last = m_segments.last();
    if (address == last.end()) {
        last.data.append(bytes);
        return true;
    }
    if (address > last.end()) {
        m_segments.append({address, bytes.toByteArray()});
        return true;
    }
    return false;
}

Status MemoryImage::write(quint64 address, QByteArrayView bytes, OverlapPolicy policy, Diagnostics *notes,
                          QList<AddressRange> *overlaps)
{
    if (bytes.isEmpty())
        return {};
    const quint64 end = address + quint64(bytes.size());
    if (end < address)
        return fail(ErrorCode::InvalidArgument,
                    Error::tr("%1 bytes at %2 run past the end of the 64-bit address space.")
                        .arg(bytes.size())
                        .arg(formatAddress(address)));
    if (appendOrdered(address, bytes))
        return {};

    // First segment that ends at or after `address` (touching counts, so adjacent segments merge).
    auto first = std::lower_bound(m_segments.begin(), m_segments.end(), address,
                                  [](const Segment &s, quint64 a) { return s.end() < a; });
    auto last = first;
    while (last != m_segments.end() && last->address <= end)
        ++last;
    if (first == last) { // no neighbour: plain insert
        m_segments.insert(first, Segment{address, bytes.toByteArray()});
        return {};
    }

    // Check the overlapping parts before changing anything.
    for (auto it = first; it != last; ++it) {
        const quint64 os = std::max(it->address, address);
        const quint64 oe = std::min(it->end(), end);
        if (os >= oe)
            continue; // only touching
        const QByteArrayView oldPart(it->data.constData() + (os - it->address), qsizetype(oe - os));
        const QByteArrayView newPart(bytes.data() + (os - address), qsizetype(oe - os));
        const bool same = oldPart == newPart;
        if (!same && policy == OverlapPolicy::Reject)
            return fail(ErrorCode::Overlap,
                        Error::tr("Bytes at %1 are written twice with different values.")
                            .arg(formatRange({os, oe})));
        if (overlaps)
            overlaps->append({os, oe});
        if (notes)
            notes->append({Diagnostic::Severity::Warning,
                           same ? Error::tr("Bytes at %1 are written twice (same values).")
                                      .arg(formatRange({os, oe}))
                                : Error::tr("Bytes at %1 are written twice with different values; the later "
                                            "data is kept.")
                                      .arg(formatRange({os, oe})),
                           {}});
    }

    const quint64 mergedStart = std::min(first->address, address);
    const quint64 mergedEnd = std::max((last - 1)->end(), end);
    QByteArray merged(qsizetype(mergedEnd - mergedStart), Qt::Uninitialized);
    for (auto it = first; it != last; ++it)
        std::copy(it->data.cbegin(), it->data.cend(), merged.begin() + (it->address - mergedStart));
    std::copy(bytes.begin(), bytes.end(), merged.begin() + (address - mergedStart));
    const auto index = first - m_segments.begin();
    m_segments.erase(first, last);
    m_segments.insert(index, Segment{mergedStart, std::move(merged)});
    return {};
}

Status MemoryImage::merge(const MemoryImage &other, OverlapPolicy policy, Diagnostics *notes)
{
    MemoryImage result = *this;
    for (const Segment &s : other.m_segments) {
        if (auto st = result.write(s.address, s.data, policy, notes); !st)
            return st;
    }
    if (!result.m_entryPoint)
        result.m_entryPoint = other.m_entryPoint;
    for (auto it = other.m_metadata.cbegin(); it != other.m_metadata.cend(); ++it) {
        if (!result.m_metadata.contains(it.key()))
            result.m_metadata.insert(it.key(), it.value());
    }
    *this = std::move(result);
    return {};
}

QList<AddressRange> MemoryImage::overlapsWith(const MemoryImage &other) const
{
    QList<AddressRange> out;
    auto a = m_segments.cbegin();
    auto b = other.m_segments.cbegin();
    while (a != m_segments.cend() && b != other.m_segments.cend()) {
        const quint64 s = std::max(a->address, b->address);
        const quint64 e = std::min(a->end(), b->end());
        if (s < e)
            out.append({s, e});
        if (a->end() < b->end())
            ++a;
        else
            ++b;
    }
    return out;
}

QList<AddressRange> MemoryImage::gaps() const
{
    QList<AddressRange> out;
    for (qsizetype i = 1; i < m_segments.size(); ++i)
        out.append({m_segments.at(i - 1).end(), m_segments.at(i).address});
    return out;
}

void MemoryImage::fillGaps(AddressRange range, quint8 value)
{
    if (range.isEmpty())
        return;
    QList<AddressRange> holes;
    quint64 cursor = range.start;
    for (const Segment &s : m_segments) {
        if (s.end() <= cursor)
            continue;
        if (s.address >= range.end)
            break;
        if (s.address > cursor)
            holes.append({cursor, s.address});
        cursor = std::max(cursor, s.end());
    }
    if (cursor < range.end)
        holes.append({cursor, range.end});
    for (const AddressRange &h : holes)
        (void)write(h.start, QByteArray(qsizetype(h.size()), char(value)));
}

MemoryImage MemoryImage::slice(AddressRange range) const
{
    MemoryImage out;
    out.m_metadata = m_metadata;
    if (m_entryPoint && *m_entryPoint >= range.start && *m_entryPoint < range.end)
        out.m_entryPoint = m_entryPoint;
    for (const Segment &s : m_segments) {
        const quint64 a = std::max(s.address, range.start);
        const quint64 e = std::min(s.end(), range.end);
        if (a < e)
            out.m_segments.append({a, s.data.mid(qsizetype(a - s.address), qsizetype(e - a))});
    }
    return out;
}

Result<QByteArray> MemoryImage::flatten(AddressRange range, quint8 fill, quint64 maxBytes) const
{
    if (range.isEmpty())
        return QByteArray();
    if (range.size() > maxBytes)
        return fail(ErrorCode::InvalidArgument,
                    Error::tr("The range %1 spans %2 bytes, more than the %3 bytes a flat binary may have here. "
                              "Export a smaller range, or keep the image sparse (HEX, S-record, ELF).")
                        .arg(formatRange(range))
                        .arg(range.size())
                        .arg(maxBytes));
    QByteArray out(qsizetype(range.size()), char(fill));
    for (const Segment &s : m_segments) {
        const quint64 a = std::max(s.address, range.start);
        const quint64 e = std::min(s.end(), range.end);
        if (a < e)
            std::copy_n(s.data.constData() + (a - s.address), e - a, out.data() + (a - range.start));
    }
    return out;
}

template <typename Fn> void MemoryImage::forEachFlattenedChunk(quint8 fill, Fn &&fn) const
{
    static constexpr qsizetype kFillBlock = 64 * 1024;
    const QByteArray fillBlock(kFillBlock, char(fill));
    quint64 cursor = m_segments.isEmpty() ? 0 : m_segments.first().address;
    for (const Segment &s : m_segments) {
        quint64 gap = s.address - cursor;
        while (gap > 0) {
            const qsizetype n = qsizetype(std::min<quint64>(gap, kFillBlock));
            fn(QByteArrayView(fillBlock.constData(), n));
            gap -= quint64(n);
        }
        fn(QByteArrayView(s.data));
        cursor = s.end();
    }
}

QByteArray MemoryImage::sha256(quint8 fill) const
{
    crypto::Digest h;
    forEachFlattenedChunk(fill, [&](QByteArrayView v) { h.addData(v); });
    return h.result();
}

quint32 MemoryImage::crc32(quint8 fill) const
{
    uLong crc = ::crc32(0L, Z_NULL, 0);
    forEachFlattenedChunk(fill, [&](QByteArrayView v) {
        crc = ::crc32_z(crc, reinterpret_cast<const Bytef *>(v.data()), z_size_t(v.size()));
    });
    return quint32(crc);
}

} // namespace otadesk::firmware
