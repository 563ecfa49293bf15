/* OTA Desk delta patch format, version 1 (docs/delta.md): the fixed header, the decoder profiles, the
 * context-model layout shared by the encoder and the decoder, and the Thumb-2 / pointer prediction.
 * C-compatible, no allocation. */
#ifndef OTAD_FORMAT_H
#define OTAD_FORMAT_H
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define OTAD_MAGIC "OTADELTA"
#define OTAD_VERSION 1
#define OTAD_HEADER_SIZE 140
#define OTAD_PROFILE_S 1        /* 16 KiB RAM devices */
#define OTAD_MODE_GENERIC 0     /* byte-wise prediction: new = old + diff */
#define OTAD_MODE_THUMB2 1      /* BL/B.W immediates and absolute pointers predicted through the map */
#define OTAD_FLAG_NO_POINTERS 1 /* thumb2 mode without pointer prediction (load address unknown) */
#define OTAD_MAX_MAP 256        /* displacement map entries, profile S */
#define OTAD_MAX_IMAGE 0x40000000u /* 1 GiB: sizes and offsets fit in int32 */
#define OTAD_MIN_CHUNK 64u
#define OTAD_MAX_CHUNK (1u << 24)

/* Context models. 11-bit probabilities (LZMA style). */
#define OTAD_PROB_BITS 11
#define OTAD_PROB_INIT (1u << (OTAD_PROB_BITS - 1))
#define OTAD_MOVE_BITS 4
#define OTAD_LIT_CTX 8      /* literal contexts: (position & 1) x (previous byte >> 6) */
#define OTAD_DIFF_KINDS 9   /* plain byte, BL byte 0..3, pointer byte 0..3 */
#define OTAD_DIFF_CLASSES 4 /* plain at even / odd offset, BL, pointer */
#define OTAD_NUM_KINDS 5    /* map start delta, map shift, op seek, op copy length, op extra length */
#define OTAD_NUM_TOP 3      /* mantissa bits below the leading one coded with contexts */

enum otad_num_kind { OTAD_NUM_MAP_START = 0, OTAD_NUM_MAP_SHIFT, OTAD_NUM_SEEK, OTAD_NUM_COPY, OTAD_NUM_EXTRA };

typedef struct otad_num_model {
    uint16_t length[64];                      /* bit length 0..32, 6-bit tree */
    uint16_t top[33][1 << OTAD_NUM_TOP];      /* leading mantissa bits per bit length */
} otad_num_model;

typedef struct otad_models {
    uint16_t literal[OTAD_LIT_CTX][256];
    uint16_t diff_zero[OTAD_DIFF_KINDS][4];   /* kind x (last two diffs zero?) */
    uint16_t diff_value[OTAD_DIFF_CLASSES][256];
    otad_num_model num[OTAD_NUM_KINDS];
    uint16_t rep[2];                          /* op returns to the alignment before the current one? ctx: last op did */
} otad_models;

typedef struct otad_header {
    uint8_t version;
    uint8_t profile;
    uint8_t mode;
    uint8_t flags;
    uint32_t base_size;
    uint32_t target_size;
    uint32_t old_base_address; /* load address of the old image (pointer prediction) */
    uint32_t new_base_address;
    uint32_t payload_size;     /* range-coded bytes after the header */
    uint32_t chunk_size;       /* transport chunk size of the payload */
    uint32_t map_entries;      /* informational: entries of the displacement map in the payload */
    uint32_t reserved;
    uint8_t base_sha256[32];
    uint8_t target_sha256[32];
    uint8_t chunk_root[32];    /* Merkle root of the payload chunks (otad_merkle.h) */
} otad_header;

/* Result codes shared by the decoder core. */
enum otad_status {
    OTAD_DONE = 0,            /* target complete and verified */
    OTAD_NEED_INPUT = 1,      /* feed more patch bytes */
    OTAD_E_HEADER = -1,       /* not a delta patch (bad magic or field) */
    OTAD_E_VERSION = -2,      /* unknown format version */
    OTAD_E_PROFILE = -3,      /* decoder profile or mode this core does not implement */
    OTAD_E_CORRUPT = -4,      /* coded data invalid (bounds, map, lengths) */
    OTAD_E_TRUNCATED = -5,    /* the payload ended early */
    OTAD_E_TRAILING = -6,     /* more patch bytes than the header announced */
    OTAD_E_IO = -7,           /* the read or write callback failed */
    OTAD_E_TARGET_DIGEST = -8,/* decoded image does not have the target digest */
    OTAD_E_BASE = -9,         /* old image size or digest does not match the header */
    OTAD_E_STATE = -10        /* the state is not a valid decoder state */
};

int otad_header_parse(const uint8_t *data, size_t size, otad_header *out);
void otad_header_write(const otad_header *h, uint8_t out[OTAD_HEADER_SIZE]);
uint32_t otad_chunk_count(const otad_header *h);
const char *otad_status_name(int status);

/* Displacement map: sorted old offsets where the shift (new offset - old offset) changes. */
typedef struct otad_map_entry {
    uint32_t old_start;
    int32_t shift;
} otad_map_entry;

