#pragma once
// The fields a filter can test, looked up by name (case-insensitive; hawkBit's names are aliases), with the
// column or table the SQL compiler uses and what their values are.
#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace otadesk::fleet::filter {

enum class FieldId
{
    Serial,
    Model,
    HwRev,
    Batch,
    Year,
    Vendor,
    Class,
    Status,
    State,
    Address,
    FirstSeen,
    LastSeen,
    Tag,
    Attr,
    Meta,
    Fw,
    Digest,
    Group
};

enum class ValueType
{
    Text,    // a devices column, compared as text (byte-wise)
    Serial,  // text, ordered naturally (serial_key)
    Year,    // integer
    Time,    // ISO-8601 date / date-time (UTC unless an offset is given) or relative -7d / -12h / -30m / -2w
    Version, // a component's version, ordered as a version
    Digest,  // a component's digest, lower-case hex
    Member,  // tag / group: a set the device may belong to
    Named,   // attr.<name> / meta.<name>: a text that may be absent
};

struct FieldInfo
{
    FieldId id;
    const char *name;   // canonical name ("attr" for attr.<name>)
    const char *column; // devices column (empty for fields kept in other tables)
    ValueType type;
    bool prefixed; // written <name>.<sub>
};

struct FieldRef
{
    FieldId id = FieldId::Serial;
    QString sub; // the attribute / metadata / component name of prefixed fields
    friend bool operator==(const FieldRef &, const FieldRef &) = default;
};

const FieldInfo &fieldInfo(FieldId id);
QString canonicalFieldName(const FieldRef &field); // "attr.region", "serial"
QStringList allFieldNames();                       // for messages and the UI: "serial", ..., "attr.<name>"

struct FieldLookup
{
    bool found = false;
    FieldRef field;
    QString error; // translated, when !found: what is wrong and a "did you mean"
};
FieldLookup lookupField(const QString &written, int column);

// The closest of `candidates` to `word` (case-insensitive edit distance), or empty when none is close.
QString closestMatch(const QString &word, const QStringList &candidates);

} // namespace otadesk::fleet::filter
