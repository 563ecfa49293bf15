// libFuzzer target: the MCUboot inspector never crashes, its errors point into the input, and what it accepts
// is self-consistent (areas inside the buffer, hash recomputable).
#include "core/firmware/McubootImage.h"

#include <cstdint>
#include <cstdlib>

using namespace otadesk;
using namespace otadesk::firmware;

namespace {

void check(const Result<McubootInfo> &info, qsizetype size)
{
    if (!info) {
        if (info.error().where().offset < 0 || info.error().where().offset > size)
            abort();
        return;
    }
    if (info->endOfTlvs > size || info->tlvInfoOffset < mcuboot::kHeaderSize || info->bufferSize != size)
        abort();
    for (const McubootTlv &t : info->tlvs) {
        if (t.offset < 0 || t.offset + 4 + t.value.size() > info->endOfTlvs)
            abort();
    }
    if (info->hashValid && info->computedHash != info->storedHash)
        abort();
    (void)info->toVariantMap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView view(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)looksLikeMcuboot(view);
    check(inspectMcuboot(view), view.size());

    // The same bytes as a MemoryImage split in two segments with a gap (read as 0xFF).
    if (size > 8) {
        MemoryImage image;
        const qsizetype half = view.size() / 2;
        (void)image.write(0x8000, view.first(half));
        (void)image.write(0x8000 + quint64(half) + 4, view.sliced(half));
        auto info = inspectMcuboot(image);
        if (info && info->baseAddress != 0x8000)
            abort();
        check(info, view.size() + 4);
    }
    return 0;
}
