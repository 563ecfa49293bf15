#pragma once
// The device filter language (docs/filter-language.md): one parser and one syntax tree, compiled to an
// in-memory predicate over fleet::Device and to a SQL condition (SQLite or PostgreSQL) over the devices table
// aliased d, e.g.
//   model==GW-200;batch=in=(B17,B18);year=ge=2024;serial=ge=SN-10000;fw.main=lt=2.3.0;tag==beta;attr.region==eu*
// SQL values are always bound ('?' placeholders in order), never pasted into the text.
#include "core/common/Error.h"
#include "core/fleet/Device.h"

#include <functional>
#include <memory>
#include <optional>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

namespace otadesk::fleet {

namespace filter {
struct Node;
}

struct FilterContext
{
    qint64 nowMs = 0; // resolves relative times like -7d
    // Members (device ids) of a static group, nullopt when there is no such group. Only matches() uses it;
    // SQL reads group_members.
    std::function<std::optional<QList<qint64>>(const QString &group)> staticGroup;
};

enum class SqlDialect
{
    Sqlite,
    Postgres
};

struct SqlCondition
{
    QString sql;         // a boolean expression over "devices d"
    QVariantList values; // positional '?' placeholders, in order
};

// Returns the filter text of a dynamic group, nullopt for a static group or a name that is not a group.
using DynamicGroupResolver = std::function<std::optional<QString>(const QString &group)>;

class Filter
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::fleet)
public:
    // No limit at 1024 characters as in hawkBit, but not unbounded either.
    static constexpr qsizetype kMaxLength = 1 << 20; // characters
    static constexpr int kMaxDepth = 64;             // nested parentheses / expanded groups
    static constexpr int kMaxValues = 20000;         // values in one filter (each one is a bound parameter)

    Filter() = default; // empty: matches every device
    // The error message names the 1-based column and what was expected; its SourceLocation offset is the
    // 0-based character offset.
    static Result<Filter> parse(const QString &text);

    bool isEmpty() const { return !m_root; }
    QString text() const; // canonical text; parse(text()) gives the same filter
    bool matches(const Device &device, const FilterContext &ctx) const;
    SqlCondition toSql(SqlDialect dialect, const FilterContext &ctx) const;
    QStringList fields() const; // canonical names of the fields used, sorted, without duplicates

    // Replaces group==<dynamic group> by that group's filter (recursively; != and =out= by its negation).
    // Fails on a cycle (a group that includes itself), on a group filter that does not parse and when the
    // expansion nests deeper than kMaxDepth.
    Result<Filter> expandGroups(const DynamicGroupResolver &resolver) const;

    explicit Filter(std::shared_ptr<const filter::Node> root) : m_root(std::move(root)) {}
    const std::shared_ptr<const filter::Node> &root() const { return m_root; }

private:
    std::shared_ptr<const filter::Node> m_root;
};

} // namespace otadesk::fleet
