#include "core/delta/PayloadEncoder.h"

#include "core/delta/RangeEncoder.h"

#include <memory>

namespace otadesk::delta {

namespace {

class Coder
{
public:
    Coder() { RangeEncoder::initModels(m); }
    otad_models m;
    RangeEncoder rc;
    uint8_t hist = 0;
    uint8_t prev = 0;

    void diffByte(uint8_t predicted, uint8_t actual, uint32_t kind, uint32_t newPos, PayloadStats &st)
    {
        const uint32_t diff = uint8_t(actual - predicted);
        rc.bit(m.diff_zero[kind][hist], diff != 0);
        if (diff) {
            rc.byteTree(m.diff_value[otad_diff_class(kind, newPos)], diff);
            ++st.nonZeroDiffs;
        }
        hist = uint8_t(((hist << 1) | (diff == 0 ? 1u : 0u)) & 3u);
        prev = actual;
    }
};

} // namespace

QByteArray encodePayload(const PayloadInput &in, PayloadStats *stats)
{
    PayloadStats st;
    auto c = std::make_unique<Coder>(); // ~10 KiB of models: keep them off the stack
    const auto *old = reinterpret_cast<const uint8_t *>(in.oldImage.data());
    const auto *nw = reinterpret_cast<const uint8_t *>(in.newImage.data());
    c->rc.number(c->m.num[OTAD_NUM_MAP_START], quint32(in.map.size()));
    quint32 prevStart = 0;
    for (const otad_map_entry &e : in.map) {
        c->rc.number(c->m.num[OTAD_NUM_MAP_START], e.old_start - prevStart);
        c->rc.number(c->m.num[OTAD_NUM_MAP_SHIFT], RangeEncoder::zigzag(e.shift));
        prevStart = e.old_start;
    }
    const otad_predictor pr = {quint32(in.oldImage.size()), in.oldBase, in.newBase, quint32(in.map.size()),
                               in.map.constData(), in.pointers ? 1 : 0};
    qint32 oldPos = 0;
    int32_t aligns[2] = {0, 0};
    uint32_t lastRep = 0;
    for (const DeltaOp &op : in.ops) {
        ++st.ops;
        // Returning to the alignment before the current one (after a short detour) is one bit.
        const int32_t align = op.oldStart - op.newStart;
        const uint32_t rep = align == aligns[1] && align != aligns[0] ? 1u : 0u;
        c->rc.bit(c->m.rep[lastRep], rep);
        lastRep = rep;
        if (!rep)
            c->rc.number(c->m.num[OTAD_NUM_SEEK], RangeEncoder::zigzag(align - aligns[0]));
        if (align != aligns[0]) {
            aligns[1] = aligns[0];
            aligns[0] = align;
        }
        c->rc.number(c->m.num[OTAD_NUM_COPY], quint32(op.copy));
        c->rc.number(c->m.num[OTAD_NUM_EXTRA], quint32(op.extra));
        oldPos = op.oldStart;
        qint32 newPos = op.newStart;
        for (qint32 left = op.copy; left > 0;) {
            if (in.mode == OTAD_MODE_THUMB2 && left >= 4) {
                uint8_t pred[4];
                const int kind = otad_predict4(&pr, quint32(oldPos), quint32(newPos), old + oldPos, pred);
                if (kind) {
                    (kind == 1 ? st.predictedBranches : st.predictedPointers) += 1;
                    const uint32_t base = kind == 1 ? 1u : 5u;
                    for (uint32_t i = 0; i < 4; ++i)
                        c->diffByte(pred[i], nw[newPos + qint32(i)], base + i, quint32(newPos) + i, st);
                    oldPos += 4;
                    newPos += 4;
                    left -= 4;
                    continue;
                }
            }
            c->diffByte(old[oldPos], nw[newPos], 0, quint32(newPos), st);
            ++oldPos;
            ++newPos;
            --left;
        }
        st.copyBytes += op.copy;
        for (qint32 i = 0; i < op.extra; ++i, ++newPos) {
            const uint32_t ctx = otad_literal_ctx(quint32(newPos), c->prev);
            c->rc.byteTree(c->m.literal[ctx], nw[newPos]);
            c->prev = nw[newPos];
        }
        st.extraBytes += op.extra;
    }
    if (stats)
        *stats = st;
    return c->rc.finish();
}

} // namespace otadesk::delta
