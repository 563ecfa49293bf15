// libFuzzer target: the ELF reader never crashes on any input; whatever it accepts survives write + re-read
// unchanged. Inputs without the ELF magic are turned into a valid ELF (built by our writer from the input's
// bytes) with a few header bytes overwritten, so seeds of any kind reach the deep parts of the parser.
#include "core/firmware/FormatRegistry.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>

using namespace otadesk::firmware;

namespace {

const ImageFormat &elf()
{
    static const ImageFormat *format = FormatRegistry::instance().byId(QStringLiteral("elf"));
    return *format;
}

void check(QByteArrayView input)
{
    auto read = elf().read(input, {});
    if (!read) {
        if (read.error().where().offset > input.size())
            abort(); // error offsets always point into the input
        return;
    }
    auto written = elf().write(read->image, {});
    if (!written)
        abort();
    auto back = elf().read(*written, {});
    if (!back || !(back->image == read->image))
        abort();
}

// control byte: bit 0 = above 4 GiB (ELF64), bits 1-2 = segments - 1, bits 3-5 = header patches.
QByteArray synthesize(const uint8_t *data, size_t size)
{
    const uint8_t control = data[0];
    size_t pos = 1;
    const int patches = (control >> 3) & 7;
    struct Patch
    {
        quint16 offset;
        char value;
    };
    QList<Patch> list;
    for (int i = 0; i < patches && pos + 3 <= size; ++i, pos += 3)
        list.append({quint16(data[pos] | (data[pos + 1] << 8)), char(data[pos + 2])});
    QByteArray payload(reinterpret_cast<const char *>(data + pos), qsizetype(size - pos));
    if (payload.isEmpty())
        payload = QByteArray("x");
    const int segments = 1 + ((control >> 1) & 3);
    const quint64 base = (control & 1) ? 0x100000000ull : 0x08000000u;
    MemoryImage image;
    const qsizetype piece = std::max<qsizetype>(1, payload.size() / segments);
    for (int i = 0; i < segments && i * piece < payload.size(); ++i)
        (void)image.write(base + quint64(i) * 0x1000, payload.mid(i * piece, i + 1 == segments ? -1 : piece));
    image.setEntryPoint(base);
    auto written = elf().write(image, {});
    if (!written)
        abort();
    // Our own output must read back exactly.
    auto back = elf().read(*written, {});
    if (!back || !(back->image == image))
        abort();
    QByteArray out = *written;
    for (const Patch &p : std::as_const(list))
        out[p.offset % out.size()] = p.value;
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (size > 0 && !(size >= 4 && std::memcmp(data,
                                               "\x7f"
                                               "ELF",
                                               4) == 0))
        check(synthesize(data, size));
    return 0;
}
