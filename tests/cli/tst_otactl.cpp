// otactl as a process (Wireshark-style CLI tests): stdout / --json output and the named exit codes of every
// command, including bad input.
#include "../unit/TestData.h"
#include "app/otactl/ExitCodes.h"
#include "core/library/ZipWriter.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace otadesk;
using namespace otadesk::cli;
using otadesk::test::testData;

namespace {
struct Run
{
    int code = -1;
    QString out;
    QString err;
    QJsonDocument json() const { return QJsonDocument::fromJson(out.toUtf8()); }
};

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
QString shaHex(const QByteArray &b)
{
    return QString::fromLatin1(QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex());
}

const QString kHex = QStringLiteral("formats/smpclient-zephyr-hello_world/hello_world.hex");
const QString kBin = QStringLiteral("formats/smpclient-zephyr-hello_world/hello_world.bin");
const QString kBadHex = QStringLiteral("formats/generated/ihex_bad_checksum_and_trailing_data.hex");
const QString kMcuboot = QStringLiteral("mcuboot/payload.signed-ecdsa-p256.bin");
} // namespace

class TestOtactl : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void versionAndHelp();
    void usageErrors_data();
    void usageErrors();
    void importShowList();
    void importErrors();
    void inspectDoesNotImport();
    void exportFormats();
    void exportOptions();
    void convert();
    void removeEntry();
    void bundles();
    void zipPackage();

private:
    Run run(const QStringList &args);
    qint64 importOne(const QString &file, const QStringList &extra = {});
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestOtactl::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

Run TestOtactl::run(const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("OTADESK_WORKSPACE"), m_dir->filePath(QStringLiteral("ws")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir->filePath(QStringLiteral("config")));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(OTACTL_PATH), args);
    Run r;
    if (!p.waitForFinished(60000))
        return r;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

qint64 TestOtactl::importOne(const QString &file, const QStringList &extra)
{
    const Run r = run(QStringList{QStringLiteral("--json"), QStringLiteral("firmware"), QStringLiteral("import"), file} + extra);
    if (r.code != ExitOk)
        qWarning() << r.err;
    return r.json().array().at(0).toObject().value(QStringLiteral("entries")).toArray().at(0).toObject()
        .value(QStringLiteral("id")).toInteger();
}

void TestOtactl::versionAndHelp()
{
    Run r = run({QStringLiteral("--version")});
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY(r.out.startsWith(QStringLiteral("otactl ")));
    r = run({QStringLiteral("--help")});
    QCOMPARE(r.code, int(ExitOk));
    for (const char *cmd : {"firmware import", "firmware list", "firmware show", "firmware inspect", "firmware export",
                            "firmware convert", "firmware remove", "bundle create", "bundle list", "bundle show",
                            "bundle export"}) {
        QVERIFY2(r.out.contains(QString::fromLatin1(cmd)), cmd);
        const QStringList words = QString::fromLatin1(cmd).split(QLatin1Char(' '));
        const Run help = run(words + QStringList{QStringLiteral("--help")});
        QCOMPARE(help.code, int(ExitOk));
        QVERIFY2(help.out.contains(QStringLiteral("Usage: ")) && help.out.contains(QString::fromLatin1(cmd)),
                 qPrintable(help.out));
        QVERIFY(help.out.contains(QStringLiteral("--workspace")));
    }
    QVERIFY(run({QStringLiteral("firmware"), QStringLiteral("import"), QStringLiteral("--help")})
                .out.contains(QStringLiteral("--base-address")));
    // "otactl help" and "otactl help GROUP COMMAND" are the same as --help.
    r = run({QStringLiteral("help")});
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY(r.out.contains(QStringLiteral("firmware import")));
    r = run({QStringLiteral("help"), QStringLiteral("firmware"), QStringLiteral("export")});
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY2(r.out.contains(QStringLiteral("firmware export")) && r.out.contains(QStringLiteral("--bytes-per-record")),
             qPrintable(r.out));
}

