#include "CborFloat.h"

#include <cmath>
#include <cstring>

namespace otadesk::manifest::cborfloat {

double halfToDouble(quint16 half)
{
    const int exponent = (half >> 10) & 0x1f;
    const int mantissa = half & 0x3ff;
    double value;
    if (exponent == 0)
        value = std::ldexp(mantissa, -24);
    else if (exponent != 31)
        value = std::ldexp(mantissa + 1024, exponent - 25);
    else
        value = mantissa == 0 ? INFINITY : NAN;
    return (half & 0x8000) ? -value : value;
}

quint64 doubleBits(double value)
{
    quint64 bits;
    std::memcpy(&bits, &value, sizeof bits);
    return bits;
}

double doubleFromBits(quint64 bits)
{
    double value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

double singleFromBits(quint32 bits)
{
    float value;
    std::memcpy(&value, &bits, sizeof value);
    return double(value);
}

bool toSingleExact(double value, quint32 *single)
{
    if (std::isnan(value)) {
        *single = 0x7fc00000u;
        return true;
    }
    if (std::isfinite(value) && std::fabs(value) > 3.4028234663852886e+38)
        return false;
    const float f = float(value);
    if (double(f) != value && !(std::isinf(value) && std::isinf(f)))
        return false;
    std::memcpy(single, &f, sizeof f);
    return true;
}

bool toHalfExact(double value, quint16 *half)
{
    if (std::isnan(value)) {
        *half = 0x7e00;
        return true;
    }
    const quint16 sign = std::signbit(value) ? 0x8000 : 0;
    const double magnitude = std::fabs(value);
    if (std::isinf(magnitude)) {
        *half = sign | 0x7c00;
        return true;
    }
    if (magnitude == 0.0) {
        *half = sign;
        return true;
    }
    int exponent;
    std::frexp(magnitude, &exponent); // magnitude = m * 2^exponent, m in [0.5, 1)
    // Normal halves: 2^-14 <= magnitude < 65520; subnormal: multiples of 2^-24.
    if (exponent - 1 >= -14 && exponent - 1 <= 15) {
        const double scaled = std::ldexp(magnitude, 11 - exponent); // 1024..2047
        if (scaled != std::floor(scaled))
            return false;
        const int mantissa = int(scaled) - 1024;
        *half = quint16(sign | ((exponent - 1 + 15) << 10) | mantissa);
        return true;
    }
    if (exponent - 1 < -14) {
        const double scaled = std::ldexp(magnitude, 24);
        if (scaled != std::floor(scaled) || scaled >= 1024)
            return false;
        *half = quint16(sign | int(scaled));
        return true;
    }
    return false;
}

} // namespace otadesk::manifest::cborfloat
