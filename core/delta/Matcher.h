#pragma once
// bsdiff-style matching: exact matches found in a suffix array of the old image, extended forwards and
// backwards while at least half of the bytes agree (the differences go to the diff stream, which the range
// coder codes for next to nothing when they are zero). Works on the normalised images in Thumb-2 mode.
#include <QByteArrayView>
#include <QList>
#include <vector>

namespace otadesk::delta {

// Copy `copy` bytes (old + diff) from oldStart to newStart, then `extra` literal bytes.
struct DeltaOp
{
    qint32 oldStart = 0;
    qint32 newStart = 0;
    qint32 copy = 0;
    qint32 extra = 0;
};

// The ops cover the new image from 0 to its end in order; none is empty. A new match starts where it is longer
// than the bytes the current alignment already matches by more than minGain (bsdiff: 8). Smaller values cut
// more, shorter ops (good for distant releases), larger ones keep long approximate copies (near releases).
QList<DeltaOp> matchImages(QByteArrayView oldImage, QByteArrayView newImage, const std::vector<qint32> &suffixArray,
                           int minGain = 8);

} // namespace otadesk::delta
