// Chunk digests under one Merkle root (C-style C++, no allocation); see otad_merkle.h.
#include "core/delta/decoder/otad_merkle.h"

#include "core/delta/decoder/otad_sha256.h"

#include <string.h>

extern "C" {

void otad_merkle_leaf(uint32_t index, const uint8_t *chunk, size_t size, uint8_t out[32])
{
    const uint8_t prefix[5] = {0x00, uint8_t(index), uint8_t(index >> 8), uint8_t(index >> 16), uint8_t(index >> 24)};
    otad_sha256 s;
    otad_sha256_init(&s);
    otad_sha256_update(&s, prefix, sizeof prefix);
    otad_sha256_update(&s, chunk, size);
    otad_sha256_final(&s, out);
}

void otad_merkle_node(const uint8_t left[32], const uint8_t right[32], uint8_t out[32])
{
    const uint8_t prefix = 0x01;
    otad_sha256 s;
    otad_sha256_init(&s);
    otad_sha256_update(&s, &prefix, 1);
    otad_sha256_update(&s, left, 32);
    otad_sha256_update(&s, right, 32);
    otad_sha256_final(&s, out);
}

uint32_t otad_merkle_proof_length(uint32_t index, uint32_t count)
{
    uint32_t n = 0;
    while (count > 1) {
        if ((index & 1u) || index + 1 < count)
            ++n;
        index /= 2;
        count = (count + 1) / 2;
    }
    return n;
}

int otad_merkle_verify(const uint8_t root[32], uint32_t index, uint32_t count, const uint8_t *chunk, size_t size,
                       const uint8_t *proof, uint32_t proof_count)
{
    if (index >= count || proof_count != otad_merkle_proof_length(index, count))
        return 0;
    uint8_t h[32];
    otad_merkle_leaf(index, chunk, size, h);
    uint32_t used = 0;
    while (count > 1) {
        if (index & 1u)
            otad_merkle_node(proof + 32 * used++, h, h);
        else if (index + 1 < count)
            otad_merkle_node(h, proof + 32 * used++, h);
        index /= 2;
        count = (count + 1) / 2;
    }
    return memcmp(h, root, 32) == 0;
}

} // extern "C"
