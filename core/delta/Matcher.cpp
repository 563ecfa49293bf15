#include "core/delta/Matcher.h"

#include <algorithm>
#include <cstring>

namespace otadesk::delta {

namespace {

qint32 matchLength(const uint8_t *a, qint32 an, const uint8_t *b, qint32 bn)
{
    const qint32 n = std::min(an, bn);
    qint32 i = 0;
    while (i < n && a[i] == b[i])
        ++i;
    return i;
}

// Longest match of newp[0..newn) among the suffixes of old (binary search in the suffix array).
qint32 search(const std::vector<qint32> &sa, const uint8_t *old, qint32 oldn, const uint8_t *newp, qint32 newn,
              qint32 *pos)
{
    qint32 st = 0, en = qint32(sa.size()) - 1;
    while (en - st >= 2) {
        const qint32 x = st + (en - st) / 2;
        const qint32 oldLen = oldn - sa[size_t(x)];
        const int c = std::memcmp(old + sa[size_t(x)], newp, size_t(std::min(oldLen, newn)));
        // A suffix that is a proper prefix of the query sorts before it (bsdiff treats it as equal and so
        // misses long matches inside repeated data such as pointer tables).
        if (c < 0 || (c == 0 && oldLen < newn))
            st = x;
        else
            en = x;
    }
    const qint32 a = matchLength(old + sa[size_t(st)], oldn - sa[size_t(st)], newp, newn);
    const qint32 b = matchLength(old + sa[size_t(en)], oldn - sa[size_t(en)], newp, newn);
    *pos = a > b ? sa[size_t(st)] : sa[size_t(en)];
    return std::max(a, b);
}

} // namespace

QList<DeltaOp> matchImages(QByteArrayView oldImage, QByteArrayView newImage, const std::vector<qint32> &sa,
                           int minGain)
{
    const auto *old = reinterpret_cast<const uint8_t *>(oldImage.data());
    const auto *nw = reinterpret_cast<const uint8_t *>(newImage.data());
    const qint32 oldn = qint32(oldImage.size()), newn = qint32(newImage.size());
    QList<DeltaOp> ops;
    qint32 scan = 0, len = 0, pos = 0, lastScan = 0, lastPos = 0, lastOffset = 0;
    while (scan < newn) {
        qint32 oldScore = 0;
        qint32 scsc = scan += len;
        for (; scan < newn; ++scan) {
            len = oldn ? search(sa, old, oldn, nw + scan, newn - scan, &pos) : 0;
            for (; scsc < scan + len; ++scsc)
                if (scsc + lastOffset < oldn && scsc + lastOffset >= 0 && old[scsc + lastOffset] == nw[scsc])
                    ++oldScore;
            if ((len == oldScore && len != 0) || len > oldScore + minGain)
                break;
            if (scan + lastOffset < oldn && scan + lastOffset >= 0 && old[scan + lastOffset] == nw[scan])
                --oldScore;
        }
        if (len == oldScore && scan != newn)
            continue;
        // Extend the previous match forwards and this one backwards.
        qint32 s = 0, sf = 0, lenf = 0;
        for (qint32 i = 0; lastScan + i < scan && lastPos + i < oldn;) {
            if (old[lastPos + i] == nw[lastScan + i])
                ++s;
            ++i;
            if (s * 2 - i > sf * 2 - lenf) {
                sf = s;
                lenf = i;
            }
        }
        qint32 lenb = 0;
        if (scan < newn) {
            qint32 sb = 0;
            s = 0;
            for (qint32 i = 1; scan >= lastScan + i && pos >= i; ++i) {
                if (old[pos - i] == nw[scan - i])
                    ++s;
                if (s * 2 - i > sb * 2 - lenb) {
                    sb = s;
                    lenb = i;
                }
            }
        }
        if (lastScan + lenf > scan - lenb) {
            const qint32 overlap = (lastScan + lenf) - (scan - lenb);
            qint32 ss = 0, lens = 0;
            s = 0;
            for (qint32 i = 0; i < overlap; ++i) {
                if (nw[lastScan + lenf - overlap + i] == old[lastPos + lenf - overlap + i])
                    ++s;
                if (nw[scan - lenb + i] == old[pos - lenb + i])
                    --s;
                if (s > ss) {
                    ss = s;
                    lens = i + 1;
                }
            }
            lenf += lens - overlap;
            lenb -= lens;
        }
        const qint32 extra = (scan - lenb) - (lastScan + lenf);
        if (lenf + extra > 0)
            ops.append(DeltaOp{lastPos, lastScan, lenf, extra});
        lastScan = scan - lenb;
        lastPos = pos - lenb;
        lastOffset = pos - scan;
    }
    return ops;
}

} // namespace otadesk::delta
