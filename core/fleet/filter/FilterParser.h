#pragma once
// Recursive-descent parser of the filter language:
//   filter     := [ or ]
//   or         := and { ("," | "or") and }
//   and        := unary { (";" | "and") unary }
//   unary      := "not" "(" or ")" | "(" or ")" | comparison
//   comparison := field operator ( value | "(" value { "," value } ")" )
// "and" binds tighter than "or". Nesting deeper than Filter::kMaxDepth is an error, not a stack overflow.
#include "core/common/Error.h"
#include "core/fleet/filter/FilterAst.h"
#include "core/fleet/filter/FilterLexer.h"

namespace otadesk::fleet::filter {

class FilterParser
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::fleet)
public:
    explicit FilterParser(const QString &text) : m_text(text), m_lexer(m_text) {}
    // nullptr for an empty filter.
    Result<NodePtr> parse();

private:
    Result<NodePtr> parseOr(int depth);
    Result<NodePtr> parseAnd(int depth);
    Result<NodePtr> parseUnary(int depth);
    Result<NodePtr> parseComparison(const Token &fieldToken);
    Status parseValues(Comparison &cmp, const QString &opText, int opColumn);
    bool isKeyword(const Token &t, const char *word) const;
    std::unexpected<Error> failAt(int offset, const QString &message) const;
    std::unexpected<Error> expected(const Token &found, const QString &what) const;

    QString m_text;
    FilterLexer m_lexer;
    int m_valueCount = 0;
};

} // namespace otadesk::fleet::filter
