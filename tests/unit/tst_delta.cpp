// Delta format unit tests: synthetic edge cases round-trip, hostile and corrupt patches fail cleanly with the
// right error, chunked apply with digest paths re-fetches a corrupt chunk alone and resumes from a saved state,
// the core's SHA-256 and Merkle tree agree with OpenSSL and ChunkTree.
#include "core/crypto/Digest.h"
#include "core/delta/ChunkTree.h"
#include "core/delta/DeltaApplier.h"
#include "core/delta/DeltaEncoder.h"
#include "core/delta/RangeEncoder.h"
#include "core/delta/decoder/otad_merkle.h"
#include "core/delta/decoder/otad_sha256.h"

#include <QRandomGenerator>
#include <QtTest>
#include <cstring>

using namespace otadesk;
using namespace otadesk::delta;

namespace {
QByteArray randomBytes(qsizetype n, quint32 seed)
{
    QRandomGenerator rng(seed);
    QByteArray out(n, Qt::Uninitialized);
    for (qsizetype i = 0; i < n; ++i)
        out[i] = char(rng.bounded(256));
    return out;
}

// A Thumb-2-like image: a vector table, BL instructions to functions and a pointer table, so that inserting
// code shifts branch targets and pointers the way a new release does.
QByteArray fakeFirmware(int functions, int insertAt, quint32 seed)
{
    QRandomGenerator rng(seed);
    QByteArray image(256, '\0');
    const quint32 base = 0x08000000;
    QList<qsizetype> starts;
    QByteArray code;
    for (int f = 0; f < functions; ++f) {
        starts.append(256 + code.size());
        QRandomGenerator fn(seed * 1000 + quint32(f)); // same function body in both releases
        const int body = 2 * (20 + int(fn.bounded(30))) + (f == insertAt ? 200 : 0); // Thumb code is 2-aligned
        for (int i = 0; i < body; ++i)
            code.append(char((f == insertAt && i < 200 ? rng : fn).bounded(200))); // no 0xF0..: no accidental BLs
        code.append(4 * 2, '\0');               // room for two BLs per function
    }
    image += code;
    // Patch in the BLs: every function calls the next two.
    for (int f = 0; f < functions; ++f) {
        const qsizetype end = (f + 1 < functions ? starts[f + 1] : image.size()) - 8;
        for (int k = 0; k < 2; ++k) {
            const qsizetype at = end + 4 * k;
            const qsizetype target = starts[(f + 1 + k) % functions];
            uint8_t op[4] = {0x00, 0xF0, 0x00, 0xF8};
            otad_branch_encode(reinterpret_cast<uint8_t *>(image.data() + at), op, int32_t(target - at - 4));
        }
    }
    // Pointer table at the end: the address of every function (Thumb bit set).
    while (image.size() % 4)
        image.append('\0');
    for (qsizetype s : starts) {
        const quint32 v = base + quint32(s) + 1;
        image.append(reinterpret_cast<const char *>(&v), 4);
    }
    const quint32 sp = 0x20001000, reset = base + quint32(starts[0]) + 1;
    std::memcpy(image.data(), &sp, 4);
    std::memcpy(image.data() + 4, &reset, 4);
    return image;
}

QByteArray create(const QByteArray &o, const QByteArray &n, DeltaArch arch = DeltaArch::Auto, quint32 chunk = 4096)
{
    DeltaOptions options;
    options.arch = arch;
    options.chunkSize = chunk;
    auto r = DeltaEncoder::create(o, n, options);
    if (!r)
        qWarning() << r.error().message();
    return r ? r->patch : QByteArray();
}

// Rewrites the chunk root after a payload change, so the decoder core itself has to catch the damage.
void rehash(QByteArray &patch)
{
    otad_header h;
    QVERIFY(otad_header_parse(reinterpret_cast<const uint8_t *>(patch.constData()), size_t(patch.size()), &h) > 0);
    h.payload_size = quint32(patch.size() - OTAD_HEADER_SIZE);
    std::memcpy(h.chunk_root, ChunkTree(QByteArrayView(patch).sliced(OTAD_HEADER_SIZE), h.chunk_size).root().constData(), 32);
    otad_header_write(&h, reinterpret_cast<uint8_t *>(patch.data()));
}
} // namespace

