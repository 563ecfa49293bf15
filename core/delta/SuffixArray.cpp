#include "core/delta/SuffixArray.h"

#include <algorithm>

namespace otadesk::delta {

std::vector<qint32> buildSuffixArray(QByteArrayView text)
{
    // Cyclic doubling over text + sentinel (the unique smallest symbol), so the empty suffix sorts first.
    const qint32 n = qint32(text.size()) + 1;
    const size_t un = size_t(n);
    std::vector<qint32> sa(un), rank(un), tmp(un);
    qint32 classes = 257;
    std::vector<qint32> count(size_t(std::max(classes, n)) + 1, 0);
    for (qint32 i = 0; i < n; ++i)
        rank[size_t(i)] = i + 1 < n ? qint32(uint8_t(text[i])) + 1 : 0;
    for (qint32 i = 0; i < n; ++i)
        ++count[size_t(rank[size_t(i)])];
    for (qint32 c = 1; c < classes; ++c)
        count[size_t(c)] += count[size_t(c - 1)];
    for (qint32 i = n - 1; i >= 0; --i)
        sa[size_t(--count[size_t(rank[size_t(i)])])] = i;
    // Dense ranks of the first character.
    {
        qint32 r = 0;
        tmp[size_t(sa[0])] = 0;
        for (qint32 i = 1; i < n; ++i) {
            if (rank[size_t(sa[size_t(i)])] != rank[size_t(sa[size_t(i - 1)])])
                ++r;
            tmp[size_t(sa[size_t(i)])] = r;
        }
        rank.swap(tmp);
        classes = r + 1;
    }
    std::vector<qint32> order(un);
    for (qint32 k = 1; classes < n; k <<= 1) {
        // Sort by the second half: positions i - k in the current order (cyclic).
        for (qint32 i = 0; i < n; ++i) {
            qint32 p = sa[size_t(i)] - k;
            if (p < 0)
                p += n;
            order[size_t(i)] = p;
        }
        std::fill(count.begin(), count.begin() + classes + 1, 0);
        for (qint32 i = 0; i < n; ++i)
            ++count[size_t(rank[size_t(order[size_t(i)])])];
        for (qint32 c = 1; c < classes; ++c)
            count[size_t(c)] += count[size_t(c - 1)];
        for (qint32 i = n - 1; i >= 0; --i)
            sa[size_t(--count[size_t(rank[size_t(order[size_t(i)])])])] = order[size_t(i)];
        qint32 r = 0;
        tmp[size_t(sa[0])] = 0;
        for (qint32 i = 1; i < n; ++i) {
            const qint32 a = sa[size_t(i)], b = sa[size_t(i - 1)];
            const qint32 a2 = a + k < n ? a + k : a + k - n, b2 = b + k < n ? b + k : b + k - n;
            if (rank[size_t(a)] != rank[size_t(b)] || rank[size_t(a2)] != rank[size_t(b2)])
                ++r;
            tmp[size_t(a)] = r;
        }
        rank.swap(tmp);
        classes = r + 1;
    }
    return sa;
}

} // namespace otadesk::delta
