#pragma once
// The encoder half of the delta format's adaptive binary range coder (LZMA style, 11-bit probabilities); the
// decoder half lives in decoder/otad_decoder.cpp. Both walk the same otad_models in the same order.
#include "core/delta/decoder/otad_format.h"

#include <QByteArray>

namespace otadesk::delta {

class RangeEncoder
{
public:
    RangeEncoder();
    void bit(uint16_t &prob, uint32_t value);
    void directBit(uint32_t value);
    void byteTree(uint16_t *probs, uint32_t value);
    void number(otad_num_model &model, uint32_t value);
    // Flushes the coder; the encoder can not take more symbols afterwards.
    QByteArray finish();
    qint64 size() const { return m_out.size() + m_cacheSize + 4; }

    static void initModels(otad_models &models);
    static uint32_t zigzag(int32_t v) { return (uint32_t(v) << 1) ^ uint32_t(v >> 31); }

private:
    void shiftLow();
    QByteArray m_out;
    quint64 m_low = 0;
    uint32_t m_range = 0xFFFFFFFFu;
    uint8_t m_cache = 0;
    quint64 m_cacheSize = 1;
};

} // namespace otadesk::delta
