#pragma once
// Codes the displacement map and the ops into the range-coded payload, mirroring decoder/otad_decoder.cpp
// symbol for symbol (same models, same order, same predictions).
#include "core/delta/Matcher.h"
#include "core/delta/decoder/otad_format.h"

#include <QByteArray>
#include <QList>

namespace otadesk::delta {

struct PayloadStats
{
    qint64 copyBytes = 0;
    qint64 extraBytes = 0;
    qint64 nonZeroDiffs = 0;
    qint64 predictedBranches = 0;
    qint64 predictedPointers = 0;
    qint64 ops = 0;
};

struct PayloadInput
{
    QByteArrayView oldImage;
    QByteArrayView newImage;
    QList<DeltaOp> ops;
    QList<otad_map_entry> map;
    quint8 mode = OTAD_MODE_GENERIC;
    quint32 oldBase = 0;
    quint32 newBase = 0;
    bool pointers = true;
};

QByteArray encodePayload(const PayloadInput &in, PayloadStats *stats = nullptr);

} // namespace otadesk::delta
