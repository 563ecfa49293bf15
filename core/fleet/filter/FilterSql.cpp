#include "core/fleet/filter/FilterSql.h"

#include "core/fleet/Version.h"

#include <algorithm>

namespace otadesk::fleet::filter {

namespace {
class SqlWriter
{
public:
    SqlWriter(SqlDialect dialect, const FilterContext &ctx, QVariant tenantId = {})
        : m_dialect(dialect), m_ctx(ctx), m_probe(dialect == SqlDialect::Postgres), m_tenantId(std::move(tenantId))
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

    // The number of the tenant's devices matching `n` as a scalar SQL expression, planned so that SQLite
    // reads as few index entries as it can (see FilterSql.h); PostgreSQL counts the condition.
    void count(const NodePtr &n)
    {
        if (m_dialect == SqlDialect::Sqlite && n) {
            if (n->kind == Node::Kind::Not)
                return difference(n->children.front());
            if (n->kind == Node::Kind::Compare && isNegative(n->comparison.op))
                return difference(positive(n->comparison));
            if (isSideLeaf(n))
                return sideLeaf(n->comparison, Form::Count);
            if (n->kind == Node::Kind::Or && std::all_of(n->children.cbegin(), n->children.cend(), isDriven))
                return unionCount(*n);
            if (n->kind == Node::Kind::And && std::any_of(n->children.cbegin(), n->children.cend(), isSideLeaf) &&
                std::all_of(n->children.cbegin(), n->children.cend(), isIdOrderedPart))
                return mergeCount(n->children, QStringLiteral(" INTERSECT "));
        }
        if (m_dialect == SqlDialect::Sqlite && !n)
            return allDevices();
        m_sql += QLatin1String("(SELECT COUNT(*) FROM devices d WHERE d.tenant_id = ");
        bind(m_tenantId);
        if (n) {
            m_sql += QLatin1String(" AND ");
            node(*n);
        }
        m_sql += u')';
    }

private:
    enum class Form
    {
        Condition, // a boolean expression over d
        Set,       // SELECT x.device_id FROM ... (one part of a UNION)
        Count      // (SELECT COUNT(*) FROM ...)
    };

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
        // The devices indexes that lead with the field (StoreMigrations, schema versions 3 and 4).
        const bool indexed = c.field.id == FieldId::Serial || c.field.id == FieldId::Model ||
                             c.field.id == FieldId::Batch || c.field.id == FieldId::Year ||
                             c.field.id == FieldId::LastSeen || c.field.id == FieldId::HwRev ||
                             c.field.id == FieldId::State || c.field.id == FieldId::Vendor ||
                             c.field.id == FieldId::FirstSeen;
        return indexed && !(c.values.front().isPattern() && c.values.front().parts.front().isEmpty());
    }

