#pragma once
// A firmware version as devices report it, compared as a version, never as a string. Accepted forms:
//   SemVer        2.3.0, 2.3.0-rc.1, 2.3.0+sha.1f2e (build metadata is ignored: 2.3.0+a == 2.3.0)
//   MCUboot       1.4.2+17: maj.min.rev and a NUMERIC build number, which compares as a 4th number
//                 (1.4.2 < 1.4.2+1 < 1.4.2+17 < 1.4.3); a short release is padded first (1.4+17 == 1.4.0.17)
//   SUIT          [1,4,2]: an array of integers; -1/-2/-3 mark a release candidate / beta / alpha of the
//                 numbers before them, as in the SUIT update-management draft ([1,0,-1,2] == 1.0-rc.2)
//   dotted        7, 2.3, 10.0.1.4: any number of numeric parts, an optional leading "v"
// One order for all forms: the numeric parts compare element by element, missing parts counting as 0 (so
// 2.3 == 2.3.0 == [2,3]); then a version with a pre-release sorts before the same version without one,
// pre-release identifiers comparing as SemVer says (numeric ones by value and before alphanumeric ones,
// alphanumeric ones by ASCII, a longer list after its prefix). Surrounding whitespace is ignored.
// Anything else is unparseable: it sorts before every valid version, unparseable ones by their text, and
// never equals a valid version. sortKey() is a string whose byte-wise (UTF-8 / code point) order is exactly
// this order and which is equal for equal versions: the store keeps it next to the version so that SQL
// compares versions as plain text.
#include <compare>
#include <optional>
#include <QList>
#include <QString>
#include <QStringList>

namespace otadesk::fleet {

class Version
{
public:
    enum class Form
    {
        Invalid,
        SemVer,
        McuBoot,
        Suit,
        Dotted
    };

    Version() = default; // an unparseable, empty version
    static Version parse(const QString &text);

    bool isValid() const { return m_form != Form::Invalid; }
    Form form() const { return m_form; }
    const QString &text() const { return m_text; } // as given, trimmed
    const QList<qint64> &numbers() const
    {
        return m_numbers;
    } // including an MCUboot build, trailing 0s removed
    const QStringList &preRelease() const { return m_pre; }
    const QString &buildMetadata() const { return m_metadata; } // SemVer metadata or the MCUboot build text
    const QString &sortKey() const { return m_key; }

    // < 0, 0, > 0 as this version sorts before, equal to or after `other`.
    int compare(const Version &other) const;
    friend bool operator==(const Version &a, const Version &b) { return a.m_key == b.m_key; }
    friend std::strong_ordering operator<=>(const Version &a, const Version &b) { return a.compare(b) <=> 0; }

    // Key prefixes: every valid version's key starts with validKeyPrefix(), every unparseable one's with a
    // smaller character, so "valid and below X" is the key range [validKeyPrefix(), key(X)).
    static QString validKeyPrefix() { return QStringLiteral("1"); }

private:
    bool parseSuit(const QString &s);
    bool parseDotted(const QString &s);
    void buildKey();

    Form m_form = Form::Invalid;
    QString m_text;
    QList<qint64> m_numbers;
    QStringList m_pre;
    QString m_metadata;
    QString m_key = QStringLiteral("0");
};

} // namespace otadesk::fleet
