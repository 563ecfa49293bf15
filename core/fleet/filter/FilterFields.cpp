#include "core/fleet/filter/FilterFields.h"

#include <array>

namespace otadesk::fleet::filter {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::fleet)
};

constexpr std::array<FieldInfo, 18> kFields = {{
    {FieldId::Serial, "serial", "serial", ValueType::Serial, false},
    {FieldId::Model, "model", "model", ValueType::Text, false},
    {FieldId::HwRev, "hwrev", "hw_rev", ValueType::Text, false},
    {FieldId::Batch, "batch", "batch", ValueType::Text, false},
    {FieldId::Year, "year", "year", ValueType::Year, false},
    {FieldId::Vendor, "vendor", "vendor_id", ValueType::Text, false},
    {FieldId::Class, "class", "class_id", ValueType::Text, false},
    {FieldId::Status, "status", "status", ValueType::Text, false},
    {FieldId::State, "state", "update_state", ValueType::Text, false},
    {FieldId::Address, "address", "address", ValueType::Text, false},
    {FieldId::FirstSeen, "firstseen", "first_seen", ValueType::Time, false},
    {FieldId::LastSeen, "lastseen", "last_seen", ValueType::Time, false},
    {FieldId::Tag, "tag", "", ValueType::Member, false},
    {FieldId::Attr, "attr", "", ValueType::Named, true},
    {FieldId::Meta, "meta", "", ValueType::Named, true},
    {FieldId::Fw, "fw", "", ValueType::Version, true},
    {FieldId::Digest, "digest", "", ValueType::Digest, true},
    {FieldId::Group, "group", "", ValueType::Member, false},
}};

struct Alias
{
    const char *name; // lower case
    FieldId id;
};
// hawkBit target-filter names, and a few spellings people type.
constexpr std::array<Alias, 12> kAliases = {{
    {"controllerid", FieldId::Serial},
    {"updatestatus", FieldId::State},
    {"lastcontrollerrequestat", FieldId::LastSeen},
    {"attribute", FieldId::Attr},
    {"metadata", FieldId::Meta},
    {"tags", FieldId::Tag},
    {"hw_rev", FieldId::HwRev},
    {"hardwarerevision", FieldId::HwRev},
    {"updatestate", FieldId::State},
    {"first_seen", FieldId::FirstSeen},
    {"last_seen", FieldId::LastSeen},
    {"component", FieldId::Fw},
}};

int editDistance(const QString &a, const QString &b)
{
    QList<int> prevPrev(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        prev[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        cur[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int subst = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) // transposition
                cur[j] = std::min(cur[j], prevPrev[j - 2] + 1);
        }
        prevPrev = prev;
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::optional<FieldId> byName(const QString &lower)
{
    for (const FieldInfo &f : kFields) {
        if (lower == QLatin1String(f.name))
            return f.id;
    }
    for (const Alias &a : kAliases) {
        if (lower == QLatin1String(a.name))
            return a.id;
    }
    return std::nullopt;
}

QStringList candidateNames()
{
    QStringList names;
    for (const FieldInfo &f : kFields)
        names << (f.prefixed ? QLatin1String(f.name) + u'.' : QString::fromLatin1(f.name));
    for (const Alias &a : kAliases)
        names << (fieldInfo(a.id).prefixed ? QLatin1String(a.name) + u'.' : QString::fromLatin1(a.name));
    return names;
}
} // namespace

const FieldInfo &fieldInfo(FieldId id)
{
    return kFields[size_t(id)];
}

QString canonicalFieldName(const FieldRef &field)
{
    const FieldInfo &info = fieldInfo(field.id);
    return info.prefixed ? QLatin1String(info.name) + u'.' + field.sub : QString::fromLatin1(info.name);
}

QStringList allFieldNames()
{
    QStringList names;
    for (const FieldInfo &f : kFields)
        names << (f.prefixed ? QLatin1String(f.name) + QStringLiteral(".<name>")
                             : QString::fromLatin1(f.name));
    return names;
}

QString closestMatch(const QString &word, const QStringList &candidates)
{
    const QString w = word.toLower();
    QString best;
    int bestDistance = w.size() <= 3 ? 1 : w.size() <= 6 ? 2 : 3;
    for (const QString &c : candidates) {
        const int d = editDistance(w, c.toLower());
        if (d <= bestDistance && (best.isEmpty() || d < editDistance(w, best.toLower()))) {
            best = c;
            bestDistance = d;
        }
    }
    return best;
}

FieldLookup lookupField(const QString &written, int column)
{
    FieldLookup r;
    const qsizetype dot = written.indexOf(u'.');
    const QString head = (dot < 0 ? written : written.left(dot)).toLower();
    const QString sub = dot < 0 ? QString() : written.mid(dot + 1);
    if (const auto id = byName(head)) {
        const FieldInfo &info = fieldInfo(*id);
        if (info.prefixed && sub.isEmpty()) {
            r.error = Tr::tr("Column %1: the field \"%2\" needs a name after a dot, e.g. %3.region.")
                          .arg(column)
                          .arg(written, QLatin1String(info.name));
            return r;
        }
        if (!info.prefixed && dot >= 0) {
            r.error = Tr::tr("Column %1: the field \"%2\" has no parts; write \"%3\" without \".%4\".")
                          .arg(column)
                          .arg(head, QLatin1String(info.name), sub);
            return r;
        }
        r.found = true;
        r.field = {*id, sub};
        return r;
    }
    const QString suggestion = closestMatch(dot < 0 ? written : head + u'.', candidateNames());
    const QString known = allFieldNames().join(QStringLiteral(", "));
    if (suggestion.isEmpty()) {
        r.error =
            Tr::tr("Column %1: unknown field \"%2\". Known fields: %3.").arg(column).arg(written, known);
    } else {
        const QString full = suggestion.endsWith(u'.') ? suggestion + sub : suggestion;
        r.error = Tr::tr("Column %1: unknown field \"%2\"; did you mean \"%3\"? Known fields: %4.")
                      .arg(column)
                      .arg(written, full, known);
    }
    return r;
}

} // namespace otadesk::fleet::filter