class TestDelta : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void edgeCases_data();
    void edgeCases();
    void thumb2PredictsMovedCode();
    void wrongBase();
    void truncatedAndTrailing();
    void flippedBytesDetected();
    void flippedBytesBehindRoot();
    void hostileLengths();
    void headerFields();
    void chunkedApplyRefetchAndResume();
    void sha256MatchesOpenSsl();
    void merkleProofs();
};

void TestDelta::edgeCases_data()
{
    QTest::addColumn<QByteArray>("oldImage");
    QTest::addColumn<QByteArray>("newImage");
    const QByteArray r1 = randomBytes(50000, 1), r2 = randomBytes(30000, 2);
    QByteArray edited = r1;
    edited.insert(1000, randomBytes(300, 3));
    edited.remove(20000, 500);
    edited[40000] = char(edited[40000] ^ 0x55);
    QTest::newRow("both empty") << QByteArray() << QByteArray();
    QTest::newRow("empty old") << QByteArray() << r2;
    QTest::newRow("empty new") << r1 << QByteArray();
    QTest::newRow("identical") << r1 << r1;
    QTest::newRow("unrelated random") << r1 << r2;
    QTest::newRow("old larger than new") << r1 << r1.left(7000);
    QTest::newRow("new larger than old") << r1.left(7000) << r1;
    QTest::newRow("edited") << r1 << edited;
    QTest::newRow("one byte") << QByteArray("a") << QByteArray("b");
    QTest::newRow("erased flash") << QByteArray(20000, '\xff') << QByteArray(24000, '\xff');
    QTest::newRow("fake firmware") << fakeFirmware(300, -1, 7) << fakeFirmware(300, 10, 7);
}

void TestDelta::edgeCases()
{
    QFETCH(QByteArray, oldImage);
    QFETCH(QByteArray, newImage);
    for (DeltaArch arch : {DeltaArch::Auto, DeltaArch::Thumb2, DeltaArch::Generic}) {
        for (quint32 chunk : {64u, 4096u}) {
            const QByteArray patch = create(oldImage, newImage, arch, chunk);
            QVERIFY(!patch.isEmpty());
            auto out = DeltaApplier::apply(oldImage, patch);
            QVERIFY2(out, out ? "" : qPrintable(out.error().message()));
            QCOMPARE(*out, newImage);
        }
    }
    if (oldImage == newImage)
        QVERIFY(create(oldImage, newImage).size() < OTAD_HEADER_SIZE + 200);
    if (oldImage.isEmpty() && newImage.size() > 1000) // incompressible: a literal patch, barely larger
        QVERIFY(create(oldImage, newImage).size() < newImage.size() + OTAD_HEADER_SIZE + newImage.size() / 20);
}

void TestDelta::thumb2PredictsMovedCode()
{
    const QByteArray o = fakeFirmware(400, -1, 11), n = fakeFirmware(400, 5, 11);
    DeltaOptions aware;
    aware.arch = DeltaArch::Thumb2;
    auto a = DeltaEncoder::create(o, n, aware);
    DeltaOptions plain;
    plain.arch = DeltaArch::Generic;
    auto g = DeltaEncoder::create(o, n, plain);
    QVERIFY(a && g);
    QCOMPARE(a->info.header.old_base_address, 0x08000000u);
    QCOMPARE(a->info.header.flags, quint8(0));
    QVERIFY(a->stats.predictedBranches >= 700);
    QVERIFY(a->stats.predictedPointers >= 390);
    QVERIFY(a->stats.nonZeroDiffs < 10); // every moved branch and pointer predicted exactly
    QVERIFY2(a->patch.size() < g->patch.size(),
             qPrintable(QStringLiteral("%1 vs %2").arg(a->patch.size()).arg(g->patch.size())));
}

