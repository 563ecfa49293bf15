#pragma once
// One decoded (or to-be-encoded) CBOR data item (RFC 8949). Every decoded item remembers the exact byte span it
// occupied in the input (offset + length into the outermost buffer), so a bstr can be hashed as received,
// header included, and a COSE protected header used exactly as received.
#include <QByteArray>
#include <QString>
#include <cstdint>
#include <optional>
#include <vector>

namespace otadesk::manifest {

struct CborMapEntry;

class CborValue
{
public:
    enum class Type { Invalid, Unsigned, Negative, ByteString, TextString, Array, Map, Tag, Simple, Float };

    // Special members are defined out of line: CborMapEntry is incomplete here (clang checks that early).
    CborValue();
    ~CborValue();
    CborValue(const CborValue &);
    CborValue(CborValue &&) noexcept;
    CborValue &operator=(const CborValue &);
    CborValue &operator=(CborValue &&) noexcept;

    static CborValue fromUnsigned(quint64 value);
    // The CBOR negative integer -1 - n (covers the full range down to -2^64).
    static CborValue fromNegative(quint64 n);
    static CborValue fromInt(qint64 value);
    static CborValue fromBytes(QByteArray bytes);
    static CborValue fromText(const QString &text);
    static CborValue fromUtf8(QByteArray utf8);
    static CborValue array(); // empty array
    static CborValue array(std::vector<CborValue> items);
    static CborValue map(); // empty map
    static CborValue map(std::vector<CborMapEntry> entries);
    static CborValue tagged(quint64 tag, CborValue content);
    static CborValue fromBool(bool value);
    static CborValue null();
    static CborValue undefined();
    static CborValue simple(quint8 value);
    static CborValue fromDouble(double value);

    Type type() const { return m_type; }
    bool isValid() const { return m_type != Type::Invalid; }
    bool isInteger() const { return m_type == Type::Unsigned || m_type == Type::Negative; }
    bool isBytes() const { return m_type == Type::ByteString; }
    bool isText() const { return m_type == Type::TextString; }
    bool isArray() const { return m_type == Type::Array; }
    bool isMap() const { return m_type == Type::Map; }
    bool isTag() const { return m_type == Type::Tag; }
    bool isSimple() const { return m_type == Type::Simple; }
    bool isFloat() const { return m_type == Type::Float; }
    bool isBool() const { return m_type == Type::Simple && (m_simple == 20 || m_simple == 21); }
    bool isNull() const { return m_type == Type::Simple && m_simple == 22; }
    bool isUndefined() const { return m_type == Type::Simple && m_simple == 23; }

    // Integers: the raw argument (value for Unsigned, n for Negative = -1 - n).
    quint64 rawInteger() const { return m_uint; }
    std::optional<qint64> toInt64() const;        // nullopt if not an integer or out of range
    std::optional<quint64> toUnsigned() const;    // nullopt if not a non-negative integer
    bool toBool() const { return m_type == Type::Simple && m_simple == 21; }
    quint8 simpleValue() const { return m_simple; }
    double toDouble() const { return m_double; }
    // Size of the float as decoded (2, 4 or 8); 0 when built in code (the encoder picks the shortest).
    int floatSize() const { return m_floatSize; }

    // bstr content / tstr UTF-8 bytes (joined chunks for indefinite strings).
    const QByteArray &bytes() const { return m_bytes; }
    QString text() const { return QString::fromUtf8(m_bytes); }

    // Array items, or the chunks of an indefinite-length string.
    const std::vector<CborValue> &items() const { return m_items; }
    std::vector<CborValue> &items() { return m_items; }
    const std::vector<CborMapEntry> &entries() const { return m_entries; }
    std::vector<CborMapEntry> &entries() { return m_entries; }
    qsizetype size() const;
    const CborValue &at(qsizetype index) const; // array item or an invalid value

    // Map lookup (first entry whose key equals the given value); nullptr if absent.
    const CborValue *find(const CborValue &key) const;
    const CborValue *find(qint64 key) const;
    const CborValue *find(const QString &key) const;

    quint64 tag() const { return m_tag; }
    const CborValue &tagContent() const; // invalid value if not a tag

    bool isIndefinite() const { return m_indefinite; }
    void setIndefinite(bool indefinite) { m_indefinite = indefinite; }

    // Where the item sat in the decoded input: -1 / 0 for values built in code.
    qint64 offset() const { return m_offset; }
    qint64 length() const { return m_length; }
    qint64 headerLength() const { return m_headerLength; } // bytes before a definite string's content
    void setSpan(qint64 offset, qint64 length, qint64 headerLength);
    void shiftSpans(qint64 delta); // recursively, used when decoding embedded CBOR
    // The bytes of this item as received, given the buffer it was decoded from.
    QByteArray rawIn(const QByteArray &input) const;

    // Same data model value (type, value, children, order); spans and encoding details are ignored.
    bool sameValue(const CborValue &other) const;

private:
    friend class CborDecoder;
    Type m_type = Type::Invalid;
    quint64 m_uint = 0;
    quint64 m_tag = 0;
    double m_double = 0.0;
    quint8 m_simple = 0;
    quint8 m_floatSize = 0;
    bool m_indefinite = false;
    QByteArray m_bytes;
    std::vector<CborValue> m_items;
    std::vector<CborMapEntry> m_entries;
    qint64 m_offset = -1;
    qint64 m_length = 0;
    qint64 m_headerLength = 0;
};

struct CborMapEntry
{
    CborValue key;
    CborValue value;
};

} // namespace otadesk::manifest
