// Delta patch sizes and speed against the usual peers, all computed in the same run (issue 8):
//   bench_delta [REPO_ROOT]     (default: the current directory, run from the repository root)
// For every firmware pair (the shared Pybricks pairs 7.27.0 -> 7.28.0 and tests/data/delta's 7.22.0 -> 7.27.0):
//   ours        DeltaEncoder::create (auto: Thumb-2-aware and generic, the smaller kept, verified by decoding);
//               encode CPU time (best of 3) and decode speed of the C core (MB/s of new image per CPU second,
//               best of 5; CPU time because the build machine is shared)
//   bsdiff      `bsdiff OLD NEW PATCH` (Debian bsdiff 4.3: bzip2 streams)
//   xdelta3     `xdelta3 -9 -e -f -s OLD NEW PATCH`
//   zstd        `zstd -q -f -19 --patch-from=OLD NEW -o PATCH`
// and prints a table with the sizes and the ratios against bsdiff, then the median ratio over the Cortex-M pairs
// and the goals (median <= 0.5x bsdiff, never larger than bsdiff, 300 KiB encoded <= 5 s, decode > 10 MB/s).
// Exit code 2 if a peer tool is missing or fails, 1 if a round trip fails.
#include "core/delta/DeltaApplier.h"
#include "core/delta/DeltaEncoder.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <algorithm>
#include <ctime>

using namespace otadesk;

