#pragma once
// Suffix array of a byte string by prefix doubling with radix sorts (O(n log n)); includes the empty suffix
// at index 0 as bsdiff's matcher expects.
#include <QByteArrayView>
#include <vector>

namespace otadesk::delta {

std::vector<qint32> buildSuffixArray(QByteArrayView text);

} // namespace otadesk::delta
