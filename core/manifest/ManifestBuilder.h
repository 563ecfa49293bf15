#pragma once
// Turns a ManifestSpec into SUIT CBOR: the bare SUIT_Manifest (deterministic: same spec, same bytes) and the
// unsigned SUIT_Envelope around it (authentication wrapper with the manifest digest and no signature yet,
// severed text / install members, integrated payloads). EnvelopeSigner adds the signatures.
#include "core/common/Error.h"
#include "core/manifest/CborValue.h"
#include "core/manifest/ManifestSpec.h"

#include <QCoreApplication>
#include <QList>

namespace otadesk::manifest {

struct SpecProblem
{
    QString field;   // "components[1].digest", "sequenceNumber", "resourceRequestUri", ...
    QString message; // translated, actionable
};

class ManifestBuilder
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::manifest::ManifestBuilder)
public:
    // A spec filled with the template's components and defaults (product/vendor/model left empty).
    static ManifestSpec fromTemplate(ManifestTemplate kind);

    // Every problem at once (empty = buildable): missing fields, bad digests, integrated without payload, ...
    static QList<SpecProblem> validate(const ManifestSpec &spec);

    // SUIT_Manifest as a CBOR value / its encoding. InvalidArgument listing the problems if validate() fails.
    static Result<CborValue> manifestValue(const ManifestSpec &spec);
    static Result<QByteArray> buildManifest(const ManifestSpec &spec);
    // Tagged (107) SUIT_Envelope with an authentication wrapper holding only the SHA-256 manifest digest.
    static Result<QByteArray> buildEnvelope(const ManifestSpec &spec);
};

} // namespace otadesk::manifest
