// Format detection is by content; the extension only breaks ties. Covers the complaints users have about
// today's tools: format chosen by extension, names with extra dots.
#include "core/firmware/FormatRegistry.h"
#include "TestData.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace otadesk;
using namespace otadesk::firmware;

class TestFormatRegistry : public QObject
{
    Q_OBJECT
private:
    static QByteArray read(const QString &rel)
    {
        QFile f(test::testData(rel));
        if (!f.open(QIODevice::ReadOnly))
            qFatal("missing test data %s", qPrintable(rel));
        return f.readAll();
    }

private Q_SLOTS:
    void detectByContent_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("nameHint");
        QTest::addColumn<QString>("expected");
        const QString hello = QStringLiteral("formats/smpclient-zephyr-hello_world/hello_world.hex");
        QTest::newRow("hex as .hex") << hello << QStringLiteral("hello_world.hex") << QStringLiteral("ihex");
        QTest::newRow("hex named .bin") << hello << QStringLiteral("firmware.bin") << QStringLiteral("ihex");
        QTest::newRow("hex with dots") << hello << QStringLiteral("app.v1.2.3.hex") << QStringLiteral("ihex");
        QTest::newRow("hex no name") << hello << QString() << QStringLiteral("ihex");
        QTest::newRow("srec .s19") << QStringLiteral("formats/bincopy/in.s19") << QStringLiteral("in.s19")
                                   << QStringLiteral("srec");
        QTest::newRow("srec named .txt") << QStringLiteral("formats/generated/srec_s2_s6_s8.s28")
                                         << QStringLiteral("notes.txt") << QStringLiteral("srec");
        QTest::newRow("crlf lowercase hex") << QStringLiteral("formats/generated/ihex_linear_crlf_lowercase.hex")
                                            << QString() << QStringLiteral("ihex");
        QTest::newRow("mcuboot bin") << QStringLiteral("mcuboot/payload.signed-ecdsa-p256.bin")
                                     << QStringLiteral("x.hex") << QStringLiteral("bin");
        QTest::newRow("pybricks bin") << QStringLiteral("firmware/pybricks/7.28.0/cityhub/firmware-base.bin")
                                      << QStringLiteral("firmware-base.bin") << QStringLiteral("bin");
    }
    void detectByContent()
    {
        QFETCH(QString, file);
        QFETCH(QString, nameHint);
        QFETCH(QString, expected);
        const QByteArray content = read(file);
        QCOMPARE(FormatRegistry::instance().detect(content, nameHint)->id(), expected);
    }

    void elfMagicWins()
    {
        QByteArray elf("\x7f" "ELF", 4);
        elf.append(QByteArray(60, '\0'));
        QCOMPARE(FormatRegistry::instance().detect(elf, QStringLiteral("x.hex"))->id(), QStringLiteral("elf"));
    }

    void lookupByIdAndExtension()
    {
        const auto &reg = FormatRegistry::instance();
        QCOMPARE(reg.ids(), (QStringList{QStringLiteral("ihex"), QStringLiteral("srec"), QStringLiteral("elf"),
                                         QStringLiteral("bin")}));
        QCOMPARE(reg.byId(QStringLiteral("IHEX"))->id(), QStringLiteral("ihex"));
        QVERIFY(!reg.byId(QStringLiteral("nope")));
        QCOMPARE(reg.byExtension(QStringLiteral("build/app.v1.2.hex"))->id(), QStringLiteral("ihex"));
        QCOMPARE(reg.byExtension(QStringLiteral("a.S19"))->id(), QStringLiteral("srec"));
        QVERIFY(!reg.byExtension(QStringLiteral("README")));
        QVERIFY(reg.openFileFilter().contains(QStringLiteral("*.hex")));
    }

    void loadFileReportsFileAndFormat()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("renamed.firmware.dat"));
        QVERIFY(QFile::copy(test::testData(QStringLiteral("formats/bincopy/in.hex")), path));
        auto loaded = loadImageFile(path);
        QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().toString()));
        QCOMPARE(loaded->format->id(), QStringLiteral("ihex"));
        QCOMPARE(loaded->fileSize, QFileInfo(path).size());
        QCOMPARE(loaded->result.image.extent().start, quint64(0x100));

        auto missing = loadImageFile(dir.filePath(QStringLiteral("nope.hex")));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code(), ErrorCode::Io);

        auto forced = loadImageFile(path, {}, QStringLiteral("bin"));
        QVERIFY(forced);
        QCOMPARE(forced->result.image.dataSize(), quint64(QFileInfo(path).size()));
        auto unknown = loadImageFile(path, {}, QStringLiteral("zzz"));
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().code(), ErrorCode::InvalidArgument);
    }

    void badFileErrorNamesFileAndLine()
    {
        auto r = loadImageFile(test::testData(QStringLiteral("formats/bincopy/bad_crc.s19")));
        QVERIFY(!r);
        QCOMPARE(r.error().code(), ErrorCode::Checksum);
        QCOMPARE(r.error().where().line, 1);
        QVERIFY2(r.error().toString().contains(QStringLiteral("bad_crc.s19:line 1: ")), qPrintable(r.error().toString()));
    }

    void saveWritesAtomically()
    {
        QTemporaryDir dir;
        MemoryImage img;
        QVERIFY(img.write(0x8000, "hello"));
        const QString out = dir.filePath(QStringLiteral("o.bin"));
        QVERIFY(saveImageFile(img, out, QStringLiteral("bin")));
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("hello"));
        auto bad = saveImageFile(img, dir.filePath(QStringLiteral("no/such/dir/o.bin")), QStringLiteral("bin"));
        QVERIFY(!bad);
        QCOMPARE(bad.error().code(), ErrorCode::Io);
    }
};

QTEST_GUILESS_MAIN(TestFormatRegistry)
#include "tst_formatregistry.moc"
