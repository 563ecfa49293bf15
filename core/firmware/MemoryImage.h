#pragma once
// A sparse memory image: non-overlapping, sorted segments of bytes at 64-bit addresses, an optional entry
// point, and metadata the source format carried (S0 header text, ELF sections and symbols, ...). Nothing here
// ever pads from address 0: a Cortex-M image at 0x08000000 stays a segment at 0x08000000.
#include "core/common/Error.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QVariantMap>
#include <optional>

namespace otadesk::firmware {

struct Segment
{
    quint64 address = 0;
    QByteArray data;
    quint64 end() const { return address + quint64(data.size()); } // one past the last byte
    bool contains(quint64 a) const { return a >= address && a < end(); }
    bool operator==(const Segment &) const = default;
};

struct AddressRange
{
    quint64 start = 0;
    quint64 end = 0; // exclusive
    quint64 size() const { return end - start; }
    bool isEmpty() const { return end <= start; }
    bool operator==(const AddressRange &) const = default;
};

// How to treat bytes written twice.
enum class OverlapPolicy {
    Reject,    // different bytes at one address is an error; identical bytes are a warning
    LastWins,  // the later write replaces; a warning names the range
};

class MemoryImage
{
public:
    MemoryImage() = default;

    const QList<Segment> &segments() const { return m_segments; }
    bool isEmpty() const { return m_segments.isEmpty(); }
    qsizetype segmentCount() const { return m_segments.size(); }
    quint64 dataSize() const; // number of bytes actually present (sum of segment sizes)
    AddressRange extent() const; // lowest start .. highest end; empty range if no data

    std::optional<quint64> entryPoint() const { return m_entryPoint; }
    void setEntryPoint(std::optional<quint64> entry) { m_entryPoint = entry; }
    const QVariantMap &metadata() const { return m_metadata; }
    QVariantMap &metadata() { return m_metadata; }

    // Writes bytes at an address, keeping segments sorted and merged when they touch. Overlaps follow the
    // policy; overlaps that were accepted (identical bytes or LastWins) are appended to `notes` and their
    // ranges to `overlaps` if given.
    Status write(quint64 address, QByteArrayView bytes, OverlapPolicy policy = OverlapPolicy::Reject,
                 Diagnostics *notes = nullptr, QList<AddressRange> *overlaps = nullptr);
    // Merges another image into this one (entry point: this image's unless it has none).
    Status merge(const MemoryImage &other, OverlapPolicy policy = OverlapPolicy::Reject,
                 Diagnostics *notes = nullptr);

    // Ranges where both images have bytes (regardless of whether the bytes agree).
    QList<AddressRange> overlapsWith(const MemoryImage &other) const;
    // Gaps between segments inside the extent.
    QList<AddressRange> gaps() const;

    // Fills every gap inside [range.start, range.end) with `value`; bytes outside the range are untouched.
    void fillGaps(AddressRange range, quint8 value = 0xFF);
    // The part of the image inside the range (segments cut at its edges). Entry point kept if inside.
    MemoryImage slice(AddressRange range) const;
    // One contiguous buffer for the range, gaps filled with `fill`. Fails for ranges over maxBytes.
    Result<QByteArray> flatten(AddressRange range, quint8 fill = 0xFF,
                               quint64 maxBytes = quint64(1) << 31) const;
    // Whole extent flattened (what a .bin of this image holds).
    Result<QByteArray> flatten(quint8 fill = 0xFF) const { return flatten(extent(), fill); }

    // Digests over the bytes of the flattened extent (gaps filled with `fill`) — equal to the digest of the
    // .bin file exported from this image.
    QByteArray sha256(quint8 fill = 0xFF) const;
    quint32 crc32(quint8 fill = 0xFF) const;

    // Appends a segment the caller guarantees to lie after every existing segment (fast path for readers).
    // Returns false (and does nothing) if it would not.
    bool appendOrdered(quint64 address, QByteArrayView bytes);

    bool operator==(const MemoryImage &o) const
    {
        return m_segments == o.m_segments && m_entryPoint == o.m_entryPoint;
    }

private:
    template <typename Fn> void forEachFlattenedChunk(quint8 fill, Fn &&fn) const;
    QList<Segment> m_segments;
    std::optional<quint64> m_entryPoint;
    QVariantMap m_metadata;
};

QString formatAddress(quint64 address);            // "0x0800_0000"-free plain "0x08000000"
QString formatRange(const AddressRange &range);    // "0x08000000–0x08001fff"

} // namespace otadesk::firmware
