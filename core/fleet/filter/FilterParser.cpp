#include "core/fleet/filter/FilterParser.h"

#include "core/fleet/filter/Filter.h"
#include "core/fleet/filter/FilterValues.h"

#include <array>

namespace otadesk::fleet::filter {

namespace {
struct OpName
{
    const char *text;
    Op op;
};
constexpr std::array<OpName, 17> kOps = {{
    {"==", Op::Eq},
    {"!=", Op::Ne},
    {"=lt=", Op::Lt},
    {"=le=", Op::Le},
    {"=gt=", Op::Gt},
    {"=ge=", Op::Ge},
    {"<", Op::Lt},
    {"<=", Op::Le},
    {">", Op::Gt},
    {">=", Op::Ge},
    {"=in=", Op::In},
    {"=out=", Op::Out},
    {"=is=", Op::Eq},
    {"=eq=", Op::Eq},
    {"=not=", Op::Ne},
    {"=ne=", Op::Ne},
    {"=notin=", Op::Out},
}};

std::optional<Op> opFromText(const QString &text)
{
    const QString lower = text.toLower();
    for (const OpName &o : kOps) {
        if (lower == QLatin1String(o.text))
            return o.op;
    }
    return std::nullopt;
}

} // namespace

std::unexpected<Error> FilterParser::failAt(int offset, const QString &message) const
{
    SourceLocation where;
    where.offset = offset;
    return std::unexpected(Error(ErrorCode::Format, message, where));
}

std::unexpected<Error> FilterParser::expected(const Token &found, const QString &what) const
{
    if (found.kind == Token::Kind::Error)
        return failAt(found.offset, found.text);
    return failAt(found.offset, tr("Column %1: expected %2, found %3.")
                                    .arg(found.offset + 1)
                                    .arg(what, FilterLexer::describe(found)));
}

bool FilterParser::isKeyword(const Token &t, const char *word) const
{
    return t.kind == Token::Kind::Word && t.text.compare(QLatin1String(word), Qt::CaseInsensitive) == 0;
}

Result<NodePtr> FilterParser::parse()
{
    if (m_text.size() > Filter::kMaxLength)
        return failAt(int(Filter::kMaxLength), tr("The filter is too long (%1 characters; at most %2).")
                                                   .arg(m_text.size())
                                                   .arg(Filter::kMaxLength));
    const Token first = m_lexer.next();
    if (first.kind == Token::Kind::End)
        return NodePtr();
    m_lexer.reset(first.offset);
    auto root = parseOr(0);
    if (!root)
        return root;
    const Token end = m_lexer.next();
    if (end.kind != Token::Kind::End) {
        const QString what = end.kind == Token::Kind::RParen ? tr("no \")\" without a matching \"(\"")
                                                             : tr("\";\", \",\", \"and\" or \"or\"");
        return expected(end, what);
    }
    return root;
}

Result<NodePtr> FilterParser::parseOr(int depth)
{
    QList<NodePtr> terms;
    while (true) {
        auto term = parseAnd(depth);
        if (!term)
            return term;
        terms << *term;
        const int save = m_lexer.position();
        const Token t = m_lexer.next();
        if (t.kind == Token::Kind::Comma || isKeyword(t, "or"))
            continue;
        m_lexer.reset(save);
        return makeNode(Node::Kind::Or, std::move(terms));
    }
}

Result<NodePtr> FilterParser::parseAnd(int depth)
{
    QList<NodePtr> terms;
    while (true) {
        auto term = parseUnary(depth);
        if (!term)
            return term;
        terms << *term;
        const int save = m_lexer.position();
        const Token t = m_lexer.next();
        if (t.kind == Token::Kind::Semicolon || isKeyword(t, "and"))
            continue;
        m_lexer.reset(save);
        return makeNode(Node::Kind::And, std::move(terms));
    }
}

Result<NodePtr> FilterParser::parseUnary(int depth)
{
    Token t = m_lexer.next();
    bool negate = false;
    if (isKeyword(t, "not")) {
        const int save = m_lexer.position();
        const Token paren = m_lexer.next();
        m_lexer.reset(save);
        if (paren.kind != Token::Kind::LParen)
            return expected(paren, tr("\"(\" after \"not\" (write not(...))"));
        negate = true;
        t = m_lexer.next();
    }
    if (t.kind == Token::Kind::LParen) {
        if (depth >= Filter::kMaxDepth)
            return failAt(t.offset, tr("Column %1: parentheses nest more than %2 deep.")
                                        .arg(t.offset + 1)
                                        .arg(Filter::kMaxDepth));
        auto inner = parseOr(depth + 1);
        if (!inner)
            return inner;
        const Token close = m_lexer.next();
        if (close.kind != Token::Kind::RParen)
            return expected(close, tr("\")\" to close the \"(\" at column %1").arg(t.offset + 1));
        if (!negate)
            return inner;
        auto node = std::make_shared<Node>();
        node->kind = Node::Kind::Not;
        node->children << *inner;
        return NodePtr(node);
    }
    if (t.kind != Token::Kind::Word || t.quoted)
        return expected(t, tr("a field name such as model, serial or attr.region, or \"(\""));
    return parseComparison(t);
}

Result<NodePtr> FilterParser::parseComparison(const Token &fieldToken)
{
    const FieldLookup lookup = lookupField(fieldToken.text, fieldToken.offset + 1);
    if (!lookup.found)
        return failAt(fieldToken.offset, lookup.error);
    const Token opToken = m_lexer.next();
    if (opToken.kind != Token::Kind::Operator)
        return expected(opToken, tr("an operator (==, !=, =lt=, =le=, =gt=, =ge=, =in=, =out=, <, <=, >, >=) "
                                    "after \"%1\"")
                                     .arg(fieldToken.text));
    const auto op = opFromText(opToken.text);
    if (!op) {
        QStringList names;
        for (const OpName &o : kOps)
            names << QString::fromLatin1(o.text);
        const QString near = closestMatch(opToken.text, names);
        const QString hint = near.isEmpty() ? QString() : tr(" Did you mean \"%1\"?").arg(near);
        return failAt(opToken.offset,
                      tr("Column %1: unknown operator \"%2\".%3 Operators: ==, !=, =lt=, =le=, "
                         "=gt=, =ge=, =in=, =out=, <, <=, >, >=.")
                          .arg(opToken.offset + 1)
                          .arg(opToken.text, hint));
    }
    if (auto e = checkOperator(lookup.field, *op, opToken.text, opToken.offset + 1))
        return failAt(opToken.offset, *e);
    auto node = std::make_shared<Node>();
    node->comparison.field = lookup.field;
    node->comparison.op = *op;
    if (auto st = parseValues(node->comparison, opToken.text, opToken.offset + 1); !st)
        return std::unexpected(st.error());
    return NodePtr(node);
}

Status FilterParser::parseValues(Comparison &cmp, const QString &opText, int opColumn)
{
    const bool list = cmp.op == Op::In || cmp.op == Op::Out;
    const auto one = [&](const Token &t) -> Status {
        if (t.kind != Token::Kind::Value || (!t.quoted && t.text.isEmpty()))
            return expected(t, tr("a value after \"%1\" at column %2 (quote values with spaces or "
                                  "parentheses: \"...\")")
                                   .arg(opText)
                                   .arg(opColumn));
        if (++m_valueCount > Filter::kMaxValues)
            return failAt(t.offset,
                          tr("Column %1: the filter has more than %2 values; use a static group for "
                             "long lists of devices.")
                              .arg(t.offset + 1)
                              .arg(Filter::kMaxValues));
        Value v;
        v.text = t.text;
        v.parts = t.parts;
        v.column = t.offset + 1;
        if (auto e = checkValue(cmp.field, cmp.op, v))
            return failAt(t.offset, *e);
        cmp.values << v;
        return {};
    };
    Token t = m_lexer.nextValue();
    if (t.kind != Token::Kind::LParen)
        return one(t);
    if (!list)
        return failAt(
            t.offset,
            tr("Column %1: a list of values needs =in= or =out=, not \"%2\".").arg(t.offset + 1).arg(opText));
    while (true) {
        if (auto st = one(m_lexer.nextValue()); !st)
            return st;
        const Token sep = m_lexer.next();
        if (sep.kind == Token::Kind::RParen)
            return {};
        if (sep.kind != Token::Kind::Comma)
            return expected(sep, tr("\",\" or \")\" in the list that starts at column %1").arg(t.offset + 1));
    }
}

} // namespace otadesk::fleet::filter
