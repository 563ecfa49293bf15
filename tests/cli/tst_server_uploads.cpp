// Payload uploads and downloads against a real otadesk-server: resumable parts (retransmission, wrong offsets,
// digest mismatch), downloads with Range, 200 MB through the server with bounded memory (RSS measured), and a
// server killed with SIGKILL in the middle of uploads losing nothing it acknowledged.
#include "ApiFixture.h"
#include "core/crypto/Digest.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QRandomGenerator>
#include <csignal>

using namespace otadesk;

namespace {
QByteArray randomBytes(qint64 n, quint32 seed)
{
    QByteArray out(n, Qt::Uninitialized);
    QRandomGenerator gen(seed);
    gen.fillRange(reinterpret_cast<quint32 *>(out.data()), n / 4);
    return out;
}

QString hex(const QByteArray &data)
{
    return QString::fromLatin1(crypto::sha256(data).toHex());
}

// VmRSS / VmHWM of a process in KiB.
qint64 statusKb(qint64 pid, const char *field)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field) + 1).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

QString createUpload(ApiFixture &f, const QString &name, qint64 size, const QString &sha = {})
{
    QJsonObject body{{QStringLiteral("name"), name}, {QStringLiteral("size"), double(size)}};
    if (!sha.isEmpty())
        body.insert(QStringLiteral("sha256"), sha);
    const Response r = f.call("POST", QStringLiteral("/api/v1/uploads"), f.adminToken, body);
    return r.status == 201 ? r.json()[QStringLiteral("id")].toString() : QString();
}

Response putPart(ApiFixture &f, const QString &id, qint64 offset, const QByteArray &data)
{
    return f.call("PUT", QStringLiteral("/api/v1/uploads/%1/parts/%2").arg(id).arg(offset), f.adminToken, data);
}

Response finish(ApiFixture &f, const QString &id, const QString &sha)
{
    return f.call("POST", QStringLiteral("/api/v1/uploads/%1/finish").arg(id), f.adminToken,
                  QJsonObject{{QStringLiteral("sha256"), sha}});
}

constexpr qint64 kPart = 8 << 20;
} // namespace

class TestServerUploads : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void resumableParts_data() { addBackendRows(); }
    void resumableParts();
    void rangeDownloads();
    void largePayloadBoundedMemory();
    void killedServerLosesNothingAcknowledged_data() { addBackendRows(); }
    void killedServerLosesNothingAcknowledged();
};

void TestServerUploads::resumableParts()
{
    ApiFixture f;
    API_SET_UP(f);
    const QByteArray data = randomBytes(20 * 1024 * 1024 + 123, 7);
    const QString id = createUpload(f, QStringLiteral("gw-200-2.3.0.bin"), data.size());
    QVERIFY(!id.isEmpty());
    const Response info = f.call("GET", QStringLiteral("/api/v1/uploads/") + id, f.adminToken);
    QCOMPARE(info.json()[QStringLiteral("part_size")].toInteger(), kPart);
    QCOMPARE(info.json()[QStringLiteral("state")].toString(), QStringLiteral("open"));

    QCOMPARE(putPart(f, id, 0, data.left(kPart)).json()[QStringLiteral("received")].toInteger(), kPart);
    // A retransmitted part is accepted as a no-op; a gap or an overlap is refused with where to continue.
    QCOMPARE(putPart(f, id, 0, data.left(kPart)).status, 200);
    const Response gap = putPart(f, id, 2 * kPart, data.mid(2 * kPart, 100));
    QCOMPARE(gap.status, 409);
    QCOMPARE(gap.errorCode(), QStringLiteral("offset_mismatch"));
    QCOMPARE(gap.json()[QStringLiteral("error")].toObject()[QStringLiteral("received")].toInteger(), kPart);
    QCOMPARE(putPart(f, id, kPart, data.mid(kPart, kPart + 1)).status, 413); // larger than part_size
    QCOMPARE(putPart(f, id, kPart, data.mid(kPart, kPart)).status, 200);
    // Finishing early says how much is missing.
    const Response early = finish(f, id, hex(data));
    QCOMPARE(early.status, 409);
    QCOMPARE(putPart(f, id, 2 * kPart, data.mid(2 * kPart)).status, 200);
    QCOMPARE(putPart(f, id, data.size(), QByteArray("x")).status, 400); // beyond the announced size

    const Response wrong = finish(f, id, hex("something else"));
    QCOMPARE(wrong.status, 422);
    QCOMPARE(wrong.errorCode(), QStringLiteral("checksum_mismatch"));
    QCOMPARE(f.call("GET", QStringLiteral("/api/v1/uploads/") + id, f.adminToken).json()[QStringLiteral("state")].toString(),
             QStringLiteral("aborted"));
    QCOMPARE(f.call("GET", QStringLiteral("/api/v1/payloads"), f.adminToken).json()[QStringLiteral("total")].toInteger(), 0);

    // Again, right: one payload; the same bytes a second time give the same payload (200, not a copy).
    const QString again = createUpload(f, QStringLiteral("gw-200-2.3.0.bin"), data.size(), hex(data));
    for (qint64 off = 0; off < data.size(); off += kPart)
        QCOMPARE(putPart(f, again, off, data.mid(off, kPart)).status, 200);
    const Response done = finish(f, again, QString());
    QCOMPARE(done.status, 201);
    QCOMPARE(done.json()[QStringLiteral("sha256")].toString(), hex(data));
    QCOMPARE(done.json()[QStringLiteral("size")].toInteger(), data.size());
    const QString dup = createUpload(f, QStringLiteral("copy.bin"), data.size());
    for (qint64 off = 0; off < data.size(); off += kPart)
        putPart(f, dup, off, data.mid(off, kPart));
    const Response same = finish(f, dup, hex(data));
    QCOMPARE(same.status, 200);
    QCOMPARE(same.json()[QStringLiteral("id")], done.json()[QStringLiteral("id")]);
    const Response content =
        f.call("GET", QStringLiteral("/api/v1/payloads/%1/content").arg(done.json()[QStringLiteral("id")].toInteger()),
               f.adminToken);
    QCOMPARE(content.status, 200);
    QVERIFY(content.body == data);
    QCOMPARE(content.header("etag"), '"' + hex(data).toLatin1() + '"');
    // The finished payload is in the audit log.
    const Response audit = f.call("GET", QStringLiteral("/api/v1/audit"), f.adminToken);
    QVERIFY(audit.body.contains("payload.create"));
    QVERIFY(audit.body.contains("checksum_mismatch"));
}

