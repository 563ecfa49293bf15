// The ELF reader and writer, checked against the system toolchain: programs built at test time with cc / ld
// must flatten to exactly what `objcopy -O binary` writes; files we write must be accepted by objcopy and
// readelf and read back unchanged. Corrupted files: tst_elf_corrupt.cpp.
#include "core/firmware/FormatRegistry.h"
#include "ElfTestTools.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace otadesk;
using namespace otadesk::firmware;
using namespace otadesk::test;

namespace {

const char *kFirmwareSource = R"(
volatile unsigned int counter = 0x12345678;
const char banner[] = "OTA Desk test firmware";
unsigned int zeroed[64];
void reset(void) { for (;;) { counter += banner[counter & 15]; zeroed[counter & 63] = counter; } }
)";

const char *kHostedSource = R"(
#include <stdio.h>
int table[4] = {1, 2, 3, 4};
int main(void) { printf("%d\n", table[0]); return 0; }
)";

// Cortex-M style layout: code and initialised data in FLASH, .data runs from RAM (VMA != LMA).
const char *kFirmwareScript = R"(
MEMORY { FLASH (rx) : ORIGIN = 0x08000000, LENGTH = 256K
         RAM (rwx) : ORIGIN = 0x20000000, LENGTH = 64K }
ENTRY(reset)
SECTIONS {
  .text : { *(.text*) *(.rodata*) } > FLASH
  .data : { *(.data*) } > RAM AT > FLASH
  .bss (NOLOAD) : { *(.bss*) *(COMMON) } > RAM
  /DISCARD/ : { *(.note*) *(.eh_frame*) *(.comment) }
}
)";

// For `ld -b binary`: two output sections, the second loaded at an address other than where it runs.
const char *kBinaryScript = R"(
SECTIONS { . = 0x10000; .data : { *(.data) } .more 0x20000 : AT(0x12000) { LONG(0xdeadbeef) BYTE(7) } }
)";

const ImageFormat &elfFormat()
{
    return *FormatRegistry::instance().byId(QStringLiteral("elf"));
}

QVariantMap elfMeta(const MemoryImage &image)
{
    return image.metadata().value(QStringLiteral("elf")).toMap();
}

MemoryImage randomImage(quint64 base, int segments, quint32 seed)
{
    QRandomGenerator rng(seed);
    MemoryImage image;
    quint64 address = base;
    for (int i = 0; i < segments; ++i) {
        address += 1 + rng.bounded(4096);
        QByteArray bytes(1 + rng.bounded(700), Qt::Uninitialized);
        for (char &c : bytes)
            c = char(rng.bounded(256));
        image.appendOrdered(address, bytes);
        address += quint64(bytes.size());
    }
    image.setEntryPoint(image.segments().first().address + 1);
    return image;
}

} // namespace