    // A condition on another table: rows of `from` whose `idColumn` is the device, `where` (binding `fixed`:
    // field names, never user text pasted into SQL) and the comparison on `expr`.
    //   d.id [NOT] IN (SELECT <idColumn> FROM <from> WHERE ...)  one index range scan into a set: best alone,
    //          or when SQLite can drive the query from it
    //   [NOT] EXISTS (SELECT 1 FROM <from> WHERE <idColumn> = d.id AND ...)  a primary-key probe per row: best
    //          next to a selective devices condition, and always on PostgreSQL (semi / anti join)
    // In the Set and Count forms (SQLite, positive conditions on tags, attributes and components only) the
    // rows are taken from the tenant-led index: "SELECT x.device_id ..." / "(SELECT COUNT(*) ...)".
    void subquery(const Comparison &c, const QString &from, const QString &idColumn, const QString &where,
                  const QVariantList &fixed, const QString &expr, bool useKey = false)
    {
        const bool negative = isNegative(c.op);
        if (m_form != Form::Condition) {
            if (m_form == Form::Set)
                m_sql += QLatin1String("SELECT ") + idColumn;
            else
                m_sql += m_distinct ? QLatin1String("(SELECT COUNT(DISTINCT ") + idColumn + u')'
                                    : QStringLiteral("(SELECT COUNT(*)");
            m_sql += QLatin1String(" FROM ") + from + QLatin1String(" WHERE x.tenant_id = ");
            bind(m_tenantId);
            m_sql += QLatin1String(" AND ");
        } else if (m_probe) {
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
        if (m_form != Form::Set)
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

    // The tenant's devices. SQLite counts a whole table from its b-tree pages without visiting the rows, so a
    // tenant with many devices is counted as all devices less the other tenants' (index ranges before and after
    // the tenant); a small tenant (fewer than kSmall devices) directly.
    void allDevices()
    {
        static constexpr int kSmall = 10000;
        const QString small = QString::number(kSmall);
        m_sql += QLatin1String("(SELECT CASE WHEN n < ") + small +
                 QLatin1String(" THEN n ELSE (SELECT COUNT(*) FROM devices) - (SELECT COUNT(*) FROM devices"
                               " WHERE tenant_id < ");
        bind(m_tenantId);
        m_sql += QLatin1String(") - (SELECT COUNT(*) FROM devices WHERE tenant_id > ");
        bind(m_tenantId);
        m_sql += QLatin1String(") END FROM (SELECT COUNT(*) AS n FROM (SELECT 1 FROM devices WHERE tenant_id = ");
        bind(m_tenantId);
        m_sql += QLatin1String(" LIMIT ") + small + QLatin1String(")))");
    }

    // all - count(n): the complement is counted as the tenant's devices less the positive condition's.
    void difference(const NodePtr &n)
    {
        m_sql += u'(';
        count(nullptr);
        m_sql += QLatin1String(" - ");
        count(n);
        m_sql += u')';
    }

    // The positive twin of a != / =out= comparison (whose SQL is NOT of the twin's, so the counts add up).
    static NodePtr positive(const Comparison &c)
    {
        auto twin = std::make_shared<Node>();
        twin->comparison = c;
        twin->comparison.op = c.op == Op::Out ? Op::In : Op::Eq;
        return twin;
    }

    // A positive condition on tags, attributes / metadata, component versions or digests: its rows can be
    // read from the tenant-led index of that table alone.
    static bool isSideLeaf(const NodePtr &n)
    {
        if (n->kind != Node::Kind::Compare || isNegative(n->comparison.op))
            return false;
        const ValueType t = fieldInfo(n->comparison.field.id).type;
        return (t == ValueType::Member && n->comparison.field.id == FieldId::Tag) || t == ValueType::Named ||
               t == ValueType::Digest || t == ValueType::Version;
    }

    // A part of an "or" whose devices an index finds without visiting the others.
    static bool isDriven(const NodePtr &n)
    {
        if (isSideLeaf(n) || isAnchor(n))
            return true;
        return n->kind == Node::Kind::And && std::any_of(n->children.cbegin(), n->children.cend(), isAnchor);
    }

    static bool isIdOrdered(const Node &n)
    {
        if (n.kind != Node::Kind::Compare || n.comparison.op != Op::Eq || n.comparison.values.front().isPattern())
            return false;
        const FieldId f = n.comparison.field.id;
        return f == FieldId::Model || f == FieldId::Year || f == FieldId::LastSeen || f == FieldId::FirstSeen;
    }

    // An equality whose index range is in id order: on a devices column (isIdOrdered), or a tag, attribute,
    // metadata or component version equal to one value (the tenant-led indexes end with device_id).
    static bool isIdOrderedPart(const NodePtr &n)
    {
        if (!isSideLeaf(n))
            return isIdOrdered(*n);
        const Comparison &c = n->comparison;
        const FieldId f = c.field.id;
        return (c.op == Op::Eq || (c.op == Op::In && c.values.size() == 1)) && !c.values.front().isPattern() &&
               (f == FieldId::Tag || f == FieldId::Attr || f == FieldId::Meta || f == FieldId::Fw);
    }

    void sideLeaf(const Comparison &c, Form form)
    {
        const Value &v = c.values.front();
        // One row per device and component / attribute; tags: one per tag, so a pattern or a list of tags
        // may meet a device twice.
        m_distinct = c.field.id == FieldId::Tag && (v.isPattern() || c.values.size() > 1);
        m_form = form;
        comparison(c);
        m_form = Form::Condition;
        m_distinct = false;
    }

    // count(first) + count((the other parts' union) EXCEPT first), `first` being a part whose index range is in
    // id order when there is one: the merge then hands on only the devices the first part does not have
    // (counting the merge's output is what costs most).
    void unionCount(const Node &n)
    {
        qsizetype at = 0;
        while (at < n.children.size() && !isIdOrderedPart(n.children[at]))
            ++at;
        if (at == n.children.size())
            at = 0;
        const NodePtr first = n.children[at];
        QList<NodePtr> rest;
        for (qsizetype i = 0; i < n.children.size(); ++i) {
            if (i != at)
                rest.append(n.children[i]);
        }
        m_sql += u'(';
        count(first);
        m_sql += QLatin1String(" + ");
        mergeCount(rest, QStringLiteral(" UNION "), first);
        m_sql += u')';
    }

    // The devices of each part as sorted streams of ids, merged: UNION for an "or", INTERSECT for an "and" of
    // equalities whose index entries are in id order (then nothing is sorted and every part is read once,
    // where probing would look up every candidate of one part in the others); less `except`'s devices.
    void mergeCount(const QList<NodePtr> &parts, const QString &op, const NodePtr &except = nullptr)
    {
        m_sql += QLatin1String("(SELECT COUNT(*) FROM (");
        for (qsizetype i = 0; i <= parts.size(); ++i) {
            if (i == parts.size() && !except)
                break;
            if (i > 0)
                m_sql += i == parts.size() ? QStringLiteral(" EXCEPT ") : op;
            const NodePtr &c = i == parts.size() ? except : parts[i];
            if (isSideLeaf(c)) {
                sideLeaf(c->comparison, Form::Set);
                continue;
            }
            // "d.id + 0" unless the part is an equality on a column indexed as (tenant_id, column), whose
            // entries are in id order: otherwise SQLite would rather walk the (tenant_id, id) index in id order
            // and look every device up than sort the part's ids.
            m_sql += isIdOrdered(*c) ? QLatin1String("SELECT d.id FROM devices d WHERE d.tenant_id = ")
                                     : QLatin1String("SELECT d.id + 0 FROM devices d WHERE d.tenant_id = ");
            bind(m_tenantId);
            m_sql += QLatin1String(" AND ");
            node(*c);
        }
        m_sql += QLatin1String(" ORDER BY 1))");
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
    Form m_form = Form::Condition;
    bool m_distinct = false; // Form::Count: count distinct devices
    QVariant m_tenantId;      // the Set and Count forms
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

SqlCondition compileCount(const NodePtr &root, SqlDialect dialect, const FilterContext &ctx, qint64 tenantId)
{
    SqlWriter w(dialect, ctx, tenantId);
    w.count(root);
    SqlCondition c = w.result();
    c.sql.prepend(QLatin1String("SELECT "));
    return c;
}

} // namespace otadesk::fleet::filter
