// Intel HEX / S-record reading speed against srec_cat (Debian "srecord").
//   bench_formats [MiB]     (default 16)
// Generates a deterministic sparse image (several segments from 0x08000000), writes it as .hex and .s19 into
// a temporary folder, then times, for each format:
//   ours parse      read + parse + flatten of the in-memory file (best of 5)
//   ours convert    the whole file→.bin conversion in process, like srec_cat does it: map the file, parse,
//                   flatten, write the .bin (best of 5)
//   otactl convert  the same as a process: `otactl firmware convert IN OUT.bin --fill 00` (best of 3),
//                   start-up included, the like-for-like figure against the srec_cat process
//   srec_cat        `srec_cat IN [-intel] -offset -0x08000000 -o OUT -binary` (best of 3; the offset makes
//                   the .bin start at the lowest address as ours does, instead of 128 MiB of holes from 0)
// checks that both .bin files are identical (srec_cat leaves holes as 0x00, so ours flattens with 0x00) and
// prints seconds, MiB/s of input text and the speed ratio ours/srec_cat. Exit code 1 if outputs differ,
// 2 if srec_cat is missing or fails.
#include "core/firmware/FormatRegistry.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <algorithm>
#include <functional>

using namespace otadesk;
using namespace otadesk::firmware;

namespace {

constexpr quint64 kBase = 0x08000000;

MemoryImage makeImage(quint64 totalBytes)
{
    // Four segments: 1/2, 1/4, 3/16 and 1/16 of the data, separated by gaps; the last one starts just below a
    // 64 KiB boundary so extended-address records change mid-segment.
    QRandomGenerator rng(20240611);
    const quint64 sizes[] = {totalBytes / 2, totalBytes / 4, totalBytes * 3 / 16,
                             totalBytes - totalBytes / 2 - totalBytes / 4 - totalBytes * 3 / 16};
    MemoryImage image;
    quint64 address = kBase;
    for (quint64 size : sizes) {
        QByteArray bytes(qsizetype(size), Qt::Uninitialized);
        rng.fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
        (void)image.write(address, bytes);
        address = ((address + size + 0x100000) | 0xFFFF) + 1 - 0x1C;
    }
    image.setEntryPoint(kBase + 0x121);
    return image;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

double bestOf(int runs, const std::function<bool()> &fn)
{
    double best = 1e9;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        if (!fn())
            return -1;
        best = std::min(best, double(t.nsecsElapsed()) / 1e9);
    }
    return best;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const quint64 mib = argc > 1 ? QByteArray(argv[1]).toULongLong() : 16;
    const QString srecCat = QStandardPaths::findExecutable(QStringLiteral("srec_cat"));
    if (srecCat.isEmpty()) {
        out << "srec_cat not found (install the Debian package srecord)\n";
        return 2;
    }
    QTemporaryDir dir;
    const MemoryImage image = makeImage(mib << 20);
    const FormatRegistry &reg = FormatRegistry::instance();
    const ImageFormat *bin = reg.byId(QStringLiteral("bin"));
    out << QStringLiteral("image: %1 MiB in %2 segments, %3\n")
               .arg(mib)
               .arg(image.segmentCount())
               .arg(formatRange(image.extent()));
    out << QStringLiteral("%1 %2 %3 %4 %5\n")
               .arg(QStringLiteral("tool"), -16)
               .arg(QStringLiteral("format"), -7)
               .arg(QStringLiteral("seconds"), 9)
               .arg(QStringLiteral("MiB/s"), 9)
               .arg(QStringLiteral("ours/srec_cat"), 14);
    int status = 0;
    for (const char *id : {"ihex", "srec"}) {
        const ImageFormat *format = reg.byId(QLatin1String(id));
        const bool isHex = QByteArrayView(id) == "ihex";
        const QString input = dir.filePath(isHex ? QStringLiteral("image.hex") : QStringLiteral("image.s19"));
        const QByteArray text = *format->write(image, {});
        if (!writeFile(input, text))
            return 2;
        const double textMiB = double(text.size()) / (1 << 20);

        const double parse = bestOf(5, [&] {
            const auto r = format->read(text, {});
            return r && r->image.flatten().has_value();
        });
        const QString ourBin = dir.filePath(QStringLiteral("ours.bin"));
        WriteOptions zeroFill;
        zeroFill.fill = 0x00;
        const double convert = bestOf(5, [&] {
            ReadOptions noDigest;
            noDigest.fileDigest = false;
            const auto loaded = loadImageFile(input, noDigest, QLatin1String(id));
            if (!loaded)
                return false;
            const auto flat = bin->write(loaded->result.image, zeroFill);
            return flat && writeFile(ourBin, *flat);
        });
        const QString cliBin = dir.filePath(QStringLiteral("otactl.bin"));
        const double cli = bestOf(3, [&] {
            QProcess p;
            p.start(QStringLiteral(OTACTL_PATH), {QStringLiteral("firmware"), QStringLiteral("convert"), input,
                                                  cliBin, QStringLiteral("--fill"), QStringLiteral("00")});
            return p.waitForFinished(600000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
        });
        const QString theirBin = dir.filePath(QStringLiteral("theirs.bin"));
        QStringList args{input};
        if (isHex)
            args << QStringLiteral("-intel");
        args << QStringLiteral("-offset") << QStringLiteral("-0x%1").arg(kBase, 0, 16) << QStringLiteral("-o")
             << theirBin << QStringLiteral("-binary");
        const double theirs = bestOf(3, [&] {
            QProcess p;
            p.start(srecCat, args);
            return p.waitForFinished(600000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
        });
        if (parse < 0 || convert < 0 || cli < 0 || theirs < 0) {
            out << "a run failed for " << id << "\n";
            return 2;
        }
        const QByteArray theirBytes = readFile(theirBin);
        const bool same = readFile(ourBin) == theirBytes && readFile(cliBin) == theirBytes && !theirBytes.isEmpty();
        const auto row = [&](const QString &tool, double seconds, bool ratio) {
            out << QStringLiteral("%1 %2 %3 %4 %5\n")
                       .arg(tool, -16)
                       .arg(QLatin1String(id), -7)
                       .arg(seconds, 9, 'f', 4)
                       .arg(textMiB / seconds, 9, 'f', 1)
                       .arg(ratio ? QStringLiteral("%1x").arg(theirs / seconds, 0, 'f', 1) : QString(), 14);
        };
        row(QStringLiteral("ours parse"), parse, true);
        row(QStringLiteral("ours convert"), convert, true);
        row(QStringLiteral("otactl convert"), cli, true);
        row(QStringLiteral("srec_cat"), theirs, false);
        out << QStringLiteral("  %1: %2 MiB of text, .bin outputs %3\n")
                   .arg(QLatin1String(id))
                   .arg(textMiB, 0, 'f', 1)
                   .arg(same ? QStringLiteral("identical") : QStringLiteral("DIFFER"));
        out.flush();
        if (!same)
            status = 1;
    }
    return status;
}
