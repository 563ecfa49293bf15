// core/fleet: versions compared as versions (SemVer, MCUboot maj.min.rev+build, SUIT arrays, dotted numbers),
// their sort keys (byte-wise order == version order) and the natural order of serial numbers.
#include "core/fleet/NaturalKey.h"
#include "core/fleet/Version.h"

#include <QRandomGenerator>
#include <QTest>

using namespace otadesk::fleet;

namespace {
// Byte-wise order of the UTF-8 encoding: what SQLite (BINARY) and PostgreSQL (COLLATE "C") compare.
int bytewise(const QString &a, const QString &b)
{
    const QByteArray x = a.toUtf8(), y = b.toUtf8();
    const int c = std::memcmp(x.constData(), y.constData(), size_t(std::min(x.size(), y.size())));
    return c != 0 ? (c < 0 ? -1 : 1) : x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0;
}
int sign(int v)
{
    return v < 0 ? -1 : v > 0 ? 1 : 0;
}
} // namespace

class TestFleetVersion : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void forms_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("form");
        QTest::addColumn<QList<qint64>>("numbers");
        QTest::addColumn<QStringList>("pre");
        using F = Version::Form;
        QTest::newRow("semver") << "2.3.0" << int(F::SemVer) << QList<qint64>{2, 3} << QStringList();
        QTest::newRow("semver pre") << "2.3.0-rc.1" << int(F::SemVer) << QList<qint64>{2, 3}
                                    << QStringList{QStringLiteral("rc"), QStringLiteral("1")};
        QTest::newRow("semver metadata")
            << "2.3.0+sha.1f2e" << int(F::SemVer) << QList<qint64>{2, 3} << QStringList();
        QTest::newRow("semver pre+metadata") << "1.0.0-x-y.7+5" << int(F::SemVer) << QList<qint64>{1}
                                             << QStringList{QStringLiteral("x-y"), QStringLiteral("7")};
        QTest::newRow("mcuboot") << "1.4.2+17" << int(F::McuBoot) << QList<qint64>{1, 4, 2, 17}
                                 << QStringList();
        QTest::newRow("mcuboot short")
            << "1.4+17" << int(F::McuBoot) << QList<qint64>{1, 4, 0, 17} << QStringList();
        QTest::newRow("mcuboot build 0")
            << "1.4.2+0" << int(F::McuBoot) << QList<qint64>{1, 4, 2} << QStringList();
        QTest::newRow("suit") << "[1,4,2]" << int(F::Suit) << QList<qint64>{1, 4, 2} << QStringList();
        QTest::newRow("suit spaces") << " [1, 4, 2] " << int(F::Suit) << QList<qint64>{1, 4, 2}
                                     << QStringList();
        QTest::newRow("suit rc") << "[1,0,-1,2]" << int(F::Suit) << QList<qint64>{1}
                                 << QStringList{QStringLiteral("rc"), QStringLiteral("2")};
        QTest::newRow("dotted 1") << "7" << int(F::Dotted) << QList<qint64>{7} << QStringList();
        QTest::newRow("dotted 4") << "10.0.1.4" << int(F::Dotted) << QList<qint64>{10, 0, 1, 4}
                                  << QStringList();
        QTest::newRow("v prefix") << "v2.3" << int(F::Dotted) << QList<qint64>{2, 3} << QStringList();
        QTest::newRow("leading zeros") << "01.002" << int(F::Dotted) << QList<qint64>{1, 2} << QStringList();
        for (const char *bad : {"",
                                "nightly",
                                "1..2",
                                "1.2.",
                                ".1",
                                "1.2-",
                                "1.2+",
                                "1.2-rc..1",
                                "1.2+a+b",
                                "[1,a]",
                                "[]",
                                "[-1]",
                                "[1,-4]",
                                "[1,-1,-1]",
                                "[1,2",
                                "1 .2",
                                "x1.2",
                                "1.2.3-rc.1_2",
                                "1234567890123456789",
                                "v",
                                "1.2.3.ünï"})
            QTest::newRow(bad) << QString::fromUtf8(bad) << int(F::Invalid) << QList<qint64>()
                               << QStringList();
    }
    void forms()
    {
        QFETCH(QString, text);
        QFETCH(int, form);
        QFETCH(QList<qint64>, numbers);
        QFETCH(QStringList, pre);
        const Version v = Version::parse(text);
        QCOMPARE(int(v.form()), form);
        QCOMPARE(v.isValid(), form != int(Version::Form::Invalid));
        QCOMPARE(v.numbers(), numbers);
        QCOMPARE(v.preRelease(), pre);
        QCOMPARE(v.sortKey().startsWith(Version::validKeyPrefix()), v.isValid());
    }

    // Strictly ascending, except where a row says it equals the one before.
    void order()
    {
        const QList<QStringList> ascending = {
            {QStringLiteral("")}, // unparseable ones first, by text
            {QStringLiteral("beta")},
            {QStringLiteral("nightly")},
            {QStringLiteral("0"), QStringLiteral("0.0.0"), QStringLiteral("[0]")},
            {QStringLiteral("0.0.1")},
            {QStringLiteral("0.9")},
            {QStringLiteral("1.0.0-alpha"), QStringLiteral("[1,0,-3]")},
            {QStringLiteral("1.0.0-alpha.1"), QStringLiteral("[1,-3,1]")},
            {QStringLiteral("1.0.0-alpha.beta")},
            {QStringLiteral("1.0.0-beta"), QStringLiteral("[1,0,0,-2]")},
            {QStringLiteral("1.0.0-beta.2")},
            {QStringLiteral("1.0.0-beta.11")},
            {QStringLiteral("1.0.0-rc.1"), QStringLiteral("[1,-1,1]")},
            {QStringLiteral("1.0.0"), QStringLiteral("1"), QStringLiteral("1.0"), QStringLiteral("v1.0.0"),
             QStringLiteral("1.0.0+build.5"), QStringLiteral("[1,0,0]"), QStringLiteral("1.0.0+0")},
            {QStringLiteral("1.0.0.1"), QStringLiteral("1.0.0+1"), QStringLiteral("1.0+1")},
            {QStringLiteral("1.0.0+2")},
            {QStringLiteral("1.0.0+10")},
            {QStringLiteral("1.0.1")},
            {QStringLiteral("1.4.2")},
            {QStringLiteral("1.4.2+17"), QStringLiteral("[1,4,2,17]")},
            {QStringLiteral("1.4.3-rc.1")},
            {QStringLiteral("1.4.3")},
            {QStringLiteral("1.10")},
            {QStringLiteral("2.3.0")},
            {QStringLiteral("10.0")},
            {QStringLiteral("999999999999999999")},
        };
        QList<Version> flat;
        QList<int> rank;
        for (qsizetype r = 0; r < ascending.size(); ++r) {
            for (const QString &t : ascending[r]) {
                flat << Version::parse(t);
                rank << int(r);
            }
        }
        for (qsizetype i = 0; i < flat.size(); ++i) {
            for (qsizetype j = 0; j < flat.size(); ++j) {
                const int expected = sign(rank[i] - rank[j]);
                const auto msg = QStringLiteral("%1 vs %2").arg(flat[i].text(), flat[j].text());
                QVERIFY2(sign(flat[i].compare(flat[j])) == expected, qPrintable(msg));
                QVERIFY2(bytewise(flat[i].sortKey(), flat[j].sortKey()) == expected, qPrintable(msg));
                QCOMPARE(flat[i] == flat[j], expected == 0);
                QCOMPARE(flat[i] < flat[j], expected < 0);
            }
        }
    }

    // Random versions of all forms: key order equals an independent reference comparison.
    void randomAgainstReference()
    {
        QRandomGenerator rng(20261129);
        const QStringList ids = {QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("rc"),
                                 QStringLiteral("1"),     QStringLiteral("2"),    QStringLiteral("11"),
                                 QStringLiteral("x-y")};
        QList<Version> versions;
        for (int i = 0; i < 400; ++i) {
            QStringList nums;
            const int n = 1 + rng.bounded(4);
            for (int k = 0; k < n; ++k)
                nums << QString::number(rng.bounded(3) == 0 ? rng.bounded(100) : rng.bounded(3));
            QString text = nums.join(u'.');
            const int kind = rng.bounded(4);
            if (kind == 1) {
                QStringList pre;
                for (int k = 0, m = 1 + rng.bounded(2); k < m; ++k)
                    pre << ids[rng.bounded(int(ids.size()))];
                text += u'-' + pre.join(u'.');
            } else if (kind == 2 && n <= 3) {
                text += u'+' + QString::number(rng.bounded(30));
            } else if (kind == 3) {
                text = u'[' + nums.join(u',') + u']';
            }
            versions << Version::parse(text);
            QVERIFY2(versions.constLast().isValid(), qPrintable(text));
        }
        // Reference: numbers padded with zeros, then pre-release per SemVer 2.0.0 section 11.
        const auto reference = [](const Version &a, const Version &b) {
            const qsizetype n = std::max(a.numbers().size(), b.numbers().size());
            for (qsizetype i = 0; i < n; ++i) {
                const qint64 x = a.numbers().value(i), y = b.numbers().value(i);
                if (x != y)
                    return x < y ? -1 : 1;
            }
            const QStringList &p = a.preRelease(), &q = b.preRelease();
            if (p.isEmpty() || q.isEmpty())
                return p.isEmpty() == q.isEmpty() ? 0 : p.isEmpty() ? 1 : -1;
            for (qsizetype i = 0; i < std::min(p.size(), q.size()); ++i) {
                bool pn = false, qn = false;
                const qint64 pv = p[i].toLongLong(&pn), qv = q[i].toLongLong(&qn);
                if (pn && qn && pv != qv)
                    return pv < qv ? -1 : 1;
                if (pn != qn)
                    return pn ? -1 : 1;
                if (!pn && p[i] != q[i])
                    return p[i] < q[i] ? -1 : 1;
            }
            return p.size() == q.size() ? 0 : p.size() < q.size() ? -1 : 1;
        };
        for (const Version &a : versions) {
            for (const Version &b : versions) {
                QVERIFY2(sign(bytewise(a.sortKey(), b.sortKey())) == reference(a, b),
                         qPrintable(a.text() + QStringLiteral(" vs ") + b.text()));
            }
        }
    }

    void unparseableNeverCrashes()
    {
        QRandomGenerator rng(7);
        const QString alphabet = QStringLiteral("0123456789.+-[],vV aZ*\\ü");
        for (int i = 0; i < 20000; ++i) {
            QString s;
            for (int k = 0, n = rng.bounded(14); k < n; ++k)
                s += alphabet[rng.bounded(int(alphabet.size()))];
            const Version v = Version::parse(s);
            QVERIFY(!v.sortKey().isEmpty());
            QCOMPARE(v.sortKey().startsWith(Version::validKeyPrefix()), v.isValid());
            QCOMPARE(Version::parse(s).sortKey(), v.sortKey()); // deterministic
        }
    }

    void naturalOrder()
    {
        const QStringList ascending = {QString(),
                                       QStringLiteral("-"),
                                       QStringLiteral("1"),
                                       QStringLiteral("01"),
                                       QStringLiteral("2"),
                                       QStringLiteral("10"),
                                       QStringLiteral("A"),
                                       QStringLiteral("A2"),
                                       QStringLiteral("A10"),
                                       QStringLiteral("SN-"),
                                       QStringLiteral("SN-1"),
                                       QStringLiteral("SN-1-A"),
                                       QStringLiteral("SN-1A"),
                                       QStringLiteral("SN-2"),
                                       QStringLiteral("SN-9999"),
                                       QStringLiteral("SN-09999"),
                                       QStringLiteral("SN-10000"),
                                       QStringLiteral("SN-10000a"),
                                       QStringLiteral("SN-20000"),
                                       QStringLiteral("SN-123456789"),
                                       QStringLiteral("SN-1234567890123"),
                                       QStringLiteral("SN-:"),
                                       QStringLiteral("SN-A"),
                                       QStringLiteral("SN-a"),
                                       QStringLiteral("sn-1"),
                                       QStringLiteral("é"),
                                       QStringLiteral("\uFFFD"),
                                       QString::fromUtf8("\xF0\x9F\x98\x80")};
        for (qsizetype i = 0; i < ascending.size(); ++i) {
            for (qsizetype j = 0; j < ascending.size(); ++j) {
                const int expected = sign(int(i - j));
                const auto msg = QStringLiteral("%1 vs %2").arg(ascending[i], ascending[j]);
                QVERIFY2(sign(naturalCompare(ascending[i], ascending[j])) == expected, qPrintable(msg));
                QVERIFY2(bytewise(naturalKey(ascending[i]), naturalKey(ascending[j])) == expected,
                         qPrintable(msg));
            }
        }
        // A run longer than the split length still gives a total, consistent order.
        const QString huge = QStringLiteral("SN-") + QString(12000, u'7');
        QVERIFY(naturalCompare(huge, huge + u'7') < 0);
        QVERIFY(naturalCompare(QStringLiteral("SN-9"), huge) < 0);
    }

    void codePointOrder()
    {
        const QString bmpHigh = QStringLiteral("\uFFFD");
        const QString astral = QString::fromUtf8("\xF0\x9F\x98\x80"); // U+1F600: a surrogate pair in UTF-16
        QVERIFY(QString::compare(astral, bmpHigh) < 0);               // UTF-16 order differs...
        QVERIFY(compareCodePoints(astral, bmpHigh) > 0);              // ...from code point order
        QCOMPARE(sign(compareCodePoints(astral, bmpHigh)), bytewise(astral, bmpHigh));
    }
};

QTEST_GUILESS_MAIN(TestFleetVersion)
#include "tst_fleet_version.moc"
