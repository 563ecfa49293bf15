// Intel HEX reader and writer: every shared test file, every error path, writer layout rules, round trips.
#include "TestData.h"
#include "TextRecordTestUtil.h"

#include <QDirIterator>
#include <QTest>
#include <atomic>

using namespace otadesk;
using namespace otadesk::firmware;
using namespace otadesk::test;

class TestIntelHex : public QObject
{
    Q_OBJECT
private:
    const ImageFormat *hex = format("ihex");

    Result<ReadResult> parse(const QByteArray &text, OverlapPolicy policy = OverlapPolicy::LastWins) const
    {
        ReadOptions o;
        o.overlaps = policy;
        return hex->read(text, o);
    }

private Q_SLOTS:
    void goodFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("segments");
        QTest::addColumn<qint64>("entry"); // -1: none
        QTest::addColumn<QList<qint64>>("warningLines");
        QTest::addColumn<QString>("overlaps");
        using L = QList<qint64>;
        QTest::newRow("in") << "bincopy/in.hex" << "100-13F" << -1ll << L{} << "";
        QTest::newRow("blank lines") << "bincopy/in_blank_lines.hex" << "100-13F" << -1ll << L{} << "";
        QTest::newRow("04 out of order") << "bincopy/issue_4_in.hex" << "1000E-10011 2000E-20010" << -1ll << L{}
                                         << "";
        QTest::newRow("overlap, different bytes")
            << "bincopy/in_16bits_word_padding.hex" << "3DC000-3DC053 3DC074-3DC0A3" << -1ll << L{3, 4, 5, 6, 8}
            << "3DC004-3DC005 3DC014-3DC023 3DC024-3DC033 3DC034-3DC043 3DC084-3DC093";
        QTest::newRow("gcc x86-64") << "bincopy/empty_main.hex"
                                    << "400238-4002B3 4002B8-40033D 400340-4003C1 4003D0-400571 "
                                       "400574-40057C 400580-4006AB 600E10-601037"
                                    << 0x400400ll << L{} << "";
        QTest::newRow("out") << "bincopy/out.hex" << "0-45 100-13F 400-402" << 0ll << L{} << "";
        QTest::newRow("crlf lowercase carry") << "generated/ihex_linear_crlf_lowercase.hex"
                                              << "800FFF8-8010007 8010010-8010013" << 0x08000121ll << L{2}
                                              << "";
        QTest::newRow("segment wrap") << "generated/ihex_segment_wrap.hex" << "12000-12007 21FF8-21FFF"
                                      << 0x12010ll << L{2} << "";
        QTest::newRow("zephyr 02/03") << "smpclient-zephyr-hello_world/hello_world.hex" << "C000-12273"
                                      << 0xCBC1ll << L{} << "";
        QTest::newRow("mcuboot") << "../mcuboot/payload.signed-ecdsa-p256.hex" << "8000-867E" << -1ll << L{}
                                 << "";
    }
    void goodFiles()
    {
        QFETCH(QString, file);
        QFETCH(QString, segments);
        QFETCH(qint64, entry);
        QFETCH(QList<qint64>, warningLines);
        QFETCH(QString, overlaps);
        const QByteArray content = readAll(testData(QStringLiteral("formats/") + file));
        QCOMPARE(hex->probe(content.first(qMin<qsizetype>(content.size(), 4096))), int(Certain));
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
        QCOMPARE(rangeList(r->overlaps), overlaps);
    }

    void segmentWrapPlacesTailAtSegmentStart()
    {
        const auto r = parse(readAll(testData(QStringLiteral("formats/generated/ihex_segment_wrap.hex"))));
        QVERIFY(r);
        const auto flat = r->image.flatten({0x12000, 0x12008});
        QVERIFY(flat);
        QCOMPARE(*flat, QByteArray::fromHex("08090a0b0c0d0e0f"));
        QCOMPARE(*r->image.flatten({0x21FF8, 0x22000}), QByteArray::fromHex("0001020304050607"));
        const QVariantMap seg = r->image.metadata().value(QStringLiteral("startSegment")).toMap();
        QCOMPARE(seg.value(QStringLiteral("cs")).toUInt(), 0x1200u);
        QCOMPARE(seg.value(QStringLiteral("ip")).toUInt(), 0x0010u);
        QVERIFY(r->warnings.first().message.contains(QStringLiteral("wrap")));
    }

    void linearCarryWarns()
    {
        const auto r = parse(readAll(testData(QStringLiteral("formats/generated/ihex_linear_crlf_lowercase.hex"))));
        QVERIFY(r);
        QCOMPARE(*r->image.flatten({0x08010010, 0x08010014}), QByteArray::fromHex("deadbeef"));
        QVERIFY(r->warnings.first().message.contains(QStringLiteral("0x08010000")));
    }

    void helloWorldFlattensToBin()
    {
        const auto r = parse(readAll(testData(QStringLiteral("formats/smpclient-zephyr-hello_world/hello_world.hex"))));
        QVERIFY(r);
        const auto flat = r->image.flatten();
        QVERIFY(flat);
        QCOMPARE(*flat, readAll(testData(QStringLiteral("formats/smpclient-zephyr-hello_world/hello_world.bin"))));
    }

    void mcubootHexLoadsAtHeader()
    {
        const auto r = parse(readAll(testData(QStringLiteral("mcuboot/payload.signed-ecdsa-p256.hex"))));
        QVERIFY(r);
        QCOMPARE(r->image.extent().start, quint64(0x8000));
        QCOMPARE(r->image.flatten()->left(4), QByteArray::fromHex("3db8f396")); // MCUboot magic, little endian
        // Not compared with the .bin: the signed .hex was produced by a separate imgtool run (ECDSA is
        // randomised), so only the layout is checked here.
        QCOMPARE(r->image.dataSize(), quint64(0x67F));
    }

    void badFile()
    {
        const auto r = parse(readAll(testData(QStringLiteral("formats/generated/ihex_bad_checksum_and_trailing_data.hex"))));
        QVERIFY(!r);
        QCOMPARE(r.error().code(), ErrorCode::Checksum);
        QCOMPARE(r.error().where().line, 1);
        QVERIFY2(r.error().message().contains(QStringLiteral("0xF3, expected 0xF2")),
                 qPrintable(r.error().message()));
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
        const bool mine = file.endsWith(QStringLiteral(".hex"));
        const bool bad = QStringList{QStringLiteral("generated/ihex_bad_checksum_and_trailing_data.hex")}.contains(file);
        const auto r = hex->read(content, {});
        QCOMPARE(bool(r), mine && !bad);
        if (!mine) {
            QVERIFY(hex->probe(content.first(qMin<qsizetype>(content.size(), 4096))) < int(Plausible));
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
        QTest::newRow("checksum") << QByteArray(":0400000001020304F3\n") << ErrorCode::Checksum << 1ll
                                  << "expected 0xF2";
        QTest::newRow("checksum line 3 crlf") << QByteArray(":0400000001020304F2\r\n\r\n:0400020009090909D7\r\n")
                                              << ErrorCode::Checksum << 3ll << "0xD7, expected 0xD6";
        QTest::newRow("after eof") << QByteArray(":0400000001020304F2\n:00000001FF\n\n:0400020009090909D6\n")
                                   << ErrorCode::Format << 4ll << "end-of-file";
        QTest::newRow("length long") << QByteArray(":0500000001020304F2\n") << ErrorCode::Format << 1ll
                                     << "length field says 5";
        QTest::newRow("length short") << QByteArray(":0300000001020304F2\n") << ErrorCode::Format << 1ll
                                      << "should have 16 hex digits";
        QTest::newRow("odd digits") << QByteArray(":0400000001020304F2A\n") << ErrorCode::Format << 1ll << "odd";
        QTest::newRow("bad hex") << QByteArray(":04000000010G0304F2\n") << ErrorCode::Format << 1ll
                                 << "'G' in column 13";
        QTest::newRow("bad hex in length") << QByteArray(":Z400000001020304F2\n") << ErrorCode::Format << 1ll
                                           << "'Z' in column 2";
        QTest::newRow("no colon") << QByteArray("\n0400000001020304F2\n") << ErrorCode::Format << 2ll << "':'";
        QTest::newRow("too short") << QByteArray(":0000\n") << ErrorCode::Format << 1ll << "too short";
        QTest::newRow("colon only") << QByteArray(":\n") << ErrorCode::Format << 1ll << "too short";
        QTest::newRow("type 06") << QByteArray(":00000006FA\n") << ErrorCode::Format << 1ll << "type 06";
        QTest::newRow("02 length") << QByteArray(":03000002100000EB\n") << ErrorCode::Format << 1ll
                                   << "must hold 2 data bytes, found 3";
        QTest::newRow("04 length") << QByteArray(":0100000408F3\n") << ErrorCode::Format << 1ll
                                   << "must hold 2 data bytes, found 1";
        QTest::newRow("03 length") << QByteArray(":020000030000FB\n") << ErrorCode::Format << 1ll
                                   << "must hold 4 data bytes, found 2";
        QTest::newRow("05 length") << QByteArray(":050000050000000000F6\n") << ErrorCode::Format << 1ll
                                   << "must hold 4 data bytes, found 5";
        QTest::newRow("eof with data") << QByteArray(":01000001AA54\n") << ErrorCode::Format << 1ll
                                       << "must hold 0 data bytes";
        QTest::newRow("empty") << QByteArray() << ErrorCode::Format << -1ll << "no Intel HEX records";
        QTest::newRow("blank only") << QByteArray("\n \r\n") << ErrorCode::Format << -1ll << "no Intel HEX";
        QTest::newRow("srec") << QByteArray("S107010001020304ED\n") << ErrorCode::Format << 1ll << "'S'";
        QTest::newRow("nul byte") << QByteArray(":04000000\x00" "1020304F2\n", 20) << ErrorCode::Format << 1ll
                                  << "byte 0x00";
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

    void warnings()
    {
        // No EOF record; a linear record that wraps past 4 GiB.
        const auto r = parse(":02000004FFFFFC\n:10FFF800000102030405060708090A0B0C0D0E0F81");
        QVERIFY(r);
        QCOMPARE(segmentList(r->image), QStringLiteral("0-7 FFFFFFF8-FFFFFFFF"));
        QCOMPARE(r->warnings.size(), 3); // crosses 64 KiB, wraps at 4 GiB, missing EOF
        QCOMPARE(r->warnings.at(0).where.line, 2);
        QCOMPARE(r->warnings.at(2).where.line, -1);
        QVERIFY(r->warnings.at(2).message.contains(QStringLiteral("end-of-file")));
    }

    void overlapPolicies()
    {
        const QByteArray text = ":0400000001020304F2\n:00000001FF\n";
        const QByteArray twice = ":0400000001020304F2\n\n:0400020009090909D6\n:00000001FF\n";
        auto r = parse(twice);
        QVERIFY(r);
        QCOMPARE(r->warnings.size(), 1);
        QCOMPARE(r->warnings.first().where.line, 3);
        QVERIFY(r->warnings.first().message.contains(QStringLiteral("0x00000002–0x00000003")));
        QCOMPARE(rangeList(r->overlaps), QStringLiteral("2-3"));
        QCOMPARE(*r->image.flatten(), QByteArray::fromHex("010209090909"));
        r = parse(twice, OverlapPolicy::Reject);
        QVERIFY(!r);
        QCOMPARE(r.error().code(), ErrorCode::Overlap);
        QCOMPARE(r.error().where().line, 3);
        // Same bytes twice: a warning under both policies.
        r = parse(":0400000001020304F2\n:0400020003040506E8\n", OverlapPolicy::Reject);
        QVERIFY(r);
        QCOMPARE(r->warnings.first().where.line, 2);
        QCOMPARE(rangeList(r->overlaps), QStringLiteral("2-3"));
        QVERIFY(parse(text));
    }

    void probe_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("confidence");
        QTest::newRow("valid") << QByteArray("\r\n:0400000001020304F2\r\n") << int(Certain);
        QTest::newRow("eof only") << QByteArray(":00000001FF") << int(Certain);
        QTest::newRow("bad checksum") << QByteArray(":0400000001020304F3\n") << int(Plausible);
        QTest::newRow("cut off") << QByteArray(":10000000010203") << int(Plausible);
        QTest::newRow("srec") << QByteArray("S107010001020304ED\n") << int(NotMine);
        QTest::newRow("text") << QByteArray(":hello") << int(NotMine);
        QTest::newRow("binary") << QByteArray("\x7f" "ELF") << int(NotMine);
        QTest::newRow("empty") << QByteArray() << int(NotMine);
    }
    void probe()
    {
        QFETCH(QByteArray, head);
        QFETCH(int, confidence);
        QCOMPARE(hex->probe(head), confidence);
    }

    void writerLayout()
    {
        MemoryImage image;
        QVERIFY(image.write(0x100, QByteArray(100, 'a')));
        WriteOptions o;
        o.bytesPerRecord = 16;
        auto out = hex->write(image, o);
        QVERIFY(out);
        QVERIFY(!out->contains(":02000004")); // everything below 64 KiB: no 04 record
        QVERIFY(out->startsWith(":10010000616161"));
        QVERIFY(out->endsWith(":00000001FF\n"));
        QCOMPARE(out->count('\n'), 7 + 1);

        // A segment across a 64 KiB boundary: the record stops at the boundary, a 04 record follows.
        image = MemoryImage();
        QVERIFY(image.write(0x0800FFF8, QByteArray::fromHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf")));
        image.setEntryPoint(0x08000121);
        out = hex->write(image, {});
        QVERIFY(out);
        QCOMPARE(*out, QByteArray(":020000040800F2\n:08FFF800A0A1A2A3A4A5A6A7E5\n:020000040801F1\n"
                                  ":08000000A8A9AAABACADAEAF9C\n:0400000508000121CD\n:00000001FF\n"));
    }

    void writerStartSegment()
    {
        const auto r = parse(readAll(testData(QStringLiteral("formats/generated/ihex_segment_wrap.hex"))));
        QVERIFY(r);
        auto out = hex->write(r->image, {});
        QVERIFY(out);
        QVERIFY2(out->contains(":0400000312000010D7\n"), out->constData());
        MemoryImage other = r->image;
        other.setEntryPoint(0x12345); // no longer CS:IP of the metadata: type 05
        out = hex->write(other, {});
        QVERIFY(out->contains(":04000005000123458E\n"));
    }

    void writerRejects()
    {
        MemoryImage image;
        QVERIFY(image.write(0xFFFFFFFFull, QByteArray(2, 'x')));
        auto out = hex->write(image, {});
        QVERIFY(!out);
        QCOMPARE(out.error().code(), ErrorCode::InvalidArgument);
        WriteOptions o;
        for (int n : {0, 256, -1}) {
            o.bytesPerRecord = n;
            out = hex->write(MemoryImage(), o);
            QVERIFY(!out);
            QCOMPARE(out.error().code(), ErrorCode::InvalidArgument);
        }
        image = MemoryImage();
        image.setEntryPoint(0x100000000ull);
        QVERIFY(!hex->write(image, {}));
    }

    void roundTrip_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<int>("bytesPerRecord");
        QTest::addColumn<quint64>("maxAddress");
        for (quint32 seed = 1; seed <= 24; ++seed) {
            const int bpr = QList<int>{1, 16, 32, 255, 7, 64}.at(seed % 6);
            const quint64 max = seed % 3 == 0 ? 0x10000 : seed % 3 == 1 ? 0x400000 : 0x100000000ull;
            QTest::addRow("seed %u bpr %d", seed, bpr) << seed << bpr << max;
        }
    }
    void roundTrip()
    {
        QFETCH(quint32, seed);
        QFETCH(int, bytesPerRecord);
        QFETCH(quint64, maxAddress);
        const MemoryImage image = randomSparseImage(seed, maxAddress, 12, 3000);
        WriteOptions o;
        o.bytesPerRecord = bytesPerRecord;
        const auto text = hex->write(image, o);
        QVERIFY(text);
        const auto back = parse(*text, OverlapPolicy::Reject);
        QVERIFY2(back, back ? "" : qPrintable(back.error().toString()));
        QVERIFY(back->warnings.isEmpty()); // records never cross a 64 KiB boundary, EOF present
        QCOMPARE(segmentList(back->image), segmentList(image));
        QVERIFY(back->image == image);
        if (image.extent().end <= 0x10000)
            QVERIFY(!text->contains(":02000004"));
        for (const QByteArray &line : text->split('\n')) {
            if (line.size() > 9 && line.mid(7, 2) == "00")
                QVERIFY(line.mid(1, 2).toInt(nullptr, 16) <= bytesPerRecord);
        }
    }

    void progressAndCancel()
    {
        MemoryImage image;
        QVERIFY(image.write(0x08000000, QByteArray(3 << 20, '\x5a')));
        const QByteArray text = *hex->write(image, {});
        std::atomic<bool> cancel{false};
        int reports = 0;
        ReadOptions o;
        o.progress.cancelled = &cancel;
        o.progress.report = [&](qint64 done, qint64 total) {
            QVERIFY(done <= total);
            ++reports;
        };
        auto r = hex->read(text, o);
        QVERIFY(r);
        QVERIFY(reports >= 7); // ~8.5 MiB of text, one report per MiB plus the final one
        QCOMPARE(r->image, image);
        o.progress.report = [&](qint64, qint64) { cancel = true; };
        r = hex->read(text, o);
        QVERIFY(!r);
        QCOMPARE(r.error().code(), ErrorCode::Cancelled);
        WriteOptions w;
        w.progress.cancelled = &cancel;
        QCOMPARE(hex->write(image, w).error().code(), ErrorCode::Cancelled);
    }

    void detectedByRegistry()
    {
        const QByteArray content = readAll(testData(QStringLiteral("formats/bincopy/in.hex")));
        QCOMPARE(FormatRegistry::instance().detect(content)->id(), QStringLiteral("ihex"));
        QCOMPARE(FormatRegistry::instance().byExtension(QStringLiteral("app.v1.2.hex"))->id(),
                 QStringLiteral("ihex"));
    }
};

QTEST_GUILESS_MAIN(TestIntelHex)
#include "tst_intelhex.moc"
