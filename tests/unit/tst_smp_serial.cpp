// SMP serial console framing (core/bench/smp/SmpSerial): CRC-16/XMODEM, the generated 127-byte-line vectors,
// JPHutchins' multi-frame upload, and the deframer's robustness (interleaved log text, CRC errors, reads split
// at every byte boundary, over-long lines, truncated frames).
#include "TestData.h"
#include "core/bench/smp/SmpCommands.h"
#include "core/bench/smp/SmpSerial.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace otadesk;
using namespace otadesk::bench;

namespace {
QByteArray hex(const QString &text) { return QByteArray::fromHex(text.toLatin1()); }

struct Vector
{
    QString name;
    QByteArray packet;
    quint16 crc = 0;
    QByteArray wire; // all lines
    int lines = 0;
};

QList<Vector> vectors()
{
    QList<Vector> result;
    const QJsonArray all =
        QJsonDocument::fromJson(test::readFile(test::testData(QStringLiteral("smp/generated_serial_vectors.json"))))
            .array();
    for (const QJsonValue &v : all) {
        Vector x;
        x.name = v[QStringLiteral("name")].toString();
        x.packet = hex(v[QStringLiteral("smp_packet_hex")].toString());
        x.crc = quint16(v[QStringLiteral("crc16_xmodem")].toString().toUInt(nullptr, 16));
        for (const QJsonValue &line : v[QStringLiteral("serial_frames_hex")].toArray()) {
            x.wire += hex(line.toString());
            ++x.lines;
        }
        result.append(x);
    }
    return result;
}

QList<QByteArray> drain(SmpSerialDeframer &d)
{
    QList<QByteArray> packets;
    while (auto p = d.takePacket())
        packets.append(*p);
    return packets;
}

QList<QByteArray> deframeAll(QByteArrayView wire)
{
    SmpSerialDeframer d;
    d.feed(wire);
    return drain(d);
}

QByteArray randomBytes(int size, QRandomGenerator &rng)
{
    QByteArray b(size, Qt::Uninitialized);
    for (char &c : b)
        c = char(rng.bounded(256));
    return b;
}
} // namespace

class TestSmpSerial : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void crc();
    void generatedVectors();
    void helloWorld();
    void jphutchinsMultiframe();
    void splitAtEveryByte();
    void interleavedLogText();
    void crcErrors();
    void overlongLines();
    void truncatedAndOrphanFrames();
    void badBase64();
    void carriageReturns();
    void randomRoundTrips();
    void shortLines();
    void resetForgetsEverything();
};

void TestSmpSerial::crc()
{
    QCOMPARE(crc16Xmodem("123456789"), quint16(0x31c3));
    QCOMPARE(crc16Xmodem(""), quint16(0));
    // Continuing a CRC equals computing it at once.
    QCOMPARE(crc16Xmodem("6789", crc16Xmodem("12345")), quint16(0x31c3));
    for (const Vector &v : vectors())
        QCOMPARE(crc16Xmodem(v.packet), v.crc);
}

void TestSmpSerial::generatedVectors()
{
    const QList<Vector> all = vectors();
    QCOMPARE(all.size(), 8);
    for (const Vector &v : all) {
        QCOMPARE(SmpSerial::frame(v.packet), v.wire);
        QCOMPARE(SmpSerial::framedSize(v.packet.size()), v.wire.size());
        QCOMPARE(v.wire.count('\n'), v.lines);
        const QList<QByteArray> packets = deframeAll(v.wire);
        QCOMPARE(packets.size(), 1);
        QCOMPARE(packets.first(), v.packet);
        QVERIFY2(SmpPacket::decode(packets.first()), qPrintable(v.name));
    }
}

void TestSmpSerial::helloWorld()
{
    // JPHutchins' documented frame of the 13 bytes "Hello, world!" (not an SMP packet, framing only).
    QCOMPARE(SmpSerial::frame("Hello, world!"), QByteArray("\x06\tAA9IZWxsbywgd29ybGQhet4=\n"));
    QCOMPARE(deframeAll("\x06\tAA9IZWxsbywgd29ybGQhet4=\n"), QList<QByteArray>{"Hello, world!"});
}