void TestDelta::wrongBase()
{
    const QByteArray o = randomBytes(5000, 4), n = randomBytes(5000, 5);
    const QByteArray patch = create(o, n);
    QByteArray other = o;
    other[100] = char(other[100] ^ 1);
    auto out = DeltaApplier::apply(other, patch);
    QVERIFY(!out);
    QCOMPARE(out.error().code(), ErrorCode::Checksum);
    QVERIFY(out.error().message().contains(QLatin1String("not the base")));
    auto shorter = DeltaApplier::apply(o.left(4999), patch);
    QVERIFY(!shorter);
    QCOMPARE(shorter.error().code(), ErrorCode::Checksum);
}

void TestDelta::truncatedAndTrailing()
{
    const QByteArray o = fakeFirmware(100, -1, 1), n = fakeFirmware(100, 3, 1);
    const QByteArray patch = create(o, n);
    for (qsizetype cut : {qsizetype(0), qsizetype(10), qsizetype(OTAD_HEADER_SIZE), patch.size() - 1}) {
        auto out = DeltaApplier::apply(o, patch.left(cut));
        QVERIFY(!out);
        QCOMPARE(out.error().code(), ErrorCode::Format);
    }
    auto trailing = DeltaApplier::apply(o, QByteArray(patch + "x"));
    QVERIFY(!trailing);
    QCOMPARE(trailing.error().code(), ErrorCode::Format);
    // Truncated, with the header adjusted to match: the coded stream itself ends early.
    QByteArray cut = patch.left(patch.size() - 3);
    rehash(cut);
    auto out = DeltaApplier::apply(o, cut);
    QVERIFY(!out);
    QVERIFY(out.error().code() == ErrorCode::Format || out.error().code() == ErrorCode::Checksum);
}

void TestDelta::flippedBytesDetected()
{
    const QByteArray o = fakeFirmware(200, -1, 2), n = fakeFirmware(200, 30, 2);
    const QByteArray patch = create(o, n, DeltaArch::Auto, 256);
    for (qsizetype at = OTAD_HEADER_SIZE; at < patch.size(); at += 97) {
        QByteArray bad = patch;
        bad[at] = char(bad[at] ^ 0x10);
        auto out = DeltaApplier::apply(o, bad);
        QVERIFY(!out);
        QCOMPARE(out.error().code(), ErrorCode::Checksum);
    }
}

void TestDelta::flippedBytesBehindRoot()
{
    // An attacker who can also rewrite the root: the decoder core rejects the payload or the target digest.
    const QByteArray o = fakeFirmware(200, -1, 3), n = fakeFirmware(200, 30, 3);
    const QByteArray patch = create(o, n);
    int caught = 0;
    for (qsizetype at = OTAD_HEADER_SIZE; at < patch.size(); at += 7) {
        QByteArray bad = patch;
        bad[at] = char(bad[at] ^ (1 << (at % 8)));
        rehash(bad);
        auto out = DeltaApplier::apply(o, bad);
        if (out) { // the last bytes of the coder's flush do not influence the decoded symbols
            QCOMPARE(*out, n);
            QVERIFY(at >= patch.size() - 4);
            continue;
        }
        QVERIFY(out.error().code() == ErrorCode::Format || out.error().code() == ErrorCode::Checksum);
        ++caught;
    }
    QVERIFY(caught > 20);
}

