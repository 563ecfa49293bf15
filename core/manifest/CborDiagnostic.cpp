#include "CborDiagnostic.h"

#include "core/manifest/CborDecoder.h"

#include <charconv>
#include <cmath>

namespace otadesk::manifest {
namespace {

QString formatDouble(double d)
{
    if (std::isnan(d))
        return QStringLiteral("NaN");
    if (std::isinf(d))
        return d > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
    if (d == std::floor(d) && std::fabs(d) < 1e16) {
        char buf[64];
        auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
        QString s = QString::fromLatin1(buf, r.ptr - buf);
        if (std::signbit(d) && !s.startsWith(QLatin1Char('-')))
            s.prepend(QLatin1Char('-'));
        return s + QStringLiteral(".0");
    }
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, d);
    QString s = QString::fromLatin1(buf, r.ptr - buf);
    const qsizetype e = s.indexOf(QLatin1Char('e'));
    if (e < 0)
        return s;
    QString mantissa = s.left(e);
    QString exponent = s.mid(e + 1);
    if (!mantissa.contains(QLatin1Char('.')))
        mantissa += QStringLiteral(".0");
    QString sign = exponent.startsWith(QLatin1Char('-')) ? QStringLiteral("-") : QStringLiteral("+");
    if (exponent.startsWith(QLatin1Char('-')) || exponent.startsWith(QLatin1Char('+')))
        exponent.remove(0, 1);
    while (exponent.size() > 1 && exponent.startsWith(QLatin1Char('0')))
        exponent.remove(0, 1);
    return mantissa + QLatin1Char('e') + sign + exponent;
}

QString quoteText(const QString &text)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
            out += QLatin1Char('\\') + c;
        else if (c.unicode() < 0x20)
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out + QLatin1Char('"');
}

class Writer
{
public:
    explicit Writer(const CborDiagnosticOptions &options) : m_options(options) {}

    QString write(const CborValue &v, int level)
    {
        switch (v.type()) {
        case CborValue::Type::Invalid:
            return QStringLiteral("undefined");
        case CborValue::Type::Unsigned:
            return QString::number(v.rawInteger());
        case CborValue::Type::Negative:
            if (v.rawInteger() == UINT64_MAX)
                return QStringLiteral("-18446744073709551616");
            return QLatin1Char('-') + QString::number(v.rawInteger() + 1);
        case CborValue::Type::ByteString:
        case CborValue::Type::TextString:
            return string(v, level);
        case CborValue::Type::Array:
        case CborValue::Type::Map:
            return container(v, level);
        case CborValue::Type::Tag:
            return QString::number(v.tag()) + QLatin1Char('(') + write(v.tagContent(), level) + QLatin1Char(')');
        case CborValue::Type::Simple:
            switch (v.simpleValue()) {
            case 20: return QStringLiteral("false");
            case 21: return QStringLiteral("true");
            case 22: return QStringLiteral("null");
            case 23: return QStringLiteral("undefined");
            default: return QStringLiteral("simple(%1)").arg(v.simpleValue());
            }
        case CborValue::Type::Float:
            return formatDouble(v.toDouble());
        }
        return {};
    }

private:
    QString plainString(const CborValue &v) const
    {
        if (v.isText())
            return quoteText(v.text());
        return QStringLiteral("h'") + QString::fromLatin1(v.bytes().toHex()) + QLatin1Char('\'');
    }

    QString string(const CborValue &v, int level)
    {
        if (v.isIndefinite()) {
            QStringList chunks;
            for (const CborValue &chunk : v.items())
                chunks << plainString(chunk);
            return chunks.isEmpty() ? (v.isText() ? QStringLiteral("\"\"_") : QStringLiteral("''_"))
                                    : QStringLiteral("(_ ") + chunks.join(QStringLiteral(", ")) + QLatin1Char(')');
        }
        // Embedded CBOR nests at most a few levels deep: a crafted input could otherwise recurse thousands
        // of times through bstr-in-array-in-bstr.
        if (v.isBytes() && m_options.embeddedCbor && v.bytes().size() >= 2 && m_embedded < 16) {
            auto inner = CborDecoder::decode(v.bytes());
            if (inner && (inner->isArray() || inner->isMap() || inner->isTag())) {
                ++m_embedded;
                const QString text = QStringLiteral("<<") + write(*inner, level) + QStringLiteral(">>");
                --m_embedded;
                return text;
            }
        }
        return plainString(v);
    }

    bool multiline(const CborValue &v) const
    {
        if (!m_options.pretty || v.size() == 0)
            return false;
        auto nested = [](const CborValue &c) {
            return c.isArray() || c.isMap() || c.isTag() || (c.isBytes() && c.bytes().size() > 16);
        };
        for (const CborValue &item : v.items()) {
            if (nested(item))
                return true;
        }
        for (const CborMapEntry &e : v.entries()) {
            if (nested(e.value) || nested(e.key))
                return true;
        }
        return false;
    }

    QString container(const CborValue &v, int level)
    {
        const bool isMap = v.isMap();
        QStringList parts;
        if (isMap) {
            for (const CborMapEntry &e : v.entries())
                parts << write(e.key, level + 1) + QStringLiteral(": ") + write(e.value, level + 1);
        } else {
            for (const CborValue &item : v.items())
                parts << write(item, level + 1);
        }
        const QString open = QString(isMap ? QLatin1Char('{') : QLatin1Char('[')) + (v.isIndefinite() ? QStringLiteral("_ ") : QString());
        const QString close = isMap ? QStringLiteral("}") : QStringLiteral("]");
        if (!multiline(v)) {
            QString body = parts.join(QStringLiteral(", "));
            if (v.isIndefinite() && parts.isEmpty())
                return QString(isMap ? QLatin1Char('{') : QLatin1Char('[')) + QStringLiteral("_ ") + close;
            return open + body + close;
        }
        const QString inner(m_options.indent * (level + 1), QLatin1Char(' '));
        const QString outer(m_options.indent * level, QLatin1Char(' '));
        return open.trimmed() + QLatin1Char('\n') + inner + parts.join(QStringLiteral(",\n") + inner)
               + QLatin1Char('\n') + outer + close;
    }

    const CborDiagnosticOptions &m_options;
    int m_embedded = 0;
};

} // namespace

QString toDiagnostic(const CborValue &value, const CborDiagnosticOptions &options)
{
    Writer writer(options);
    return writer.write(value, 0);
}

} // namespace otadesk::manifest
