/* Transport integrity of a delta patch: the payload is cut into chunks of header.chunk_size bytes (the last
 * may be shorter); leaf i = SHA-256(0x00 || le32(i) || chunk i), node = SHA-256(0x01 || left || right), a
 * node without a right sibling is promoted unchanged. The root is header.chunk_root; the header itself holds
 * the base and target digests, so SHA-256(header) binds the chunks to the signed target digest. A chunk is
 * verified with its digest path (sibling hashes from the leaf up, ceil(log2(count)) at most). */
#ifndef OTAD_MERKLE_H
#define OTAD_MERKLE_H
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define OTAD_MAX_PROOF 32

void otad_merkle_leaf(uint32_t index, const uint8_t *chunk, size_t size, uint8_t out[32]);
void otad_merkle_node(const uint8_t left[32], const uint8_t right[32], uint8_t out[32]);
/* Number of digests in the path of chunk `index` of `count`. */
uint32_t otad_merkle_proof_length(uint32_t index, uint32_t count);
/* 1 if the chunk with this path (proof_count digests of 32 bytes, leaf level first) leads to root. */
int otad_merkle_verify(const uint8_t root[32], uint32_t index, uint32_t count, const uint8_t *chunk, size_t size,
                       const uint8_t *proof, uint32_t proof_count);

#ifdef __cplusplus
}
#endif
#endif
