#include "core/fleet/filter/Filter.h"

#include "core/fleet/filter/FilterEvaluator.h"
#include "core/fleet/filter/FilterGroups.h"
#include "core/fleet/filter/FilterParser.h"
#include "core/fleet/filter/FilterPrinter.h"
#include "core/fleet/filter/FilterSql.h"

#include <QSet>

namespace otadesk::fleet {

using namespace filter;

Result<Filter> Filter::parse(const QString &text)
{
    auto root = FilterParser(text).parse();
    if (!root)
        return std::unexpected(root.error());
    return Filter(*root);
}

QString Filter::text() const
{
    return printNode(m_root);
}

bool Filter::matches(const Device &device, const FilterContext &ctx) const
{
    return !m_root || evaluate(*m_root, device, ctx);
}

SqlCondition Filter::toSql(SqlDialect dialect, const FilterContext &ctx) const
{
    return compileSql(m_root, dialect, ctx);
}

QStringList Filter::fields() const
{
    QSet<QString> names;
    const std::function<void(const Node &)> walk = [&](const Node &n) {
        if (n.kind == Node::Kind::Compare)
            names.insert(canonicalFieldName(n.comparison.field));
        for (const NodePtr &c : n.children)
            walk(*c);
    };
    if (m_root)
        walk(*m_root);
    QStringList list(names.begin(), names.end());
    list.sort();
    return list;
}

Result<Filter> Filter::expandGroups(const DynamicGroupResolver &resolver) const
{
    auto root = expandGroupNodes(m_root, resolver);
    if (!root)
        return std::unexpected(root.error());
    return Filter(*root);
}

} // namespace otadesk::fleet
