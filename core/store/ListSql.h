#pragma once
// Paging and sorting SQL for repository lists: the client's sort name is looked up in the repository's list of
// sortable columns (never pasted into SQL), the limit clamped to 1..ListQuery::kMaxLimit.
#include "core/common/Error.h"
#include "core/store/StoreTypes.h"

#include <QCoreApplication>
#include <QStringList>

namespace otadesk::store {

struct SortColumn
{
    const char *name;   // as clients write it: "created_at"
    const char *column; // SQL column
};

// " ORDER BY <col> ASC|DESC, id ASC LIMIT ? OFFSET ?" and the two bound values appended to `values`.
Result<QString> orderAndPage(const ListQuery &query, std::initializer_list<SortColumn> sortable,
                             const char *defaultSort, QVariantList &values);

} // namespace otadesk::store
