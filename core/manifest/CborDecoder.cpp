#include "CborDecoder.h"

#include "core/manifest/CborEncoder.h"
#include "core/manifest/CborFloat.h"
#include "core/manifest/Utf8.h"

#include <QSet>

namespace otadesk::manifest {

struct CborDecoder::Head
{
    qint64 offset = 0;
    int major = 0;
    int info = 0;        // additional information (low 5 bits)
    quint64 argument = 0;
    bool indefinite = false;
    qint64 headerLength = 0;
};

CborDecoder::CborDecoder(QByteArrayView data, qint64 begin, qint64 end, const CborDecodeOptions &options)
    : m_data(data), m_pos(begin), m_end(end), m_options(options)
{
}

std::unexpected<Error> CborDecoder::error(qint64 at, const QString &message) const
{
    SourceLocation where;
    where.offset = at;
    return fail(ErrorCode::Format, tr("CBOR at byte %1: %2").arg(at).arg(message), where);
}

Result<CborValue> CborDecoder::decode(QByteArrayView data, const CborDecodeOptions &options)
{
    qint64 end = 0;
    auto value = decodeItem(data, 0, &end, options);
    if (!value)
        return value;
    if (end != data.size()) {
        CborDecoder d(data, end, data.size(), options);
        return d.error(end, tr("%1 unexpected byte(s) after the end of the data item").arg(data.size() - end));
    }
    return value;
}

Result<CborValue> CborDecoder::decodeItem(QByteArrayView data, qint64 start, qint64 *end,
                                          const CborDecodeOptions &options)
{
    CborDecoder d(data, start, data.size(), options);
    auto value = d.item(0);
    if (value && end)
        *end = d.m_pos;
    return value;
}

Result<CborValue> CborDecoder::decodeEmbedded(QByteArrayView input, const CborValue &bstr,
                                              const CborDecodeOptions &options)
{
    if (!bstr.isBytes()) {
        CborDecoder d(input, 0, input.size(), options);
        return d.error(bstr.offset(), tr("expected a byte string holding embedded CBOR"));
    }
    const qint64 begin = bstr.offset() + bstr.headerLength();
    const qint64 end = bstr.offset() + bstr.length();
    const bool inInput = bstr.offset() >= 0 && !bstr.isIndefinite() && end <= input.size()
                         && end - begin == bstr.bytes().size()
                         && input.sliced(begin, end - begin) == QByteArrayView(bstr.bytes());
    if (!inInput)
        return decode(bstr.bytes(), options);
    if (begin == end) {
        CborDecoder d(input, begin, end, options);
        return d.error(begin, tr("the byte string is empty, expected embedded CBOR"));
    }
    CborDecoder d(input, begin, end, options);
    auto value = d.item(0);
    if (value && d.m_pos != end)
        return d.error(d.m_pos, tr("%1 unexpected byte(s) after the embedded data item").arg(end - d.m_pos));
    return value;
}

Result<CborDecoder::Head> CborDecoder::head()
{
    Head h;
    h.offset = m_pos;
    if (m_pos >= m_end)
        return error(m_pos, tr("truncated: expected a data item, the input ends"));
    const quint8 initial = quint8(m_data[m_pos]);
    h.major = initial >> 5;
    h.info = initial & 0x1f;
    ++m_pos;
    if (h.info < 24) {
        h.argument = quint64(h.info);
    } else if (h.info <= 27) {
        const int bytes = 1 << (h.info - 24);
        if (m_end - m_pos < bytes)
            return error(m_pos, tr("truncated: expected %1 argument byte(s), only %2 left").arg(bytes).arg(m_end - m_pos));
        for (int i = 0; i < bytes; ++i)
            h.argument = (h.argument << 8) | quint8(m_data[m_pos + i]);
        m_pos += bytes;
        if (m_options.strict && h.major != 7) {
            const quint64 minimum = bytes == 1 ? 24 : (bytes == 2 ? 0x100 : (bytes == 4 ? 0x10000 : 0x100000000ull));
            if (h.argument < minimum)
                return error(h.offset, tr("non-deterministic encoding: argument %1 is not in its shortest form").arg(h.argument));
        }
    } else if (h.info <= 30) {
        return error(h.offset, tr("reserved additional information value %1 (malformed initial byte 0x%2)")
                                   .arg(h.info).arg(initial, 2, 16, QLatin1Char('0')));
    } else {
        if (h.major == 0 || h.major == 1 || h.major == 6)
            return error(h.offset, tr("indefinite length is not allowed for major type %1").arg(h.major));
        if (h.major != 7 && m_options.strict)
            return error(h.offset, tr("non-deterministic encoding: indefinite length"));
        h.indefinite = true;
    }
    h.headerLength = m_pos - h.offset;
    return h;
}

Result<CborValue> CborDecoder::item(int depth)
{
    auto h = head();
    if (!h)
        return std::unexpected(h.error());
    CborValue value;
    switch (h->major) {
    case 0:
        value = CborValue::fromUnsigned(h->argument);
        break;
    case 1:
        value = CborValue::fromNegative(h->argument);
        break;
    case 2:
    case 3:
    case 4:
    case 5: {
        auto r = h->major <= 3 ? string(*h, depth) : container(*h, depth);
        if (!r)
            return r;
        value = std::move(*r);
        break;
    }
    case 6: {
        if (depth + 1 > m_options.maxDepth)
            return error(h->offset, tr("nesting deeper than %1 levels").arg(m_options.maxDepth));
        auto content = item(depth + 1);
        if (!content)
            return content;
        value = CborValue::tagged(h->argument, std::move(*content));
        break;
    }
    default: {
        if (h->indefinite)
            return error(h->offset, tr("\"break\" (0xff) outside an indefinite-length item"));
        auto r = simpleOrFloat(*h);
        if (!r)
            return r;
        value = std::move(*r);
        break;
    }
    }
    value.setSpan(h->offset, m_pos - h->offset, h->headerLength);
    return value;
}

Result<CborValue> CborDecoder::string(const Head &h, int depth)
{
    const bool text = h.major == 3;
    const QString kind = text ? tr("text string") : tr("byte string");
    CborValue value = text ? CborValue::fromUtf8({}) : CborValue::fromBytes({});
    if (!h.indefinite) {
        if (h.argument > quint64(m_end - m_pos))
            return error(h.offset, tr("%1 declares %2 bytes but only %3 remain").arg(kind).arg(h.argument).arg(m_end - m_pos));
        const QByteArray bytes = m_data.sliced(m_pos, qint64(h.argument)).toByteArray();
        if (text && !isValidUtf8(bytes))
            return error(m_pos, tr("text string is not valid UTF-8"));
        m_pos += qint64(h.argument);
        return text ? CborValue::fromUtf8(bytes) : CborValue::fromBytes(bytes);
    }
    if (depth + 1 > m_options.maxDepth)
        return error(h.offset, tr("nesting deeper than %1 levels").arg(m_options.maxDepth));
    QByteArray joined;
    while (true) {
        if (m_pos >= m_end)
            return error(m_pos, tr("truncated: expected a chunk or \"break\" in an indefinite-length %1").arg(kind));
        if (quint8(m_data[m_pos]) == 0xff) {
            ++m_pos;
            break;
        }
        const qint64 chunkStart = m_pos;
        auto chunkHead = head();
        if (!chunkHead)
            return std::unexpected(chunkHead.error());
        if (chunkHead->major != h.major || chunkHead->indefinite)
            return error(chunkStart, tr("expected a definite-length %1 chunk inside an indefinite-length %1").arg(kind));
        auto chunk = string(*chunkHead, depth + 1);
        if (!chunk)
            return chunk;
        chunk->setSpan(chunkStart, m_pos - chunkStart, chunkHead->headerLength);
        joined += chunk->bytes();
        value.items().push_back(std::move(*chunk));
    }
    if (text && !isValidUtf8(joined))
        return error(h.offset, tr("text string is not valid UTF-8"));
    CborValue result = text ? CborValue::fromUtf8(joined) : CborValue::fromBytes(joined);
    result.items() = std::move(value.items());
    result.setIndefinite(true);
    return result;
}

Result<CborValue> CborDecoder::container(const Head &h, int depth)
{
    const bool isMap = h.major == 5;
    if (depth + 1 > m_options.maxDepth)
        return error(h.offset, tr("nesting deeper than %1 levels").arg(m_options.maxDepth));
    if (!h.indefinite) {
        // Every item takes at least one byte: refuse counts the rest of the input cannot hold.
        const quint64 remaining = quint64(m_end - m_pos);
        if (h.argument > remaining || (isMap && h.argument > remaining / 2))
            return error(h.offset, tr("%1 declares %2 %3 but only %4 bytes remain")
                                       .arg(isMap ? tr("map") : tr("array")).arg(h.argument)
                                       .arg(isMap ? tr("entries") : tr("items")).arg(remaining));
    }
    CborValue value = isMap ? CborValue::map() : CborValue::array();
    value.setIndefinite(h.indefinite);
    QSet<QByteArray> keys;
    QByteArray previousKey;
    for (quint64 i = 0; h.indefinite || i < h.argument; ++i) {
        if (h.indefinite) {
            if (m_pos >= m_end)
                return error(m_pos, tr("truncated: expected an item or \"break\" in an indefinite-length %1")
                                        .arg(isMap ? tr("map") : tr("array")));
            if (quint8(m_data[m_pos]) == 0xff) {
                ++m_pos;
                break;
            }
        }
        auto first = item(depth + 1);
        if (!first)
            return first;
        if (!isMap) {
            value.items().push_back(std::move(*first));
            continue;
        }
        if (m_pos < m_end && quint8(m_data[m_pos]) == 0xff)
            return error(m_pos, tr("map key without a value before \"break\""));
        auto second = item(depth + 1);
        if (!second)
            return second;
        const QByteArray keyEncoding = CborEncoder::encode(*first);
        if (keys.contains(keyEncoding))
            return error(first->offset(), tr("duplicate map key"));
        if (m_options.strict && i > 0 && !CborEncoder::lessBytewise(previousKey, keyEncoding))
            return error(first->offset(), tr("non-deterministic encoding: map keys are not in bytewise lexicographic order"));
        keys.insert(keyEncoding);
        previousKey = keyEncoding;
        value.entries().push_back({std::move(*first), std::move(*second)});
    }
    return value;
}

Result<CborValue> CborDecoder::simpleOrFloat(const Head &h)
{
    using namespace cborfloat;
    switch (h.info) {
    case 24:
        if (h.argument < 32)
            return error(h.offset, tr("simple value %1 must use the one-byte form").arg(h.argument));
        return CborValue::simple(quint8(h.argument));
    case 25:
    case 26:
    case 27: {
        double d = h.info == 25 ? halfToDouble(quint16(h.argument))
                 : h.info == 26 ? singleFromBits(quint32(h.argument)) : doubleFromBits(h.argument);
        if (m_options.strict) {
            quint16 half;
            quint32 single;
            const bool shorter = (h.info > 25 && toHalfExact(d, &half)) || (h.info == 27 && toSingleExact(d, &single));
            if (shorter)
                return error(h.offset, tr("non-deterministic encoding: float %1 has a shorter exact form").arg(d));
        }
        CborValue v = CborValue::fromDouble(d);
        v.m_floatSize = quint8(1 << (h.info - 24));
        return v;
    }
    default:
        return CborValue::simple(quint8(h.argument));
    }
}

} // namespace otadesk::manifest
