#include "core/fleet/filter/FilterValues.h"

#include "core/fleet/NaturalKey.h"
#include "core/fleet/Version.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QRegularExpression>
#include <QTimeZone>

namespace otadesk::fleet::filter {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::fleet)
};

bool isHex(const QString &s)
{
    for (QChar c : s) {
        const char16_t u = c.unicode();
        if (!((u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f')))
            return false;
    }
    return true;
}
} // namespace

std::optional<TimeValue> parseTime(const QString &text)
{
    static const QRegularExpression relative(QStringLiteral("^-(\\d{1,9})([smhdw])$"));
    if (text == QLatin1String("now"))
        return TimeValue{0, true};
    if (const auto m = relative.match(text); m.hasMatch()) {
        static const QHash<QChar, qint64> unit = {
            {u's', 1000}, {u'm', 60'000}, {u'h', 3'600'000}, {u'd', 86'400'000}, {u'w', 7 * 86'400'000LL}};
        return TimeValue{-m.captured(1).toLongLong() * unit.value(m.captured(2).at(0)), true};
    }
    if (text.size() == 10) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (date.isValid())
            return TimeValue{QDateTime(date, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch(), false};
        return std::nullopt;
    }
    QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid() || !text.contains(u'T'))
        return std::nullopt;
    if (dt.timeSpec() == Qt::LocalTime) // no offset written: UTC, whatever the server's time zone
        dt = QDateTime(dt.date(), dt.time(), QTimeZone::utc());
    return TimeValue{dt.toMSecsSinceEpoch(), false};
}

std::optional<QString> checkOperator(const FieldRef &field, Op op, const QString &written, int column)
{
    const ValueType type = fieldInfo(field.id).type;
    if (isOrdering(op) && (type == ValueType::Member || type == ValueType::Digest)) {
        return Tr::tr(
                   "Column %1: the field \"%2\" cannot be compared with \"%3\"; use ==, !=, =in= or =out=.")
            .arg(column)
            .arg(canonicalFieldName(field), written);
    }
    return std::nullopt;
}

std::optional<QString> checkValue(const FieldRef &field, Op op, Value &value)
{
    const ValueType type = fieldInfo(field.id).type;
    const QString name = canonicalFieldName(field);
    if (value.isPattern()) {
        if (op != Op::Eq && op != Op::Ne)
            return Tr::tr("Column %1: wildcards (*) work only with == and !=; write \\* for a literal *.")
                .arg(value.column);
        if (type == ValueType::Year || type == ValueType::Time || field.id == FieldId::Group)
            return Tr::tr("Column %1: the field \"%2\" takes no wildcards (*).").arg(value.column).arg(name);
    }
    switch (type) {
    case ValueType::Year: {
        bool ok = false;
        const int year = value.text.toInt(&ok);
        if (!ok || year < 0 || year > 9999 || value.text.startsWith(u'+') || value.text.startsWith(u'-'))
            return Tr::tr("Column %1: expected a year such as 2024 for \"%2\", found \"%3\".")
                .arg(value.column)
                .arg(name, value.text);
        value.number = year;
        break;
    }
    case ValueType::Time: {
        const auto t = parseTime(value.text);
        if (!t)
            return Tr::tr("Column %1: expected a time for \"%2\" (2024-05-01, 2024-05-01T12:00:00Z, or -7d, "
                          "-12h, -30m, -2w, now), found \"%3\".")
                .arg(value.column)
                .arg(name, value.text);
        value.number = t->ms;
        value.relative = t->relative;
        break;
    }
    case ValueType::Version: {
        if (value.isPattern())
            break;
        const Version v = Version::parse(value.text);
        if (isOrdering(op) && !v.isValid())
            return Tr::tr("Column %1: \"%2\" is not a version; \"%3\" compares versions such as 2.3.0, "
                          "1.4.2+17 or [1,4,2].")
                .arg(value.column)
                .arg(value.text, name);
        value.key = v.sortKey();
        break;
    }
    case ValueType::Digest:
        for (QString &p : value.parts)
            p = p.toLower();
        value.text = value.parts.join(u'*');
        if (!isHex(value.parts.join(QString())))
            return Tr::tr("Column %1: a digest is hexadecimal (0-9, a-f), found \"%2\".")
                .arg(value.column)
                .arg(value.text);
        break;
    case ValueType::Serial:
        value.key = naturalKey(value.text);
        break;
    default:
        break;
    }
    return std::nullopt;
}

} // namespace otadesk::fleet::filter
