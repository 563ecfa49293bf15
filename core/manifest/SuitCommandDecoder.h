#pragma once
// Decodes SUIT command sequences (bstr .cbor [* (code, argument)]) and parameter maps.
#include "core/common/Error.h"
#include "core/manifest/SuitModel.h"

#include <QCoreApplication>

namespace otadesk::manifest {

class SuitCommandDecoder
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::manifest::SuitCommandDecoder)
public:
    explicit SuitCommandDecoder(QByteArrayView envelope) : m_envelope(envelope) {}
    // `bstr` is a byte string decoded from the envelope holding the sequence.
    Result<SuitSequence> sequence(const CborValue &bstr, int depth = 0) const;
    Result<SuitParameters> parameters(const CborValue &map) const;

    static constexpr int MaxNesting = 8; // try-each / run-sequence inside each other

private:
    Result<SuitCommand> command(const CborValue &code, const CborValue &argument, int depth) const;
    QByteArrayView m_envelope;
};

} // namespace otadesk::manifest
