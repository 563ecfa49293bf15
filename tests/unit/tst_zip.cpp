// ZipArchive (reader) and ZipWriter: round trips, cross-checks against Python's zipfile, malformed archives and
// zip-bomb limits.
#include "core/library/ZipArchive.h"
#include "core/library/ZipWriter.h"

#include <QCryptographicHash>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace otadesk;
using namespace otadesk::library;

namespace {
QByteArray pattern(qsizetype n, quint32 seed)
{
    QByteArray out(n, Qt::Uninitialized);
    QRandomGenerator rng(seed);
    for (qsizetype i = 0; i < n; ++i)
        out[i] = char((i % 7 == 0) ? rng.bounded(256) : 'A' + (i % 13)); // compressible but not trivial
    return out;
}

qsizetype find32(const QByteArray &zip, quint32 sig, qsizetype from = 0)
{
    const char s[4] = {char(sig & 0xFF), char((sig >> 8) & 0xFF), char((sig >> 16) & 0xFF), char(sig >> 24)};
    return zip.indexOf(QByteArrayView(s, 4), from);
}
void put16(QByteArray &d, qsizetype at, quint16 v)
{
    d[at] = char(v & 0xFF);
    d[at + 1] = char(v >> 8);
}
void put32(QByteArray &d, qsizetype at, quint32 v)
{
    put16(d, at, quint16(v & 0xFFFF));
    put16(d, at + 2, quint16(v >> 16));
}

QString python()
{
    return QStandardPaths::findExecutable(QStringLiteral("python3"));
}

QByteArray runPython(const QString &script, const QStringList &args)
{
    QProcess p;
    p.start(python(), QStringList{QStringLiteral("-c"), script} + args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        qWarning() << p.readAllStandardError();
        return {};
    }
    return p.readAllStandardOutput();
}
} // namespace

class TestZip : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writerRoundTrip();
    void readerMatchesPythonZipfile_data();
    void readerMatchesPythonZipfile();
    void pythonReadsOurZips();
    void malformed_data();
    void malformed();
    void badCrcAndBadDeflateFailOnRead();
    void bombLimits();
    void unsafeNames_data();
    void unsafeNames();
};

void TestZip::writerRoundTrip()
{
    ZipWriter w;
    const QByteArray big = pattern(300000, 1);
    w.add(QStringLiteral("empty.txt"), QByteArray());
    w.add(QStringLiteral("dir/big.bin"), big, ZipWriter::Method::Deflate);
    w.add(QStringLiteral("stored.bin"), big.left(1000), ZipWriter::Method::Stored);
    w.add(QStringLiteral("grüße/ü.txt"), "umlaut");
    auto zip = ZipArchive::fromData(w.finish());
    QVERIFY2(zip, qPrintable(zip ? QString() : zip.error().toString()));
    QCOMPARE(zip->fileNames(), (QStringList{QStringLiteral("empty.txt"), QStringLiteral("dir/big.bin"),
                                            QStringLiteral("stored.bin"), QStringLiteral("grüße/ü.txt")}));
    QCOMPARE(zip->read(QStringLiteral("empty.txt")).value(), QByteArray());
    QCOMPARE(zip->read(QStringLiteral("dir/big.bin")).value(), big);
    QCOMPARE(zip->read(QStringLiteral("stored.bin")).value(), big.left(1000));
    QCOMPARE(zip->read(QStringLiteral("grüße/ü.txt")).value(), QByteArray("umlaut"));
    QVERIFY(zip->find(QStringLiteral("dir/big.bin"))->compressedSize < big.size()); // really deflated
    QCOMPARE(zip->read(QStringLiteral("missing")).error().code(), ErrorCode::NotFound);
    QVERIFY(ZipArchive::looksLikeZip(w.finish()));
    QVERIFY(!ZipArchive::looksLikeZip(":10000000"));
}

