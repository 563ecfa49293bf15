#include "core/fleet/filter/FilterPrinter.h"

namespace otadesk::fleet::filter {

namespace {
bool isBareSafe(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'-' ||
           u == u'.' || u == u'_' || u == u':' || u == u'+' || u == u'/' || u == u'@' || u == u'#';
}

QString escaped(const QString &part)
{
    QString out;
    out.reserve(part.size());
    for (QChar c : part) {
        if (c == u'"' || c == u'\\' || c == u'*')
            out += u'\\';
        out += c;
    }
    return out;
}

void print(const NodePtr &node, QString &out, bool parenthesiseOr)
{
    switch (node->kind) {
    case Node::Kind::Compare: {
        const Comparison &c = node->comparison;
        out += canonicalFieldName(c.field);
        out += opText(c.op);
        if (c.op == Op::In || c.op == Op::Out) {
            out += u'(';
            for (qsizetype i = 0; i < c.values.size(); ++i) {
                if (i > 0)
                    out += u',';
                out += printValue(c.values[i]);
            }
            out += u')';
        } else {
            out += printValue(c.values.front());
        }
        return;
    }
    case Node::Kind::Not:
        out += QStringLiteral("not(");
        print(node->children.front(), out, false);
        out += u')';
        return;
    case Node::Kind::And:
    case Node::Kind::Or: {
        const bool isOr = node->kind == Node::Kind::Or;
        if (isOr && parenthesiseOr)
            out += u'(';
        for (qsizetype i = 0; i < node->children.size(); ++i) {
            if (i > 0)
                out += isOr ? u',' : u';';
            // An And inside an And only comes from expandGroups: keep it visible as a group.
            const NodePtr &child = node->children[i];
            const bool sameKind = child->kind == node->kind;
            if (sameKind)
                out += u'(';
            print(child, out, !isOr);
            if (sameKind)
                out += u')';
        }
        if (isOr && parenthesiseOr)
            out += u')';
        return;
    }
    }
}
} // namespace

QString opText(Op op)
{
    switch (op) {
    case Op::Eq:
        return QStringLiteral("==");
    case Op::Ne:
        return QStringLiteral("!=");
    case Op::Lt:
        return QStringLiteral("=lt=");
    case Op::Le:
        return QStringLiteral("=le=");
    case Op::Gt:
        return QStringLiteral("=gt=");
    case Op::Ge:
        return QStringLiteral("=ge=");
    case Op::In:
        return QStringLiteral("=in=");
    case Op::Out:
        return QStringLiteral("=out=");
    }
    return {};
}

QString printValue(const Value &value)
{
    bool bare = !value.parts.join(QString()).isEmpty();
    for (const QString &part : value.parts) {
        for (QChar c : part)
            bare = bare && isBareSafe(c);
    }
    QString out;
    if (!bare)
        out += u'"';
    for (qsizetype i = 0; i < value.parts.size(); ++i) {
        if (i > 0)
            out += u'*';
        out += bare ? value.parts[i] : escaped(value.parts[i]);
    }
    if (!bare)
        out += u'"';
    return out;
}

QString printNode(const NodePtr &node)
{
    QString out;
    if (node)
        print(node, out, false);
    return out;
}

} // namespace otadesk::fleet::filter
