#pragma once
// CBOR diagnostic notation (RFC 8949 §8, RFC 8610 Appendix G): h'..' byte strings, "text", [_ ...] for
// indefinite lengths, 18(...) tags, and <<...>> for byte strings that hold an embedded CBOR array, map or tag.
#include "core/manifest/CborValue.h"

#include <QString>

namespace otadesk::manifest {

struct CborDiagnosticOptions
{
    bool pretty = false;        // one entry per line, nested containers indented
    int indent = 4;
    bool embeddedCbor = true;   // show bstr-wrapped CBOR as <<...>>
};

QString toDiagnostic(const CborValue &value, const CborDiagnosticOptions &options = {});

} // namespace otadesk::manifest