void TestDelta::hostileLengths()
{
    // Hand-made payloads with impossible seeks and lengths must fail as corrupt, not read or write out of bounds.
    const QByteArray o = randomBytes(1000, 6), n = randomBytes(1000, 7);
    struct Op
    {
        qint64 seek, copy, extra; // seek = change of (old offset - new offset)
    };
    const QList<QList<Op>> cases = {
        {{0, 0xFFFFFFFFll, 0}},   // copy longer than anything
        {{0, 0, 0xFFFFFFF0ll}},   // extra longer than the target
        {{5000, 10, 0}},          // seek past the end of the old image
        {{-1, 10, 0}},            // seek before its start
        {{0, 990, 0}, {0, 20, 0}}, // copy running off the end of old
        {{0, 0, 0}},              // empty op (would never end)
        {{0, 600, 0}, {-600, 600, 0}}, // more output than the target size
    };
    for (const auto &ops : cases) {
        RangeEncoder rc;
        otad_models m;
        RangeEncoder::initModels(m);
        rc.number(m.num[OTAD_NUM_MAP_START], 0);
        for (const Op &op : ops) {
            rc.bit(m.rep[0], 0); // explicit alignment change, not "back to the previous alignment"
            rc.number(m.num[OTAD_NUM_SEEK], RangeEncoder::zigzag(int32_t(op.seek)));
            rc.number(m.num[OTAD_NUM_COPY], quint32(op.copy));
            rc.number(m.num[OTAD_NUM_EXTRA], quint32(op.extra));
            for (int i = 0; i < 64; ++i)
                rc.bit(m.diff_zero[0][0], 0);
        }
        const QByteArray payload = rc.finish();
        otad_header h{};
        h.version = OTAD_VERSION;
        h.profile = OTAD_PROFILE_S;
        h.base_size = quint32(o.size());
        h.target_size = quint32(n.size());
        h.payload_size = quint32(payload.size());
        h.chunk_size = 4096;
        std::memcpy(h.base_sha256, crypto::sha256(o).constData(), 32);
        std::memcpy(h.target_sha256, crypto::sha256(n).constData(), 32);
        std::memcpy(h.chunk_root, ChunkTree(payload, 4096).root().constData(), 32);
        QByteArray patch(OTAD_HEADER_SIZE, '\0');
        otad_header_write(&h, reinterpret_cast<uint8_t *>(patch.data()));
        auto out = DeltaApplier::apply(o, QByteArray(patch + payload));
        QVERIFY(!out);
        QVERIFY2(out.error().code() == ErrorCode::Format, qPrintable(out.error().message()));
    }
}

void TestDelta::headerFields()
{
    const QByteArray o = randomBytes(3000, 8), n = randomBytes(3000, 9);
    const QByteArray patch = create(o, n);
    auto info = DeltaInfo::parse(patch);
    QVERIFY(info);
    QCOMPARE(info->baseSha256, crypto::sha256(o));
    QCOMPARE(info->targetSha256, crypto::sha256(n));
    QCOMPARE(info->header.base_size, 3000u);
    QCOMPARE(info->headerSha256, crypto::sha256(QByteArrayView(patch).first(OTAD_HEADER_SIZE)));
    const struct
    {
        int offset;
        char value;
        ErrorCode code;
    } bad[] = {{0, 'X', ErrorCode::Format},       {8, 2, ErrorCode::Unsupported}, {9, 7, ErrorCode::Unsupported},
               {10, 9, ErrorCode::Unsupported},  {32, 1, ErrorCode::Format} /* chunk size 1 */,
               {40, 1, ErrorCode::Format} /* reserved */};
    for (const auto &b : bad) {
        QByteArray p = patch;
        if (b.offset == 32)
            std::memcpy(p.data() + 32, "\x01\x00\x00\x00", 4);
        else
            p[b.offset] = b.value;
        auto r = DeltaApplier::apply(o, p);
        QVERIFY(!r);
        QCOMPARE(r.error().code(), b.code);
    }
}

