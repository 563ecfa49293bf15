#pragma once
// The in-memory predicate: evaluates a syntax tree on one Device, with exactly the semantics of the SQL that
// FilterSql produces (the differential test tst_fleet_filter_sql holds both to it):
//  - text compares by code point (= byte-wise UTF-8, SQLite BINARY, PostgreSQL COLLATE "C"), case-sensitive;
//    '*' matches any run of characters, also an empty one;
//  - serial orders naturally (naturalKey), fw.<c> as versions (Version::sortKey; ordering operators match
//    only devices whose version parses);
//  - fields a device may lack (attr.<n>, meta.<n>, fw.<c>, digest.<c>) and sets (tag, group): ==, =in= and
//    the ordering operators need the value to be there; != and =out= are exactly their negation, so they
//    match devices without it (attr.region!=eu matches a device that has no region).
#include "core/fleet/filter/Filter.h"
#include "core/fleet/filter/FilterAst.h"

namespace otadesk::fleet::filter {

bool evaluate(const Node &node, const Device &device, const FilterContext &ctx);
bool globMatch(const QStringList &parts, QStringView text);

} // namespace otadesk::fleet::filter
