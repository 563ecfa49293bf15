// Header parsing/writing of the delta format (C-style C++, no allocation).
#include "core/delta/decoder/otad_format.h"

#include <string.h>

namespace {
void put32(uint8_t *p, uint32_t v)
{
    p[0] = uint8_t(v);
    p[1] = uint8_t(v >> 8);
    p[2] = uint8_t(v >> 16);
    p[3] = uint8_t(v >> 24);
}
} // namespace

extern "C" {

int otad_header_parse(const uint8_t *data, size_t size, otad_header *out)
{
    if (!data || size < OTAD_HEADER_SIZE || memcmp(data, OTAD_MAGIC, 8) != 0)
        return OTAD_E_HEADER;
    otad_header h;
    h.version = data[8];
    h.profile = data[9];
    h.mode = data[10];
    h.flags = data[11];
    h.base_size = otad_le32(data + 12);
    h.target_size = otad_le32(data + 16);
    h.old_base_address = otad_le32(data + 20);
    h.new_base_address = otad_le32(data + 24);
    h.payload_size = otad_le32(data + 28);
    h.chunk_size = otad_le32(data + 32);
    h.map_entries = otad_le32(data + 36);
    h.reserved = otad_le32(data + 40);
    memcpy(h.base_sha256, data + 44, 32);
    memcpy(h.target_sha256, data + 76, 32);
    memcpy(h.chunk_root, data + 108, 32);
    if (h.version != OTAD_VERSION)
        return OTAD_E_VERSION;
    if (h.profile != OTAD_PROFILE_S || (h.mode != OTAD_MODE_GENERIC && h.mode != OTAD_MODE_THUMB2) || (h.flags & ~uint32_t(OTAD_FLAG_NO_POINTERS)) != 0 ||
        (h.flags && h.mode != OTAD_MODE_THUMB2))
        return OTAD_E_PROFILE;
    if (h.base_size > OTAD_MAX_IMAGE || h.target_size > OTAD_MAX_IMAGE || h.payload_size > OTAD_MAX_IMAGE ||
        h.chunk_size < OTAD_MIN_CHUNK || h.chunk_size > OTAD_MAX_CHUNK || h.map_entries > OTAD_MAX_MAP ||
        h.reserved != 0 || h.payload_size < 5)
        return OTAD_E_HEADER;
    *out = h;
    return OTAD_NEED_INPUT;
}

void otad_header_write(const otad_header *h, uint8_t out[OTAD_HEADER_SIZE])
{
    memcpy(out, OTAD_MAGIC, 8);
    out[8] = h->version;
    out[9] = h->profile;
    out[10] = h->mode;
    out[11] = h->flags;
    put32(out + 12, h->base_size);
    put32(out + 16, h->target_size);
    put32(out + 20, h->old_base_address);
    put32(out + 24, h->new_base_address);
    put32(out + 28, h->payload_size);
    put32(out + 32, h->chunk_size);
    put32(out + 36, h->map_entries);
    put32(out + 40, h->reserved);
    memcpy(out + 44, h->base_sha256, 32);
    memcpy(out + 76, h->target_sha256, 32);
    memcpy(out + 108, h->chunk_root, 32);
}

uint32_t otad_chunk_count(const otad_header *h)
{
    return h->chunk_size ? uint32_t((uint64_t(h->payload_size) + h->chunk_size - 1) / h->chunk_size) : 0;
}

const char *otad_status_name(int status)
{
    switch (status) {
    case OTAD_DONE: return "done";
    case OTAD_NEED_INPUT: return "need-input";
    case OTAD_E_HEADER: return "bad-header";
    case OTAD_E_VERSION: return "unknown-version";
    case OTAD_E_PROFILE: return "unsupported-profile";
    case OTAD_E_CORRUPT: return "corrupt-payload";
    case OTAD_E_TRUNCATED: return "truncated-payload";
    case OTAD_E_TRAILING: return "trailing-data";
    case OTAD_E_IO: return "io-error";
    case OTAD_E_TARGET_DIGEST: return "target-digest-mismatch";
    case OTAD_E_BASE: return "base-mismatch";
    case OTAD_E_STATE: return "invalid-state";
    }
    return "unknown";
}

} // extern "C"
