// Decoder RAM for profile S (16 KiB): the C decoder core runs in a thread whose stack we own and paint, with its
// whole state (otad_decoder) on that stack and the patch fed in small transport-sized pieces. We measure the
// stack high-water mark from the thread's entry and the heap use (mallinfo2) while it runs; both together must
// stay within 16 KiB, with no heap use at all.
#include "TestData.h"
#include "core/delta/DeltaEncoder.h"
#include "core/delta/decoder/otad_decoder.h"

#include <QtTest>
#include <cstring>
#include <malloc.h>
#include <pthread.h>

using namespace otadesk;

namespace {

constexpr size_t kStackSize = 256 * 1024;
constexpr uint8_t kPaint = 0xA5;

struct Run
{
    const QByteArray *oldImage = nullptr;
    const QByteArray *patch = nullptr;
    QByteArray *out = nullptr;
    uint8_t *stackLow = nullptr;
    size_t stackUsed = 0;
    qint64 heapDelta = 0;
    int status = 0;
};

int readOld(void *ctx, uint32_t offset, uint8_t *buf, uint32_t size)
{
    const auto *run = static_cast<Run *>(ctx);
    if (qint64(offset) + size > run->oldImage->size())
        return -1;
    std::memcpy(buf, run->oldImage->constData() + offset, size);
    return 0;
}

int writeNew(void *ctx, uint32_t offset, const uint8_t *buf, uint32_t size)
{
    auto *run = static_cast<Run *>(ctx);
    if (qint64(offset) + size > run->out->size())
        return -1;
    std::memcpy(run->out->data() + offset, buf, size);
    return 0;
}

__attribute__((noinline)) int decodeAll(Run *run)
{
    otad_decoder d; // the whole decoder state lives on the measured stack
    const auto *p = reinterpret_cast<const uint8_t *>(run->patch->constData());
    int rc = otad_decoder_init(&d, p, OTAD_HEADER_SIZE);
    const otad_io io = {run, readOld, writeNew};
    if (rc > 0)
        rc = otad_check_base(&d.header, &io, uint32_t(run->oldImage->size()));
    for (size_t pos = OTAD_HEADER_SIZE; rc == OTAD_NEED_INPUT && pos < size_t(run->patch->size()); pos += 100) {
        const size_t n = qMin<size_t>(100, size_t(run->patch->size()) - pos);
        rc = otad_decoder_feed(&d, &io, p + pos, n);
    }
    return rc;
}

void *threadMain(void *arg)
{
    auto *run = static_cast<Run *>(arg);
    auto *entry = static_cast<uint8_t *>(__builtin_frame_address(0));
    // Paint everything below this frame (minus a margin for the memset call itself).
    std::memset(run->stackLow, kPaint, size_t(entry - 2048 - run->stackLow));
    const struct mallinfo2 before = mallinfo2();
    run->status = decodeAll(run);
    const struct mallinfo2 after = mallinfo2();
    run->heapDelta = qint64(after.uordblks + after.hblkhd) - qint64(before.uordblks + before.hblkhd);
    const uint8_t *low = run->stackLow;
    while (low < entry && *low == kPaint)
        ++low;
    run->stackUsed = size_t(entry - low);
    return nullptr;
}

} // namespace

class TestDeltaMemory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void profileS_data();
    void profileS();
};

void TestDeltaMemory::profileS_data()
{
    QTest::addColumn<QString>("hub");
    QTest::newRow("primehub") << QStringLiteral("primehub");
    QTest::newRow("cityhub") << QStringLiteral("cityhub");
}

void TestDeltaMemory::profileS()
{
    QFETCH(QString, hub);
    const QByteArray oldImage = test::readFile(test::testData(QStringLiteral("firmware/pybricks/7.27.0/%1/firmware-base.bin").arg(hub)));
    const QByteArray newImage = test::readFile(test::testData(QStringLiteral("firmware/pybricks/7.28.0/%1/firmware-base.bin").arg(hub)));
    QVERIFY(!oldImage.isEmpty() && !newImage.isEmpty());
    auto created = delta::DeltaEncoder::create(oldImage, newImage);
    QVERIFY(created);
    QCOMPARE(created->info.header.mode, quint8(OTAD_MODE_THUMB2));

    QByteArray out(newImage.size(), '\0');
    Run run;
    run.oldImage = &oldImage;
    run.patch = &created->patch;
    run.out = &out;
    void *stack = std::aligned_alloc(4096, kStackSize);
    QVERIFY(stack);
    run.stackLow = static_cast<uint8_t *>(stack);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    QCOMPARE(pthread_attr_setstack(&attr, stack, kStackSize), 0);
    pthread_t thread;
    QCOMPARE(pthread_create(&thread, &attr, threadMain, &run), 0);
    pthread_join(thread, nullptr);
    pthread_attr_destroy(&attr);
    std::free(stack);

    QCOMPARE(run.status, int(OTAD_DONE));
    QCOMPARE(out, newImage);
    qInfo("%s: decoder state %zu bytes, stack high-water %zu bytes (state included), heap %lld bytes",
          qPrintable(hub), sizeof(otad_decoder), run.stackUsed, run.heapDelta);
    QVERIFY(run.stackUsed >= sizeof(otad_decoder)); // the measurement sees the state
    QCOMPARE(run.heapDelta, 0);
    QVERIFY2(run.stackUsed + size_t(run.heapDelta) <= 16 * 1024, qPrintable(QString::number(run.stackUsed)));
}

QTEST_GUILESS_MAIN(TestDeltaMemory)
#include "tst_delta_memory.moc"