void TestSmpSerial::jphutchinsMultiframe()
{
    const QJsonObject v = QJsonDocument::fromJson(test::readFile(
                                                      test::testData(QStringLiteral("smp/jphutchins_serial_multiframe_upload.json"))))
                              .object();
    QByteArray wire;
    for (const QJsonValue &line : v[QStringLiteral("frames_hex")].toArray())
        wire += hex(line.toString());
    const QByteArray expected = hex(v[QStringLiteral("decoded_smp_packet_hex")].toString());
    QCOMPARE(deframeAll(wire), QList<QByteArray>{expected});
    auto packet = SmpPacket::decode(expected);
    QVERIFY(packet);
    QCOMPARE(packet->header.sequence, quint8(0x9a));
    QCOMPARE(packet->header.group, SmpGroup::Image);
    QCOMPARE(packet->header.command, ImageCommand::Upload);
    auto upload = SmpCommands::parseUploadRequest(packet->body);
    QVERIFY(upload);
    QCOMPARE(upload->image, std::optional<int>(0));
    QCOMPARE(upload->length, 13);
    QCOMPARE(upload->offset, 42);
    QCOMPARE(upload->sha256, QByteArray("trust me bro"));
    QCOMPARE(upload->data.size(), 64);
    QCOMPARE(upload->data.at(63), '\x3f');
    QCOMPARE(upload->upgrade, std::optional<bool>(false));
    // Our framer with the same 15-byte lines gives a stream the deframer reads back too.
    QCOMPARE(deframeAll(SmpSerial::frame(expected, 15)), QList<QByteArray>{expected});
}

void TestSmpSerial::splitAtEveryByte()
{
    QByteArray stream = "boot: starting\n";
    QList<QByteArray> expected;
    for (const Vector &v : vectors()) {
        stream += v.wire + "[00:00:00.100,000] <inf> app: tick\n";
        expected.append(v.packet);
    }
    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        SmpSerialDeframer d;
        d.feed(QByteArrayView(stream).first(cut));
        d.feed(QByteArrayView(stream).sliced(cut));
        QCOMPARE(drain(d), expected);
        QCOMPARE(d.crcErrors() + d.framingErrors(), 0);
    }
    // Byte by byte.
    SmpSerialDeframer d;
    for (char c : stream)
        d.feed(QByteArrayView(&c, 1));
    QCOMPARE(drain(d), expected);
    QCOMPARE(d.takeConsoleText(),
             QByteArray("boot: starting\n") + QByteArray("[00:00:00.100,000] <inf> app: tick\n").repeated(8));
}

void TestSmpSerial::interleavedLogText()
{
    const QByteArray packet = SmpPacket::encode(SmpOp::Write, SmpVersion::V2, 1, 1, 7, [] {
        UploadRequest r;
        r.offset = 4096;
        r.data = QByteArray(400, '\x5a');
        return SmpCommands::upload(r);
    }());
    const QByteArray wire = SmpSerial::frame(packet);
    QList<QByteArray> lines = wire.split('\n');
    lines.removeLast();
    QVERIFY(lines.size() >= 5);
    // A log line between every two lines of the frame, and text before a marker on the same line.
    QByteArray stream;
    for (int i = 0; i < lines.size(); ++i) {
        stream += QByteArray("<dbg> flash: write ") + QByteArray::number(i) + "\n";
        stream += (i == 2 ? QByteArray("uart:~$ ") : QByteArray()) + lines[i] + '\n';
    }
    SmpSerialDeframer d;
    d.feed(stream);
    QCOMPARE(drain(d), QList<QByteArray>{packet});
    const QByteArray text = d.takeConsoleText();
    QVERIFY(text.startsWith("<dbg> flash: write 0\n"));
    QVERIFY(text.contains("uart:~$ \n"));
    QCOMPARE(text.count('\n'), lines.size() + 1);
    QVERIFY(d.takeConsoleText().isEmpty());
}

void TestSmpSerial::crcErrors()
{
    const Vector v = vectors().at(3); // state test, one line
    QByteArray bad = v.wire;
    // Change one base64 character of the payload (stays valid base64, changes the data).
    const qsizetype at = 20;
    bad[at] = bad[at] == 'A' ? 'B' : 'A';
    SmpSerialDeframer d;
    d.feed(QByteArray(bad + v.wire));
    QCOMPARE(drain(d), QList<QByteArray>{v.packet});
    QCOMPARE(d.crcErrors(), 1);
}

void TestSmpSerial::overlongLines()
{
    const Vector v = vectors().first();
    SmpSerialDeframer d(256);
    const QByteArray noise(10000, 'x');
    d.feed(noise);
    d.feed("\n");
    d.feed(v.wire);
    QCOMPARE(drain(d), QList<QByteArray>{v.packet});
    QCOMPARE(d.takeConsoleText(), noise + '\n'); // nothing lost
    // An over-long frame line is dropped as a whole, the next frame is fine.
    d.feed(QByteArray(QByteArray("\x06\x09") + QByteArray(5000, 'A') + "\n" + v.wire));
    QCOMPARE(drain(d), QList<QByteArray>{v.packet});
    QCOMPARE(d.framingErrors(), 1);
}