void TestServerUploads::rangeDownloads()
{
    ApiFixture f;
    QVERIFY(f.setUp(QStringLiteral("sqlite")).isEmpty());
    const QByteArray data = randomBytes(1000, 3);
    const QString id = createUpload(f, QStringLiteral("small.bin"), data.size());
    putPart(f, id, 0, data);
    const qint64 payload = finish(f, id, hex(data)).json()[QStringLiteral("id")].toInteger();
    const QString path = QStringLiteral("/api/v1/payloads/%1/content").arg(payload);
    struct Case
    {
        QByteArray range;
        int status;
        qint64 from, length;
    };
    const Case cases[] = {{"bytes=100-199", 206, 100, 100},  {"bytes=990-", 206, 990, 10},
                          {"bytes=-5", 206, 995, 5},         {"bytes=900-5000", 206, 900, 100},
                          {"bytes=0-0", 206, 0, 1},          {"bytes=1000-", 416, 0, 0},
                          {"bytes=5-1,7-8", 200, 0, 1000},   {"items=1-2", 200, 0, 1000}};
    for (const Case &c : cases) {
        const Response r = f.call("GET", path, f.adminToken, {}, {{"Range", c.range}});
        QVERIFY2(r.status == c.status, c.range.constData());
        if (c.status == 416) {
            QCOMPARE(r.header("content-range"), QByteArray("bytes */1000"));
            continue;
        }
        QCOMPARE(r.body, data.mid(c.from, c.length));
        if (c.status == 206)
            QCOMPARE(r.header("content-range"), "bytes " + QByteArray::number(c.from) + '-' +
                                                    QByteArray::number(c.from + c.length - 1) + "/1000");
        QCOMPARE(r.header("accept-ranges"), QByteArray("bytes"));
    }
    // Behind nginx: the server only says where the blob is.
    f.server.reset();
    QVERIFY(f.start({QStringLiteral("--accel-redirect-prefix"), QStringLiteral("/_otadesk_blobs/")}).isEmpty());
    const Response accel = f.call("GET", path, f.adminToken);
    QCOMPARE(accel.status, 200);
    QVERIFY(accel.body.isEmpty());
    const QByteArray h = hex(data).toLatin1();
    QCOMPARE(accel.header("x-accel-redirect"), "/_otadesk_blobs/sha256/" + h.left(2) + '/' + h);
    QVERIFY(QFile::exists(f.dataDir() + QStringLiteral("/sha256/") + QString::fromLatin1(h.left(2)) + u'/' +
                          QString::fromLatin1(h)));
}