void TestDelta::chunkedApplyRefetchAndResume()
{
    const QByteArray o = fakeFirmware(500, -1, 12);
    QByteArray n = fakeFirmware(500, 100, 12);
    for (qsizetype i = 300; i < n.size(); i += 50) // scattered edits: a patch of many chunks
        n[i] = char(n[i] ^ 0x21);
    const QByteArray patch = create(o, n, DeltaArch::Auto, 64);
    auto info = DeltaInfo::parse(patch);
    QVERIFY(info && info->chunkCount > 5);
    const QByteArrayView header = QByteArrayView(patch).first(OTAD_HEADER_SIZE);
    const QByteArrayView payload = QByteArrayView(patch).sliced(OTAD_HEADER_SIZE);
    const ChunkTree tree(payload, 64);
    QCOMPARE(tree.root(), info->chunkRoot);

    QByteArray flash(n.size(), '\0'); // the device's new slot, written at given offsets
    int writes = 0;
    auto reader = [&](quint32 off, uint8_t *buf, quint32 size) {
        if (qint64(off) + size > o.size())
            return false;
        std::memcpy(buf, o.constData() + off, size);
        return true;
    };
    auto writer = [&](quint32 off, const uint8_t *data, quint32 size) {
        if (qint64(off) + size > flash.size())
            return false;
        std::memcpy(flash.data() + off, data, size);
        ++writes;
        return true;
    };
    QByteArray saved;
    {
        DeltaApplier first(reader, writer);
        QVERIFY(first.begin(header, quint32(o.size())));
        for (quint32 i = 0; i < info->chunkCount / 2; ++i) {
            const QByteArrayView chunk = ChunkTree::chunk(payload, i, 64);
            if (i == 3) { // a corrupt chunk is refused and leaves the state as it was
                QByteArray bad = chunk.toByteArray();
                bad[5] = char(bad[5] ^ 0x80);
                auto s = first.feedChunk(i, bad, tree.proof(i));
                QVERIFY(!s);
                QCOMPARE(s.error().code(), ErrorCode::Checksum);
                QCOMPARE(first.nextChunk(), 3u);
                QVERIFY(!first.feedChunk(i, chunk, tree.proof(i + 1)));           // wrong digest path
                QVERIFY(!first.feedChunk(i + 1, ChunkTree::chunk(payload, i + 1, 64), tree.proof(i + 1))); // out of order
            }
            QVERIFY(first.feedChunk(i, chunk, tree.proof(i)));
        }
        saved = first.saveState(); // "power loss" here
        QCOMPARE(saved.size(), qsizetype(sizeof(otad_decoder)));
    }
    DeltaApplier resumed(reader, writer);
    QByteArray garbage = saved;
    garbage[0] = char(garbage[0] ^ 1);
    QVERIFY(!resumed.restoreState(header, garbage));
    QVERIFY(resumed.restoreState(header, saved));
    QCOMPARE(resumed.nextChunk(), info->chunkCount / 2);
    for (quint32 i = resumed.nextChunk(); i < info->chunkCount; ++i)
        QVERIFY(resumed.feedChunk(i, ChunkTree::chunk(payload, i, 64), tree.proof(i)));
    QVERIFY(resumed.isDone());
    QCOMPARE(flash, n);
    QVERIFY(writes > 1);
}

void TestDelta::sha256MatchesOpenSsl()
{
    for (int size : {0, 1, 55, 56, 63, 64, 65, 127, 128, 1000, 100000}) {
        const QByteArray data = randomBytes(size, quint32(size) + 100);
        QByteArray ours(32, '\0');
        // Fed in uneven pieces to exercise the block buffer.
        otad_sha256 s;
        otad_sha256_init(&s);
        for (int pos = 0; pos < size;) {
            const int n = qMin(size - pos, 1 + pos % 70);
            otad_sha256_update(&s, reinterpret_cast<const uint8_t *>(data.constData() + pos), size_t(n));
            pos += n;
        }
        otad_sha256_final(&s, reinterpret_cast<uint8_t *>(ours.data()));
        QCOMPARE(ours, crypto::sha256(data));
    }
}

void TestDelta::merkleProofs()
{
    for (int chunks : {1, 2, 3, 5, 8, 13}) {
        const QByteArray payload = randomBytes(chunks * 64 - 10, quint32(chunks));
        const ChunkTree tree(payload, 64);
        QCOMPARE(tree.count(), quint32(chunks));
        for (int i = 0; i < chunks; ++i) {
            const QByteArrayView chunk = ChunkTree::chunk(payload, quint32(i), 64);
            const QByteArray proof = tree.proof(quint32(i));
            QCOMPARE(quint32(proof.size() / 32), otad_merkle_proof_length(quint32(i), quint32(chunks)));
            QVERIFY(proof.size() / 32 <= 4);
            QVERIFY(ChunkTree::verify(tree.root(), quint32(i), quint32(chunks), chunk, proof));
            QByteArray bad = chunk.toByteArray();
            bad[0] = char(bad[0] ^ 1);
            QVERIFY(!ChunkTree::verify(tree.root(), quint32(i), quint32(chunks), bad, proof));
            if (chunks > 1)
                QVERIFY(!ChunkTree::verify(tree.root(), quint32((i + 1) % chunks), quint32(chunks), chunk, proof));
        }
    }
}

QTEST_GUILESS_MAIN(TestDelta)
#include "tst_delta.moc"