void TestSmpSerial::truncatedAndOrphanFrames()
{
    const Vector two = vectors().at(5); // upload first chunk: two lines
    QCOMPARE(two.lines, 2);
    const QByteArray firstLine = two.wire.left(two.wire.indexOf('\n') + 1);
    const QByteArray secondLine = two.wire.mid(firstLine.size());
    SmpSerialDeframer d;
    d.feed(firstLine);     // never completed
    d.feed(two.wire);      // a new start drops it
    d.feed(secondLine);    // continuation without a start
    QCOMPARE(drain(d), QList<QByteArray>{two.packet});
    QCOMPARE(d.framingErrors(), 2);
    QCOMPARE(d.crcErrors(), 0);
}

void TestSmpSerial::badBase64()
{
    const Vector v = vectors().first();
    SmpSerialDeframer d;
    d.feed("\x06\x09" "AB!D\n");     // not base64
    d.feed("\x06\x09" "A=AA\n");     // padding inside a group
    d.feed("\x06\x09" "AA==AAAA\n"); // decodes to a length below the minimum of 4
    d.feed(v.wire);
    QCOMPARE(drain(d), QList<QByteArray>{v.packet});
    QCOMPARE(d.framingErrors(), 3);
    // Length field larger than what arrives: dropped (and counted) when the next frame starts.
    d.feed(QByteArray(QByteArray("\x06\x09") + QByteArray("\x00\x40" "abc", 5).toBase64() + "\n"));
    QVERIFY(!d.hasPacket());
    d.feed(v.wire);
    QCOMPARE(drain(d), QList<QByteArray>{v.packet});
    QCOMPARE(d.framingErrors(), 4);
    // More data than the length announces.
    d.feed(QByteArray(QByteArray("\x06\x09") + QByteArray("\x00\x04" "abcdefgh", 10).toBase64() + "\n"));
    QCOMPARE(d.framingErrors(), 5);
}

void TestSmpSerial::carriageReturns()
{
    const Vector v = vectors().at(5);
    QByteArray crlf = v.wire;
    crlf.replace("\n", "\r\n");
    QCOMPARE(deframeAll(crlf), QList<QByteArray>{v.packet});
}

void TestSmpSerial::randomRoundTrips()
{
    QRandomGenerator rng(9);
    for (int size : {0, 1, 2, 3, 8, 88, 89, 90, 91, 92, 93, 94, 181, 182, 183, 184, 185, 500, 2475, 4096, 65000}) {
        const QByteArray packet = randomBytes(size, rng);
        const QByteArray wire = SmpSerial::frame(packet);
        QCOMPARE(SmpSerial::framedSize(size), wire.size());
        QList<QByteArray> lines = wire.split('\n');
        QVERIFY(lines.takeLast().isEmpty());
        QByteArray raw;
        for (int i = 0; i < lines.size(); ++i) {
            const QByteArray &line = lines[i];
            QVERIFY(line.size() + 1 <= SmpSerial::MaxLine);
            QCOMPARE(line.left(2), QByteArray(i == 0 ? "\x06\x09" : "\x04\x14"));
            auto part = QByteArray::fromBase64Encoding(line.mid(2), QByteArray::AbortOnBase64DecodingErrors);
            QVERIFY(part); // every line decodes on its own
            if (i + 1 == lines.size())
                QVERIFY(part.decoded.size() >= 2); // the CRC is never split across lines
            raw += part.decoded;
        }
        QCOMPARE(raw.size(), size + 4);
        QCOMPARE(deframeAll(wire), QList<QByteArray>{packet});
    }
}

void TestSmpSerial::shortLines()
{
    QRandomGenerator rng(3);
    const QByteArray packet = randomBytes(300, rng);
    for (int maxLine : {8, 15, 31, 64, 127, 300}) {
        const QByteArray wire = SmpSerial::frame(packet, maxLine);
        for (const QByteArray &line : wire.split('\n'))
            QVERIFY(line.size() + 1 <= qMax(maxLine, 8));
        QCOMPARE(SmpSerial::framedSize(packet.size(), maxLine), wire.size());
        QCOMPARE(deframeAll(wire), QList<QByteArray>{packet});
    }
}

void TestSmpSerial::resetForgetsEverything()
{
    const Vector v = vectors().at(5);
    SmpSerialDeframer d;
    d.feed("log\n");
    d.feed(v.wire.left(40));
    d.feed("\x06\x09" "!!\n");
    d.reset();
    QCOMPARE(d.framingErrors(), 0);
    QVERIFY(d.takeConsoleText().isEmpty());
    d.feed(v.wire.mid(40)); // the rest of the interrupted frame is an orphan continuation now
    QVERIFY(!d.hasPacket());
    d.feed(v.wire);
    QCOMPARE(drain(d), QList<QByteArray>{v.packet});
}

QTEST_GUILESS_MAIN(TestSmpSerial)
#include "tst_smp_serial.moc"
