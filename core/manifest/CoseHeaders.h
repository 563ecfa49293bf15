#pragma once
// Parsing helpers shared by the COSE structures: the tagged array shell and the header pair.
#include "core/common/Error.h"
#include "core/manifest/CoseSign1.h"

namespace otadesk::manifest {

class CoseParse
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::manifest::CoseParse)
public:
    // The array inside an optional tag: checks the tag number (if tagged) and the item count.
    static Result<const CborValue *> shell(const CborValue &value, quint64 tag, int items, const QString &what);
    static Result<CoseHeaders> headers(const CborValue &protectedBstr, const CborValue &unprotected,
                                       QByteArrayView input);
    static Result<std::optional<QByteArray>> payload(const CborValue &value, const QString &what);
};

} // namespace otadesk::manifest
