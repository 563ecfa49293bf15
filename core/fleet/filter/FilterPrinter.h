#pragma once
// Canonical text of a syntax tree: canonical field names, ==, !=, =lt=, =le=, =gt=, =ge=, =in=, =out=, ';'
// for and, ',' for or, parentheses only where needed, values bare when that is unambiguous and quoted
// otherwise. Parsing the text gives the same tree.
#include "core/fleet/filter/FilterAst.h"

namespace otadesk::fleet::filter {

QString printNode(const NodePtr &node);
QString printValue(const Value &value);
QString opText(Op op);

} // namespace otadesk::fleet::filter
