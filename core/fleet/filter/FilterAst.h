#pragma once
// The filter language's syntax tree, shared by the parser, the printer, the in-memory evaluator and the SQL
// compiler. Nodes are immutable once built and shared between copies of a Filter.
#include "core/fleet/filter/FilterFields.h"

#include <memory>
#include <QList>
#include <QString>
#include <QStringList>

namespace otadesk::fleet::filter {

enum class Op
{
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    Out
};

// One value as written. For == and != a value may hold '*' wildcards: `parts` is the text split at the
// wildcards (["eu", ""] for eu*), so a value without wildcards has exactly one part.
struct Value
{
    QString text; // the literal text (wildcards as '*'; only meaningful as a whole when !isPattern())
    QStringList parts;
    int column = 0;        // 1-based column where the value starts
    qint64 number = 0;     // year; ms since epoch for absolute times; offset in ms for relative times
    bool relative = false; // times: number is an offset to FilterContext::nowMs
    QString key;           // serial: naturalKey; fw: Version sortKey

    bool isPattern() const { return parts.size() > 1; }
};

struct Comparison
{
    FieldRef field;
    Op op = Op::Eq;
    QList<Value> values; // one, or a list for =in= / =out=
};

struct Node
{
    enum class Kind
    {
        And,
        Or,
        Not,
        Compare
    };
    Kind kind = Kind::Compare;
    QList<std::shared_ptr<const Node>> children; // And, Or: two or more; Not: one
    Comparison comparison;                       // Compare
};
using NodePtr = std::shared_ptr<const Node>;

// An And / Or node of `children`, flattening children of the same kind (a;(b;c) is a;b;c); one child is
// returned as it is.
inline NodePtr makeNode(Node::Kind kind, QList<NodePtr> children)
{
    if (children.size() == 1)
        return children.front();
    auto node = std::make_shared<Node>();
    node->kind = kind;
    for (NodePtr &c : children) {
        if (c->kind == kind)
            node->children += c->children;
        else
            node->children += std::move(c);
    }
    return node;
}

inline bool isNegative(Op op)
{
    return op == Op::Ne || op == Op::Out;
}
inline bool isOrdering(Op op)
{
    return op == Op::Lt || op == Op::Le || op == Op::Gt || op == Op::Ge;
}

} // namespace otadesk::fleet::filter
