// Agreement with srec_cat (Debian package "srecord"), the reference converter, on the shared test files and on
// large random sparse images: HEX→BIN, SREC→BIN, HEX→SREC and SREC→HEX with both tools.
//
// * BIN outputs are compared byte for byte. srec_cat's -binary output starts at address 0 and leaves holes as
//   zero bytes, so srec_cat gets `-offset -LOWEST` and our image is flattened with fill 0x00.
// * HEX/SREC text outputs are compared byte for byte too, with srec_cat options that give its output our
//   layout: `-Output_Block_Size 32` (our default record size) plus `-Output_Block_Packing` (otherwise srec_cat
//   also splits records at its internal 256-byte block boundaries), `-Line_Termination=nl`, the same `-header`
//   text, `-address-length` = the S-record address size we picked (srec_cat sizes S7/S8/S9 by the entry
//   address alone, e.g. S9 after S2 data; we pair them as the standard says), `-enable=optional-address` (no
//   leading `:020000040000FA` below 64 KiB, as we write it), and `-execution-start-address 0` when the input
//   has no entry point (we always write S7/S8/S9, with 0 if there is none).
//   Where the layouts cannot agree, the parsed memory contents are compared instead:
//   - Intel HEX output of a segment that starts off a 32-byte boundary and spans a 64 KiB boundary:
//     srec_cat writes a record across the boundary (relying on the linear carry), we end the record at the
//     boundary (so readers that implement type-02 style wrapping cannot misplace it) — see hexLayoutsAgree();
//   - hello_world.hex and ihex_segment_wrap.hex have a type-03 start segment address: srec_cat converts it to
//     type 05, our writer keeps 03 (it is in the image metadata) — only relevant for HEX output, which these
//     HEX inputs do not get here, so they are compared byte for byte as S-records.
#include "TestData.h"
#include "TextRecordTestUtil.h"

#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace otadesk;
using namespace otadesk::firmware;
using namespace otadesk::test;

class TestSrecCat : public QObject
{
    Q_OBJECT
private:
    QString m_srecCat;
    int m_hexTextCompared = 0;   // SREC→HEX conversions compared byte for byte
    int m_hexMemoryCompared = 0; // ... and by memory contents only
    QTemporaryDir m_dir;
    const ImageFormat *hex = format("ihex");
    const ImageFormat *srec = format("srec");