static inline int32_t otad_map_shift(const otad_map_entry *map, uint32_t count, uint32_t offset)
{
    uint32_t lo = 0, hi = count; /* first entry with old_start > offset */
    while (lo < hi) {
        const uint32_t mid = (lo + hi) / 2;
        if (map[mid].old_start <= offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo == 0 ? 0 : map[lo - 1].shift;
}

/* Literal context: which byte of a Thumb halfword (opcode or operand) and the top bits of the previous byte. */
static inline uint32_t otad_literal_ctx(uint32_t new_pos, uint8_t prev)
{
    return ((new_pos & 1u) << 2) | ((uint32_t)prev >> 6);
}

/* Model of a non-zero diff value: byte kind (plain, branch byte 0..3, pointer byte 0..3) and offset parity. */
static inline uint32_t otad_diff_class(uint32_t kind, uint32_t new_pos)
{
    return kind == 0 ? (new_pos & 1u) : (kind <= 4 ? 2u : 3u);
}

static inline uint32_t otad_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

/* Thumb-2 BL (T1) / B.W (T4): first halfword 11110xxx xxxxxxxx, second 11x1xxxx / 10x1xxxx. */
static inline int otad_is_branch(const uint8_t *p)
{
    const uint32_t h1 = (uint32_t)p[0] | ((uint32_t)p[1] << 8);
    const uint32_t h2 = (uint32_t)p[2] | ((uint32_t)p[3] << 8);
    return (h1 & 0xF800u) == 0xF000u && (h2 & 0x9000u) == 0x9000u;
}

static inline int32_t otad_branch_offset(const uint8_t *p)
{
    const uint32_t h1 = (uint32_t)p[0] | ((uint32_t)p[1] << 8);
    const uint32_t h2 = (uint32_t)p[2] | ((uint32_t)p[3] << 8);
    const uint32_t s = (h1 >> 10) & 1u, j1 = (h2 >> 13) & 1u, j2 = (h2 >> 11) & 1u;
    const uint32_t i1 = (~(j1 ^ s)) & 1u, i2 = (~(j2 ^ s)) & 1u;
    uint32_t imm = (s << 24) | (i1 << 23) | (i2 << 22) | ((h1 & 0x3FFu) << 12) | ((h2 & 0x7FFu) << 1);
    if (s)
        imm |= 0xFE000000u;
    return (int32_t)imm;
}

static inline void otad_branch_encode(uint8_t *p, const uint8_t *opcode, int32_t offset)
{
    const uint32_t imm = (uint32_t)offset;
    const uint32_t s = (imm >> 24) & 1u, i1 = (imm >> 23) & 1u, i2 = (imm >> 22) & 1u;
    const uint32_t j1 = (~(i1 ^ s)) & 1u, j2 = (~(i2 ^ s)) & 1u;
    const uint32_t h1o = (uint32_t)opcode[0] | ((uint32_t)opcode[1] << 8);
    const uint32_t h2o = (uint32_t)opcode[2] | ((uint32_t)opcode[3] << 8);
    const uint32_t h1 = (h1o & 0xF800u) | (s << 10) | ((imm >> 12) & 0x3FFu);
    const uint32_t h2 = (h2o & 0xD000u) | (j1 << 13) | (j2 << 11) | ((imm >> 1) & 0x7FFu);
    p[0] = (uint8_t)h1;
    p[1] = (uint8_t)(h1 >> 8);
    p[2] = (uint8_t)h2;
    p[3] = (uint8_t)(h2 >> 8);
}

/* Prediction parameters of one patch (from the header and the map). */
typedef struct otad_predictor {
    uint32_t old_size;
    uint32_t old_base;
    uint32_t new_base;
    uint32_t map_count;
    const otad_map_entry *map;
    int pointers; /* predict absolute pointers too */
} otad_predictor;

/* What the decoder predicts for the new bytes at new offset `new_pos` copied from old offset `old_pos`,
 * given the 4 old bytes `old` there (the copy has at least 4 bytes left). Returns 0 (no prediction: copy one
 * plain byte), 1 (branch) or 2 (pointer), with the 4 predicted bytes in `out`. */
static inline int otad_predict4(const otad_predictor *pr, uint32_t old_pos, uint32_t new_pos, const uint8_t *old,
                                uint8_t *out)
{
    if (pr->pointers && ((pr->old_base + old_pos) & 3u) == 0) {
        const uint32_t w = otad_le32(old);
        const uint32_t off = w - pr->old_base;
        if (w >= pr->old_base && off <= pr->old_size && pr->old_size >= 64) {
            const uint32_t v = pr->new_base + off + (uint32_t)otad_map_shift(pr->map, pr->map_count, off);
            out[0] = (uint8_t)v;
            out[1] = (uint8_t)(v >> 8);
            out[2] = (uint8_t)(v >> 16);
            out[3] = (uint8_t)(v >> 24);
            return 2;
        }
    }
    if ((old_pos & 1u) == 0 && otad_is_branch(old)) {
        const uint32_t target = old_pos + 4u + (uint32_t)otad_branch_offset(old);
        const uint32_t new_target = target + (uint32_t)otad_map_shift(pr->map, pr->map_count, target);
        otad_branch_encode(out, old, (int32_t)(new_target - new_pos - 4u));
        return 1;
    }
    return 0;
}

#ifdef __cplusplus
}
#endif
#endif
