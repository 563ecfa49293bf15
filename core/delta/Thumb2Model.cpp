#include "core/delta/Thumb2Model.h"

#include <algorithm>
#include <vector>

namespace otadesk::delta {

namespace {
const auto *bytes(QByteArrayView v) { return reinterpret_cast<const uint8_t *>(v.data()); }
} // namespace

std::optional<quint32> Thumb2Model::inferBaseAddress(QByteArrayView image)
{
    const auto *p = bytes(image);
    const qint64 n = image.size();
    if (n < 256 || n > 16 * 1024 * 1024) // the search below is O(size / 128 x pointers)
        return std::nullopt;
    const quint32 reset = otad_le32(p + 4);
    if (!(reset & 1u) || reset < quint32(n))
        return std::nullopt;
    // Branch targets of the image (offsets), found by a linear sweep.
    std::vector<bool> target(size_t(n), false);
    for (qint64 i = 0; i + 4 <= n; i += 2) {
        if (otad_is_branch(p + i)) {
            const qint64 t = i + 4 + otad_branch_offset(p + i);
            if (t >= 0 && t < n)
                target[size_t(t)] = true;
        }
    }
    std::vector<quint32> odd;
    for (qint64 i = 0; i + 4 <= n; i += 4) {
        const quint32 w = otad_le32(p + i);
        if ((w & 1u) && w <= reset + quint32(n) && w + quint32(n) >= reset)
            odd.push_back(w - 1);
    }
    const quint32 lo = (reset - quint32(n)) & ~0x7Fu, hi = reset & ~0x7Fu;
    std::optional<quint32> best;
    qint64 bestScore = 0;
    for (quint64 b64 = lo; b64 <= hi; b64 += 0x80) {
        const quint32 b = quint32(b64);
        qint64 score = 0;
        for (quint32 w : odd)
            if (w >= b && w - b < quint32(n) && target[w - b])
                ++score;
        if (score > bestScore) {
            bestScore = score;
            best = b;
        }
    }
    // The reset handler itself must be inside the image.
    if (best && reset - *best >= quint32(n))
        return std::nullopt;
    return best;
}

QByteArray Thumb2Model::normalise(QByteArrayView image, quint32 base)
{
    QByteArray out(image.data(), image.size());
    auto *o = reinterpret_cast<uint8_t *>(out.data());
    const auto *p = bytes(image);
    const qint64 n = image.size();
    for (qint64 i = 0; i + 4 <= n;) {
        const quint32 w = otad_le32(p + i);
        if (((base + quint32(i)) & 3u) == 0 && w >= base && w - base <= quint32(n) && n >= 64) {
            o[i] = 0xA5;
            o[i + 1] = 0x5A;
            o[i + 2] = 0xC3;
            i += 4;
        } else if (!(i & 1) && otad_is_branch(p + i)) {
            o[i] = 0;
            o[i + 1] = uint8_t(p[i + 1] & 0xF8);
            o[i + 2] = 0;
            o[i + 3] = uint8_t(p[i + 3] & 0xD0);
            i += 4;
        } else {
            ++i;
        }
    }
    return out;
}

QList<otad_map_entry> Thumb2Model::displacementMap(const QList<DeltaOp> &ops, int maxEntries)
{
    // Weight of every (old start, shift) segment = bytes it copies; short matches are noise.
    struct Segment
    {
        qint32 start;
        qint32 shift;
        qint64 weight;
    };
    std::vector<Segment> segments;
    for (const DeltaOp &op : ops)
        if (op.copy >= 32)
            segments.push_back({op.oldStart, op.newStart - op.oldStart, op.copy});
    std::sort(segments.begin(), segments.end(), [](const Segment &a, const Segment &b) { return a.start < b.start; });
    // Merge neighbours with the same shift.
    std::vector<Segment> merged;
    for (const Segment &s : segments) {
        if (!merged.empty() && merged.back().shift == s.shift)
            merged.back().weight += s.weight;
        else if (!merged.empty() && merged.back().start == s.start) {
            if (s.weight > merged.back().weight)
                merged.back() = s;
        } else
            merged.push_back(s);
    }
    if (qsizetype(merged.size()) > maxEntries) {
        std::stable_sort(merged.begin(), merged.end(),
                         [](const Segment &a, const Segment &b) { return a.weight > b.weight; });
        merged.resize(size_t(maxEntries));
        std::sort(merged.begin(), merged.end(), [](const Segment &a, const Segment &b) { return a.start < b.start; });
    }
    QList<otad_map_entry> map;
    for (const Segment &s : merged) {
        if (!map.isEmpty() && map.last().shift == s.shift)
            continue;
        if (map.isEmpty() && s.shift == 0)
            continue; // the shift before the first entry is 0 anyway
        map.append(otad_map_entry{quint32(s.start), s.shift});
    }
    return map;
}

} // namespace otadesk::delta
