#include "core/fleet/Version.h"

#include "core/fleet/NaturalKey.h"

namespace otadesk::fleet {

namespace {
constexpr int kMaxDigits = 18; // fits qint64

bool allDigits(QStringView s)
{
    if (s.isEmpty())
        return false;
    for (QChar c : s) {
        if (c.unicode() < u'0' || c.unicode() > u'9')
            return false;
    }
    return true;
}

std::optional<qint64> number(QStringView s)
{
    qsizetype i = 0;
    while (i + 1 < s.size() && s[i] == u'0')
        ++i;
    if (!allDigits(s) || s.size() - i > kMaxDigits)
        return std::nullopt;
    return s.toLongLong();
}

bool isIdentifier(QStringView s) // SemVer identifier characters
{
    if (s.isEmpty())
        return false;
    for (QChar c : s) {
        const char16_t u = c.unicode();
        if (!((u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || u == u'-'))
            return false;
    }
    return true;
}

// Order-preserving, self-delimiting: a length letter ('a' = 1 digit ... 'r' = 18) and the digits.
void appendNumber(QString &key, qint64 n)
{
    const QString digits = QString::number(n);
    key += QChar(char16_t(u'a' + digits.size() - 1));
    key += digits;
}
} // namespace

Version Version::parse(const QString &text)
{
    Version v;
    v.m_text = text.trimmed();
    const QString &s = v.m_text;
    const bool ok = s.startsWith(u'[') ? v.parseSuit(s) : v.parseDotted(s);
    if (!ok) {
        Version bad;
        bad.m_text = s;
        bad.m_key = QStringLiteral("0") + s;
        return bad;
    }
    while (!v.m_numbers.isEmpty() && v.m_numbers.constLast() == 0)
        v.m_numbers.removeLast();
    v.buildKey();
    return v;
}

bool Version::parseSuit(const QString &s)
{
    if (!s.endsWith(u']') || s.size() < 3)
        return false;
    const QStringList parts = s.mid(1, s.size() - 2).split(u',');
    bool inPre = false;
    for (const QString &raw : parts) {
        const QString p = raw.trimmed();
        if (p.startsWith(u'-')) {
            static const QStringList names = {QStringLiteral("rc"), QStringLiteral("beta"),
                                              QStringLiteral("alpha")};
            const auto n = number(QStringView(p).mid(1));
            if (inPre || m_numbers.isEmpty() || !n || *n < 1 || *n > 3)
                return false;
            inPre = true;
            m_pre.append(names[*n - 1]);
            continue;
        }
        const auto n = number(p);
        if (!n)
            return false;
        if (inPre)
            m_pre.append(QString::number(*n));
        else
            m_numbers.append(*n);
    }
    m_form = Form::Suit;
    return true;
}

bool Version::parseDotted(const QString &s)
{
    QStringView rest(s);
    if (rest.size() > 1 && (rest[0] == u'v' || rest[0] == u'V') && rest[1].isDigit())
        rest = rest.mid(1);
    QStringView build;
    bool hasBuild = false;
    if (const qsizetype plus = rest.indexOf(u'+'); plus >= 0) {
        build = rest.mid(plus + 1);
        rest = rest.left(plus);
        hasBuild = true;
    }
    QStringView pre;
    bool hasPre = false;
    if (const qsizetype dash = rest.indexOf(u'-'); dash >= 0) {
        pre = rest.mid(dash + 1);
        rest = rest.left(dash);
        hasPre = true;
    }
    for (QStringView part : rest.split(u'.')) {
        const auto n = number(part);
        if (!n)
            return false;
        m_numbers.append(*n);
    }
    if (hasPre) {
        for (QStringView id : pre.split(u'.')) {
            if (!isIdentifier(id))
                return false;
            m_pre.append(id.toString());
        }
    }
    m_form = hasPre ? Form::SemVer : m_numbers.size() == 3 ? Form::SemVer : Form::Dotted;
    if (hasBuild) {
        for (QStringView id : build.split(u'.')) {
            if (!isIdentifier(id))
                return false;
        }
        m_metadata = build.toString();
        const auto n = number(build);
        if (!hasPre && n) { // MCUboot: the build number is the next number after maj.min.rev
            while (m_numbers.size() < 3)
                m_numbers.append(0);
            m_numbers.append(*n);
            m_form = Form::McuBoot;
        } else {
            m_form = Form::SemVer;
        }
    }
    return true;
}

// "1" + numbers + ('#' final | '!' pre-release identifiers). '!' < '#' < every number's length letter, so
// a shorter list of numbers sorts first and a pre-release before its release. Identifiers: '1' + number
// (numeric) or '2' + text + '$' ('$' sorts below every identifier character).
void Version::buildKey()
{
    m_key = validKeyPrefix();
    for (qint64 n : std::as_const(m_numbers))
        appendNumber(m_key, n);
    if (m_pre.isEmpty()) {
        m_key += u'#';
        return;
    }
    m_key += u'!';
    for (const QString &id : std::as_const(m_pre)) {
        if (const auto n = number(id)) {
            m_key += u'1';
            appendNumber(m_key, *n);
        } else {
            m_key += u'2';
            m_key += id;
            m_key += u'$';
        }
    }
}

int Version::compare(const Version &other) const
{
    return compareCodePoints(m_key, other.m_key);
}

} // namespace otadesk::fleet
