// The sparse memory image: writes, merging, overlaps, gaps, fill, slice, flatten, digests.
#include "core/firmware/MemoryImage.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTest>
#include <zlib.h>

using namespace otadesk;
using namespace otadesk::firmware;

class TestMemoryImage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void adjacentWritesMerge()
    {
        MemoryImage img;
        QVERIFY(img.write(0x100, QByteArray(16, 'a')));
        QVERIFY(img.write(0x110, QByteArray(16, 'b')));
        QVERIFY(img.write(0x0F0, QByteArray(16, 'c')));
        QCOMPARE(img.segmentCount(), 1);
        QCOMPARE(img.segments().first().address, quint64(0xF0));
        QCOMPARE(img.segments().first().data, QByteArray(16, 'c') + QByteArray(16, 'a') + QByteArray(16, 'b'));
        QCOMPARE(img.dataSize(), quint64(48));
    }

    void outOfOrderWritesStaySorted()
    {
        MemoryImage img;
        QVERIFY(img.write(0x3000, "ccc"));
        QVERIFY(img.write(0x1000, "aaa"));
        QVERIFY(img.write(0x2000, "bbb"));
        QCOMPARE(img.segmentCount(), 3);
        QCOMPARE(img.segments().at(0).address, quint64(0x1000));
        QCOMPARE(img.segments().at(1).address, quint64(0x2000));
        QCOMPARE(img.segments().at(2).address, quint64(0x3000));
        QCOMPARE(img.extent(), (AddressRange{0x1000, 0x3003}));
        QCOMPARE(img.gaps(), (QList<AddressRange>{{0x1003, 0x2000}, {0x2003, 0x3000}}));
    }

    void writeBridgingSegmentsMergesThem()
    {
        MemoryImage img;
        QVERIFY(img.write(0x10, "AAAA"));
        QVERIFY(img.write(0x20, "BBBB"));
        QVERIFY(img.write(0x14, QByteArray(12, 'x')));
        QCOMPARE(img.segmentCount(), 1);
        QCOMPARE(img.segments().first().data, QByteArray("AAAA") + QByteArray(12, 'x') + "BBBB");
    }

    void overlapWithSameBytesIsAWarning()
    {
        MemoryImage img;
        Diagnostics notes;
        QList<AddressRange> ranges;
        QVERIFY(img.write(0x100, "abcdef"));
        QVERIFY(img.write(0x102, "cdefgh", OverlapPolicy::Reject, &notes, &ranges));
        QCOMPARE(notes.size(), 1);
        QVERIFY(notes.first().message.contains(QStringLiteral("same values")));
        QCOMPARE(ranges, (QList<AddressRange>{{0x102, 0x106}}));
        QCOMPARE(img.segments().first().data, QByteArray("abcdefgh"));
    }

    void overlapWithDifferentBytesFollowsPolicy()
    {
        MemoryImage img;
        QVERIFY(img.write(0x100, "abcdef"));
        const MemoryImage before = img;
        auto r = img.write(0x104, "XYZ", OverlapPolicy::Reject);
        QVERIFY(!r);
        QCOMPARE(r.error().code(), ErrorCode::Overlap);
        QVERIFY(r.error().message().contains(QStringLiteral("0x00000104")));
        QCOMPARE(img, before); // nothing changed on failure

        Diagnostics notes;
        QVERIFY(img.write(0x104, "XYZ", OverlapPolicy::LastWins, &notes));
        QCOMPARE(img.segments().first().data, QByteArray("abcdXYZ"));
        QCOMPARE(notes.size(), 1);
        QVERIFY(notes.first().message.contains(QStringLiteral("later data is kept")));
    }

    void writePastAddressSpaceFails()
    {
        MemoryImage img;
        auto r = img.write(~quint64(0) - 2, "abcdef");
        QVERIFY(!r);
        QCOMPARE(r.error().code(), ErrorCode::InvalidArgument);
        QVERIFY(img.isEmpty());
    }

    void overlapsBetweenImages()
    {
        MemoryImage boot;
        MemoryImage app;
        QVERIFY(boot.write(0x08000000, QByteArray(0x8000, 'b')));
        QVERIFY(app.write(0x08007000, QByteArray(0x2000, 'a')));
        QVERIFY(app.write(0x08020000, QByteArray(0x100, 'a')));
        QCOMPARE(boot.overlapsWith(app), (QList<AddressRange>{{0x08007000, 0x08008000}}));
        QCOMPARE(app.overlapsWith(boot), (QList<AddressRange>{{0x08007000, 0x08008000}}));
        QVERIFY(!boot.merge(app, OverlapPolicy::Reject));
        QCOMPARE(boot.segmentCount(), 1); // unchanged after a failed merge
        QVERIFY(boot.merge(app, OverlapPolicy::LastWins));
        QCOMPARE(boot.segmentCount(), 2);
        QCOMPARE(boot.segments().first().data.at(0x7000), 'a');
    }

    void fillGapsOnlyInsideRegion()
    {
        MemoryImage img;
        QVERIFY(img.write(0x10, "AA"));
        QVERIFY(img.write(0x20, "BB"));
        QVERIFY(img.write(0x40, "CC"));
        img.fillGaps({0x14, 0x30}, 0xEE);
        // 0x12..0x14 stays a gap, 0x14..0x20 filled, 0x22..0x30 filled, 0x30..0x40 stays a gap
        QCOMPARE(img.segmentCount(), 3);
        QCOMPARE(img.segments().at(0), (Segment{0x10, QByteArray("AA")}));
        QCOMPARE(img.segments().at(1).address, quint64(0x14));
        QCOMPARE(img.segments().at(1).data,
                 QByteArray(12, char(0xEE)) + "BB" + QByteArray(14, char(0xEE)));
        QCOMPARE(img.segments().at(2), (Segment{0x40, QByteArray("CC")}));
    }

    void sliceCutsAtEdges()
    {
        MemoryImage img;
        QVERIFY(img.write(0x100, "0123456789"));
        QVERIFY(img.write(0x200, "abcdef"));
        img.setEntryPoint(0x203);
        const MemoryImage s = img.slice({0x105, 0x203});
        QCOMPARE(s.segmentCount(), 2);
        QCOMPARE(s.segments().at(0), (Segment{0x105, QByteArray("56789")}));
        QCOMPARE(s.segments().at(1), (Segment{0x200, QByteArray("abc")}));
        QVERIFY(!s.entryPoint().has_value()); // 0x203 is outside [0x105, 0x203)
        QCOMPARE(img.slice({0x200, 0x300}).entryPoint(), std::optional<quint64>(0x203));
    }

    void flattenFillsGapsAndRespectsLimit()
    {
        MemoryImage img;
        QVERIFY(img.write(0x08000000, "AB"));
        QVERIFY(img.write(0x08000004, "CD"));
        QCOMPARE(*img.flatten(0xFF), QByteArray("AB\xFF\xFF" "CD"));
        QCOMPARE(*img.flatten({0x07FFFFFE, 0x08000003}, 0x00), QByteArray("\0\0AB\0", 5));
        auto tooBig = img.flatten({0, quint64(1) << 40}, 0xFF, 1 << 20);
        QVERIFY(!tooBig);
        QCOMPARE(tooBig.error().code(), ErrorCode::InvalidArgument);
        QVERIFY(img.flatten({5, 5})->isEmpty());
    }

    void digestsEqualDigestOfFlattenedBinary()
    {
        MemoryImage img;
        auto *rng = QRandomGenerator::global();
        for (int i = 0; i < 20; ++i) {
            QByteArray chunk(int(rng->bounded(1, 5000)), Qt::Uninitialized);
            for (char &c : chunk)
                c = char(rng->bounded(256));
            QVERIFY(img.write(0x20000000 + rng->bounded(0, 400000), chunk, OverlapPolicy::LastWins));
        }
        const QByteArray flat = *img.flatten(0xFF);
        QCOMPARE(img.sha256(), QCryptographicHash::hash(flat, QCryptographicHash::Sha256));
        const quint32 crc = quint32(::crc32(0, reinterpret_cast<const Bytef *>(flat.constData()), uInt(flat.size())));
        QCOMPARE(img.crc32(), crc);
        // Known value: CRC-32 of "123456789" is 0xCBF43926.
        MemoryImage check;
        QVERIFY(check.write(0, "123456789"));
        QCOMPARE(check.crc32(), 0xCBF43926u);
        QCOMPARE(MemoryImage().sha256().toHex(),
                 QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }

    void randomWritesMatchAReferenceModel()
    {
        // Every write, in any order and with any overlap, must give the same bytes as a plain array model.
        QRandomGenerator rng(1234);
        for (int round = 0; round < 50; ++round) {
            MemoryImage img;
            QByteArray model(4096, '\0');
            QByteArray present(4096, '\0');
            for (int i = 0; i < 40; ++i) {
                const int at = int(rng.bounded(0, 4000));
                const int len = int(rng.bounded(1, 96));
                QByteArray data(len, Qt::Uninitialized);
                for (char &c : data)
                    c = char(rng.bounded(256));
                QVERIFY(img.write(quint64(at), data, OverlapPolicy::LastWins));
                model.replace(at, len, data);
                present.replace(at, len, QByteArray(len, '\1'));
            }
            for (qsizetype i = 1; i < img.segments().size(); ++i)
                QVERIFY(img.segments().at(i - 1).end() < img.segments().at(i).address); // sorted, not touching
            for (const Segment &s : img.segments()) {
                QCOMPARE(s.data, model.mid(qsizetype(s.address), s.data.size()));
                QVERIFY(!present.mid(qsizetype(s.address), s.data.size()).contains('\0'));
            }
            QCOMPARE(img.dataSize(), quint64(present.count('\1')));
        }
    }

    void formatting()
    {
        QCOMPARE(formatAddress(0x8000), QStringLiteral("0x00008000"));
        QCOMPARE(formatAddress(0x100000000ULL), QStringLiteral("0x0000000100000000"));
        QCOMPARE(formatRange({0x10, 0x20}), QStringLiteral("0x00000010–0x0000001f"));
    }
};

QTEST_GUILESS_MAIN(TestMemoryImage)
#include "tst_memoryimage.moc"
