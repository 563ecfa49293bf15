#include "core/delta/RangeEncoder.h"

#include <bit>

namespace otadesk::delta {

RangeEncoder::RangeEncoder() { m_out.reserve(64 * 1024); }

void RangeEncoder::initModels(otad_models &models)
{
    auto *p = reinterpret_cast<uint16_t *>(&models);
    for (size_t i = 0; i < sizeof(otad_models) / sizeof(uint16_t); ++i)
        p[i] = OTAD_PROB_INIT;
}

void RangeEncoder::shiftLow()
{
    if (uint32_t(m_low) < 0xFF000000u || (m_low >> 32) != 0) {
        uint8_t temp = m_cache;
        do {
            m_out.append(char(uint8_t(temp + uint8_t(m_low >> 32))));
            temp = 0xFF;
        } while (--m_cacheSize != 0);
        m_cache = uint8_t(m_low >> 24);
    }
    ++m_cacheSize;
    m_low = (m_low & 0x00FFFFFFu) << 8;
}

void RangeEncoder::bit(uint16_t &prob, uint32_t value)
{
    const uint32_t bound = (m_range >> OTAD_PROB_BITS) * prob;
    if (!value) {
        m_range = bound;
        prob = uint16_t(prob + (((1u << OTAD_PROB_BITS) - prob) >> OTAD_MOVE_BITS));
    } else {
        m_low += bound;
        m_range -= bound;
        prob = uint16_t(prob - (prob >> OTAD_MOVE_BITS));
    }
    while (m_range < (1u << 24)) {
        m_range <<= 8;
        shiftLow();
    }
}

void RangeEncoder::directBit(uint32_t value)
{
    m_range >>= 1;
    if (value)
        m_low += m_range;
    while (m_range < (1u << 24)) {
        m_range <<= 8;
        shiftLow();
    }
}

void RangeEncoder::byteTree(uint16_t *probs, uint32_t value)
{
    uint32_t idx = 1;
    for (int i = 7; i >= 0; --i) {
        const uint32_t b = (value >> i) & 1u;
        bit(probs[idx], b);
        idx = (idx << 1) | b;
    }
}

void RangeEncoder::number(otad_num_model &model, uint32_t value)
{
    const uint32_t n = value ? uint32_t(std::bit_width(value)) : 0u;
    uint32_t idx = 1;
    for (int i = 5; i >= 0; --i) {
        const uint32_t b = (n >> i) & 1u;
        bit(model.length[idx], b);
        idx = (idx << 1) | b;
    }
    if (n <= 1)
        return;
    const uint32_t rest = n - 1;
    const uint32_t top = rest < OTAD_NUM_TOP ? rest : OTAD_NUM_TOP;
    idx = 1;
    for (uint32_t i = 0; i < top; ++i) {
        const uint32_t b = (value >> (rest - 1 - i)) & 1u;
        bit(model.top[n][idx], b);
        idx = (idx << 1) | b;
    }
    for (uint32_t i = top; i < rest; ++i)
        directBit((value >> (rest - 1 - i)) & 1u);
}

QByteArray RangeEncoder::finish()
{
    for (int i = 0; i < 5; ++i)
        shiftLow();
    return std::move(m_out);
}

} // namespace otadesk::delta