void TestOtactl::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::newRow("nothing") << QStringList{} << int(ExitUsage);
    QTest::newRow("unknown group") << QStringList{QStringLiteral("frobnicate")} << int(ExitUsage);
    QTest::newRow("group only") << QStringList{QStringLiteral("firmware")} << int(ExitUsage);
    QTest::newRow("unknown command") << QStringList{QStringLiteral("firmware"), QStringLiteral("eat")} << int(ExitUsage);
    QTest::newRow("unknown option") << QStringList{QStringLiteral("firmware"), QStringLiteral("list"), QStringLiteral("--bogus")}
                                    << int(ExitUsage);
    QTest::newRow("import without file") << QStringList{QStringLiteral("firmware"), QStringLiteral("import")} << int(ExitUsage);
    QTest::newRow("bad sort") << QStringList{QStringLiteral("firmware"), QStringLiteral("list"), QStringLiteral("--sort"),
                                             QStringLiteral("color")}
                              << int(ExitUsage);
    QTest::newRow("bad format") << QStringList{QStringLiteral("firmware"), QStringLiteral("inspect"), QStringLiteral("x"),
                                               QStringLiteral("--format"), QStringLiteral("gif")}
                                << int(ExitUsage);
    QTest::newRow("convert no extension") << QStringList{QStringLiteral("firmware"), QStringLiteral("convert"),
                                                         testData(kHex), QStringLiteral("out")}
                                          << int(ExitUsage);
    QTest::newRow("show unknown") << QStringList{QStringLiteral("firmware"), QStringLiteral("show"), QStringLiteral("42")}
                                  << int(ExitNotFound);
    QTest::newRow("bundle show unknown") << QStringList{QStringLiteral("bundle"), QStringLiteral("show"), QStringLiteral("7")}
                                         << int(ExitNotFound);
    QTest::newRow("bundle show bad id") << QStringList{QStringLiteral("bundle"), QStringLiteral("show"), QStringLiteral("x")}
                                        << int(ExitUsage);
}

void TestOtactl::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    const Run r = run(args);
    QCOMPARE(r.code, code);
    QVERIFY2(!r.err.isEmpty(), "an error message on stderr");
    QVERIFY(r.out.isEmpty() || code == ExitUsage);
}

