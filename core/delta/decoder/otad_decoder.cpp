// Streaming delta decoder core (C-style C++: no allocation, no exceptions, no Qt). See otad_decoder.h and
// docs/delta.md for the format; otad_format.h holds what the encoder shares with it.
#include "core/delta/decoder/otad_decoder.h"

#include <string.h>

namespace {

enum Phase : uint8_t { PhRcInit, PhMapCount, PhMapEntry, PhOp, PhCopy, PhExtra, PhFinish, PhDone, PhFailed };

const uint32_t kTop = 1u << 24;

inline uint32_t nextByte(otad_decoder *d)
{
    if (d->in_pos < d->in_len)
        return d->in_buf[d->in_pos++];
    d->overrun = 1;
    return 0;
}

inline uint32_t bit(otad_decoder *d, uint16_t *p)
{
    const uint32_t bound = (d->range >> OTAD_PROB_BITS) * *p;
    uint32_t b;
    if (d->code < bound) {
        d->range = bound;
        *p = uint16_t(*p + (((1u << OTAD_PROB_BITS) - *p) >> OTAD_MOVE_BITS));
        b = 0;
    } else {
        d->code -= bound;
        d->range -= bound;
        *p = uint16_t(*p - (*p >> OTAD_MOVE_BITS));
        b = 1;
    }
    if (d->range < kTop) {
        d->range <<= 8;
        d->code = (d->code << 8) | nextByte(d);
    }
    return b;
}

inline uint32_t directBit(otad_decoder *d)
{
    d->range >>= 1;
    uint32_t b = 0;
    if (d->code >= d->range) {
        d->code -= d->range;
        b = 1;
    }
    if (d->range < kTop) {
        d->range <<= 8;
        d->code = (d->code << 8) | nextByte(d);
    }
    return b;
}

inline uint32_t byteTree(otad_decoder *d, uint16_t *probs)
{
    uint32_t idx = 1;
    while (idx < 256)
        idx = (idx << 1) | bit(d, probs + idx);
    return idx - 256;
}

// Returns false if the coded bit length is impossible (> 32).
bool number(otad_decoder *d, int kind, uint32_t *value)
{
    otad_num_model *m = &d->models.num[kind];
    uint32_t idx = 1;
    for (int i = 0; i < 6; ++i)
        idx = (idx << 1) | bit(d, m->length + idx);
    const uint32_t n = idx - 64;
    if (n > 32)
        return false;
    if (n <= 1) {
        *value = n;
        return true;
    }
    uint32_t v = 1;
    const uint32_t rest = n - 1;
    const uint32_t top = rest < OTAD_NUM_TOP ? rest : OTAD_NUM_TOP;
    idx = 1;
    for (uint32_t i = 0; i < top; ++i) {
        const uint32_t b = bit(d, m->top[n] + idx);
        idx = (idx << 1) | b;
        v = (v << 1) | b;
    }
    for (uint32_t i = top; i < rest; ++i)
        v = (v << 1) | directBit(d);
    *value = v;
    return true;
}

inline int32_t unzigzag(uint32_t v) { return int32_t((v >> 1) ^ (0u - (v & 1u))); }

int flushOut(otad_decoder *d, const otad_io *io)
{
    if (!d->out_len)
        return 0;
    otad_sha256_update(&d->target_hash, d->out_buf, d->out_len);
    if (io->write_new(io->ctx, d->written, d->out_buf, d->out_len) != 0)
        return OTAD_E_IO;
    d->written += d->out_len;
    d->out_len = 0;
    return 0;
}

inline int emit(otad_decoder *d, const otad_io *io, uint8_t value)
{
    d->out_buf[d->out_len++] = value;
    d->prev_byte = value;
    ++d->new_pos;
    return d->out_len == OTAD_OUT_BUF ? flushOut(d, io) : 0;
}

// Makes old bytes [pos, pos + n) available in old_buf; returns a pointer to them or null on a read error.
const uint8_t *oldBytes(otad_decoder *d, const otad_io *io, uint32_t pos, uint32_t n)
{
    if (pos < d->old_buf_off || pos + n > d->old_buf_off + d->old_buf_len) {
        uint32_t len = d->header.base_size - pos;
        if (len > OTAD_OLD_BUF)
            len = OTAD_OLD_BUF;
        if (io->read_old(io->ctx, pos, d->old_buf, len) != 0)
            return nullptr;
        d->old_buf_off = pos;
        d->old_buf_len = len;
    }
    return d->old_buf + (pos - d->old_buf_off);
}

// One diff-coded byte: predicted value + coded difference.
int diffByte(otad_decoder *d, const otad_io *io, uint8_t predicted, uint32_t kind)
{
    const uint32_t zero = bit(d, &d->models.diff_zero[kind][d->hist]);
    uint32_t diff = 0;
    if (zero) {
        diff = byteTree(d, d->models.diff_value[otad_diff_class(kind, d->new_pos)]);
        if (diff == 0)
            return OTAD_E_CORRUPT;
    }
    d->hist = uint8_t(((d->hist << 1) | (diff == 0 ? 1u : 0u)) & 3u);
    --d->copy_left;
    ++d->old_pos;
    return emit(d, io, uint8_t(predicted + diff));
}

int copyStep(otad_decoder *d, const otad_io *io)
{
    if (d->pending_pred) {
        const uint32_t i = 4u - d->pending_pred;
        --d->pending_pred;
        return diffByte(d, io, d->pending_bytes[i], (d->pending_kind == 1 ? 1u : 5u) + i);
    }
    if (d->header.mode == OTAD_MODE_THUMB2 && d->copy_left >= 4) {
        const uint8_t *old = oldBytes(d, io, d->old_pos, 4);
        if (!old)
            return OTAD_E_IO;
        otad_predictor pr = {d->header.base_size, d->header.old_base_address, d->header.new_base_address,
                             d->map_count, d->map, !(d->header.flags & OTAD_FLAG_NO_POINTERS)};
        const int kind = otad_predict4(&pr, d->old_pos, d->new_pos, old, d->pending_bytes);
        if (kind) {
            d->pending_kind = uint8_t(kind);
            d->pending_pred = 3;
            return diffByte(d, io, d->pending_bytes[0], kind == 1 ? 1u : 5u);
        }
    }
    const uint8_t *old = oldBytes(d, io, d->old_pos, 1);
    if (!old)
        return OTAD_E_IO;
    return diffByte(d, io, *old, 0);
}

int step(otad_decoder *d, const otad_io *io)
{
    otad_header *h = &d->header;
    switch (d->phase) {
    case PhRcInit:
        d->range = 0xFFFFFFFFu;
        d->code = 0;
        if (nextByte(d) != 0)
            return OTAD_E_CORRUPT;
        for (int i = 0; i < 4; ++i)
            d->code = (d->code << 8) | nextByte(d);
        d->phase = PhMapCount;
        return 0;
    case PhMapCount: {
        uint32_t n = 0;
        if (!number(d, OTAD_NUM_MAP_START, &n) || n > OTAD_MAX_MAP || n != h->map_entries ||
            (n && h->mode != OTAD_MODE_THUMB2))
            return OTAD_E_CORRUPT;
        d->map_total = n;
        d->map_count = 0;
        d->phase = n ? PhMapEntry : PhOp;
        return 0;
    }
    case PhMapEntry: {
        uint32_t delta = 0, shift = 0;
        if (!number(d, OTAD_NUM_MAP_START, &delta) || !number(d, OTAD_NUM_MAP_SHIFT, &shift))
            return OTAD_E_CORRUPT;
        const uint32_t prev = d->map_count ? d->map[d->map_count - 1].old_start : 0;
        if ((d->map_count && delta == 0) || delta > h->base_size - prev)
            return OTAD_E_CORRUPT;
        const int32_t s = unzigzag(shift);
        if (s > int32_t(OTAD_MAX_IMAGE) || s < -int32_t(OTAD_MAX_IMAGE))
            return OTAD_E_CORRUPT;
        d->map[d->map_count].old_start = prev + delta;
        d->map[d->map_count].shift = s;
        if (++d->map_count == d->map_total)
            d->phase = PhOp;
        return 0;
    }
    case PhOp: {
        if (d->new_pos == h->target_size) {
            d->phase = PhFinish;
            return 0;
        }
        uint32_t seek = 0, copy = 0, extra = 0;
        const uint32_t rep = bit(d, &d->models.rep[d->last_rep]);
        d->last_rep = uint8_t(rep);
        if ((!rep && !number(d, OTAD_NUM_SEEK, &seek)) || !number(d, OTAD_NUM_COPY, &copy) ||
            !number(d, OTAD_NUM_EXTRA, &extra))
            return OTAD_E_CORRUPT;
        const int64_t pos = int64_t(d->new_pos) + (rep ? int64_t(d->align[1]) : int64_t(d->align[0]) + unzigzag(seek));
        const uint32_t room = h->target_size - d->new_pos;
        if (pos < 0 || pos > int64_t(h->base_size) || copy > h->base_size - uint32_t(pos) || copy > room ||
            extra > room - copy || copy + extra == 0)
            return OTAD_E_CORRUPT;
        const int32_t align = int32_t(pos - int64_t(d->new_pos));
        if (align != d->align[0]) {
            d->align[1] = d->align[0];
            d->align[0] = align;
        }
        d->old_pos = uint32_t(pos);
        d->copy_left = copy;
        d->extra_left = extra;
        d->phase = copy ? PhCopy : PhExtra;
        return 0;
    }
    case PhCopy: {
        const int rc = copyStep(d, io);
        if (rc)
            return rc;
        if (!d->copy_left)
            d->phase = d->extra_left ? PhExtra : PhOp;
        return 0;
    }
    case PhExtra: {
        const uint32_t ctx = otad_literal_ctx(d->new_pos, d->prev_byte);
        const int rc = emit(d, io, uint8_t(byteTree(d, d->models.literal[ctx])));
        if (rc)
            return rc;
        if (!--d->extra_left)
            d->phase = PhOp;
        return 0;
    }
    case PhFinish: {
        if (d->payload_read != h->payload_size || d->in_pos != d->in_len)
            return OTAD_E_CORRUPT; // the coded stream ended before the payload did
        const int rc = flushOut(d, io);
        if (rc)
            return rc;
        uint8_t digest[32];
        otad_sha256_final(&d->target_hash, digest);
        if (memcmp(digest, h->target_sha256, 32) != 0)
            return OTAD_E_TARGET_DIGEST;
        d->phase = PhDone;
        return 0;
    }
    default: return OTAD_E_STATE;
    }
}

void initModels(otad_models *m)
{
    uint16_t *p = reinterpret_cast<uint16_t *>(m);
    for (size_t i = 0; i < sizeof(otad_models) / sizeof(uint16_t); ++i)
        p[i] = OTAD_PROB_INIT;
}

} // namespace

