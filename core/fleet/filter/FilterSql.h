#pragma once
// Compiles a syntax tree to a boolean SQL expression over "devices d" for SQLite or PostgreSQL, with the
// semantics of FilterEvaluator. Every value is a bound parameter; text ordering is byte-wise (COLLATE "C" on
// PostgreSQL). Conditions on other tables (tags, attributes, components, groups) become
//   d.id [NOT] IN (SELECT device_id ...)   on SQLite, when no indexed devices condition is next to them: one
//                                          index range scan into a set (SQLite may drive the query from it);
//   [NOT] EXISTS (SELECT 1 ... WHERE device_id = d.id ...)   on SQLite inside an "and" with a condition on an
//                                          indexed devices column (model, batch, serial, year, lastseen), so
//                                          that the index picks the candidates and each is probed by primary
//                                          key, and always on PostgreSQL (planned as semi / anti joins).
#include "core/fleet/filter/Filter.h"
#include "core/fleet/filter/FilterAst.h"

namespace otadesk::fleet::filter {

SqlCondition compileSql(const NodePtr &root, SqlDialect dialect, const FilterContext &ctx);

} // namespace otadesk::fleet::filter