void TestOtactl::importShowList()
{
    const QString hex = testData(kHex);
    Run r = run({QStringLiteral("firmware"), QStringLiteral("import"), hex, QStringLiteral("--product"),
                 QStringLiteral("board"), QStringLiteral("--version"), QStringLiteral("1.0")});
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY2(r.out.contains(QStringLiteral("Imported entry 1 hello_world.hex")), qPrintable(r.out));
    QVERIFY(r.out.contains(shaHex(fileBytes(hex))));
    // Same again: already present, same id.
    r = run({QStringLiteral("--json"), QStringLiteral("firmware"), QStringLiteral("import"), hex, QStringLiteral("--product"),
             QStringLiteral("board"), QStringLiteral("--version"), QStringLiteral("1.0")});
    QCOMPARE(r.code, int(ExitOk));
    const QJsonObject imported = r.json().array().at(0).toObject();
    QVERIFY(imported.value(QStringLiteral("alreadyPresent")).toBool());
    QCOMPARE(imported.value(QStringLiteral("entries")).toArray().at(0).toObject().value(QStringLiteral("id")).toInt(), 1);

    QCOMPARE(importOne(testData(kMcuboot)), 2);
    r = run({QStringLiteral("firmware"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(r.code, int(ExitOk));
    QCOMPARE(r.json().array().size(), 2);
    r = run({QStringLiteral("firmware"), QStringLiteral("list"), QStringLiteral("--product"), QStringLiteral("board"),
             QStringLiteral("--json")});
    QCOMPARE(r.json().array().size(), 1);
    r = run({QStringLiteral("firmware"), QStringLiteral("list"), QStringLiteral("--search"), QStringLiteral("payload"),
             QStringLiteral("--sort"), QStringLiteral("name")});
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY(r.out.contains(QStringLiteral("payload.signed")));
    QVERIFY(!r.out.contains(QStringLiteral("hello_world")));
    // The table shows whole names (columns fit their content) with every row aligned under the header.
    r = run({QStringLiteral("firmware"), QStringLiteral("list")});
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY2(r.out.contains(QStringLiteral("payload.signed-ecdsa-p256.bin ")), qPrintable(r.out));
    const qsizetype productColumn = lines.first().indexOf(QStringLiteral("PRODUCT"));
    for (const QString &line : lines.mid(1))
        QVERIFY2(line.mid(productColumn - 2, 2) == QStringLiteral("  "), qPrintable(r.out)); // column gap

    r = run({QStringLiteral("firmware"), QStringLiteral("show"), QStringLiteral("1"), QStringLiteral("--json")});
    QCOMPARE(r.code, int(ExitOk));
    const QJsonObject e = r.json().object();
    QCOMPARE(e.value(QStringLiteral("imageSha256")).toString(), shaHex(fileBytes(testData(kBin))));
    QCOMPARE(e.value(QStringLiteral("extent")).toObject().value(QStringLiteral("start")).toString(), QStringLiteral("0x0000c000"));
    QCOMPARE(e.value(QStringLiteral("product")).toString(), QStringLiteral("board"));
    QVERIFY(e.value(QStringLiteral("segments")).isArray());
    // By SHA-256 prefix, human-readable.
    r = run({QStringLiteral("firmware"), QStringLiteral("show"), shaHex(fileBytes(testData(kMcuboot))).left(10)});
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY(r.out.contains(QStringLiteral("MCUboot")));
    QVERIFY(r.out.contains(QStringLiteral("1.2.3+4")));
    QVERIFY(r.out.contains(QStringLiteral("segment")));
}

void TestOtactl::importErrors()
{
    Run r = run({QStringLiteral("firmware"), QStringLiteral("import"), testData(kBadHex)});
    QCOMPARE(r.code, int(ExitInput));
    QVERIFY2(r.err.startsWith(QStringLiteral("otactl: ")), qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("ihex_bad_checksum_and_trailing_data.hex:line 1")), qPrintable(r.err));
    r = run({QStringLiteral("firmware"), QStringLiteral("import"), m_dir->filePath(QStringLiteral("missing.hex"))});
    QCOMPARE(r.code, int(ExitIo));
    // Nothing was imported.
    r = run({QStringLiteral("firmware"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(r.json().array().size(), 0);
    r = run({QStringLiteral("firmware"), QStringLiteral("import"), testData(kBin), QStringLiteral("--base-address"),
             QStringLiteral("zz")});
    QCOMPARE(r.code, int(ExitUsage));
}

void TestOtactl::inspectDoesNotImport()
{
    Run r = run({QStringLiteral("firmware"), QStringLiteral("inspect"), testData(kHex), QStringLiteral("--json")});
    QCOMPARE(r.code, int(ExitOk));
    QCOMPARE(r.json().object().value(QStringLiteral("format")).toString(), QStringLiteral("ihex"));
    QCOMPARE(r.json().object().value(QStringLiteral("imageSha256")).toString(), shaHex(fileBytes(testData(kBin))));
    r = run({QStringLiteral("firmware"), QStringLiteral("inspect"), testData(kMcuboot)});
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY(r.out.contains(QStringLiteral("MCUboot")));
    r = run({QStringLiteral("firmware"), QStringLiteral("inspect"), testData(kBadHex)});
    QCOMPARE(r.code, int(ExitInput));
    QVERIFY(r.err.contains(QStringLiteral("line 1")));
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("ws/library.sqlite"))));
}

void TestOtactl::exportFormats()
{
    QCOMPARE(importOne(testData(kHex)), 1);
    const QString binSha = shaHex(fileBytes(testData(kBin)));
    for (const QString &name : {QStringLiteral("app.v1.2.hex"), QStringLiteral("app.s19"), QStringLiteral("app.srec"),
                                QStringLiteral("app.bin"), QStringLiteral("app.elf")}) {
        const QString out = m_dir->filePath(name);
        Run r = run({QStringLiteral("firmware"), QStringLiteral("export"), QStringLiteral("1"), out});
        QVERIFY2(r.code == ExitOk, qPrintable(name + QLatin1Char(' ') + r.err));
        QVERIFY(QFile::exists(out));
        // Re-read through otactl itself: the image is unchanged.
        QStringList inspect{QStringLiteral("firmware"), QStringLiteral("inspect"), out, QStringLiteral("--json")};
        if (name.endsWith(QStringLiteral(".bin")))
            inspect << QStringLiteral("--base-address") << QStringLiteral("0xC000");
        r = run(inspect);
        QCOMPARE(r.code, int(ExitOk));
        QCOMPARE(r.json().object().value(QStringLiteral("imageSha256")).toString(), binSha);
    }
    QCOMPARE(shaHex(fileBytes(m_dir->filePath(QStringLiteral("app.bin")))), binSha);
    Run r = run({QStringLiteral("firmware"), QStringLiteral("export"), QStringLiteral("1"), m_dir->filePath(QStringLiteral("o.x")),
                 QStringLiteral("--format"), QStringLiteral("srec"), QStringLiteral("--json")});
    QCOMPARE(r.code, int(ExitOk));
    QCOMPARE(r.json().object().value(QStringLiteral("format")).toString(), QStringLiteral("srec"));
    r = run({QStringLiteral("firmware"), QStringLiteral("export"), QStringLiteral("1"), m_dir->filePath(QStringLiteral("orig")),
             QStringLiteral("--format"), QStringLiteral("original")});
    QCOMPARE(r.code, int(ExitOk));
    QCOMPARE(fileBytes(m_dir->filePath(QStringLiteral("orig"))), fileBytes(testData(kHex)));
    r = run({QStringLiteral("firmware"), QStringLiteral("export"), QStringLiteral("9"), m_dir->filePath(QStringLiteral("a.hex"))});
    QCOMPARE(r.code, int(ExitNotFound));
}

void TestOtactl::exportOptions()
{
    QCOMPARE(importOne(testData(kHex)), 1);
    const QByteArray bin = fileBytes(testData(kBin));
    const QString part = m_dir->filePath(QStringLiteral("part.bin"));
    Run r = run({QStringLiteral("firmware"), QStringLiteral("export"), QStringLiteral("1"), part, QStringLiteral("--range"),
                 QStringLiteral("0xC100-0xC200")});
    QCOMPARE(r.code, int(ExitOk));
    QCOMPARE(fileBytes(part), bin.mid(0x100, 0x100));
    r = run({QStringLiteral("firmware"), QStringLiteral("export"), QStringLiteral("1"), part, QStringLiteral("--range"),
             QStringLiteral("0xC000+16")});
    QCOMPARE(fileBytes(part), bin.left(16));
    const QString hex8 = m_dir->filePath(QStringLiteral("eight.hex"));
    r = run({QStringLiteral("firmware"), QStringLiteral("export"), QStringLiteral("1"), hex8, QStringLiteral("--bytes-per-record"),
             QStringLiteral("8")});
    QCOMPARE(r.code, int(ExitOk));
    const QList<QByteArray> lines = fileBytes(hex8).split('\n');
    QVERIFY(lines.size() > bin.size() / 8);
    QVERIFY(lines.first().startsWith(":08") || lines.at(1).startsWith(":08"));
    for (const QStringList &bad : {QStringList{QStringLiteral("--range"), QStringLiteral("0x200-0x100")},
                                   QStringList{QStringLiteral("--fill"), QStringLiteral("1FF")},
                                   QStringList{QStringLiteral("--bytes-per-record"), QStringLiteral("0")}}) {
        r = run(QStringList{QStringLiteral("firmware"), QStringLiteral("export"), QStringLiteral("1"), part} + bad);
        QCOMPARE(r.code, int(ExitUsage));
    }
    r = run({QStringLiteral("firmware"), QStringLiteral("export"), QStringLiteral("1"), part, QStringLiteral("--range"),
             QStringLiteral("0x100-0x200")});
    QCOMPARE(r.code, int(ExitUsage)); // no data there
}

void TestOtactl::convert()
{
    const QString out = m_dir->filePath(QStringLiteral("hello.bin"));
    Run r = run({QStringLiteral("firmware"), QStringLiteral("convert"), testData(kHex), out});
    QCOMPARE(r.code, int(ExitOk));
    QCOMPARE(fileBytes(out), fileBytes(testData(kBin)));
    const QString srec = m_dir->filePath(QStringLiteral("hello.mot"));
    r = run({QStringLiteral("firmware"), QStringLiteral("convert"), testData(kBin), srec, QStringLiteral("--base-address"),
             QStringLiteral("0xC000"), QStringLiteral("--json")});
    QCOMPARE(r.code, int(ExitOk));
    QCOMPARE(r.json().object().value(QStringLiteral("format")).toString(), QStringLiteral("srec"));
    r = run({QStringLiteral("firmware"), QStringLiteral("convert"), testData(kBadHex), out});
    QCOMPARE(r.code, int(ExitInput));
    QVERIFY(r.err.contains(QStringLiteral("line 1")));
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("ws/library.sqlite")))); // no library needed
}

