/* SHA-256 (FIPS 180-4) for the delta decoder core: C-compatible, no allocation, 108 bytes of state. */
#ifndef OTAD_SHA256_H
#define OTAD_SHA256_H
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define OTAD_SHA256_SIZE 32

typedef struct otad_sha256 {
    uint32_t h[8];
    uint64_t length; /* bytes hashed so far */
    uint8_t block[64];
    uint32_t used; /* bytes in block */
} otad_sha256;

void otad_sha256_init(otad_sha256 *s);
void otad_sha256_update(otad_sha256 *s, const uint8_t *data, size_t size);
void otad_sha256_final(otad_sha256 *s, uint8_t out[OTAD_SHA256_SIZE]);
void otad_sha256_hash(const uint8_t *data, size_t size, uint8_t out[OTAD_SHA256_SIZE]);

#ifdef __cplusplus
}
#endif
#endif
