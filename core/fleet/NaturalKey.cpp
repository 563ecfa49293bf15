#include "core/fleet/NaturalKey.h"

namespace otadesk::fleet {

namespace {
constexpr qsizetype kMaxRun = 9999;

bool isAsciiDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

// A digit run as: length marker, digits without leading zeros, leading-zero count. The markers lie in
// '1'..'9' so that a digit run still sorts against other characters as its first digit would.
void appendRun(QString &key, QStringView run)
{
    qsizetype zeros = 0;
    while (zeros + 1 < run.size() && run[zeros] == u'0')
        ++zeros;
    const QStringView digits = run.mid(zeros);
    if (digits.size() <= 8) {
        key += QChar(char16_t(u'0' + digits.size()));
    } else {
        key += u'9';
        key += QStringLiteral("%1").arg(digits.size(), 4, 10, QLatin1Char('0'));
    }
    key += digits;
    key += QChar(char16_t(u'a' + std::min<qsizetype>(zeros, 25)));
}
} // namespace

QString naturalKey(const QString &text)
{
    QString key;
    key.reserve(text.size() + 8);
    qsizetype i = 0;
    while (i < text.size()) {
        if (!isAsciiDigit(text[i])) {
            key += text[i++];
            continue;
        }
        qsizetype end = i;
        while (end < text.size() && end - i < kMaxRun && isAsciiDigit(text[end]))
            ++end;
        appendRun(key, QStringView(text).mid(i, end - i));
        i = end;
    }
    return key;
}

int naturalCompare(const QString &a, const QString &b)
{
    return compareCodePoints(naturalKey(a), naturalKey(b));
}

int compareCodePoints(const QString &a, const QString &b)
{
    const qsizetype n = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t x = a[i].unicode();
        const char16_t y = b[i].unicode();
        if (x == y)
            continue;
        // Surrogates (U+D800..U+DFFF) stand for code points above U+FFFF: move them above U+E000..U+FFFF.
        const auto rank = [](char16_t c) {
            return c >= 0xD800 && c <= 0xDFFF ? int(c) + 0x2000 : c >= 0xE000 ? int(c) - 0x800 : int(c);
        };
        return rank(x) < rank(y) ? -1 : 1;
    }
    return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
}

} // namespace otadesk::fleet
