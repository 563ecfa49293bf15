#pragma once
// CBOR encoder: shortest integer/length/float forms and definite lengths only (RFC 8949 §4.2.1). Map entries
// are written in the order given (needed for SUIT, whose envelope puts key 2 before key 3) or, with
// MapOrder::Deterministic, sorted by the bytewise lexicographic order of their encoded keys.
#include "core/manifest/CborValue.h"

#include <QByteArray>

namespace otadesk::manifest {

class CborEncoder
{
public:
    enum class MapOrder { AsGiven, Deterministic };

    static QByteArray encode(const CborValue &value, MapOrder order = MapOrder::AsGiven);
    static void append(QByteArray &out, const CborValue &value, MapOrder order = MapOrder::AsGiven);
    // The head of a data item: major type 0..7 and its argument in the shortest form.
    static void appendHead(QByteArray &out, int major, quint64 argument);
    // Bytewise lexicographic order of two encodings (RFC 8949 §4.2.1).
    static bool lessBytewise(const QByteArray &a, const QByteArray &b);
};

} // namespace otadesk::manifest
