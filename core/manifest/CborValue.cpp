#include "CborValue.h"

#include <cmath>
#include <cstring>

namespace otadesk::manifest {

CborValue::CborValue() = default;
CborValue::~CborValue() = default;
CborValue::CborValue(const CborValue &) = default;
CborValue::CborValue(CborValue &&) noexcept = default;
CborValue &CborValue::operator=(const CborValue &) = default;
CborValue &CborValue::operator=(CborValue &&) noexcept = default;

CborValue CborValue::fromUnsigned(quint64 value)
{
    CborValue v;
    v.m_type = Type::Unsigned;
    v.m_uint = value;
    return v;
}

CborValue CborValue::fromNegative(quint64 n)
{
    CborValue v;
    v.m_type = Type::Negative;
    v.m_uint = n;
    return v;
}

CborValue CborValue::fromInt(qint64 value)
{
    if (value >= 0)
        return fromUnsigned(quint64(value));
    return fromNegative(quint64(-(value + 1)));
}

CborValue CborValue::fromBytes(QByteArray bytes)
{
    CborValue v;
    v.m_type = Type::ByteString;
    v.m_bytes = std::move(bytes);
    return v;
}

CborValue CborValue::fromText(const QString &text)
{
    return fromUtf8(text.toUtf8());
}

CborValue CborValue::fromUtf8(QByteArray utf8)
{
    CborValue v;
    v.m_type = Type::TextString;
    v.m_bytes = std::move(utf8);
    return v;
}

CborValue CborValue::array()
{
    return array(std::vector<CborValue>());
}

CborValue CborValue::array(std::vector<CborValue> items)
{
    CborValue v;
    v.m_type = Type::Array;
    v.m_items = std::move(items);
    return v;
}

CborValue CborValue::map()
{
    return map(std::vector<CborMapEntry>());
}

CborValue CborValue::map(std::vector<CborMapEntry> entries)
{
    CborValue v;
    v.m_type = Type::Map;
    v.m_entries = std::move(entries);
    return v;
}

CborValue CborValue::tagged(quint64 tag, CborValue content)
{
    CborValue v;
    v.m_type = Type::Tag;
    v.m_tag = tag;
    v.m_items.push_back(std::move(content));
    return v;
}

CborValue CborValue::fromBool(bool value) { return simple(value ? 21 : 20); }
CborValue CborValue::null() { return simple(22); }
CborValue CborValue::undefined() { return simple(23); }

CborValue CborValue::simple(quint8 value)
{
    CborValue v;
    v.m_type = Type::Simple;
    v.m_simple = value;
    return v;
}

CborValue CborValue::fromDouble(double value)
{
    CborValue v;
    v.m_type = Type::Float;
    v.m_double = value;
    return v;
}

std::optional<qint64> CborValue::toInt64() const
{
    if (m_type == Type::Unsigned && m_uint <= quint64(INT64_MAX))
        return qint64(m_uint);
    if (m_type == Type::Negative && m_uint <= quint64(INT64_MAX))
        return -1 - qint64(m_uint);
    return std::nullopt;
}

std::optional<quint64> CborValue::toUnsigned() const
{
    if (m_type == Type::Unsigned)
        return m_uint;
    return std::nullopt;
}

qsizetype CborValue::size() const
{
    if (m_type == Type::Map)
        return qsizetype(m_entries.size());
    if (m_type == Type::Array)
        return qsizetype(m_items.size());
    if (m_type == Type::ByteString || m_type == Type::TextString)
        return m_bytes.size();
    return 0;
}

namespace {
const CborValue &invalidValue()
{
    static const CborValue invalid;
    return invalid;
}
} // namespace

const CborValue &CborValue::at(qsizetype index) const
{
    if (m_type != Type::Array || index < 0 || index >= qsizetype(m_items.size()))
        return invalidValue();
    return m_items[size_t(index)];
}

const CborValue &CborValue::tagContent() const
{
    if (m_type != Type::Tag || m_items.empty())
        return invalidValue();
    return m_items.front();
}

const CborValue *CborValue::find(const CborValue &key) const
{
    if (m_type != Type::Map)
        return nullptr;
    for (const CborMapEntry &e : m_entries) {
        if (e.key.sameValue(key))
            return &e.value;
    }
    return nullptr;
}

const CborValue *CborValue::find(qint64 key) const { return find(fromInt(key)); }
const CborValue *CborValue::find(const QString &key) const { return find(fromText(key)); }

void CborValue::setSpan(qint64 offset, qint64 length, qint64 headerLength)
{
    m_offset = offset;
    m_length = length;
    m_headerLength = headerLength;
}

void CborValue::shiftSpans(qint64 delta)
{
    if (m_offset >= 0)
        m_offset += delta;
    for (CborValue &item : m_items)
        item.shiftSpans(delta);
    for (CborMapEntry &e : m_entries) {
        e.key.shiftSpans(delta);
        e.value.shiftSpans(delta);
    }
}

QByteArray CborValue::rawIn(const QByteArray &input) const
{
    if (m_offset < 0 || m_offset + m_length > input.size())
        return {};
    return input.mid(m_offset, m_length);
}

bool CborValue::sameValue(const CborValue &other) const
{
    if (m_type != other.m_type)
        return false;
    switch (m_type) {
    case Type::Invalid:
        return true;
    case Type::Unsigned:
    case Type::Negative:
        return m_uint == other.m_uint;
    case Type::ByteString:
    case Type::TextString:
        return m_bytes == other.m_bytes;
    case Type::Tag:
        if (m_tag != other.m_tag)
            return false;
        [[fallthrough]];
    case Type::Array:
        if (m_items.size() != other.m_items.size())
            return false;
        for (size_t i = 0; i < m_items.size(); ++i) {
            if (!m_items[i].sameValue(other.m_items[i]))
                return false;
        }
        return true;
    case Type::Map:
        if (m_entries.size() != other.m_entries.size())
            return false;
        for (size_t i = 0; i < m_entries.size(); ++i) {
            if (!m_entries[i].key.sameValue(other.m_entries[i].key)
                || !m_entries[i].value.sameValue(other.m_entries[i].value))
                return false;
        }
        return true;
    case Type::Simple:
        return m_simple == other.m_simple;
    case Type::Float:
        if (std::isnan(m_double) && std::isnan(other.m_double))
            return true;
        return std::memcmp(&m_double, &other.m_double, sizeof m_double) == 0;
    }
    return false;
}

} // namespace otadesk::manifest
