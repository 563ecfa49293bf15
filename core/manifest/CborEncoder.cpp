#include "CborEncoder.h"

#include "core/manifest/CborFloat.h"

#include <algorithm>
#include <cstring>

namespace otadesk::manifest {

void CborEncoder::appendHead(QByteArray &out, int major, quint64 argument)
{
    const char type = char(major << 5);
    if (argument < 24) {
        out.append(char(type | char(argument)));
        return;
    }
    int bytes;
    if (argument <= 0xff) {
        out.append(char(type | 24));
        bytes = 1;
    } else if (argument <= 0xffff) {
        out.append(char(type | 25));
        bytes = 2;
    } else if (argument <= 0xffffffffull) {
        out.append(char(type | 26));
        bytes = 4;
    } else {
        out.append(char(type | 27));
        bytes = 8;
    }
    for (int i = bytes - 1; i >= 0; --i)
        out.append(char((argument >> (8 * i)) & 0xff));
}

bool CborEncoder::lessBytewise(const QByteArray &a, const QByteArray &b)
{
    const int c = std::memcmp(a.constData(), b.constData(), size_t(std::min(a.size(), b.size())));
    return c < 0 || (c == 0 && a.size() < b.size());
}

QByteArray CborEncoder::encode(const CborValue &value, MapOrder order)
{
    QByteArray out;
    append(out, value, order);
    return out;
}

static void appendFloat(QByteArray &out, double value)
{
    using namespace cborfloat;
    quint16 half;
    quint32 single;
    if (toHalfExact(value, &half)) {
        out.append(char(0xf9));
        out.append(char(half >> 8));
        out.append(char(half & 0xff));
    } else if (toSingleExact(value, &single)) {
        out.append(char(0xfa));
        for (int i = 3; i >= 0; --i)
            out.append(char((single >> (8 * i)) & 0xff));
    } else {
        const quint64 bits = doubleBits(value);
        out.append(char(0xfb));
        for (int i = 7; i >= 0; --i)
            out.append(char((bits >> (8 * i)) & 0xff));
    }
}

void CborEncoder::append(QByteArray &out, const CborValue &value, MapOrder order)
{
    switch (value.type()) {
    case CborValue::Type::Invalid:
        out.append(char(0xf7)); // undefined: the encoder never writes a malformed item
        return;
    case CborValue::Type::Unsigned:
        appendHead(out, 0, value.rawInteger());
        return;
    case CborValue::Type::Negative:
        appendHead(out, 1, value.rawInteger());
        return;
    case CborValue::Type::ByteString:
    case CborValue::Type::TextString:
        appendHead(out, value.isBytes() ? 2 : 3, quint64(value.bytes().size()));
        out.append(value.bytes());
        return;
    case CborValue::Type::Array:
        appendHead(out, 4, quint64(value.items().size()));
        for (const CborValue &item : value.items())
            append(out, item, order);
        return;
    case CborValue::Type::Map: {
        appendHead(out, 5, quint64(value.entries().size()));
        if (order == MapOrder::AsGiven) {
            for (const CborMapEntry &e : value.entries()) {
                append(out, e.key, order);
                append(out, e.value, order);
            }
            return;
        }
        std::vector<std::pair<QByteArray, QByteArray>> encoded;
        encoded.reserve(value.entries().size());
        for (const CborMapEntry &e : value.entries())
            encoded.emplace_back(encode(e.key, order), encode(e.value, order));
        std::stable_sort(encoded.begin(), encoded.end(),
                         [](const auto &a, const auto &b) { return lessBytewise(a.first, b.first); });
        for (const auto &[key, item] : encoded) {
            out.append(key);
            out.append(item);
        }
        return;
    }
    case CborValue::Type::Tag:
        appendHead(out, 6, value.tag());
        append(out, value.tagContent(), order);
        return;
    case CborValue::Type::Simple:
        if (value.simpleValue() < 24)
            out.append(char(0xe0 | value.simpleValue()));
        else {
            out.append(char(0xf8));
            out.append(char(value.simpleValue()));
        }
        return;
    case CborValue::Type::Float:
        appendFloat(out, value.toDouble());
        return;
    }
}

} // namespace otadesk::manifest