class TestElf : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void probe()
    {
        QCOMPARE(elfFormat().probe("\x7f"
                                   "ELF\x01\x01\x01"),
                 int(Certain));
        QCOMPARE(elfFormat().probe("\x7f"
                                   "EL"),
                 int(NotMine));
        QCOMPARE(elfFormat().probe(":10000000"), int(NotMine));
        QCOMPARE(FormatRegistry::instance()
                     .detect(QByteArray("\x7f"
                                        "ELF\x02\x01\x01",
                                        7))
                     ->id(),
                 QStringLiteral("elf"));
    }

    void realElfMatchesObjcopy_data()
    {
        QTest::addColumn<QString>("linker"); // "cc" or "ld"
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("symbol");
        QTest::addColumn<QString>("section");
        QTest::addColumn<bool>("lmaDiffers");
        const QStringList freestanding{QStringLiteral("-O1"),
                                       QStringLiteral("-ffreestanding"),
                                       QStringLiteral("-fno-pie"),
                                       QStringLiteral("-no-pie"),
                                       QStringLiteral("-nostdlib"),
                                       QStringLiteral("-static"),
                                       QStringLiteral("-fno-asynchronous-unwind-tables"),
                                       QStringLiteral("-Wl,--build-id=none")};
        const QStringList ttext{QStringLiteral("-Wl,-Ttext=0x08000000"), QStringLiteral("-Wl,-e,reset")};
        const QString fw = QString::fromLatin1(kFirmwareSource);
        QTest::newRow("freestanding-ttext-elf64")
            << QStringLiteral("cc") << freestanding + ttext << fw << QStringLiteral("reset")
            << QStringLiteral(".text") << false;
        QTest::newRow("freestanding-ttext-elf32")
            << QStringLiteral("cc") << freestanding + ttext + QStringList{QStringLiteral("-m32")} << fw
            << QStringLiteral("counter") << QStringLiteral(".data") << false;
        QTest::newRow("linker-script-lma")
            << QStringLiteral("cc") << freestanding + QStringList{QStringLiteral("-Tfw.ld")} << fw
            << QStringLiteral("counter") << QStringLiteral(".data") << true;
        QTest::newRow("hosted-pie") << QStringLiteral("cc")
                                    << QStringList{QStringLiteral("-O1"), QStringLiteral("-fPIE"),
                                                   QStringLiteral("-pie")}
                                    << QString::fromLatin1(kHostedSource) << QStringLiteral("main")
                                    << QStringLiteral(".rodata") << false;
        QTest::newRow("hosted-tls") << QStringLiteral("cc") << QStringList{QStringLiteral("-O1")}
                                    << QStringLiteral(
                                           "__thread int tls = 5;\nint main(void) { return tls; }\n")
                                    << QStringLiteral("main") << QStringLiteral(".tdata") << false;
        QTest::newRow("hosted-static")
            << QStringLiteral("cc") << QStringList{QStringLiteral("-O1"), QStringLiteral("-static")}
            << QString::fromLatin1(kHostedSource) << QStringLiteral("table") << QStringLiteral(".data")
            << false;
        QTest::newRow("ld-binary-elf32-big")
            << QStringLiteral("ld") << QStringList{QStringLiteral("elf32-big")} << QString()
            << QStringLiteral("_binary_data_bin_start") << QStringLiteral(".more") << true;
        QTest::newRow("ld-binary-elf64-big")
            << QStringLiteral("ld") << QStringList{QStringLiteral("elf64-big")} << QString()
            << QStringLiteral("_binary_data_bin_end") << QStringLiteral(".data") << true;
    }

    void realElfMatchesObjcopy()
    {
        QFETCH(QString, linker);
        QFETCH(QStringList, args);
        QFETCH(QString, source);
        QFETCH(QString, symbol);
        QFETCH(QString, section);
        QFETCH(bool, lmaDiffers);
        if (!haveTools({linker, QStringLiteral("objcopy"), QStringLiteral("readelf"), QStringLiteral("nm")}))
            QSKIP("cc/ld, objcopy, readelf or nm is not installed");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString elfPath = dir.filePath(QStringLiteral("prog.elf"));
        ToolRun built;
        if (linker == QStringLiteral("cc")) {
            QVERIFY(writeAll(dir.filePath(QStringLiteral("prog.c")), source.toUtf8()));
            QVERIFY(writeAll(dir.filePath(QStringLiteral("fw.ld")), kFirmwareScript));
            built = runTool(QStringLiteral("cc"),
                            args + QStringList{QStringLiteral("-o"), elfPath, QStringLiteral("prog.c")},
                            dir.path());
        } else {
            QByteArray data(333, Qt::Uninitialized);
            for (int i = 0; i < data.size(); ++i)
                data[i] = char(i * 7 + 3);
            QVERIFY(writeAll(dir.filePath(QStringLiteral("data.bin")), data));
            QVERIFY(writeAll(dir.filePath(QStringLiteral("bin.ld")), kBinaryScript));
            built = runTool(QStringLiteral("ld"),
                            {QStringLiteral("-b"), QStringLiteral("binary"), QStringLiteral("--oformat"),
                             args.first(), QStringLiteral("-T"), QStringLiteral("bin.ld"),
                             QStringLiteral("data.bin"), QStringLiteral("-o"), elfPath},
                            dir.path());
        }
        if (!built.ok() && args.contains(QStringLiteral("-m32")))
            QSKIP("the C compiler cannot build 32-bit x86 programs here");
        if (!built.ok() && args.contains(QStringLiteral("-static")) &&
            source.contains(QStringLiteral("stdio")))
            QSKIP("no static C library installed");
        QVERIFY2(built.ok(), built.err.constData());

        const QByteArray content = readAll(elfPath);
        QCOMPARE(elfFormat().probe(content.first(std::min<qsizetype>(content.size(), 4096))), int(Certain));
        auto read = elfFormat().read(content, {});
        QVERIFY2(read, qPrintable(read ? QString() : read.error().toString()));
        const MemoryImage &image = read->image;
        QVERIFY(!image.isEmpty());

        // Byte for byte what objcopy -O binary writes (gaps filled with 0, objcopy's default gap fill).
        // Host binutils only recognise host machines by themselves; name the generic target for the others.
        const QStringList input =
            linker == QStringLiteral("ld") ? QStringList{QStringLiteral("-I"), args.first()} : QStringList();
        const QString binPath = dir.filePath(QStringLiteral("prog.bin"));
        QVERIFY(runTool(QStringLiteral("objcopy"),
                        input + QStringList{QStringLiteral("-O"), QStringLiteral("binary"), elfPath, binPath})
                    .ok());
        auto flat = image.flatten(0x00);
        QVERIFY(flat);
        QCOMPARE(flat->size(), readAll(binPath).size());
        QVERIFY(*flat == readAll(binPath));

        // Program headers and entry as readelf reports them.
        const QVariantMap meta = elfMeta(image);
        const ToolRun headers = runTool(QStringLiteral("readelf"), {QStringLiteral("-hlW"), elfPath});
        QVERIFY(headers.ok());
        const QList<LoadLine> loads = readelfLoads(headers.out);
        QVERIFY(!loads.isEmpty());
        QList<LoadLine> ours;
        for (const QVariant &v : meta.value(QStringLiteral("segments")).toList()) {
            const QVariantMap s = v.toMap();
            if (s.value(QStringLiteral("type")).toString() == QStringLiteral("LOAD"))
                ours.append({s.value(QStringLiteral("offset")).toULongLong(),
                             s.value(QStringLiteral("virtualAddress")).toULongLong(),
                             s.value(QStringLiteral("physicalAddress")).toULongLong(),
                             s.value(QStringLiteral("fileSize")).toULongLong(),
                             s.value(QStringLiteral("memorySize")).toULongLong()});
        }
        QCOMPARE(ours.size(), loads.size());
        for (qsizetype i = 0; i < loads.size(); ++i) {
            QCOMPARE(ours.at(i).offset, loads.at(i).offset);
            QCOMPARE(ours.at(i).vaddr, loads.at(i).vaddr);
            QCOMPARE(ours.at(i).paddr, loads.at(i).paddr);
            QCOMPARE(ours.at(i).filesz, loads.at(i).filesz);
            QCOMPARE(ours.at(i).memsz, loads.at(i).memsz);
        }
        // Every byte of the image lies in the file part of some PT_LOAD, at its physical address.
        MemoryImage loadRanges;
        for (const LoadLine &l : loads)
            QVERIFY(loadRanges.write(l.paddr, QByteArray(qsizetype(l.filesz), 0), OverlapPolicy::LastWins));
        for (const Segment &seg : image.segments()) {
            bool inside = false;
            for (const Segment &l : loadRanges.segments())
                inside = inside || (seg.address >= l.address && seg.end() <= l.end());
            QVERIFY2(inside, qPrintable(formatAddress(seg.address)));
        }
        QCOMPARE(qint64(image.entryPoint().value_or(0)), readelfEntry(headers.out));
        const bool is64 = headers.out.contains("ELF64");
        QCOMPARE(meta.value(QStringLiteral("class")).toString(),
                 is64 ? QStringLiteral("ELF64") : QStringLiteral("ELF32"));
        QCOMPARE(meta.value(QStringLiteral("endianness")).toString(),
                 headers.out.contains("big endian") ? QStringLiteral("big") : QStringLiteral("little"));

        // Sections and symbols.
        bool sectionFound = false;
        for (const QVariant &v : meta.value(QStringLiteral("sections")).toList())
            sectionFound = sectionFound || v.toMap().value(QStringLiteral("name")).toString() == section;
        QVERIFY2(sectionFound, qPrintable(section));
        const qint64 expectedValue = nmValue(runTool(QStringLiteral("nm"), {elfPath}).out, symbol);
        QVERIFY(expectedValue >= 0);
        bool symbolFound = false;
        for (const QVariant &v : meta.value(QStringLiteral("symbols")).toList()) {
            const QVariantMap s = v.toMap();
            if (s.value(QStringLiteral("name")).toString() == symbol) {
                QCOMPARE(qint64(s.value(QStringLiteral("value")).toULongLong()), expectedValue);
                symbolFound = true;
            }
        }
        QVERIFY2(symbolFound, qPrintable(symbol));
        QCOMPARE(meta.value(QStringLiteral("symbolsTruncated")).toBool(), false);
        bool vmaNote = false;
        for (const QString &n : meta.value(QStringLiteral("notes")).toStringList())
            vmaNote = vmaNote || n.contains(QStringLiteral("virtual address"));
        QCOMPARE(vmaNote, lmaDiffers);

        // Written back as ELF, objcopy still sees the same bytes, and we read the same image.
        auto written = elfFormat().write(image, {});
        QVERIFY(written);
        const QString againPath = dir.filePath(QStringLiteral("again.elf"));
        QVERIFY(writeAll(againPath, *written));
        const QString writtenTarget =
            written->at(4) == 2 ? QStringLiteral("elf64-little") : QStringLiteral("elf32-little");
        QVERIFY(runTool(QStringLiteral("objcopy"), {QStringLiteral("-I"), writtenTarget, QStringLiteral("-O"),
                                                    QStringLiteral("binary"), againPath, binPath})
                    .ok());
        QVERIFY(readAll(binPath) == *flat);
        auto again = elfFormat().read(*written, {});
        QVERIFY(again);
        QVERIFY(again->image == image);
        QCOMPARE(elfMeta(again->image).value(QStringLiteral("machineNumber")),
                 meta.value(QStringLiteral("machineNumber")));
    }

    void strippedProgramUsesDynsym()
    {
        if (!haveTools({QStringLiteral("cc"), QStringLiteral("strip")}))
            QSKIP("cc or strip is not installed");
        QTemporaryDir dir;
        QVERIFY(writeAll(dir.filePath(QStringLiteral("prog.c")), kHostedSource));
        const QString elfPath = dir.filePath(QStringLiteral("prog"));
        QVERIFY(runTool(QStringLiteral("cc"), {QStringLiteral("-o"), elfPath, QStringLiteral("prog.c")},
                        dir.path())
                    .ok());
        QVERIFY(runTool(QStringLiteral("strip"), {elfPath}).ok());
        auto read = elfFormat().read(readAll(elfPath), {});
        QVERIFY2(read, qPrintable(read ? QString() : read.error().toString()));
        const QVariantMap meta = elfMeta(read->image);
        QCOMPARE(meta.value(QStringLiteral("symbolTable")).toString(), QStringLiteral(".dynsym"));
        QCOMPARE(meta.value(QStringLiteral("type")).toString(), QStringLiteral("DYN"));
        QCOMPARE(meta.value(QStringLiteral("machine")).toString(), QStringLiteral("x86-64"));
        bool printfFound = false;
        for (const QVariant &v : meta.value(QStringLiteral("symbols")).toList())
            printfFound =
                printfFound ||
                v.toMap().value(QStringLiteral("name")).toString().startsWith(QStringLiteral("printf"));
        QVERIFY(printfFound);
    }

    void objectFileIsRejected()
    {
        if (!haveTools({QStringLiteral("cc")}))
            QSKIP("cc is not installed");
        QTemporaryDir dir;
        QVERIFY(writeAll(dir.filePath(QStringLiteral("prog.c")), kFirmwareSource));
        QVERIFY(runTool(QStringLiteral("cc"),
                        {QStringLiteral("-c"), QStringLiteral("-o"), QStringLiteral("prog.o"),
                         QStringLiteral("prog.c")},
                        dir.path())
                    .ok());
        auto read = elfFormat().read(readAll(dir.filePath(QStringLiteral("prog.o"))), {});
        QVERIFY(!read);
        QVERIFY(read.error().message().contains(QStringLiteral("ET_REL")));
        QVERIFY(read.error().message().contains(QStringLiteral("Link it first")));
        QCOMPARE(read.error().where().offset, qint64(16));
    }

    void writerIsAcceptedByBinutils_data()
    {
        QTest::addColumn<quint64>("base");
        QTest::addColumn<int>("segments");
        QTest::addColumn<QString>("elfClass");
        QTest::newRow("elf32-one") << quint64(0x08000000) << 1 << QStringLiteral("ELF32");
        QTest::newRow("elf32-sparse") << quint64(0x08000000) << 40 << QStringLiteral("ELF32");
        QTest::newRow("elf32-top-of-4g") << quint64(0xffff0000) << 12 << QStringLiteral("ELF32");
        QTest::newRow("elf64-above-4g") << quint64(0x100000000) << 25 << QStringLiteral("ELF64");
        QTest::newRow("elf64-straddling-4g") << quint64(0xfffff000) << 8 << QStringLiteral("ELF64");
    }

    void writerIsAcceptedByBinutils()
    {
        QFETCH(quint64, base);
        QFETCH(int, segments);
        QFETCH(QString, elfClass);
        MemoryImage image = randomImage(base, segments, quint32(base ^ quint64(segments)));
        if (base == 0xffff0000) // must stay below 4 GiB for ELF32
            image = image.slice({0, quint64(1) << 32});
        auto written = elfFormat().write(image, {});
        QVERIFY(written);
        auto back = elfFormat().read(*written, {});
        QVERIFY2(back, qPrintable(back ? QString() : back.error().toString()));
        QVERIFY(back->image == image);
        QCOMPARE(elfMeta(back->image).value(QStringLiteral("class")).toString(), elfClass);
        QVERIFY(back->overlaps.isEmpty());

        if (!haveTools({QStringLiteral("objcopy"), QStringLiteral("readelf")}))
            QSKIP("objcopy or readelf is not installed");
        QTemporaryDir dir;
        const QString elfPath = dir.filePath(QStringLiteral("out.elf"));
        QVERIFY(writeAll(elfPath, *written));
        const ToolRun all = runTool(QStringLiteral("readelf"), {QStringLiteral("-aW"), elfPath});
        QVERIFY2(all.ok() && all.err.isEmpty(), all.err.constData());
        QVERIFY(all.out.contains(elfClass.toLatin1()));
        QCOMPARE(qint64(image.entryPoint().value_or(0)), readelfEntry(all.out));
        QCOMPARE(readelfLoads(all.out).size(), image.segmentCount());
        const QString binPath = dir.filePath(QStringLiteral("out.bin"));
        const QString target = elfClass == QStringLiteral("ELF64") ? QStringLiteral("elf64-little")
                                                                   : QStringLiteral("elf32-little");
        const ToolRun objcopy =
            runTool(QStringLiteral("objcopy"), {QStringLiteral("-I"), target, QStringLiteral("-O"),
                                                QStringLiteral("binary"), elfPath, binPath});
        QVERIFY2(objcopy.ok() && objcopy.err.isEmpty(), objcopy.err.constData());
        QVERIFY(readAll(binPath) == *image.flatten(0x00));
        if (elfClass == QStringLiteral("ELF64"))
            return; // Intel HEX cannot address above 4 GiB
        const QString hexPath = dir.filePath(QStringLiteral("out.hex"));
        const ToolRun ihex =
            runTool(QStringLiteral("objcopy"), {QStringLiteral("-I"), target, QStringLiteral("-O"),
                                                QStringLiteral("ihex"), elfPath, hexPath});
        QVERIFY2(ihex.ok() && ihex.err.isEmpty(), ihex.err.constData());
        // Cross-check with our Intel HEX reader, when it is there.
        auto hex = FormatRegistry::instance().byId(QStringLiteral("ihex"))->read(readAll(hexPath), {});
        if (!hex && hex.error().code() == ErrorCode::Unsupported)
            QSKIP("the Intel HEX reader is not implemented yet");
        QVERIFY2(hex, qPrintable(hex ? QString() : hex.error().toString()));
        QCOMPARE(hex->image.segments(), image.segments());
    }

    void writerKeepsSectionNamesAndMachine()
    {
        MemoryImage image;
        QVERIFY(image.write(0x08000000, QByteArray(64, 'c')));
        QVERIFY(image.write(0x08001000, QByteArray(16, 'd')));
        image.metadata().insert(
            QStringLiteral("elf"),
            QVariantMap{{QStringLiteral("machineNumber"), 40},
                        {QStringLiteral("sections"),
                         QVariantList{QVariantMap{{QStringLiteral("name"), QStringLiteral(".text")},
                                                  {QStringLiteral("loadAddress"), 0x08000000},
                                                  {QStringLiteral("size"), 64},
                                                  {QStringLiteral("flagBits"), 6}},
                                      QVariantMap{{QStringLiteral("name"), QStringLiteral(".rodata")},
                                                  {QStringLiteral("loadAddress"), 0x08001000},
                                                  {QStringLiteral("size"), 17}}}}});
        auto written = elfFormat().write(image, {});
        QVERIFY(written);
        auto back = elfFormat().read(*written, {});
        QVERIFY(back);
        const QVariantMap meta = elfMeta(back->image);
        QCOMPARE(meta.value(QStringLiteral("machine")).toString(), QStringLiteral("ARM"));
        QStringList names;
        for (const QVariant &v : meta.value(QStringLiteral("sections")).toList())
            names.append(v.toMap().value(QStringLiteral("name")).toString());
        QCOMPARE(names, (QStringList{QString(), QStringLiteral(".text"), QStringLiteral(".data1"),
                                     QStringLiteral(".shstrtab")}));
        QVERIFY(back->image == image);
    }

    void extendedNumberingRoundTrips()
    {
        MemoryImage image;
        for (int i = 0; i < 70000; ++i)
            QVERIFY(image.appendOrdered(0x1000 + quint64(i) * 4, QByteArray(1, char(i))));
        auto written = elfFormat().write(image, {});
        QVERIFY(written);
        QCOMPARE(readLE(*written, 44, 2), quint64(0xffff)); // e_phnum = PN_XNUM
        QCOMPARE(readLE(*written, 48, 2), quint64(0));      // e_shnum in section 0
        auto back = elfFormat().read(*written, {});
        QVERIFY2(back, qPrintable(back ? QString() : back.error().toString()));
        QVERIFY(back->image == image);
        if (!haveTools({QStringLiteral("readelf")}))
            QSKIP("readelf is not installed");
        QTemporaryDir dir;
        QVERIFY(writeAll(dir.filePath(QStringLiteral("x.elf")), *written));
        const ToolRun h =
            runTool(QStringLiteral("readelf"), {QStringLiteral("-h"), dir.filePath(QStringLiteral("x.elf"))});
        QVERIFY2(h.ok() && h.err.isEmpty(), h.err.constData());
        QVERIFY(h.out.contains("70000"));
    }

    void overlappingSegmentsFollowThePolicy()
    {
        // Two PT_LOADs (and their sections) at overlapping load addresses with different bytes.
        MemoryImage image;
        QVERIFY(image.write(0x1000, QByteArray(32, 'a')));
        QVERIFY(image.write(0x2000, QByteArray(32, 'b')));
        QByteArray elf = *elfFormat().write(image, {});
        const qsizetype ph1 = 52 + 32;     // second program header (ELF32)
        patchLE(elf, ph1 + 12, 0x1010, 4); // p_paddr
        const qsizetype shoff = qsizetype(readLE(elf, 32, 4));
        patchLE(elf, shoff + 2 * 40 + 12, 0x1010, 4); // its section's sh_addr
        patchLE(elf, ph1 + 8, 0x1010, 4);             // and p_vaddr, so the section lies in the segment
        ReadOptions lastWins;
        lastWins.overlaps = OverlapPolicy::LastWins;
        auto r = elfFormat().read(elf, lastWins);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().toString()));
        QCOMPARE(r->overlaps, (QList<AddressRange>{{0x1010, 0x1020}}));
        QCOMPARE(r->image.segmentCount(), 1);
        QCOMPARE(*r->image.flatten(), QByteArray(16, 'a') + QByteArray(32, 'b'));
        ReadOptions reject;
        reject.overlaps = OverlapPolicy::Reject;
        auto rejected = elfFormat().read(elf, reject);
        QVERIFY(!rejected);
        QCOMPARE(rejected.error().code(), ErrorCode::Overlap);
        QVERIFY(rejected.error().where().record > 0);
    }
};

QTEST_GUILESS_MAIN(TestElf)
#include "tst_elf.moc"
