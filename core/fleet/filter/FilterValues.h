#pragma once
// What a value must look like for a field and an operator (a year, a time, a version, hex), and its
// precomputed form (Value::number / key / relative).
#include "core/fleet/filter/FilterAst.h"

#include <optional>

namespace otadesk::fleet::filter {

// Returns a translated error naming the value's column, or nothing when the value is fine (then `value` holds
// its precomputed form).
std::optional<QString> checkValue(const FieldRef &field, Op op, Value &value);
// Whether the field accepts the operator; otherwise a translated error for `column`.
std::optional<QString> checkOperator(const FieldRef &field, Op op, const QString &written, int column);

// Time values: ms since the epoch, or an offset for relative times (-7d). nullopt when not a time.
struct TimeValue
{
    qint64 ms = 0;
    bool relative = false;
};
std::optional<TimeValue> parseTime(const QString &text);

} // namespace otadesk::fleet::filter
