#include "core/fleet/filter/FilterLexer.h"

#include <QCoreApplication>

namespace otadesk::fleet::filter {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::fleet)
};

bool endsBareValue(QChar c)
{
    return c.isSpace() || c == u';' || c == u',' || c == u'(' || c == u')' || c == u'"' || c == u'\'';
}
} // namespace

bool FilterLexer::isWordChar(QChar c)
{
    const char16_t u = c.unicode();
    // Attribute, metadata and component names may use any letters and digits (attr.région, fw.modem-2).
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'_' ||
           u == u'.' || u == u'-' || (u >= 0x80 && (c.isLetterOrNumber() || c.isMark()));
}

QString FilterLexer::describe(const Token &token)
{
    if (token.kind == Token::Kind::End)
        return Tr::tr("the end of the filter");
    return u'"' + token.text + u'"';
}

void FilterLexer::skipSpace()
{
    while (m_pos < m_text.size() && m_text[m_pos].isSpace())
        ++m_pos;
}

Token FilterLexer::make(Token::Kind kind, qsizetype start) const
{
    Token t;
    t.kind = kind;
    t.offset = int(start);
    t.length = int(m_pos - start);
    t.text = m_text.mid(start, m_pos - start);
    return t;
}

Token FilterLexer::error(qsizetype at, const QString &message) const
{
    Token t;
    t.kind = Token::Kind::Error;
    t.offset = int(at);
    t.text = message;
    return t;
}

Token FilterLexer::next()
{
    skipSpace();
    const qsizetype start = m_pos;
    if (m_pos >= m_text.size())
        return make(Token::Kind::End, start);
    const QChar c = m_text[m_pos];
    switch (c.unicode()) {
    case u'(':
        ++m_pos;
        return make(Token::Kind::LParen, start);
    case u')':
        ++m_pos;
        return make(Token::Kind::RParen, start);
    case u';':
        ++m_pos;
        return make(Token::Kind::Semicolon, start);
    case u',':
        ++m_pos;
        return make(Token::Kind::Comma, start);
    case u'!':
    case u'<':
    case u'>':
        ++m_pos;
        if (m_pos < m_text.size() && m_text[m_pos] == u'=')
            ++m_pos;
        return make(Token::Kind::Operator, start);
    case u'=': {
        ++m_pos;
        if (m_pos < m_text.size() && m_text[m_pos] == u'=') {
            ++m_pos;
            return make(Token::Kind::Operator, start);
        }
        qsizetype end = m_pos;
        while (end < m_text.size() && end - m_pos < 16 && m_text[end].isLetter())
            ++end;
        if (end < m_text.size() && m_text[end] == u'=' && end > m_pos) {
            m_pos = end + 1;
            return make(Token::Kind::Operator, start);
        }
        m_pos = end;
        return make(Token::Kind::Operator, start); // "=" or "=xy": the parser reports it as unknown
    }
    default:
        break;
    }
    if (isWordChar(c)) {
        while (m_pos < m_text.size() && isWordChar(m_text[m_pos]))
            ++m_pos;
        return make(Token::Kind::Word, start);
    }
    if (c == u'"' || c == u'\'') {
        Token t = quotedValue(start);
        if (t.kind == Token::Kind::Value)
            t.kind = Token::Kind::Word; // a quoted word where a field was expected: the parser reports it
        return t;
    }
    ++m_pos;
    if (c.isHighSurrogate() && m_pos < m_text.size())
        ++m_pos;
    return make(Token::Kind::Word, start);
}

Token FilterLexer::nextValue()
{
    skipSpace();
    const qsizetype start = m_pos;
    if (m_pos >= m_text.size())
        return make(Token::Kind::End, start);
    const QChar c = m_text[m_pos];
    if (c == u'"' || c == u'\'')
        return quotedValue(start);
    if (endsBareValue(c)) {
        ++m_pos;
        return make(c == u'('   ? Token::Kind::LParen
                    : c == u')' ? Token::Kind::RParen
                    : c == u';' ? Token::Kind::Semicolon
                    : c == u',' ? Token::Kind::Comma
                                : Token::Kind::Word,
                    start);
    }
    return bareValue(start);
}

Token FilterLexer::quotedValue(qsizetype start)
{
    const QChar quote = m_text[m_pos++];
    QString current;
    QStringList parts;
    while (true) {
        if (m_pos >= m_text.size())
            return error(start, Tr::tr("Column %1: the quoted value is not closed: add %2 at its end.")
                                    .arg(start + 1)
                                    .arg(quote));
        const QChar c = m_text[m_pos++];
        if (c == quote)
            break;
        if (c == u'\\') {
            if (m_pos >= m_text.size())
                continue; // reported as unclosed above
            current += m_text[m_pos++];
        } else if (c == u'*') {
            parts << current;
            current.clear();
        } else {
            current += c;
        }
    }
    parts << current;
    return valueToken(start, parts, true);
}

Token FilterLexer::valueToken(qsizetype start, const QStringList &parts, bool quoted) const
{
    Token t = make(Token::Kind::Value, start);
    t.parts = parts; // the pieces between unescaped '*' wildcards
    t.text = parts.join(u'*');
    t.quoted = quoted;
    return t;
}

Token FilterLexer::bareValue(qsizetype start)
{
    QString current;
    QStringList parts;
    int brackets = 0; // inside [...] commas belong to the value: SUIT versions like [1,4,2]
    while (m_pos < m_text.size()) {
        const QChar c = m_text[m_pos];
        if (brackets == 0 ? endsBareValue(c) : (c.isSpace() || c == u'(' || c == u')' || c == u';'))
            break;
        ++m_pos;
        if (c == u'\\') {
            if (m_pos < m_text.size())
                current += m_text[m_pos++];
            continue;
        }
        if (c == u'[')
            ++brackets;
        else if (c == u']' && brackets > 0)
            --brackets;
        if (c == u'*') {
            parts << current;
            current.clear();
        } else {
            current += c;
        }
    }
    parts << current;
    return valueToken(start, parts, false);
}

} // namespace otadesk::fleet::filter