extern "C" {

int otad_decoder_init(otad_decoder *d, const uint8_t *header, size_t size)
{
    memset(d, 0, sizeof *d);
    d->magic = OTAD_STATE_MAGIC;
    d->state_size = sizeof *d;
    const int rc = otad_header_parse(header, size, &d->header);
    if (rc < 0) {
        d->phase = PhFailed;
        d->last_status = rc;
        return rc;
    }
    initModels(&d->models);
    otad_sha256_init(&d->target_hash);
    d->phase = PhRcInit;
    d->last_status = OTAD_NEED_INPUT;
    return OTAD_NEED_INPUT;
}

int otad_check_base(const otad_header *h, const otad_io *io, uint32_t old_size)
{
    if (old_size != h->base_size)
        return OTAD_E_BASE;
    otad_sha256 s;
    otad_sha256_init(&s);
    uint8_t buf[64];
    for (uint32_t pos = 0; pos < old_size;) {
        const uint32_t n = old_size - pos < sizeof buf ? old_size - pos : uint32_t(sizeof buf);
        if (io->read_old(io->ctx, pos, buf, n) != 0)
            return OTAD_E_IO;
        otad_sha256_update(&s, buf, n);
        pos += n;
    }
    uint8_t digest[32];
    otad_sha256_final(&s, digest);
    return memcmp(digest, h->base_sha256, 32) == 0 ? OTAD_NEED_INPUT : OTAD_E_BASE;
}

int otad_decoder_check_state(const otad_decoder *d)
{
    const otad_header *h = &d->header;
    if (d->magic != OTAD_STATE_MAGIC || d->state_size != sizeof *d || d->phase > PhFailed ||
        d->in_pos > d->in_len || d->in_len > OTAD_IN_BUF || d->out_len > OTAD_OUT_BUF ||
        d->old_buf_len > OTAD_OLD_BUF || d->map_count > OTAD_MAX_MAP || d->map_total > OTAD_MAX_MAP ||
        d->map_count > d->map_total || d->payload_read > h->payload_size || d->new_pos > h->target_size ||
        d->old_pos > h->base_size || d->written + d->out_len != d->new_pos || d->pending_pred > 3 ||
        d->copy_left > h->base_size - d->old_pos || d->target_hash.used >= 64)
        return OTAD_E_STATE;
    otad_header check;
    uint8_t raw[OTAD_HEADER_SIZE];
    otad_header_write(h, raw);
    return otad_header_parse(raw, sizeof raw, &check) < 0 ? OTAD_E_STATE : OTAD_NEED_INPUT;
}

uint32_t otad_decoder_resume_offset(const otad_decoder *d) { return d->payload_read; }

int otad_decoder_feed(otad_decoder *d, const otad_io *io, const uint8_t *data, size_t size)
{
    if (d->phase == PhFailed)
        return d->last_status < 0 ? d->last_status : OTAD_E_STATE;
    if (d->phase == PhDone)
        return size ? OTAD_E_TRAILING : OTAD_DONE;
    if (otad_decoder_check_state(d) < 0)
        return OTAD_E_STATE;
    size_t pos = 0;
    int rc = 0;
    for (;;) {
        if (d->in_pos) {
            memmove(d->in_buf, d->in_buf + d->in_pos, d->in_len - d->in_pos);
            d->in_len -= d->in_pos;
            d->in_pos = 0;
        }
        size_t take = OTAD_IN_BUF - d->in_len;
        if (take > size - pos)
            take = size - pos;
        if (take > d->header.payload_size - d->payload_read)
            take = d->header.payload_size - d->payload_read;
        memcpy(d->in_buf + d->in_len, data + pos, take);
        d->in_len += uint32_t(take);
        pos += take;
        d->payload_read += uint32_t(take);
        const bool final = d->payload_read == d->header.payload_size;
        while (d->phase != PhDone && (final || d->in_len - d->in_pos >= OTAD_IN_STEP)) {
            rc = step(d, io);
            if (!rc && d->overrun)
                rc = OTAD_E_TRUNCATED;
            if (rc)
                break;
        }
        if (rc)
            break;
        if (d->phase == PhDone) {
            if (pos != size)
                rc = OTAD_E_TRAILING;
            break;
        }
        if (pos == size) {
            d->last_status = OTAD_NEED_INPUT;
            return OTAD_NEED_INPUT;
        }
    }
    if (rc) {
        d->phase = PhFailed;
        d->last_status = rc;
        return rc;
    }
    d->last_status = OTAD_DONE;
    return OTAD_DONE;
}

} // extern "C"
