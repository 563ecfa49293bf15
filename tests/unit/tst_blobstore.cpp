// core/store BlobStore: content-addressed payload files. Streaming a 200 MB blob with bounded memory (peak
// RSS measured), a wrong SHA-256 or an abandoned writer leaves nothing visible, concurrent writers of the
// same blob, and kill -9 of a writing process (this binary re-run as a child with --blob-child) leaves no
// corrupt visible state.
#include "core/crypto/Digest.h"
#include "core/store/BlobStore.h"

#include <cstdio>
#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace otadesk;
using namespace otadesk::store;

namespace test {
template <typename R> QString why(const R &r)
{
    return r.has_value() ? QString() : r.error().message();
}
} // namespace test

namespace {
QString hexSha256(QByteArrayView data)
{
    return QString::fromLatin1(crypto::sha256(data).toHex());
}

// Deterministic, incompressible-looking content for chunk n.
QByteArray chunkData(int n, qsizetype size)
{
    QByteArray out(size, Qt::Uninitialized);
    quint64 x = 0x9E3779B97F4A7C15ULL * quint64(n + 1);
    for (qsizetype i = 0; i + 8 <= size; i += 8) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        memcpy(out.data() + i, &x, 8);
    }
    return out;
}

// Peak / current resident set size of this process in KiB, from /proc/self/status.
qint64 procStatusKb(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

QStringList filesUnder(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << it.next();
    return out;
}

constexpr qsizetype kChildChunk = 1 << 20;

// Child mode: store blob A completely, report it, then stream blob B until killed.
int runChild(const QString &root)
{
    BlobStore store(root);
    auto a = store.store(chunkData(1, kChildChunk));
    if (!a)
        return 2;
    std::printf("A %s\n", qPrintable(a->sha256));
    std::fflush(stdout);
    auto w = store.begin();
    if (!w)
        return 3;
    for (int i = 0; i < 100000; ++i) {
        if (!(*w)->append(chunkData(i + 2, kChildChunk)))
            return 4;
        if (i == 3) {
            std::printf("B writing\n");
            std::fflush(stdout);
        }
        QThread::msleep(2);
    }
    return 5; // not reached: the parent kills us
}
} // namespace

class TstBlobStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip()
    {
        QTemporaryDir dir;
        BlobStore store(dir.path());
        const QByteArray data = chunkData(7, 100000);
        const QString sha = hexSha256(data);
        auto stored = store.store(data, sha.toUpper());
        QVERIFY2(stored.has_value(), qPrintable(test::why(stored)));
        QCOMPARE(stored->sha256, sha);
        QCOMPARE(stored->size, data.size());
        QVERIFY(stored->created);
        QCOMPARE(store.pathFor(sha), dir.path() + QStringLiteral("/sha256/") + sha.left(2) + u'/' + sha);
        QVERIFY(store.contains(sha));
        QCOMPARE(*store.size(sha), data.size());
        auto device = store.open(sha);
        QVERIFY(device.has_value());
        QVERIFY((*device)->isSequential() == false);
        QVERIFY((*device)->seek(1000));
        QCOMPARE((*device)->read(10), data.mid(1000, 10));
        QVERIFY((*device)->seek(0));
        QCOMPARE((*device)->readAll(), data);
        auto again = store.store(data, sha);
        QVERIFY(again.has_value());
        QVERIFY(!again->created);
        QVERIFY(filesUnder(dir.path() + QStringLiteral("/tmp")).isEmpty());
        QCOMPARE(store.open(QStringLiteral("nothex")).error().code(), ErrorCode::InvalidArgument);
        QCOMPARE(store.open(hexSha256("other")).error().code(), ErrorCode::NotFound);
        QVERIFY(store.remove(sha).has_value());
        QVERIFY(!store.contains(sha));
    }

    void wrongDigestLeavesNothing()
    {
        QTemporaryDir dir;
        BlobStore store(dir.path());
        auto w = store.begin();
        QVERIFY(w.has_value());
        const QByteArray data = chunkData(3, 300000);
        QVERIFY((*w)->append(data));
        const QString temp = (*w)->temporaryPath();
        QVERIFY(QFile::exists(temp));
        auto r = (*w)->finish(hexSha256("something else"));
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code(), ErrorCode::Checksum);
        QVERIFY(!QFile::exists(temp));
        QVERIFY(!store.contains(hexSha256(data)));
        QVERIFY(filesUnder(dir.path()).isEmpty());
        QVERIFY(!(*w)->append(data)); // finished writers refuse more data

        // An abandoned writer (e.g. a dropped upload) removes its temporary file.
        {
            auto abandoned = store.begin();
            QVERIFY((*abandoned)->append(data));
        }
        QVERIFY(filesUnder(dir.path()).isEmpty());
    }

    void streaming200MbBoundedMemory()
    {
        QTemporaryDir dir(
            QDir(QStringLiteral(OTADESK_BINARY_DIR)).filePath(QStringLiteral("blobstore-XXXXXX")));
        QVERIFY(dir.isValid());
        BlobStore store(dir.path());
        constexpr int kChunks = 200;
        constexpr qsizetype kChunk = 1 << 20;
        QList<QByteArray> pattern;
        for (int i = 0; i < 4; ++i)
            pattern << chunkData(i, kChunk);
        const qint64 hwmBefore = procStatusKb("VmHWM");
        crypto::Digest expected;
        QElapsedTimer timer;
        timer.start();
        auto w = store.begin();
        QVERIFY(w.has_value());
        for (int i = 0; i < kChunks; ++i) {
            QByteArray chunk = pattern.at(i % 4);
            memcpy(chunk.data(), &i, sizeof i); // every chunk differs
            expected.addData(chunk);
            QVERIFY((*w)->append(chunk));
        }
        const QString sha = QString::fromLatin1(expected.result().toHex());
        auto info = (*w)->finish(sha);
        const qint64 writeMs = timer.elapsed();
        QVERIFY2(info.has_value(), qPrintable(test::why(info)));
        QCOMPARE(info->size, qint64(kChunks) * kChunk);
        const qint64 hwmAfter = procStatusKb("VmHWM");
        qInfo("200 MiB streamed into the blob store in %lld ms (%.0f MiB/s, incl. SHA-256 twice and fsync); "
              "VmHWM %lld KiB before, %lld KiB after (+%lld KiB)",
              writeMs, kChunks * 1000.0 / std::max<qint64>(writeMs, 1), hwmBefore, hwmAfter,
              hwmAfter - hwmBefore);
        QVERIFY2(hwmAfter - hwmBefore < 32 * 1024,
                 "writing a 200 MiB blob must not grow the peak RSS by 32 MiB");

        timer.restart();
        auto device = store.open(sha);
        QVERIFY(device.has_value());
        crypto::Digest check;
        QVERIFY(check.addData(device->get()));
        QCOMPARE(QString::fromLatin1(check.result().toHex()), sha);
        qInfo("read back and hashed in %lld ms; VmHWM now %lld KiB", timer.elapsed(), procStatusKb("VmHWM"));
        QVERIFY(procStatusKb("VmHWM") - hwmBefore < 32 * 1024);
    }

    void concurrentWritersOfOneBlob()
    {
        QTemporaryDir dir;
        BlobStore store(dir.path());
        constexpr int kWriters = 8;
        const QByteArray data = chunkData(11, 4 << 20);
        const QString sha = hexSha256(data);
        std::atomic<int> ok{0};
        std::atomic<int> created{0};
        QList<QThread *> threads;
        for (int t = 0; t < kWriters; ++t) {
            threads << QThread::create([&] {
                auto w = store.begin();
                if (!w)
                    return;
                for (qsizetype off = 0; off < data.size(); off += 65536) {
                    if (!(*w)->append(
                            QByteArrayView(data).sliced(off, std::min<qsizetype>(65536, data.size() - off))))
                        return;
                }
                auto r = (*w)->finish(sha);
                if (r) {
                    ++ok;
                    created += r->created ? 1 : 0;
                }
            });
        }
        for (QThread *t : threads)
            t->start();
        for (QThread *t : threads) {
            QVERIFY(t->wait(60000));
            delete t;
        }
        QCOMPARE(ok.load(), kWriters);
        QVERIFY(created.load() >= 1);
        qInfo("%d concurrent writers: all succeeded, %d renamed (the others found the blob present)",
              kWriters, created.load());
        QCOMPARE(filesUnder(dir.path() + QStringLiteral("/sha256")), QStringList{store.pathFor(sha)});
        QVERIFY(filesUnder(dir.path() + QStringLiteral("/tmp")).isEmpty());
        QCOMPARE((*store.open(sha))->readAll(), data);
    }

    void killedWriterLeavesNoCorruptBlob()
    {
        QTemporaryDir dir;
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--blob-child"), dir.path()});
        QVERIFY(child.waitForStarted());
        QByteArray out;
        QElapsedTimer timer;
        timer.start();
        while (!out.contains("B writing") && timer.elapsed() < 30000) {
            child.waitForReadyRead(1000);
            out += child.readAllStandardOutput();
        }
        QVERIFY2(out.contains("B writing"), out.constData());
        child.kill(); // SIGKILL: no destructor, no cleanup
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        const QString shaA = QString::fromLatin1(out.split('\n').first().mid(2));
        BlobStore store(dir.path());
        // Blob A was acknowledged: it is complete. Blob B is not visible at all, only as a temporary file.
        QCOMPARE(filesUnder(dir.path() + QStringLiteral("/sha256")), QStringList{store.pathFor(shaA)});
        QCOMPARE((*store.open(shaA))->readAll(), chunkData(1, kChildChunk));
        const QStringList temps = filesUnder(dir.path() + QStringLiteral("/tmp"));
        QCOMPARE(temps.size(), 1);
        qInfo("killed writer left %lld bytes in %s", QFileInfo(temps.first()).size(),
              qPrintable(temps.first()));
        QCOMPARE(store.purgeTemporaryFiles(3600 * 1000), 0); // fresh: could belong to a live writer
        QCOMPARE(store.purgeTemporaryFiles(0), 1);
        QVERIFY(filesUnder(dir.path() + QStringLiteral("/tmp")).isEmpty());
        QVERIFY(store.store("after the crash").has_value());
    }
};

int main(int argc, char **argv)
{
    if (argc >= 3 && qstrcmp(argv[1], "--blob-child") == 0) {
        QCoreApplication app(argc, argv);
        return runChild(QString::fromLocal8Bit(argv[2]));
    }
    QCoreApplication app(argc, argv);
    TstBlobStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_blobstore.moc"