void TestOtactl::removeEntry()
{
    QCOMPARE(importOne(testData(kHex)), 1);
    Run r = run({QStringLiteral("firmware"), QStringLiteral("remove"), QStringLiteral("1")});
    QCOMPARE(r.code, int(ExitOk));
    QCOMPARE(run({QStringLiteral("firmware"), QStringLiteral("show"), QStringLiteral("1")}).code, int(ExitNotFound));
    QCOMPARE(run({QStringLiteral("firmware"), QStringLiteral("remove"), QStringLiteral("1")}).code, int(ExitNotFound));
    QDir blobs(m_dir->filePath(QStringLiteral("ws/blobs/sha256")));
    QCOMPARE(blobs.entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 0);
}

void TestOtactl::bundles()
{
    QCOMPARE(importOne(testData(kHex)), 1);
    QCOMPARE(importOne(testData(QStringLiteral("firmware/pybricks/ReadMe_OSS.txt")), {QStringLiteral("--auxiliary")}), 2);
    Run r = run({QStringLiteral("bundle"), QStringLiteral("create"), QStringLiteral("release"), QStringLiteral("1:app"),
                 QStringLiteral("2:notices"), QStringLiteral("--product"), QStringLiteral("board"), QStringLiteral("--version"),
                 QStringLiteral("2.0"), QStringLiteral("--json")});
    QCOMPARE(r.code, int(ExitOk));
    const qint64 id = r.json().object().value(QStringLiteral("id")).toInteger();
    QVERIFY(id > 0);
    QCOMPARE(r.json().object().value(QStringLiteral("items")).toArray().size(), 2);
    r = run({QStringLiteral("bundle"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(r.code, int(ExitOk));
    QCOMPARE(r.json().array().size(), 1);
    r = run({QStringLiteral("bundle"), QStringLiteral("show"), QString::number(id)});
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY(r.out.contains(QStringLiteral("app:")));
    QVERIFY(r.out.contains(QStringLiteral("notices:")));
    const QString zip = m_dir->filePath(QStringLiteral("release.zip"));
    r = run({QStringLiteral("bundle"), QStringLiteral("export"), QString::number(id), zip});
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY(fileBytes(zip).startsWith("PK\x03\x04"));
    r = run({QStringLiteral("bundle"), QStringLiteral("create"), QStringLiteral("bad"), QStringLiteral("99:x")});
    QCOMPARE(r.code, int(ExitNotFound));
    r = run({QStringLiteral("bundle"), QStringLiteral("create"), QStringLiteral("bad"), QStringLiteral("1:x"),
             QStringLiteral("2:x")});
    QCOMPARE(r.code, int(ExitUsage)); // duplicate component names
}

void TestOtactl::zipPackage()
{
    const QString hub = testData(QStringLiteral("firmware/pybricks/7.27.0/cityhub/"));
    library::ZipWriter w;
    w.add(QStringLiteral("firmware-base.bin"), fileBytes(hub + QStringLiteral("firmware-base.bin")));
    w.add(QStringLiteral("firmware.metadata.json"), fileBytes(hub + QStringLiteral("firmware.metadata.json")));
    const QString path = m_dir->filePath(QStringLiteral("cityhub.zip"));
    QVERIFY(w.writeTo(path));
    Run r = run({QStringLiteral("firmware"), QStringLiteral("import"), path, QStringLiteral("--json")});
    QCOMPARE(r.code, int(ExitOk));
    const QJsonObject o = r.json().array().at(0).toObject();
    QCOMPARE(o.value(QStringLiteral("bundle")).toObject().value(QStringLiteral("product")).toString(), QStringLiteral("cityhub"));
    QCOMPARE(o.value(QStringLiteral("entries")).toArray().size(), 2);
    // A damaged zip is an input error.
    QByteArray bad = fileBytes(path);
    bad.chop(10);
    QFile f(m_dir->filePath(QStringLiteral("bad.zip")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bad);
    f.close();
    r = run({QStringLiteral("firmware"), QStringLiteral("import"), f.fileName()});
    QCOMPARE(r.code, int(ExitInput));
    QVERIFY(r.err.contains(QStringLiteral("bad.zip")));
}

QTEST_GUILESS_MAIN(TestOtactl)
#include "tst_otactl.moc"
