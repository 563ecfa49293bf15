// Corrupted ELF files: a table of broken headers, every truncation and random mutations must give a clean
// Error whose offset lies inside the input (and the 1-based entry number where one is at fault), never a
// crash.
#include "core/firmware/FormatRegistry.h"
#include "ElfTestTools.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace otadesk;
using namespace otadesk::firmware;
using namespace otadesk::test;

namespace {
const ImageFormat &elfFormat()
{
    return *FormatRegistry::instance().byId(QStringLiteral("elf"));
}
const char *kHostedSource = "#include <stdio.h>\nint main(void) { puts(\"hi\"); return 0; }\n";
} // namespace

class TestElfCorrupt : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void corruptedHeadersGiveCleanErrors_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("fragment");
        QTest::addColumn<qint64>("record"); // -1: not checked
        QTest::newRow("empty") << QByteArray() << QStringLiteral("not an ELF file") << qint64(-1);
        QTest::newRow("magic-only") << QByteArray("\x7f"
                                                  "ELF",
                                                  4)
                                    << QStringLiteral("16-byte") << qint64(-1);
        for (const bool is64 : {false, true}) {
            const QByteArray base = baseFile(is64);
            const Layout l = layout(is64);
            const auto row = [&](const char *name) {
                return &QTest::newRow(
                    qPrintable((is64 ? QStringLiteral("64-") : QStringLiteral("32-")) + QLatin1String(name)));
            };
            const auto patched = [&](qsizetype offset, quint64 value, int bytes) {
                QByteArray d = base;
                patchLE(d, offset, value, bytes);
                return d;
            };
            const quint64 maxWord = is64 ? ~quint64(0) : 0xffffffffu;
            const quint64 size = quint64(base.size());
            const qsizetype ph0 = qsizetype(l.ehdr), sh1 = qsizetype(readLE(base, l.shoff, l.word)) + l.shdr;
            const qsizetype shstr = qsizetype(readLE(base, l.shoff, l.word)) + 4 * l.shdr; // 3 segments
            *row("header-truncated") << base.first(l.ehdr - 1) << QStringLiteral("ELF header") << qint64(-1);
            *row("bad-class") << patched(4, 3, 1) << QStringLiteral("class") << qint64(-1);
            *row("bad-endianness") << patched(5, 0, 1) << QStringLiteral("data encoding") << qint64(-1);
            *row("bad-version") << patched(6, 2, 1) << QStringLiteral("version") << qint64(-1);
            *row("phoff-past-eof") << patched(l.phoff, size + 100, l.word)
                                   << QStringLiteral("program header table") << qint64(-1);
            *row("phoff-overflow") << patched(l.phoff, maxWord - 8, l.word)
                                   << QStringLiteral("program header table") << qint64(-1);
            *row("huge-phnum") << patched(l.phnum, 0xfffe, 2) << QStringLiteral("program header table")
                               << qint64(-1);
            {
                QByteArray d = patched(l.phnum, 0xffff, 2); // PN_XNUM: the count is in section 0's sh_info
                patchLE(d, qsizetype(readLE(base, l.shoff, l.word)) + (is64 ? 44 : 28), 0xffffffff, 4);
                *row("xnum-huge-phnum") << d << QStringLiteral("program header table") << qint64(-1);
            }
            *row("small-phentsize") << patched(l.phentsize, 8, 2) << QStringLiteral("e_phentsize")
                                    << qint64(-1);
            *row("p_offset-overflow") << patched(ph0 + l.pOffset, maxWord - 0x10, l.word)
                                      << QStringLiteral("Program header [0]") << qint64(1);
            *row("p_filesz-past-eof") << patched(ph0 + l.pFilesz, size, l.word)
                                      << QStringLiteral("Program header [0]") << qint64(1);
            *row("filesz-above-memsz")
                << patched(ph0 + l.pMemsz, 1, l.word) << QStringLiteral("memory size") << qint64(1);
            *row("shoff-past-eof") << patched(l.shoff, size + 1, l.word)
                                   << QStringLiteral("section header table") << qint64(-1);
            *row("huge-shnum") << patched(l.shnum, 0xfeff, 2) << QStringLiteral("section header table")
                               << qint64(-1);
            {
                QByteArray d = patched(l.shnum, 0, 2); // extended: the count is in section 0's sh_size
                patchLE(d, qsizetype(readLE(base, l.shoff, l.word)) + (is64 ? 32 : 20), maxWord, l.word);
                *row("extended-huge-shnum") << d << QStringLiteral("section header table") << qint64(-1);
            }
            *row("small-shentsize") << patched(l.shentsize, 4, 2) << QStringLiteral("e_shentsize")
                                    << qint64(-1);
            *row("shoff-zero-with-sections")
                << patched(l.shoff, 0, l.word) << QStringLiteral("e_shoff is 0") << qint64(-1);
            *row("shstrndx-out-of-range")
                << patched(l.shstrndx, 77, 2) << QStringLiteral("out of range") << qint64(-1);
            *row("name-not-terminated")
                << patched(shstr + l.shSize, readLE(base, shstr + l.shSize, l.word) - 1, l.word)
                << QStringLiteral("not terminated") << qint64(5);
            *row("name-past-table") << patched(sh1, 0xffff, 4) << QStringLiteral("past the end") << qint64(2);
            *row("section-past-eof") << patched(sh1 + l.shOffset, size - 2, l.word)
                                     << QStringLiteral("Section [1]") << qint64(2);
            *row("section-offset-overflow")
                << patched(sh1 + l.shOffset, maxWord, l.word) << QStringLiteral("Section [1]") << qint64(2);
            {
                QByteArray d = base;
                for (int i = 0; i < 3; ++i)
                    patchLE(d, ph0 + i * l.phdr, 0, 4); // PT_NULL
                *row("no-pt-load") << d << QStringLiteral("no loadable data") << qint64(-1);
            }
            {
                QByteArray d = patched(16, 1, 2); // ET_REL without program headers
                patchLE(d, l.phnum, 0, 2);
                *row("relocatable") << d << QStringLiteral("ET_REL") << qint64(-1);
            }
            if (!is64)
                *row("address-wraps-32-bit")
                    << patched(ph0 + 12, 0xfffffffa, 4) << QStringLiteral("address space") << qint64(1);
        }
    }

    void corruptedHeadersGiveCleanErrors()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, fragment);
        QFETCH(qint64, record);
        auto r = elfFormat().read(content, {});
        QVERIFY2(!r, "corrupted file was accepted");
        const Error &e = r.error();
        QVERIFY2(e.message().contains(fragment, Qt::CaseInsensitive), qPrintable(e.toString()));
        QVERIFY2(e.where().offset >= 0 && e.where().offset <= content.size(), qPrintable(e.toString()));
        if (record >= 0)
            QCOMPARE(e.where().record, record);
    }

    void everyTruncationIsAnError()
    {
        QList<QByteArray> files{baseFile(false), baseFile(true)};
        if (haveTools({QStringLiteral("cc")})) {
            QTemporaryDir dir;
            QVERIFY(writeAll(dir.filePath(QStringLiteral("p.c")), kHostedSource));
            if (runTool(QStringLiteral("cc"),
                        {QStringLiteral("-o"), QStringLiteral("p"), QStringLiteral("p.c")}, dir.path())
                    .ok())
                files.append(readAll(dir.filePath(QStringLiteral("p"))));
        }
        for (const QByteArray &file : std::as_const(files)) {
            QVERIFY(elfFormat().read(file, {}));
            const qsizetype step = file.size() > 4096 ? 7 : 1;
            for (qsizetype n = 0; n < file.size(); n += step) {
                auto r = elfFormat().read(file.first(n), {});
                QVERIFY2(!r, qPrintable(QStringLiteral("truncated at %1 accepted").arg(n)));
                QVERIFY2(r.error().where().offset >= 0 && r.error().where().offset <= n,
                         qPrintable(r.error().toString()));
            }
        }
    }

    void randomMutationsNeverCrash()
    {
        QRandomGenerator rng(20240611);
        int accepted = 0;
        for (const bool is64 : {false, true}) {
            const QByteArray base = baseFile(is64);
            for (int round = 0; round < 3000; ++round) {
                QByteArray d = base;
                const int flips = 1 + int(rng.bounded(4));
                for (int i = 0; i < flips; ++i)
                    d[rng.bounded(int(d.size()))] = char(rng.bounded(256));
                auto r = elfFormat().read(d, {});
                if (!r) {
                    QVERIFY(r.error().where().offset <= d.size());
                    continue;
                }
                ++accepted;
                auto w = elfFormat().write(r->image, {});
                QVERIFY(w);
                auto back = elfFormat().read(*w, {});
                QVERIFY(back);
                QVERIFY(back->image == r->image);
            }
        }
        QVERIFY(accepted > 0); // most flips hit data bytes
    }

private:
    struct Layout
    {
        int word, ehdr, phdr, shdr;
        qsizetype phoff, shoff, phentsize, phnum, shentsize, shnum, shstrndx;
        qsizetype pOffset, pFilesz, pMemsz, shOffset, shSize;
    };
    static Layout layout(bool is64)
    {
        if (is64)
            return {8, 64, 56, 64, 32, 40, 54, 56, 58, 60, 62, 8, 32, 40, 24, 32};
        return {4, 52, 32, 40, 28, 32, 42, 44, 46, 48, 50, 4, 16, 20, 16, 20};
    }
    // A small valid file from our writer: 3 segments, ELF32 below 4 GiB or ELF64 above.
    static QByteArray baseFile(bool is64)
    {
        MemoryImage image;
        const quint64 base = is64 ? 0x200000000ull : 0x08000000u;
        (void)image.write(base, QByteArray("vector table"));
        (void)image.write(base + 0x100, QByteArray(40, 'T'));
        (void)image.write(base + 0x400, QByteArray("data"));
        image.setEntryPoint(base + 0x101);
        return *elfFormat().write(image, {});
    }
};

QTEST_GUILESS_MAIN(TestElfCorrupt)
#include "tst_elf_corrupt.moc"