    // Runs srec_cat; returns its stderr on failure (QVERIFY-friendly via isNull()).
    QString run(const QStringList &args) const
    {
        QProcess p;
        p.start(m_srecCat, args);
        if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
            return QStringLiteral("srec_cat %1 failed: %2")
                .arg(args.join(QLatin1Char(' ')), QString::fromLocal8Bit(p.readAllStandardError()));
        return {};
    }
    QString scratch(const QString &name) const { return m_dir.filePath(name); }
    static QStringList inputArgs(const QString &path, bool isHex)
    {
        // Overlapping records: srec_cat aborts by default; as a warning it keeps the later value, like our
        // default LastWins policy.
        QStringList a{QStringLiteral("-contradictory-bytes=warning"), QStringLiteral("-disable-sequence-warnings"),
                      path};
        if (isHex)
            a << QStringLiteral("-intel");
        return a;
    }
    static void writeFile(const QString &path, const QByteArray &bytes)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(bytes), bytes.size());
    }
    // First differing line, for readable failures.
    static QByteArray firstDifference(const QByteArray &a, const QByteArray &b)
    {
        const auto la = a.split('\n');
        const auto lb = b.split('\n');
        for (qsizetype i = 0; i < qMax(la.size(), lb.size()); ++i) {
            const QByteArray x = la.value(i), y = lb.value(i);
            if (x != y)
                return "line " + QByteArray::number(i + 1) + ": ours \"" + x + "\" srec_cat \"" + y + '"';
        }
        return {};
    }

    // Our writer ends Intel HEX records at 64 KiB boundaries, srec_cat does not: the layouts agree unless a
    // segment starts off a record boundary and spans a 64 KiB boundary.
    static bool hexLayoutsAgree(const MemoryImage &img)
    {
        for (const Segment &s : img.segments()) {
            const quint64 nextBoundary = (s.address | 0xFFFF) + 1;
            if (s.address % 32 != 0 && nextBoundary < s.end())
                return false;
        }
        return true;
    }
    static int srecAddressBytes(const MemoryImage &img)
    {
        const quint64 highest = std::max(img.entryPoint().value_or(0), img.extent().end - 1);
        return highest <= 0xFFFF ? 2 : highest <= 0xFFFFFF ? 3 : 4;
    }

    // Both tools convert `input` (HEX or SREC) to BIN, to the other text format; compare.
    void compareConversions(const QString &input, bool isHex)
    {
        const QByteArray content = readAll(input);
        const ImageFormat *from = isHex ? hex : srec;
        const ImageFormat *to = isHex ? srec : hex;
        const auto image = from->read(content, {});
        QVERIFY2(image, image ? "" : qPrintable(image.error().toString()));
        const MemoryImage &img = image->image;
        QVERIFY(!img.isEmpty());

        // → BIN
        const QString bin = scratch(QStringLiteral("theirs.bin"));
        QStringList args = inputArgs(input, isHex);
        args << QStringLiteral("-offset") << QStringLiteral("-0x%1").arg(img.extent().start, 0, 16)
             << QStringLiteral("-o") << bin << QStringLiteral("-binary");
        const QString err = run(args);
        QVERIFY2(err.isNull(), qPrintable(err));
        const auto ours = img.flatten(0x00);
        QVERIFY(ours);
        const QByteArray theirs = readAll(bin);
        QCOMPARE(ours->size(), theirs.size());
        QVERIFY2(*ours == theirs, "BIN outputs differ");

        // → the other text format
        const QString out = scratch(QStringLiteral("theirs.txt"));
        args = inputArgs(input, isHex);
        args << QStringLiteral("-o") << out;
        if (isHex) // S-record output with our header; S5/S6 count is srec_cat's default as well
            args << QStringLiteral("-header") << QStringLiteral("otadesk")
                 << QStringLiteral("-address-length=%1").arg(srecAddressBytes(img));
        else
            args << QStringLiteral("-intel") << QStringLiteral("-enable=optional-address");
        args << QStringLiteral("-Output_Block_Size") << QStringLiteral("32") << QStringLiteral("-Output_Block_Packing")
             << QStringLiteral("-Line_Termination=nl");
        if (isHex && !img.entryPoint())
            args << QStringLiteral("-execution-start-address") << QStringLiteral("0");
        const QString err2 = run(args);
        QVERIFY2(err2.isNull(), qPrintable(err2));
        WriteOptions w;
        w.header = "otadesk";
        const auto ourText = to->write(img, w);
        QVERIFY(ourText);
        const QByteArray theirText = readAll(out);
        const bool textComparable = isHex || hexLayoutsAgree(img);
        if (!isHex)
            ++(textComparable ? m_hexTextCompared : m_hexMemoryCompared);
        if (textComparable)
            QVERIFY2(*ourText == theirText, firstDifference(*ourText, theirText).constData());
        // Always: both texts hold the same memory (read back by our reader, which the BIN check validated).
        const auto a = to->read(*ourText, {});
        const auto b = to->read(theirText, {});
        QVERIFY(a && b);
        QCOMPARE(segmentList(a->image), segmentList(b->image));
        QVERIFY(a->image.segments() == b->image.segments());
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_srecCat = QStandardPaths::findExecutable(QStringLiteral("srec_cat"));
        if (m_srecCat.isEmpty())
            QSKIP("srec_cat (Debian package srecord) is not installed");
        QVERIFY(m_dir.isValid());
    }

    void realFiles_data()
    {
        QTest::addColumn<QString>("file");
        const QString root = testData(QStringLiteral("formats"));
        const QStringList nameFilters{QStringLiteral("*.hex"), QStringLiteral("*.s19"), QStringLiteral("*.s28")};
        QStringList files;
        for (const QString &sub : QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            for (const QString &f : QDir(root + QLatin1Char('/') + sub).entryList(nameFilters, QDir::Files))
                files.append(sub + QLatin1Char('/') + f);
        }
        files.append(QStringLiteral("../mcuboot/payload.signed-ecdsa-p256.hex"));
        QVERIFY(files.size() >= 18);
        const QStringList rejected{QStringLiteral("bincopy/bad_crc.s19"),
                                   QStringLiteral("generated/ihex_bad_checksum_and_trailing_data.hex"),
                                   QStringLiteral("generated/srec_wrong_count.s19")};
        for (const QString &f : files) {
            if (rejected.contains(f))
                continue; // both tools reject these (tst_intelhex / tst_srecord check our errors)
            QTest::newRow(qPrintable(f)) << f;
        }
    }
    void realFiles()
    {
        QFETCH(QString, file);
        compareConversions(testData(QStringLiteral("formats/") + file), file.endsWith(QStringLiteral(".hex")));
    }

    void rejectedByBoth_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("bad crc") << "bincopy/bad_crc.s19";
        QTest::newRow("bad checksum + trailing data") << "generated/ihex_bad_checksum_and_trailing_data.hex";
    }
    void rejectedByBoth()
    {
        QFETCH(QString, file);
        const QString path = testData(QStringLiteral("formats/") + file);
        const bool isHex = file.endsWith(QStringLiteral(".hex"));
        QVERIFY(!(isHex ? hex : srec)->read(readAll(path), {}));
        QStringList args{path};
        if (isHex)
            args << QStringLiteral("-intel");
        args << QStringLiteral("-o") << scratch(QStringLiteral("x.bin")) << QStringLiteral("-binary");
        QVERIFY(!run(args).isNull());
    }

    void randomImages_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<quint64>("maxAddress");
        QTest::addColumn<bool>("asHex");
        QTest::addColumn<quint64>("base");
        QTest::addColumn<bool>("aligned"); // segments start on 32-byte boundaries: HEX text comparable too
        for (quint32 seed = 1; seed <= 8; ++seed)
            QTest::addRow("seed %u %s%s", seed, seed % 2 ? "hex" : "srec", seed > 4 ? " aligned" : "")
                << seed << quint64(0x800000) << bool(seed % 2) << quint64(seed % 3 ? 0x08000000 : 0)
                << (seed > 4);
    }
    void randomImages()
    {
        QFETCH(quint32, seed);
        QFETCH(quint64, maxAddress);
        QFETCH(bool, asHex);
        QFETCH(quint64, base);
        QFETCH(bool, aligned);
        // A few MiB in several segments inside 8 MiB, at 0 or at a Cortex-M flash base.
        MemoryImage image = randomSparseImage(seed, maxAddress, 6, 1 << 20, base);
        if (aligned) {
            MemoryImage shifted;
            for (const Segment &s : image.segments())
                QVERIFY(shifted.write(s.address & ~quint64(31), s.data, OverlapPolicy::LastWins));
            shifted.setEntryPoint(image.entryPoint());
            image = shifted;
            QVERIFY(hexLayoutsAgree(image));
        }
        const auto text = (asHex ? hex : srec)->write(image, {});
        QVERIFY(text);
        const QString path = scratch(asHex ? QStringLiteral("random.hex") : QStringLiteral("random.s19"));
        writeFile(path, *text);
        compareConversions(path, asHex);
    }

    void cleanupTestCase()
    {
        // The byte-for-byte HEX comparison must really have happened, not only the memory fallback.
        if (!m_srecCat.isEmpty())
            QVERIFY2(m_hexTextCompared >= 8, qPrintable(QString::number(m_hexTextCompared)));
        qInfo("SREC->HEX: %d compared byte for byte, %d by memory contents", m_hexTextCompared,
              m_hexMemoryCompared);
    }
};

QTEST_GUILESS_MAIN(TestSrecCat)
#include "tst_srec_cat.moc"
