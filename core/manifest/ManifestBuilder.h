#pragma once
// Turns a ManifestSpec into SUIT CBOR: the bare SUIT_Manifest (deterministic: same spec, same bytes) and the
// unsigned SUIT_Envelope around it (authentication wrapper with the manifest digest and no signature yet,
// severed text / install members, integrated payloads). EnvelopeSigner adds the signatures.
//
// What is emitted (shaped like the draft's examples 1, 3 and 5, which it reproduces byte for byte for the same
// inputs): common = {1: dependencies (trust domains, if any), 2: components, 4: shared sequence [set-component-
// index (when > 1 component), override {vendor-id, class-id, image-digest, image-size, -257 characteristics},
// condition-vendor/class-identifier, ...]}; 6 set-version (update-management, when the version is x.y.z[-rc.n]);
// 7 validate [condition-image-match]; 9 invoke [directive-invoke] of component 0; 15 dependency-resolution;
// 20 install [override {uri}, directive-fetch, condition-image-match; dependencies: condition-dependency-
// integrity, directive-process-dependency]; 23 text. A/B slots: try-each [override {slot}, condition-component-
// slot, override {...}] per slot, as in example 3. Integrated payloads are fetched from uri "#<name>".
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
