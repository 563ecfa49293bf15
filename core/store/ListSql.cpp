#include "core/store/ListSql.h"

#include <QVariant>

namespace otadesk::store {

Result<QString> orderAndPage(const ListQuery &query, std::initializer_list<SortColumn> sortable,
                             const char *defaultSort, QVariantList &values)
{
    const QString wanted = query.sort.isEmpty() ? QString::fromLatin1(defaultSort) : query.sort;
    const char *column = nullptr;
    QStringList names;
    for (const SortColumn &c : sortable) {
        names << QString::fromLatin1(c.name);
        if (wanted == QLatin1String(c.name))
            column = c.column;
    }
    if (!column)
        return fail(ErrorCode::InvalidArgument,
                    QCoreApplication::translate("otadesk::store::ListSql", "Cannot sort by \"%1\"; use one of %2.")
                        .arg(wanted, names.join(QStringLiteral(", "))));
    values << std::clamp(query.limit, 1, ListQuery::kMaxLimit) << std::max<qint64>(query.offset, 0);
    return QStringLiteral(" ORDER BY %1 %2, id ASC LIMIT ? OFFSET ?")
        .arg(QString::fromLatin1(column), query.descending ? QStringLiteral("DESC") : QStringLiteral("ASC"));
}

} // namespace otadesk::store
