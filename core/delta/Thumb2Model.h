#pragma once
// ARM Thumb-2 awareness of the encoder: load-address inference, normalisation of BL/B.W immediates and
// absolute pointers for matching, and the displacement map (old offset -> shift) inferred from the matches.
// The prediction itself (what the decoder derives from an old instruction or pointer) is otad_predict4 in
// decoder/otad_format.h, shared with the decoder.
#include "core/delta/Matcher.h"
#include "core/delta/decoder/otad_format.h"

#include <QByteArray>
#include <QList>
#include <optional>

namespace otadesk::delta {

class Thumb2Model
{
public:
    // The load address of a Cortex-M image that starts with its vector table (initial SP, odd reset vector):
    // the 128-byte aligned base that makes the most odd pointers land on branch targets. nullopt if the image
    // does not look like one.
    static std::optional<quint32> inferBaseAddress(QByteArrayView image);
    // The image with branch immediates cleared and pointers into [base, base + size] replaced by a marker,
    // so moved code matches byte for byte.
    static QByteArray normalise(QByteArrayView image, quint32 base);
    // Up to `maxEntries` (old offset, shift) pairs from the matches, heaviest first, sorted by old offset.
    static QList<otad_map_entry> displacementMap(const QList<DeltaOp> &ops, int maxEntries = OTAD_MAX_MAP);
};

} // namespace otadesk::delta
