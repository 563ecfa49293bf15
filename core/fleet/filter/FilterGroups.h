#pragma once
// Expansion of dynamic groups: group==<dynamic group> becomes that group's filter, recursively, with cycle
// detection (a group that includes itself, directly or through other groups, is an error naming the chain).
#include "core/common/Error.h"
#include "core/fleet/filter/Filter.h"
#include "core/fleet/filter/FilterAst.h"

namespace otadesk::fleet::filter {

Result<NodePtr> expandGroupNodes(const NodePtr &root, const DynamicGroupResolver &resolver);

} // namespace otadesk::fleet::filter