void TestZip::readerMatchesPythonZipfile_data()
{
    QTest::addColumn<QString>("compression");
    QTest::addColumn<QString>("comment");
    QTest::newRow("stored") << QStringLiteral("ZIP_STORED") << QString();
    QTest::newRow("deflated") << QStringLiteral("ZIP_DEFLATED") << QString();
    QTest::newRow("deflated+comment") << QStringLiteral("ZIP_DEFLATED") << QStringLiteral("a comment PK\x05\x06 fake");
}

void TestZip::readerMatchesPythonZipfile()
{
    if (python().isEmpty())
        QSKIP("python3 is not installed");
    QFETCH(QString, compression);
    QFETCH(QString, comment);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QList<std::pair<QString, QByteArray>> members = {
        {QStringLiteral("a.bin"), pattern(200000, 7)},
        {QStringLiteral("sub/b.txt"), QByteArray("hello zip\n").repeated(500)},
        {QStringLiteral("empty"), QByteArray()},
        {QStringLiteral("random.bin"), pattern(5000, 9)},
    };
    QStringList args{dir.filePath(QStringLiteral("py.zip")), compression, comment};
    for (qsizetype i = 0; i < members.size(); ++i) {
        const QString src = dir.filePath(QStringLiteral("src%1").arg(i));
        QFile f(src);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(members[i].second);
        f.close();
        args << src << members[i].first;
    }
    const QString script = QStringLiteral(
        "import sys, zipfile\n"
        "out, comp, comment = sys.argv[1], getattr(zipfile, sys.argv[2]), sys.argv[3]\n"
        "with zipfile.ZipFile(out, 'w', compression=comp) as z:\n"
        "    z.writestr(zipfile.ZipInfo('sub/'), b'')\n"
        "    pairs = sys.argv[4:]\n"
        "    for i in range(0, len(pairs), 2):\n"
        "        z.write(pairs[i], pairs[i + 1])\n"
        "    z.comment = comment.encode()\n");
    runPython(script, args);
    auto zip = ZipArchive::fromFile(args.first());
    QVERIFY2(zip, qPrintable(zip ? QString() : zip.error().toString()));
    QCOMPARE(zip->entries().size(), members.size() + 1);
    QVERIFY(zip->find(QStringLiteral("sub/"))->isDirectory());
    for (const auto &[name, data] : members) {
        auto content = zip->read(name);
        QVERIFY2(content, qPrintable(name));
        QCOMPARE(*content, data);
        if (compression == QLatin1String("ZIP_DEFLATED") && data.size() > 1000)
            QCOMPARE(zip->find(name)->method, quint16(8));
    }
}

void TestZip::pythonReadsOurZips()
{
    if (python().isEmpty())
        QSKIP("python3 is not installed");
    QTemporaryDir dir;
    ZipWriter w;
    w.add(QStringLiteral("x/deflated.bin"), pattern(100000, 3), ZipWriter::Method::Deflate);
    w.add(QStringLiteral("stored.txt"), "stored", ZipWriter::Method::Stored);
    const QString path = dir.filePath(QStringLiteral("ours.zip"));
    QVERIFY(w.writeTo(path));
    const QByteArray out = runPython(
        QStringLiteral("import sys, zipfile, hashlib\n"
                       "z = zipfile.ZipFile(sys.argv[1])\n"
                       "assert z.testzip() is None\n"
                       "for i in z.infolist(): print(i.filename, i.compress_type, hashlib.sha256(z.read(i)).hexdigest())\n"),
        {path});
    const QByteArray expected = "x/deflated.bin 8 " +
                                QCryptographicHash::hash(pattern(100000, 3), QCryptographicHash::Sha256).toHex() +
                                "\nstored.txt 0 " +
                                QCryptographicHash::hash("stored", QCryptographicHash::Sha256).toHex() + "\n";
    QCOMPARE(out, expected);
}

