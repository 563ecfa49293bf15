#pragma once
// Decodes a SUIT_Envelope (tag 107 optional) into SuitEnvelope, and its manifest into SuitManifest. Decoding
// does not verify anything: SuitVerifier does, and decodes the manifest only after authenticating it.
#include "core/common/Error.h"
#include "core/manifest/SuitModel.h"

#include <QCoreApplication>

namespace otadesk::manifest {

class SuitDecoder
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::manifest::SuitDecoder)
public:
    static constexpr quint64 EnvelopeTag = 107;
    static constexpr quint64 ManifestTag = 1070;

    // The envelope's outer structure: authentication wrapper, manifest bstr, severed members, payloads.
    static Result<SuitEnvelope> decodeEnvelope(QByteArrayView bytes);
    // The manifest inside an envelope, with the severable members resolved from the envelope where severed.
    static Result<SuitManifest> decodeManifest(const SuitEnvelope &envelope);
    // The first value a parameter gets from override-/set-parameters in a sequence (nested ones included).
    static const CborValue *findParameter(const SuitSequence &sequence, qint64 key);
};

} // namespace otadesk::manifest
