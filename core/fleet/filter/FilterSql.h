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

// A complete statement "SELECT <n>" counting the devices of `tenantId` that match `root` (null: all of them),
// with the tenant bound as a value. On SQLite it is planned so that as few index entries as possible are read
// (schema version 4 gives tags, attributes and components tenant-led indexes):
//   a positive condition on a tag, attribute or component   (SELECT COUNT(*) FROM <table> x WHERE
//                                                             x.tenant_id = ? AND ...): one covering index range
//   not(...), !=, =out=                                      all devices less the positive condition's count
//   an "or" whose every part an index finds                  count(first part) + (SELECT COUNT(*) FROM (<part>
//                                                             UNION <part> ... EXCEPT <first> ORDER BY 1)):
//                                                             the parts' id streams merged
//   an "and" of equalities, one on a tag / attribute /       the same with INTERSECT: index ranges already in
//   component, whose index ranges are in id order            id order, merged without sorting or probing
//   anything else, and always on PostgreSQL                  (SELECT COUNT(*) FROM devices d WHERE
//                                                             d.tenant_id = ? AND <compileSql>)
SqlCondition compileCount(const NodePtr &root, SqlDialect dialect, const FilterContext &ctx, qint64 tenantId);

} // namespace otadesk::fleet::filter