void TestZip::malformed_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("needle");
    ZipWriter w;
    w.add(QStringLiteral("firmware.bin"), pattern(4000, 5), ZipWriter::Method::Stored);
    w.add(QStringLiteral("second.bin"), pattern(4000, 6), ZipWriter::Method::Deflate);
    const QByteArray good = w.finish();
    const qsizetype central = find32(good, 0x02014b50);
    const qsizetype end = find32(good, 0x06054b50);
    const int fmt = int(ErrorCode::Format);
    const int unsupported = int(ErrorCode::Unsupported);

    QTest::newRow("empty") << QByteArray() << fmt << QStringLiteral("too short");
    QTest::newRow("not a zip") << QByteArray(100, 'x') << fmt << QStringLiteral("end-of-central-directory");
    QTest::newRow("truncated by 1") << good.chopped(1) << fmt << QStringLiteral("end-of-central-directory");
    QTest::newRow("truncated to half") << good.left(good.size() / 2) << fmt << QStringLiteral("end-of-central");
    QByteArray headless = good.mid(100); // first bytes missing: offsets point to the wrong places
    QTest::newRow("truncated at the start") << headless << fmt << QString();
    QByteArray cdPastEnd = good;
    put32(cdPastEnd, end + 16, quint32(end)); // central directory offset points at the end record
    QTest::newRow("central directory past end") << cdPastEnd << fmt << QStringLiteral("runs past");
    QByteArray badLocal = good;
    badLocal[30] = 'X'; // first byte of the local name
    QTest::newRow("local name differs") << badLocal << fmt << QStringLiteral("firmware.bin");
    QByteArray badLocalSig = good;
    badLocalSig[0] = 'Q';
    QTest::newRow("local header missing") << badLocalSig << fmt << QStringLiteral("local header");
    QByteArray encrypted = good;
    put16(encrypted, 6, 0x0801);
    put16(encrypted, central + 8, 0x0801);
    QTest::newRow("encrypted") << encrypted << unsupported << QStringLiteral("encrypted");
    QByteArray bzip = good;
    put16(bzip, 8, 12);
    put16(bzip, central + 10, 12);
    QTest::newRow("bzip2 method") << bzip << unsupported << QStringLiteral("method 12");
    QByteArray zip64 = good;
    put16(zip64, end + 8, 0xFFFF);
    put16(zip64, end + 10, 0xFFFF);
    QTest::newRow("zip64 count") << zip64 << unsupported << QStringLiteral("zip64");
    QByteArray zip64size = good;
    put32(zip64size, central + 20, 0xFFFFFFFFu);
    QTest::newRow("zip64 member size") << zip64size << unsupported << QStringLiteral("zip64");
    QByteArray multiDisk = good;
    put16(multiDisk, end + 4, 1);
    QTest::newRow("multi-volume") << multiDisk << unsupported << QStringLiteral("Multi-volume");
    QByteArray storedSizes = good;
    put32(storedSizes, central + 24, 3999);
    QTest::newRow("stored size mismatch") << storedSizes << fmt << QStringLiteral("stored member");
    QByteArray countHigh = good;
    put16(countHigh, end + 8, 3);
    put16(countHigh, end + 10, 3);
    QTest::newRow("count too high") << countHigh << fmt << QStringLiteral("record 3");
}

void TestZip::malformed()
{
    QFETCH(QByteArray, data);
    QFETCH(int, code);
    QFETCH(QString, needle);
    auto zip = ZipArchive::fromData(data);
    if (zip) { // some damage only shows when reading
        bool allRead = true;
        for (const auto &e : zip->entries())
            allRead = allRead && zip->read(e).has_value();
        QVERIFY2(!allRead, "damaged archive read without error");
        return;
    }
    QCOMPARE(int(zip.error().code()), code);
    QVERIFY2(zip.error().message().contains(needle), qPrintable(zip.error().toString()));
    QVERIFY2(zip.error().where().offset >= 0, "errors name an offset");
}

