#pragma once
// CBOR decoder (RFC 8949) for untrusted input: definite and indefinite lengths, every item keeps its byte span.
// Malformed input is an ErrorCode::Format error whose SourceLocation.offset is the byte position of the problem.
// No allocation is ever sized from a declared length before that length is checked against the remaining input.
#include "core/common/Error.h"
#include "core/manifest/CborValue.h"

#include <QByteArrayView>
#include <QCoreApplication>

namespace otadesk::manifest {

struct CborDecodeOptions
{
    int maxDepth = 64;   // nesting of arrays, maps and tags
    bool strict = false; // also reject non-deterministic encodings (RFC 8949 §4.2.1)
};

class CborDecoder
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::manifest::CborDecoder)
public:
    // Exactly one data item filling the whole input.
    static Result<CborValue> decode(QByteArrayView data, const CborDecodeOptions &options = {});
    // One data item starting at `start`; offsets are relative to `data`; *end receives the next position.
    static Result<CborValue> decodeItem(QByteArrayView data, qint64 start, qint64 *end,
                                        const CborDecodeOptions &options = {});
    // "bstr .cbor": decodes the content of `bstr` (an item decoded from `input`) as one CBOR item whose spans
    // stay relative to `input`. A bstr built in code, or a chunked one, is decoded on its own (spans relative
    // to its content).
    static Result<CborValue> decodeEmbedded(QByteArrayView input, const CborValue &bstr,
                                            const CborDecodeOptions &options = {});

private:
    CborDecoder(QByteArrayView data, qint64 begin, qint64 end, const CborDecodeOptions &options);
    struct Head;
    Result<CborValue> item(int depth);
    Result<Head> head();
    Result<CborValue> string(const Head &h, int depth);
    Result<CborValue> container(const Head &h, int depth);
    Result<CborValue> simpleOrFloat(const Head &h);
    std::unexpected<Error> error(qint64 at, const QString &message) const;

    QByteArrayView m_data;
    qint64 m_pos;
    qint64 m_end;
    CborDecodeOptions m_options;
};

} // namespace otadesk::manifest