void TestServerUploads::largePayloadBoundedMemory()
{
    ApiFixture f;
    QVERIFY(f.setUp(QStringLiteral("sqlite")).isEmpty());
    const qint64 pid = f.server->process().processId();
    constexpr qint64 kSize = 200 * 1024 * 1024;
    const qint64 before = statusKb(pid, "VmRSS:");
    const QString id = createUpload(f, QStringLiteral("big.bin"), kSize);
    crypto::Digest digest;
    QElapsedTimer clock;
    clock.start();
    for (qint64 off = 0; off < kSize; off += kPart) {
        const QByteArray part = randomBytes(std::min(kPart, kSize - off), quint32(off / kPart));
        digest.addData(part);
        QCOMPARE(putPart(f, id, off, part).status, 200);
    }
    const double upMs = double(clock.elapsed());
    const QString sha = QString::fromLatin1(digest.result().toHex());
    const Response done = finish(f, id, sha);
    QCOMPARE(done.status, 201);
    const qint64 afterUpload = statusKb(pid, "VmHWM:");

    // Download through a streaming reply: hash as it arrives, never hold it whole.
    QNetworkRequest request(f.server->at(QStringLiteral("/api/v1/payloads/%1/content").arg(done.json()[QStringLiteral("id")].toInteger())));
    request.setRawHeader("Authorization", "Bearer " + f.adminToken);
    clock.restart();
    QNetworkReply *reply = f.nam.get(request);
    crypto::Digest down;
    qint64 got = 0;
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [&] {
        const QByteArray chunk = reply->readAll();
        got += chunk.size();
        down.addData(chunk);
    });
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    loop.exec();
    down.addData(reply->readAll());
    const double downMs = double(clock.elapsed());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    reply->deleteLater();
    QCOMPARE(QString::fromLatin1(down.result().toHex()), sha);
    const qint64 afterDownload = statusKb(pid, "VmHWM:");
    qInfo("200 MiB: upload %.0f ms (%.0f MiB/s), download %.0f ms (%.0f MiB/s); server RSS before %lld KiB, "
          "peak after upload %lld KiB, peak after download %lld KiB",
          upMs, 200000.0 / upMs, downMs, 200000.0 / downMs, before, afterUpload, afterDownload);
    // Qt HttpServer buffers each 8 MiB part whole (plus copies): bounded by parts, not by the payload.
    QVERIFY2(afterUpload - before < 80 * 1024, "upload peak grew by more than 80 MiB");
    QVERIFY2(afterDownload - before < 80 * 1024, "download peak grew by more than 80 MiB");
}

void TestServerUploads::killedServerLosesNothingAcknowledged()
{
    ApiFixture f;
    API_SET_UP(f);
    const QByteArray data = randomBytes(3 * kPart + 4567, 11);
    const QString id = createUpload(f, QStringLiteral("flaky.bin"), data.size());
    QCOMPARE(putPart(f, id, 0, data.left(kPart)).status, 200);
    QCOMPARE(putPart(f, id, kPart, data.mid(kPart, kPart)).status, 200);
    // SIGKILL in the middle of the third part: half of it is on the wire, nothing acknowledged.
    QTcpSocket raw;
    raw.connectToHost(f.server->url.host(), quint16(f.server->url.port()));
    QVERIFY(raw.waitForConnected(5000));
    raw.write("PUT /api/v1/uploads/" + id.toLatin1() + "/parts/" + QByteArray::number(2 * kPart) +
              " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + f.adminToken +
              "\r\nContent-Length: " + QByteArray::number(kPart) + "\r\n\r\n" + data.mid(2 * kPart, kPart / 2));
    raw.waitForBytesWritten(5000);
    ::kill(pid_t(f.server->process().processId()), SIGKILL);
    f.server->process().waitForFinished(5000);

    // Restart on the same database and data folder: the upload continues where it was acknowledged.
    QVERIFY(f.start().isEmpty());
    const Response info = f.call("GET", QStringLiteral("/api/v1/uploads/") + id, f.adminToken);
    QCOMPARE(info.status, 200);
    QCOMPARE(info.json()[QStringLiteral("received")].toInteger(), 2 * kPart);
    QCOMPARE(putPart(f, id, 2 * kPart, data.mid(2 * kPart, kPart)).status, 200);
    QCOMPARE(putPart(f, id, 3 * kPart, data.mid(3 * kPart)).status, 200);
    const Response done = finish(f, id, hex(data));
    QCOMPARE(done.status, 201);
    const qint64 payload = done.json()[QStringLiteral("id")].toInteger();

    // Killed right after acknowledging the payload: it is there after the restart, whole.
    ::kill(pid_t(f.server->process().processId()), SIGKILL);
    f.server->process().waitForFinished(5000);
    QVERIFY(f.start().isEmpty());
    const Response content = f.call("GET", QStringLiteral("/api/v1/payloads/%1/content").arg(payload), f.adminToken);
    QCOMPARE(content.status, 200);
    QVERIFY(content.body == data);
    // No half-written files are left behind in the data folder.
    QDirIterator it(f.dataDir(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QVERIFY2(path.contains(QLatin1String("/sha256/")), qPrintable(path));
    }
}

QTEST_GUILESS_MAIN(TestServerUploads)
#include "tst_server_uploads.moc"
