#pragma once
// Round-trip property shared by the Intel HEX and S-record fuzz targets: whatever parses must write back and
// re-read to the same memory (and entry point); anything else is a bug, reported by abort().
#include "core/firmware/FormatRegistry.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace otadesk::fuzz {

[[noreturn]] inline void failRoundTrip(const char *what, const otadesk::Error *error = nullptr)
{
    std::fprintf(stderr, "round trip failed: %s %s\n", what,
                 error ? qPrintable(error->toString()) : "");
    std::abort();
}

// `entryMayAppear`: the writer adds an entry point of 0 when the image has none (S7/S8/S9 are always written).
inline int checkRoundTrip(const char *formatId, const uint8_t *data, size_t size, bool entryMayAppear)
{
    using namespace otadesk::firmware;
    static const ImageFormat *format = FormatRegistry::instance().byId(QLatin1String(formatId));
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)format->probe(input.first(qMin<qsizetype>(input.size(), 4096)));

    ReadOptions strict;
    strict.overlaps = OverlapPolicy::Reject;
    (void)format->read(input, strict);
    const auto first = format->read(input, {});
    if (!first)
        return 0;

    WriteOptions w;
    w.bytesPerRecord = 1 + int(size % 64); // vary the record size with the input
    const auto text = format->write(first->image, w);
    if (!text)
        failRoundTrip("write", &text.error());
    const auto second = format->read(*text, strict);
    if (!second)
        failRoundTrip("re-read", &second.error());
    if (second->image.segments() != first->image.segments())
        failRoundTrip("segments differ");
    const auto e1 = first->image.entryPoint();
    const auto e2 = second->image.entryPoint();
    if (e1 != e2 && !(entryMayAppear && !e1 && e2 == quint64(0)))
        failRoundTrip("entry point differs");
    if (!second->warnings.isEmpty())
        failRoundTrip("warnings on our own output");
    return 0;
}

} // namespace otadesk::fuzz