void TestZip::badCrcAndBadDeflateFailOnRead()
{
    ZipWriter w;
    w.add(QStringLiteral("a.bin"), pattern(4000, 5), ZipWriter::Method::Stored);
    w.add(QStringLiteral("b.bin"), pattern(4000, 6), ZipWriter::Method::Deflate);
    QByteArray data = w.finish();
    const qsizetype aData = 30 + 5;
    data[aData + 100] = char(data[aData + 100] ^ 0x01);
    const qsizetype bLocal = find32(data, 0x04034b50, 1);
    data[bLocal + 30 + 5 + 20] = char(data[bLocal + 30 + 5 + 20] ^ 0x55);
    auto zip = ZipArchive::fromData(data);
    QVERIFY(zip);
    auto a = zip->read(QStringLiteral("a.bin"));
    QVERIFY(!a);
    QVERIFY2(a.error().message().contains(QStringLiteral("CRC-32")), qPrintable(a.error().toString()));
    QVERIFY(a.error().message().contains(QStringLiteral("a.bin")));
    QCOMPARE(a.error().where().offset, aData);
    auto b = zip->read(QStringLiteral("b.bin"));
    QVERIFY(!b);
    QVERIFY(b.error().message().contains(QStringLiteral("b.bin")));
}

void TestZip::bombLimits()
{
    // 4 MiB of zeros deflate to a few KiB: over the default 200:1 ratio.
    ZipWriter w;
    w.add(QStringLiteral("zeros.bin"), QByteArray(4 << 20, '\0'));
    auto bomb = ZipArchive::fromData(w.finish());
    QVERIFY(!bomb);
    QCOMPARE(bomb.error().code(), ErrorCode::Unsupported);
    QVERIFY2(bomb.error().message().contains(QStringLiteral("zip bomb")), qPrintable(bomb.error().toString()));

    ZipWriter three;
    for (int i = 0; i < 3; ++i)
        three.add(QStringLiteral("f%1").arg(i), pattern(600, quint32(i)), ZipWriter::Method::Stored);
    ZipLimits limits;
    limits.maxEntries = 2;
    auto tooMany = ZipArchive::fromData(three.finish(), limits);
    QVERIFY(!tooMany);
    QVERIFY(tooMany.error().message().contains(QStringLiteral("3 members")));
    limits = {};
    limits.maxTotalSize = 1000;
    auto tooBig = ZipArchive::fromData(three.finish(), limits);
    QVERIFY(!tooBig);
    QVERIFY(tooBig.error().message().contains(QStringLiteral("expand")));
    limits = {};
    limits.maxEntrySize = 500;
    QVERIFY(!ZipArchive::fromData(three.finish(), limits));
    QVERIFY(ZipArchive::fromData(three.finish()));

    // A member that inflates to more than it declares is cut off, not trusted.
    ZipWriter liar;
    liar.add(QStringLiteral("liar.bin"), pattern(5000, 1));
    QByteArray data = liar.finish();
    const qsizetype central = find32(data, 0x02014b50);
    put32(data, 22, 100);
    put32(data, central + 24, 100);
    auto zip = ZipArchive::fromData(data);
    QVERIFY(zip);
    auto r = zip->read(QStringLiteral("liar.bin"));
    QVERIFY(!r);
    QVERIFY2(r.error().message().contains(QStringLiteral("more than")), qPrintable(r.error().toString()));
}

void TestZip::unsafeNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("parent") << QStringLiteral("../evil.bin");
    QTest::newRow("nested parent") << QStringLiteral("a/../../evil.bin");
    QTest::newRow("absolute") << QStringLiteral("/etc/passwd");
    QTest::newRow("backslash") << QStringLiteral("..\\evil.bin");
    QTest::newRow("drive") << QStringLiteral("C:evil.bin");
    QTest::newRow("empty") << QString();
}

void TestZip::unsafeNames()
{
    QFETCH(QString, name);
    ZipWriter w;
    w.add(QStringLiteral("ok.bin"), "ok");
    w.add(name, "payload");
    auto zip = ZipArchive::fromData(w.finish());
    QVERIFY(!zip);
    QCOMPARE(zip.error().code(), ErrorCode::Format);
    QVERIFY2(zip.error().message().contains(QStringLiteral("unsafe")), qPrintable(zip.error().toString()));
    QCOMPARE(zip.error().where().record, 2);
    QVERIFY(unsafeZipNameReason(QStringLiteral("good/name..bin")).isEmpty());
}

QTEST_GUILESS_MAIN(TestZip)
#include "tst_zip.moc"
