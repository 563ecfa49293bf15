// Motorola S-record reader and writer: every shared test file, every error path, writer record types,
// header handling, counts and round trips.
#include "TestData.h"
#include "TextRecordTestUtil.h"

#include <QDirIterator>
#include <QTest>
#include <atomic>

using namespace otadesk;
using namespace otadesk::firmware;
using namespace otadesk::test;

class TestSRecord : public QObject
{
    Q_OBJECT
private:
    const ImageFormat *srec = format("srec");

    Result<ReadResult> parse(const QByteArray &text, OverlapPolicy policy = OverlapPolicy::LastWins) const
    {
        ReadOptions o;
        o.overlaps = policy;
        return srec->read(text, o);
    }
    // Record types of a written file, in order: "0 1 1 5 9".
    static QString types(const QByteArray &text)
    {
        QStringList t;
        for (const QByteArray &line : text.split('\n')) {
            if (line.size() > 1)
                t.append(QString(QLatin1Char(line.at(1))));
        }
        t.removeDuplicates();
        return t.join(QLatin1Char(' '));
    }

private Q_SLOTS:
    void goodFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("segments");
        QTest::addColumn<qint64>("entry"); // -1: none
        QTest::addColumn<QList<qint64>>("warningLines");
        QTest::addColumn<QVariant>("header"); // invalid: no S0 record
        using L = QList<qint64>;
        const QVariant hello = QStringLiteral("hello     ");
        QTest::newRow("in") << "bincopy/in.s19" << "0-45" << 0ll << L{} << hello;
        QTest::newRow("blank lines") << "bincopy/in_blank_lines.s19" << "0-45" << 0ll << L{} << hello;
        QTest::newRow("out") << "bincopy/out.s19" << "0-45 100-13F 400-402" << 0ll << L{} << hello;
        QTest::newRow("S2/S8") << "bincopy/empty_main.s19"
                               << "400238-4002B3 4002B8-40033D 400340-4003C1 4003D0-400571 "
                                  "400574-40057C 400580-4006AB 600E10-601037"
                               << 0x400400ll << L{} << QVariant(QStringLiteral("bincopy/empty_main.s19"));
        QTest::newRow("no termination") << "bincopy/convert.s19" << "100-13F" << -1ll << L{-1} << QVariant();
        QTest::newRow("S3/S5/S7") << "generated/srec_s3_s5_s7.s19" << "8000000-8000017" << 0x08000121ll << L{}
                                  << QVariant(QStringLiteral("fleet-test"));
        QTest::newRow("S2/S6/S8") << "generated/srec_s2_s6_s8.s28" << "12345-12347" << 0x12345ll << L{}
                                  << QVariant(QString());
    }
    void goodFiles()
    {
        QFETCH(QString, file);
        QFETCH(QString, segments);
        QFETCH(qint64, entry);
        QFETCH(QList<qint64>, warningLines);
        QFETCH(QVariant, header);
        const QByteArray content = readAll(testData(QStringLiteral("formats/") + file));
        QCOMPARE(srec->probe(content.first(qMin<qsizetype>(content.size(), 4096))), int(Certain));
        const auto r = parse(content);
        QVERIFY2(r, r ? "" : qPrintable(r.error().toString()));
        QCOMPARE(segmentList(r->image), segments);
        QCOMPARE(r->image.entryPoint().has_value(), entry >= 0);
        if (entry >= 0)
            QCOMPARE(*r->image.entryPoint(), quint64(entry));
        QList<qint64> lines;
        for (const Diagnostic &d : r->warnings)
            lines.append(d.where.line);
        QCOMPARE(lines, warningLines);
        QCOMPARE(r->image.metadata().value(QStringLiteral("header")), header);
        QCOMPARE(FormatRegistry::instance().detect(content, file)->id(), QStringLiteral("srec"));
    }

    void headerKeepsRawBytes()
    {
        const auto r = parse(readAll(testData(QStringLiteral("formats/bincopy/in.s19"))));
        QVERIFY(r);
        QCOMPARE(r->image.metadata().value(QStringLiteral("headerBytes")).toByteArray(),
                 QByteArray("hello     \0\0", 12));
        // Written back unchanged, NULs included.
        const auto out = srec->write(r->image, {});
        QVERIFY(out);
        QVERIFY(out->startsWith("S00F000068656C6C6F202020202000003C\n"));
        // Latin-1 text that is not UTF-8 still becomes readable text.
        const auto latin = parse("S0050000E9FF12\nS9030000FC\n");
        QVERIFY2(latin, latin ? "" : qPrintable(latin.error().toString()));
        QCOMPARE(latin->image.metadata().value(QStringLiteral("header")).toString(), QStringLiteral("éÿ"));
    }

    void badFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<qint64>("line");
        QTest::newRow("bad crc, CRLF") << "bincopy/bad_crc.s19" << ErrorCode::Checksum << 1ll;
        QTest::newRow("wrong S5 count") << "generated/srec_wrong_count.s19" << ErrorCode::Format << 2ll;
    }
    void badFiles()
    {
        QFETCH(QString, file);
        QFETCH(ErrorCode, code);
        QFETCH(qint64, line);
        ReadOptions o;
        o.fileName = file;
        const auto r = srec->read(readAll(testData(QStringLiteral("formats/") + file)), o);
        QVERIFY(!r);
        QCOMPARE(r.error().code(), code);
        QCOMPARE(r.error().where().line, line);
        QCOMPARE(r.error().where().file, file);
        QVERIFY(r.error().toString().startsWith(file + QStringLiteral(":line ")));
    }

    // Every file of the shared folder: ours load, known-bad ones are rejected, other formats are never
    // mistaken for this one and fail cleanly with a Format error.
    void everyFile_data()
    {
        QTest::addColumn<QString>("file");
        const QString root = testData(QStringLiteral("formats"));
        QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
        QStringList files;
        while (it.hasNext())
            files.append(QDir(root).relativeFilePath(it.next()));
        files.sort();
        QVERIFY(files.size() >= 20);
        for (const QString &f : files)
            QTest::newRow(qPrintable(f)) << f;
    }
    void everyFile()
    {
        QFETCH(QString, file);
        const QByteArray content = readAll(testData(QStringLiteral("formats/") + file));
        const bool mine = file.endsWith(QStringLiteral(".s19")) || file.endsWith(QStringLiteral(".s28"));
        const bool bad = QStringList{QStringLiteral("bincopy/bad_crc.s19"), QStringLiteral("generated/srec_wrong_count.s19")}.contains(file);
        const auto r = srec->read(content, {});
        QCOMPARE(bool(r), mine && !bad);
        if (!mine) {
            QVERIFY(srec->probe(content.first(qMin<qsizetype>(content.size(), 4096))) < int(Plausible));
            QCOMPARE(r.error().code(), ErrorCode::Format);
            QVERIFY(r.error().where().line <= 2); // the first non-blank line, or -1 (no records)
        }
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<qint64>("line");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("checksum") << QByteArray("S107010001020304EE\n") << ErrorCode::Checksum << 1ll
                                  << "0xEE, expected 0xED";
        QTest::newRow("S4") << QByteArray("S0030000FC\nS4030000FC\n") << ErrorCode::Format << 2ll << "reserved";
        QTest::newRow("type X") << QByteArray("SX030000FC\n") << ErrorCode::Format << 1ll << "'X'";
        QTest::newRow("type missing") << QByteArray("S\n") << ErrorCode::Format << 1ll << "(none)";
        QTest::newRow("no length") << QByteArray("S1\n") << ErrorCode::Format << 1ll << "too short";
        QTest::newRow("length") << QByteArray("S1070100010203ED\n") << ErrorCode::Format << 1ll
                                << "should have 16 hex digits";
        QTest::newRow("odd") << QByteArray("S107010001020304E\n") << ErrorCode::Format << 1ll << "odd";
        QTest::newRow("bad hex") << QByteArray("S10701000102030-ED\n") << ErrorCode::Format << 1ll
                                 << "'-' in column 16";
        QTest::newRow("not S") << QByteArray("\n\n:0400000001020304F2\n") << ErrorCode::Format << 3ll << "':'";
        QTest::newRow("length below address") << QByteArray("S10200FD\n") << ErrorCode::Format << 1ll
                                              << "at least 3 bytes";
        QTest::newRow("past 4 GiB") << QByteArray("S309FFFFFFFE01020304F1\n") << ErrorCode::Format << 1ll
                                    << "32-bit";
        QTest::newRow("count") << QByteArray("S107010001020304ED\r\nS5030002FA\r\n") << ErrorCode::Format << 2ll
                               << "says 2 data records precede it, but there are 1";
        QTest::newRow("after S9") << QByteArray("S107010001020304ED\nS9030100FB\n\nS107010001020304ED\n")
                                  << ErrorCode::Format << 4ll << "termination";
        QTest::newRow("empty") << QByteArray() << ErrorCode::Format << -1ll << "no S-records";
    }
    void malformed()
    {
        QFETCH(QByteArray, text);
        QFETCH(ErrorCode, code);
        QFETCH(qint64, line);
        QFETCH(QString, mentions);
        const auto r = parse(text);
        QVERIFY(!r);
        QCOMPARE(r.error().code(), code);
        QCOMPARE(r.error().where().line, line);
        QVERIFY2(r.error().message().contains(mentions), qPrintable(r.error().message()));
    }

    void acceptsLowercaseAndCounts()
    {
        const auto r = parse("s107010001020304ed\nS5030001FB\nS10501020909E5\nS5030002FA");
        QVERIFY2(r, r ? "" : qPrintable(r.error().toString()));
        QCOMPARE(segmentList(r->image), QStringLiteral("100-103"));
        QCOMPARE(r->overlaps.size(), 1);
        QCOMPARE(r->warnings.size(), 2); // overlap on line 3, missing termination
        QCOMPARE(r->warnings.first().where.line, 3);
        QVERIFY(!parse("S107010001020304ED\nS10501020909E5\n", OverlapPolicy::Reject));
    }

    void probe_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("confidence");
        QTest::newRow("valid") << QByteArray("\nS00F000068656C6C6F202020202000003C\n") << int(Certain);
        QTest::newRow("bad checksum") << QByteArray("S107010001020304EE") << int(Plausible);
        QTest::newRow("cut off") << QByteArray("S3250000010021460136") << int(Plausible);
        QTest::newRow("S4") << QByteArray("S4030000FC") << int(NotMine);
        QTest::newRow("hex") << QByteArray(":0400000001020304F2\n") << int(NotMine);
        QTest::newRow("word") << QByteArray("Some text\n") << int(NotMine);
        QTest::newRow("empty") << QByteArray() << int(NotMine);
    }
    void probe()
    {
        QFETCH(QByteArray, head);
        QFETCH(int, confidence);
        QCOMPARE(srec->probe(head), confidence);
    }

    void writerRecordTypes_data()
    {
        QTest::addColumn<quint64>("address");
        QTest::addColumn<int>("addressBits");
        QTest::addColumn<QString>("types");
        QTest::newRow("16-bit") << quint64(0xFF00) << 0 << "0 1 5 9";
        QTest::newRow("24-bit") << quint64(0x12345) << 0 << "0 2 5 8";
        QTest::newRow("32-bit") << quint64(0x08000000) << 0 << "0 3 5 7";
        QTest::newRow("forced 32") << quint64(0x100) << 32 << "0 3 5 7";
        QTest::newRow("forced 24") << quint64(0x100) << 24 << "0 2 5 8";
    }
    void writerRecordTypes()
    {
        QFETCH(quint64, address);
        QFETCH(int, addressBits);
        QFETCH(QString, types);
        MemoryImage image;
        QVERIFY(image.write(address, QByteArray(100, 'z')));
        WriteOptions o;
        o.addressBits = addressBits;
        const auto out = srec->write(image, o);
        QVERIFY(out);
        QCOMPARE(this->types(*out), types);
        QVERIFY(out->startsWith("S0030000FC\n")); // no header anywhere: an empty S0
        const auto back = parse(*out);
        QVERIFY(back);
        QCOMPARE(back->image.segments(), image.segments());
        QCOMPARE(back->image.entryPoint(), std::optional<quint64>(0)); // S7/8/9 always written, 0 if none
    }

    void writerHeaderAndEntry()
    {
        MemoryImage image;
        QVERIFY(image.write(0x08000000, QByteArray::fromHex("000102030405060708090a0b0c0d0e0f")));
        QVERIFY(image.write(0x08000010, QByteArray(8, '\xaa')));
        image.setEntryPoint(0x08000121);
        image.metadata().insert(QStringLiteral("header"), QStringLiteral("ignored"));
        WriteOptions o;
        o.header = "fleet-test";
        auto out = srec->write(image, o);
        QVERIFY(out);
        // Same records as the hand-made srec_s3_s5_s7.s19 except for the record size.
        QCOMPARE(*out, QByteArray("S00D0000666C6565742D74657374F5\n"
                                  "S31D08000000000102030405060708090A0B0C0D0E0FAAAAAAAAAAAAAAAA12\n"
                                  "S5030001FB\nS70508000121D0\n"));
        o.header.clear();
        out = srec->write(image, o);
        QVERIFY(out->startsWith("S00A000069676E6F726564"));
    }

    void writerLimits()
    {
        MemoryImage image;
        QVERIFY(image.write(0x08000000, QByteArray(1000, 'q')));
        WriteOptions o;
        o.bytesPerRecord = 250;
        QVERIFY(srec->write(image, o));
        o.bytesPerRecord = 251; // S3: 4 address bytes + checksum + 251 > 255
        QCOMPARE(srec->write(image, o).error().code(), ErrorCode::InvalidArgument);
        o.bytesPerRecord = 32;
        o.addressBits = 16;
        QCOMPARE(srec->write(image, o).error().code(), ErrorCode::InvalidArgument);
        o.addressBits = 20;
        QCOMPARE(srec->write(image, o).error().code(), ErrorCode::InvalidArgument);
        MemoryImage high;
        QVERIFY(high.write(0x100000000ull, QByteArray(1, 'x')));
        QCOMPARE(srec->write(high, {}).error().code(), ErrorCode::InvalidArgument);
        MemoryImage small;
        QVERIFY(small.write(0, QByteArray(10, 'x')));
        o = {};
        o.bytesPerRecord = 252;
        QVERIFY(srec->write(small, o)); // S1 allows 252
    }

    void manyRecordsUseS6()
    {
        MemoryImage image;
        QVERIFY(image.write(0x20000, QByteArray(70000, '\x11')));
        WriteOptions o;
        o.bytesPerRecord = 1;
        const auto out = srec->write(image, o);
        QVERIFY(out);
        QVERIFY(out->contains("\nS604011170")); // 70000 = 0x011170
        QVERIFY(!out->contains("\nS5"));
        const auto back = parse(*out);
        QVERIFY2(back, back ? "" : qPrintable(back.error().toString()));
        QCOMPARE(back->image.segments(), image.segments());
    }

    void roundTrip_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<int>("bytesPerRecord");
        QTest::addColumn<quint64>("maxAddress");
        for (quint32 seed = 100; seed < 124; ++seed) {
            const int bpr = QList<int>{1, 16, 32, 250, 7, 64}.at(seed % 6);
            const quint64 max = seed % 3 == 0 ? 0x10000 : seed % 3 == 1 ? 0x1000000 : 0x100000000ull;
            QTest::addRow("seed %u bpr %d", seed, bpr) << seed << bpr << max;
        }
    }
    void roundTrip()
    {
        QFETCH(quint32, seed);
        QFETCH(int, bytesPerRecord);
        QFETCH(quint64, maxAddress);
        MemoryImage image = randomSparseImage(seed, maxAddress, 12, 3000);
        if (!image.entryPoint())
            image.setEntryPoint(0); // S-records always carry one
        WriteOptions o;
        o.bytesPerRecord = bytesPerRecord;
        const auto text = srec->write(image, o);
        QVERIFY(text);
        const auto back = parse(*text, OverlapPolicy::Reject);
        QVERIFY2(back, back ? "" : qPrintable(back.error().toString()));
        QVERIFY(back->warnings.isEmpty());
        QCOMPARE(segmentList(back->image), segmentList(image));
        QVERIFY(back->image == image);
    }

    void progressAndCancel()
    {
        MemoryImage image;
        QVERIFY(image.write(0x08000000, QByteArray(3 << 20, '\x5a')));
        const QByteArray text = *srec->write(image, {});
        std::atomic<bool> cancel{false};
        int reports = 0;
        ReadOptions o;
        o.progress.cancelled = &cancel;
        o.progress.report = [&](qint64, qint64) { ++reports; };
        QVERIFY(srec->read(text, o));
        QVERIFY(reports >= 7);
        o.progress.report = [&](qint64, qint64) { cancel = true; };
        const auto r = srec->read(text, o);
        QVERIFY(!r);
        QCOMPARE(r.error().code(), ErrorCode::Cancelled);
        WriteOptions w;
        w.progress.cancelled = &cancel;
        QCOMPARE(srec->write(image, w).error().code(), ErrorCode::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TestSRecord)
#include "tst_srecord.moc"
