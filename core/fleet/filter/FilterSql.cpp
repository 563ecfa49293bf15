#include "core/fleet/filter/FilterSql.h"

#include "core/fleet/Version.h"

#include <algorithm>

namespace otadesk::fleet::filter {

namespace {
class SqlWriter
{
public:
    SqlWriter(SqlDialect dialect, const FilterContext &ctx)
        : m_dialect(dialect), m_ctx(ctx), m_probe(dialect == SqlDialect::Postgres)
    {
    }

    void node(const Node &n)
    {
        switch (n.kind) {
        case Node::Kind::And:
        case Node::Kind::Or: {
            // Next to an indexed devices condition the other tables are probed per candidate row.
            const bool probe = m_probe;
            if (n.kind == Node::Kind::And && std::any_of(n.children.cbegin(), n.children.cend(), isAnchor))
                m_probe = true;
            m_sql += u'(';
            for (qsizetype i = 0; i < n.children.size(); ++i) {
                if (i > 0)
                    m_sql += n.kind == Node::Kind::And ? QLatin1String(" AND ") : QLatin1String(" OR ");
                node(*n.children[i]);
            }
            m_sql += u')';
            m_probe = probe;
            return;
        }
        case Node::Kind::Not:
            m_sql += QLatin1String("NOT (");
            node(*n.children.front());
            m_sql += u')';
            return;
        case Node::Kind::Compare:
            comparison(n.comparison);
            return;
        }
    }

    SqlCondition result() { return {m_sql, m_values}; }

private:
    void bind(const QVariant &v)
    {
        m_sql += u'?';
        // A null QString binds as SQL NULL, which equals nothing: "" must stay an empty text.
        if (v.typeId() == QMetaType::QString && v.toString().isNull())
            m_values << QVariant(QStringLiteral(""));
        else
            m_values << v;
    }

    static QString sqlOp(Op op)
    {
        switch (op) {
        case Op::Lt:
            return QStringLiteral(" < ");
        case Op::Le:
            return QStringLiteral(" <= ");
        case Op::Gt:
            return QStringLiteral(" > ");
        case Op::Ge:
            return QStringLiteral(" >= ");
        default:
            return QStringLiteral(" = ");
        }
    }

    // SQLite GLOB (case-sensitive, unlike LIKE) or PostgreSQL LIKE with '\' as the escape character.
    QString pattern(const QStringList &parts) const
    {
        QStringList escaped;
        for (const QString &p : parts) {
            QString e;
            for (QChar c : p) {
                if (m_dialect == SqlDialect::Sqlite) {
                    if (c == u'*' || c == u'?' || c == u'[')
                        e += u'[' + QString(c) + u']';
                    else
                        e += c;
                } else {
                    if (c == u'%' || c == u'_' || c == u'\\')
                        e += u'\\';
                    e += c;
                }
            }
            escaped << e;
        }
        return escaped.join(m_dialect == SqlDialect::Sqlite ? u'*' : u'%');
    }

    // "<expr> = ?", "<expr> IN (?, ?)", "<expr> GLOB ?", "<expr> < ?" ... without negation. `text`: the
    // expression is text (byte-wise order on PostgreSQL needs COLLATE "C").
    void test(const QString &expr, const Comparison &c, bool text, bool useKey = false)
    {
        const auto valueOf = [&](const Value &v) -> QVariant {
            if (useKey)
                return v.key;
            if (!text)
                return v.relative ? m_ctx.nowMs + v.number : v.number;
            return v.text;
        };
        if (c.op == Op::In || c.op == Op::Out) {
            m_sql += expr + QLatin1String(" IN (");
            for (qsizetype i = 0; i < c.values.size(); ++i) {
                if (i > 0)
                    m_sql += QLatin1String(", ");
                bind(valueOf(c.values[i]));
            }
            m_sql += u')';
            return;
        }
        const Value &v = c.values.front();
        if (v.isPattern()) {
            m_sql +=
                expr + (m_dialect == SqlDialect::Sqlite ? QLatin1String(" GLOB ") : QLatin1String(" LIKE "));
            bind(pattern(v.parts));
            if (m_dialect == SqlDialect::Postgres)
                m_sql += QLatin1String(" ESCAPE '\\'");
            return;
        }
        const bool byteOrder = text && isOrdering(c.op) && m_dialect == SqlDialect::Postgres;
        m_sql += expr + (byteOrder ? QLatin1String(" COLLATE \"C\"") : QLatin1String()) + sqlOp(c.op);
        bind(valueOf(v));
    }

    // A condition on an indexed devices column that SQLite can drive a query from (a range of the index).
    static bool isAnchor(const NodePtr &n)
    {
        if (n->kind == Node::Kind::Or)
            return std::all_of(n->children.cbegin(), n->children.cend(), isAnchor);
        if (n->kind != Node::Kind::Compare || isNegative(n->comparison.op))
            return false;
        const Comparison &c = n->comparison;
        const bool indexed = c.field.id == FieldId::Serial || c.field.id == FieldId::Model ||
                             c.field.id == FieldId::Batch || c.field.id == FieldId::Year ||
                             c.field.id == FieldId::LastSeen;
        return indexed && !(c.values.front().isPattern() && c.values.front().parts.front().isEmpty());
    }