namespace {

struct Pair
{
    QString name;
    QString oldPath;
    QString newPath;
};

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Runs a peer tool and returns the size of the patch it wrote (-1 on failure).
qint64 peer(const QString &program, const QStringList &args, const QString &output)
{
    QFile::remove(output);
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(300000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        QTextStream(stderr) << program << " failed: " << p.readAllStandardError() << '\n';
        return -1;
    }
    return QFileInfo(output).size();
}

QString ratio(qint64 a, qint64 b) { return b > 0 ? QString::number(double(a) / double(b), 'f', 2) : QStringLiteral("-"); }

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QDir root(argc > 1 ? QString::fromLocal8Bit(argv[1]) : QDir::currentPath());
    const QString shared = root.filePath(QStringLiteral("../shared/testdata/firmware/pybricks/%1/%2/firmware-base.bin"));
    const QString local = root.filePath(QStringLiteral("tests/data/delta/pybricks/%1/%2/firmware-base.bin"));
    QList<Pair> pairs;
    for (const char *hub : {"primehub", "cityhub"})
        pairs.append({QStringLiteral("%1 7.27.0->7.28.0").arg(QLatin1String(hub)),
                      shared.arg(QStringLiteral("7.27.0"), QLatin1String(hub)),
                      shared.arg(QStringLiteral("7.28.0"), QLatin1String(hub))});
    for (const char *hub : {"technichub", "essentialhub", "movehub"})
        pairs.append({QStringLiteral("%1 7.22.0->7.27.0").arg(QLatin1String(hub)),
                      local.arg(QStringLiteral("7.22.0"), QLatin1String(hub)),
                      local.arg(QStringLiteral("7.27.0"), QLatin1String(hub))});
    for (const char *tool : {"bsdiff", "xdelta3", "zstd"})
        if (QStandardPaths::findExecutable(QLatin1String(tool)).isEmpty()) {
            QTextStream(stderr) << tool << " is not installed (scripts/lib.sh installs bsdiff, xdelta3, zstd)\n";
            return 2;
        }
    QTemporaryDir tmp;
    QTextStream out(stdout);
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11\n")
               .arg(QStringLiteral("pair"), -30)
               .arg(QStringLiteral("new"), 8)
               .arg(QStringLiteral("ours"), 8)
               .arg(QStringLiteral("mode"), 8)
               .arg(QStringLiteral("bsdiff"), 8)
               .arg(QStringLiteral("xdelta3"), 8)
               .arg(QStringLiteral("zstd"), 8)
               .arg(QStringLiteral("ours/bs"), 8)
               .arg(QStringLiteral("xd/bs"), 6)
               .arg(QStringLiteral("encode"), 8)
               .arg(QStringLiteral("decode"), 10);
    QList<double> ratios;
    bool neverLarger = true;
    double worstEncodePerKiB300 = 0, slowestDecode = 1e9;
    for (const Pair &pair : pairs) {
        const QByteArray oldImage = readFile(pair.oldPath), newImage = readFile(pair.newPath);
        if (oldImage.isEmpty() || newImage.isEmpty()) {
            QTextStream(stderr) << "missing " << pair.oldPath << " or " << pair.newPath << '\n';
            return 2;
        }
        qint64 encodeMs = std::numeric_limits<qint64>::max();
        QByteArray patch;
        QString mode;
        for (int i = 0; i < 3; ++i) {
            const std::clock_t start = std::clock(); // CPU time, see the decode speed below
            auto created = delta::DeltaEncoder::create(oldImage, newImage);
            encodeMs = std::min(encodeMs, qint64(double(std::clock() - start) * 1000.0 / CLOCKS_PER_SEC));
            if (!created) {
                QTextStream(stderr) << pair.name << ": " << created.error().message() << '\n';
                return 1;
            }
            patch = created->patch;
            mode = created->info.modeName();
        }
        // Decode speed from the process's CPU time (the machine may be shared; wall time would measure the
        // other jobs), best of 5.
        qint64 decodeNs = std::numeric_limits<qint64>::max();
        for (int i = 0; i < 5; ++i) {
            const std::clock_t start = std::clock();
            auto applied = delta::DeltaApplier::apply(oldImage, patch);
            decodeNs = std::min(decodeNs, qint64(double(std::clock() - start) * 1e9 / CLOCKS_PER_SEC));
            if (!applied || *applied != newImage) {
                QTextStream(stderr) << pair.name << ": round trip failed\n";
                return 1;
            }
        }
        const QString o = tmp.filePath(QStringLiteral("patch"));
        const qint64 bs = peer(QStringLiteral("bsdiff"), {pair.oldPath, pair.newPath, o}, o);
        const qint64 xd = peer(QStringLiteral("xdelta3"), {QStringLiteral("-9"), QStringLiteral("-e"), QStringLiteral("-f"),
                                                           QStringLiteral("-s"), pair.oldPath, pair.newPath, o}, o);
        const qint64 zs = peer(QStringLiteral("zstd"), {QStringLiteral("-q"), QStringLiteral("-f"), QStringLiteral("-19"),
                                                        QStringLiteral("--patch-from=") + pair.oldPath, pair.newPath,
                                                        QStringLiteral("-o"), o}, o);
        if (bs < 0 || xd < 0 || zs < 0)
            return 2;
        const double mbps = double(newImage.size()) / (double(decodeNs) / 1e9) / 1e6;
        ratios.append(double(patch.size()) / double(bs));
        neverLarger = neverLarger && patch.size() <= bs;
        worstEncodePerKiB300 = std::max(worstEncodePerKiB300, double(encodeMs) / 1000.0 * (300.0 * 1024 / double(newImage.size())));
        slowestDecode = std::min(slowestDecode, mbps);
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11\n")
                   .arg(pair.name, -30)
                   .arg(newImage.size(), 8)
                   .arg(patch.size(), 8)
                   .arg(mode, 8)
                   .arg(bs, 8)
                   .arg(xd, 8)
                   .arg(zs, 8)
                   .arg(ratio(patch.size(), bs), 8)
                   .arg(ratio(xd, bs), 6)
                   .arg(QStringLiteral("%1 ms").arg(encodeMs), 8)
                   .arg(QStringLiteral("%1 MB/s").arg(mbps, 0, 'f', 1), 10);
        out.flush();
    }
    std::sort(ratios.begin(), ratios.end());
    const double median = ratios[ratios.size() / 2];
    out << '\n'
        << QStringLiteral("median ours/bsdiff over the %1 Cortex-M pairs: %2 (goal <= 0.50: %3)\n")
               .arg(ratios.size())
               .arg(median, 0, 'f', 2)
               .arg(median <= 0.5 ? QStringLiteral("met") : QStringLiteral("MISSED"))
        << QStringLiteral("never larger than bsdiff: %1\n").arg(neverLarger ? QStringLiteral("met") : QStringLiteral("MISSED"))
        << QStringLiteral("encode time scaled to 300 KiB (worst pair): %1 s (goal <= 5 s: %2)\n")
               .arg(worstEncodePerKiB300, 0, 'f', 2)
               .arg(worstEncodePerKiB300 <= 5 ? QStringLiteral("met") : QStringLiteral("MISSED"))
        << QStringLiteral("slowest decode (C core + chunk checks + SHA-256): %1 MB/s (goal > 10: %2)\n")
               .arg(slowestDecode, 0, 'f', 1)
               .arg(slowestDecode > 10 ? QStringLiteral("met") : QStringLiteral("MISSED"));
    return 0;
}
