/* Streaming delta decoder core: C-compatible, no allocation, no exceptions, every length and offset checked.
 *
 *   otad_decoder d;                       // plain data: memcpy it to flash to resume after a power loss
 *   otad_decoder_init(&d, header, 140);   // parses and checks the header
 *   otad_io io = {ctx, read_old, write_new};
 *   while ((rc = otad_decoder_feed(&d, &io, chunk, n)) == OTAD_NEED_INPUT) { next chunk... }
 *   rc == OTAD_DONE: the new image was written and its SHA-256 matched the header's target digest.
 *
 * The patch is read strictly sequentially (feed any split of the payload bytes, e.g. the transport chunks),
 * the old image by random access through read_old, the new image is written sequentially through write_new
 * (offset given, so re-writing after a resume is idempotent). State size: sizeof(otad_decoder). */
#ifndef OTAD_DECODER_H
#define OTAD_DECODER_H
#include "core/delta/decoder/otad_format.h"
#include "core/delta/decoder/otad_sha256.h"

#ifdef __cplusplus
extern "C" {
#endif

#define OTAD_STATE_MAGIC 0x3144544Fu /* "OTD1" */
#define OTAD_IN_STEP 128  /* max patch bytes one decoding step may consume */
#define OTAD_IN_BUF 256
#define OTAD_OUT_BUF 256
#define OTAD_OLD_BUF 64

typedef struct otad_io {
    void *ctx;
    /* Reads `size` bytes of the old image at `offset`; returns 0 on success. */
    int (*read_old)(void *ctx, uint32_t offset, uint8_t *buf, uint32_t size);
    /* Writes `size` bytes of the new image at `offset` (offsets only grow); returns 0 on success. */
    int (*write_new)(void *ctx, uint32_t offset, const uint8_t *buf, uint32_t size);
} otad_io;

typedef struct otad_decoder {
    uint32_t magic;
    uint32_t state_size;
    otad_header header;
    /* range decoder */
    uint32_t range;
    uint32_t code;
    /* phase */
    uint8_t phase;
    uint8_t pending_pred;   /* bytes of pending_bytes still to emit */
    uint8_t pending_kind;
    uint8_t hist;           /* last two diffs zero? (2 bits) */
    uint8_t pending_bytes[4];
    uint8_t prev_byte;
    uint8_t overrun;        /* a step read past the buffered payload */
    uint8_t pad[2];
    int32_t last_status;
    int32_t align[2];       /* old - new offset of the current op and of the one before (different) */
    uint8_t last_rep;
    uint8_t pad2[3];
    uint32_t map_count;     /* entries read so far */
    uint32_t map_total;
    uint32_t payload_read;  /* payload bytes taken from the caller so far */
    uint32_t old_pos;
    uint32_t new_pos;       /* bytes of the target produced */
    uint32_t written;       /* bytes handed to write_new */
    uint32_t copy_left;
    uint32_t extra_left;
    uint32_t in_pos;
    uint32_t in_len;
    uint32_t old_buf_off;
    uint32_t old_buf_len;
    uint32_t out_len;
    otad_sha256 target_hash;
    otad_map_entry map[OTAD_MAX_MAP];
    otad_models models;
    uint8_t in_buf[OTAD_IN_BUF];
    uint8_t out_buf[OTAD_OUT_BUF];
    uint8_t old_buf[OTAD_OLD_BUF];
} otad_decoder;

/* Parses the header; returns OTAD_NEED_INPUT (ready for the payload) or a negative status. */
int otad_decoder_init(otad_decoder *d, const uint8_t *header, size_t size);
/* Hashes the old image through read_old and compares size and digest with the header. */
int otad_check_base(const otad_header *h, const otad_io *io, uint32_t old_size);
/* Feeds the next payload bytes (any amount). Returns OTAD_NEED_INPUT, OTAD_DONE or a negative status; after
 * an error the decoder stays failed. */
int otad_decoder_feed(otad_decoder *d, const otad_io *io, const uint8_t *data, size_t size);
/* Checks a restored state before resuming (magic, size, phase, positions). */
int otad_decoder_check_state(const otad_decoder *d);
/* Offset in the payload where feeding has to continue after restoring a saved state. */
uint32_t otad_decoder_resume_offset(const otad_decoder *d);

#ifdef __cplusplus
}
#endif
#endif
