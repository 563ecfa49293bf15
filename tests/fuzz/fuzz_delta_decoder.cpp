// libFuzzer target: the C delta decoder core (core/delta/decoder) on hostile patches. The input is a patch
// (header + payload); it is decoded against a deterministic old image of the header's base size, fed in pieces
// whose sizes come from the input, with the chunk root and base digest deliberately not checked so the coded
// payload itself is exercised. Every old read and new write must stay in bounds and writes must be sequential;
// a patch that decodes must have produced exactly target_size bytes.
#include "core/delta/decoder/otad_decoder.h"

#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

constexpr uint32_t kMaxOld = 256 * 1024;
constexpr uint32_t kMaxNew = 1024 * 1024;

struct Io
{
    std::vector<uint8_t> old;
    uint32_t targetSize = 0;
    uint32_t written = 0;
};

int readOld(void *ctx, uint32_t offset, uint8_t *buf, uint32_t size)
{
    auto *io = static_cast<Io *>(ctx);
    if (size == 0 || uint64_t(offset) + size > io->old.size())
        std::abort(); // the decoder asked for bytes outside the old image
    std::memcpy(buf, io->old.data() + offset, size);
    return 0;
}

int writeNew(void *ctx, uint32_t offset, const uint8_t *, uint32_t size)
{
    auto *io = static_cast<Io *>(ctx);
    if (offset != io->written || uint64_t(offset) + size > io->targetSize)
        std::abort(); // out of order or past the target size
    io->written += size;
    return 0;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static otad_decoder d; // 12 KiB: keep it off the fuzzer's stack
    if (otad_decoder_init(&d, data, size) < 0)
        return 0;
    if (d.header.base_size > kMaxOld || d.header.target_size > kMaxNew)
        return 0;
    Io io;
    io.old.resize(d.header.base_size);
    for (uint32_t i = 0; i < d.header.base_size; ++i) // code-like filler with BL and pointer patterns
        io.old[i] = (i % 16 == 1) ? 0xF0 : (i % 16 == 3) ? 0xF8 : (i % 32 == 7) ? 0x08 : uint8_t(i * 131u);
    io.targetSize = d.header.target_size;
    const otad_io callbacks = {&io, readOld, writeNew};
    const uint8_t *payload = data + OTAD_HEADER_SIZE;
    size_t left = size - OTAD_HEADER_SIZE;
    int rc = OTAD_NEED_INPUT;
    size_t piece = 1 + (data[OTAD_HEADER_SIZE - 1] % 97);
    while (rc == OTAD_NEED_INPUT && left) {
        const size_t n = piece < left ? piece : left;
        rc = otad_decoder_feed(&d, &callbacks, payload, n);
        payload += n;
        left -= n;
        piece = piece * 3 % 251 + 1;
    }
    if (rc == OTAD_DONE && io.written != d.header.target_size)
        std::abort();
    if (rc == OTAD_NEED_INPUT && d.payload_read > d.header.payload_size)
        std::abort();
    return 0;
}