    // A condition on another table: rows of `from` whose `idColumn` is the device, `where` (binding `fixed`:
    // field names, never user text pasted into SQL) and the comparison on `expr`.
    //   d.id [NOT] IN (SELECT <idColumn> FROM <from> WHERE ...)  one index range scan into a set: best alone,
    //                                                           or when SQLite can drive the query from it
    //   [NOT] EXISTS (SELECT 1 FROM <from> WHERE <idColumn> = d.id AND ...)  a primary-key probe per row:
    //   best
    //                                                           next to a selective devices condition, and
    //                                                           always on PostgreSQL (semi / anti join)
    void subquery(const Comparison &c, const QString &from, const QString &idColumn, const QString &where,
                  const QVariantList &fixed, const QString &expr, bool useKey = false)
    {
        const bool negative = isNegative(c.op);
        if (m_probe) {
            m_sql += negative ? QLatin1String("NOT EXISTS (SELECT 1 FROM ")
                              : QLatin1String("EXISTS (SELECT 1 FROM ");
            m_sql += from + QLatin1String(" WHERE ") + idColumn + QLatin1String(" = d.id AND ");
        } else {
            m_sql += negative ? QLatin1String("d.id NOT IN (SELECT ") : QLatin1String("d.id IN (SELECT ");
            m_sql += idColumn + QLatin1String(" FROM ") + from + QLatin1String(" WHERE ");
        }
        if (!where.isEmpty())
            m_sql += where + QLatin1String(" AND ");
        for (const QVariant &f : fixed)
            m_values << (f.toString().isNull() ? QVariant(QStringLiteral("")) : f);
        test(expr, c, true, useKey);
        m_sql += u')';
    }

    void column(const Comparison &c, const char *name, bool text, bool useKeyColumn = false)
    {
        const QString expr = QLatin1String("d.") + QLatin1String(useKeyColumn ? "serial_key" : name);
        if (!isNegative(c.op)) {
            test(expr, c, text, useKeyColumn);
            return;
        }
        m_sql += QLatin1String("NOT (");
        test(expr, c, text);
        m_sql += u')';
    }

    void comparison(const Comparison &c)
    {
        const FieldInfo &info = fieldInfo(c.field.id);
        switch (info.type) {
        case ValueType::Text:
            return column(c, info.column, true);
        case ValueType::Serial:
            return column(c, info.column, true, isOrdering(c.op));
        case ValueType::Year:
        case ValueType::Time:
            return column(c, info.column, false);
        case ValueType::Member:
            if (c.field.id == FieldId::Tag)
                return subquery(c, QStringLiteral("device_tags x"), kId, {}, {}, QStringLiteral("x.tag"));
            return subquery(c, QStringLiteral("group_members m JOIN device_groups g ON g.id = m.group_id"),
                            QStringLiteral("m.device_id"), QStringLiteral("g.kind = 'static'"), {},
                            QStringLiteral("g.name"));
        case ValueType::Named:
            return subquery(
                c, QStringLiteral("device_attributes x"), kId, QStringLiteral("x.kind = ? AND x.name = ?"),
                {c.field.id == FieldId::Attr ? QStringLiteral("a") : QStringLiteral("m"), c.field.sub},
                QStringLiteral("x.value"));
        case ValueType::Digest:
            return subquery(c, components(), kId, QStringLiteral("x.name = ?"), {c.field.sub},
                            QStringLiteral("x.digest"));
        case ValueType::Version:
            if (c.values.front().isPattern())
                return subquery(c, components(), kId, QStringLiteral("x.name = ?"), {c.field.sub},
                                QStringLiteral("x.version"));
            if (isOrdering(c.op)) // only versions that parse: their keys start with validKeyPrefix()
                return subquery(
                    c, components(), kId,
                    QStringLiteral("x.name = ? AND x.version_key") + collate() + QStringLiteral(" >= ?"),
                    {c.field.sub, Version::validKeyPrefix()}, QStringLiteral("x.version_key"), true);
            return subquery(c, components(), kId, QStringLiteral("x.name = ?"), {c.field.sub},
                            QStringLiteral("x.version_key"), true);
        }
    }

    static inline const QString kId = QStringLiteral("x.device_id");
    static QString components() { return QStringLiteral("device_components x"); }
    QString collate() const
    {
        return m_dialect == SqlDialect::Postgres ? QStringLiteral(" COLLATE \"C\"") : QString();
    }

    SqlDialect m_dialect;
    const FilterContext &m_ctx;
    QString m_sql;
    QVariantList m_values;
    bool m_probe; // compile other tables' conditions as EXISTS probes
};
} // namespace

SqlCondition compileSql(const NodePtr &root, SqlDialect dialect, const FilterContext &ctx)
{
    if (!root)
        return {QStringLiteral("1 = 1"), {}};
    SqlWriter w(dialect, ctx);
    w.node(*root);
    return w.result();
}

} // namespace otadesk::fleet::filter
