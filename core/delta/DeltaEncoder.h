#pragma once
// Creates a delta patch from two complete images (desktop and server side). The result is always verified:
// the patch is applied to the old image through the real decoder and must give the new image, otherwise the
// next candidate (generic mode, then a literal patch) is used. Pure function of its inputs, so the server can
// cache the patch by (base digest, target digest).
#include "core/common/Error.h"
#include "core/delta/DeltaInfo.h"
#include "core/delta/PayloadEncoder.h"

#include <optional>

namespace otadesk::delta {

enum class DeltaArch { Auto, Thumb2, Generic };

struct DeltaOptions
{
    DeltaArch arch = DeltaArch::Auto;   // Auto: encode Thumb-2-aware and generic, keep the smaller
    quint32 chunkSize = 4096;           // transport chunk size (OTAD_MIN_CHUNK .. OTAD_MAX_CHUNK)
    std::optional<quint32> oldBase;     // load addresses (pointer prediction); inferred when not given
    std::optional<quint32> newBase;
};

struct DeltaResult
{
    QByteArray patch;
    DeltaInfo info;
    PayloadStats stats;
    qint64 thumb2Size = -1;  // patch sizes of the candidates that were tried (-1: not tried / failed)
    qint64 genericSize = -1;
    bool fellBack = false;   // a candidate failed verification (a bug); a later one was used
};

class DeltaEncoder
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::delta::DeltaEncoder)
public:
    static Result<DeltaResult> create(QByteArrayView oldImage, QByteArrayView newImage,
                                      const DeltaOptions &options = {});
    static std::optional<DeltaArch> archFromName(const QString &name);
};

} // namespace otadesk::delta
