#pragma once
// Splits filter text into tokens. Values are lexed differently from the rest (they may hold '-', '.', ':',
// '+', '*' and, inside [...], commas), so the parser asks for a value explicitly with nextValue() right after
// an operator.
#include <QString>
#include <QStringList>

namespace otadesk::fleet::filter {

struct Token
{
    enum class Kind
    {
        Word,
        Operator,
        LParen,
        RParen,
        Semicolon,
        Comma,
        Value,
        End,
        Error
    };
    Kind kind = Kind::End;
    QString text;      // Word / Operator: as written; Value: unescaped; Error: the translated message
    QStringList parts; // Value: the text split at unescaped '*' wildcards (one part without wildcards)
    int offset = 0;    // 0-based character offset of the first character
    int length = 0;
    bool quoted = false;
};

class FilterLexer
{
public:
    explicit FilterLexer(const QString &text) : m_text(text) {}

    Token next();      // a structural token (words, operators, parentheses, ';', ',')
    Token nextValue(); // a value, quoted or bare
    int position() const { return int(m_pos); }
    void reset(int position) { m_pos = position; }

    static bool isWordChar(QChar c);
    // How a token is shown in "found ..." parts of messages.
    static QString describe(const Token &token);

private:
    void skipSpace();
    Token make(Token::Kind kind, qsizetype start) const;
    Token error(qsizetype at, const QString &message) const;
    Token quotedValue(qsizetype start);
    Token bareValue(qsizetype start);
    Token valueToken(qsizetype start, const QStringList &parts, bool quoted) const;

    const QString &m_text;
    qsizetype m_pos = 0;
};

} // namespace otadesk::fleet::filter
