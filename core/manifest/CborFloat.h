#pragma once
// IEEE 754 half / single / double conversions for CBOR floats (RFC 8949 §3.3, Appendix D).
#include <QtGlobal>

namespace otadesk::manifest::cborfloat {

double halfToDouble(quint16 half);
// The exact half / single encoding of value, or false if it would lose information.
bool toHalfExact(double value, quint16 *half);
bool toSingleExact(double value, quint32 *single);
quint64 doubleBits(double value);
double doubleFromBits(quint64 bits);
double singleFromBits(quint32 bits);

} // namespace otadesk::manifest::cborfloat
