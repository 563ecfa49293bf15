#include "core/fleet/filter/FilterGroups.h"

#include "core/fleet/filter/FilterParser.h"

namespace otadesk::fleet::filter {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::fleet)
};

class Expander
{
public:
    explicit Expander(const DynamicGroupResolver &resolver) : m_resolver(resolver) {}

    Result<NodePtr> expand(const NodePtr &node, int depth)
    {
        if (depth > Filter::kMaxDepth)
            return fail(ErrorCode::InvalidArgument,
                        Tr::tr("Groups nest more than %1 deep: %2.").arg(Filter::kMaxDepth).arg(chain()));
        if (node->kind != Node::Kind::Compare) {
            QList<NodePtr> children;
            bool changed = false;
            for (const NodePtr &c : node->children) {
                auto e = expand(c, depth + 1);
                if (!e)
                    return e;
                changed = changed || *e != c;
                children << *e;
            }
            if (!changed)
                return node;
            if (node->kind == Node::Kind::Not)
                return negate(children.front());
            return makeNode(node->kind, std::move(children));
        }
        const Comparison &c = node->comparison;
        if (c.field.id != FieldId::Group)
            return node;
        // One term per value: static groups stay group==<name>, dynamic ones become their filter.
        QList<NodePtr> terms;
        bool changed = false;
        for (const Value &v : c.values) {
            auto term = expandGroup(v, depth);
            if (!term)
                return term;
            changed = changed || *term;
            terms << (*term ? *term : single(c, v));
        }
        if (!changed)
            return node;
        NodePtr any = makeNode(Node::Kind::Or, std::move(terms));
        return isNegative(c.op) ? negate(any) : any;
    }

private:
    QString chain() const { return m_stack.join(QStringLiteral(" → ")); }

    static NodePtr single(const Comparison &c, const Value &v)
    {
        auto n = std::make_shared<Node>();
        n->comparison.field = c.field;
        n->comparison.op = Op::Eq;
        n->comparison.values = {v};
        return n;
    }

    static NodePtr negate(const NodePtr &n)
    {
        if (n->kind == Node::Kind::Not)
            return n->children.front();
        auto out = std::make_shared<Node>();
        out->kind = Node::Kind::Not;
        out->children << n;
        return out;
    }

    // The expansion of one dynamic group, nullptr for a static group.
    Result<NodePtr> expandGroup(const Value &v, int depth)
    {
        const std::optional<QString> text = m_resolver ? m_resolver(v.text) : std::nullopt;
        if (!text)
            return NodePtr();
        if (m_stack.contains(v.text)) {
            m_stack << v.text;
            return fail(ErrorCode::InvalidArgument,
                        Tr::tr("The group \"%1\" includes itself: %2. Remove one of these group references.")
                            .arg(v.text, chain()));
        }
        auto parsed = FilterParser(*text).parse();
        if (!parsed)
            return fail(ErrorCode::InvalidArgument,
                        Tr::tr("The filter of the dynamic group \"%1\" is invalid: %2")
                            .arg(v.text, parsed.error().message()));
        if (!*parsed) // "every device" has no expression in the language to stand in for the group
            return fail(
                ErrorCode::InvalidArgument,
                Tr::tr("The dynamic group \"%1\" has an empty filter: give it a filter, or leave the group "
                       "out to mean every device.")
                    .arg(v.text));
        m_stack << v.text;
        auto e = expand(*parsed, depth + 1);
        m_stack.removeLast();
        return e;
    }

    const DynamicGroupResolver &m_resolver;
    QStringList m_stack;
};
} // namespace

Result<NodePtr> expandGroupNodes(const NodePtr &root, const DynamicGroupResolver &resolver)
{
    if (!root)
        return root;
    return Expander(resolver).expand(root, 0);
}

} // namespace otadesk::fleet::filter
