// core/client against a real otadesk-server process on loopback (SQLite file in a temporary folder): typed
// calls, error messages naming the server's reason, 401/403/404, timeouts (a listener that never answers),
// retries of GET after a dropped connection (and none for POST), a ~20 MB upload in parts interrupted and
// resumed, a download resumed with Range and checked against its SHA-256, Server-Sent Events with a
// reconnect, TLS with and without the server's certificate, and the SSE parser on its own.
#include "core/client/ApiClient.h"
#include "core/client/DownloadJob.h"
#include "core/client/EventStream.h"
#include "core/client/SseParser.h"
#include "core/client/UploadJob.h"
#include "core/crypto/Digest.h"
#include "core/crypto/Key.h"
#include "tst_client_util.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace otadesk;
using namespace otadesk::client;
using test::FaultProxy;
using test::TestServer;

namespace {
std::unique_ptr<ApiCall> await(ApiCall *call)
{
    call->waitForFinished(60000);
    return std::unique_ptr<ApiCall>(call);
}

bool waitFor(const std::function<bool()> &condition, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!condition() && clock.elapsed() < timeoutMs)
        QTest::qWait(20);
    return condition();
}

ServerEndpoint endpointFor(const QUrl &url, const QString &token)
{
    ServerEndpoint e;
    e.baseUrl = url;
    e.token = token;
    return e;
}

QByteArray randomBytes(qint64 size)
{
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator gen(4711);
    gen.fillRange(reinterpret_cast<quint32 *>(data.data()), size / 4);
    return data;
}

QString sha256Hex(const QByteArray &data)
{
    return QString::fromLatin1(crypto::sha256(data).toHex());
}
} // namespace

class TestApiClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void sseParser();
    void openApiListsEveryRoute();
    void typedCalls();
    void errorMapping();
    void paging();
    void tokensAndKeys();
    void timeout();
    void retryAfterDroppedConnection();
    void uploadInPartsWithInterruption();
    void uploadCancelAndResume();
    void offsetMismatchMessage();
    void downloadResumeAndDigest();
    void events();
    void tls();

private:
    TestServer m_server;
    QString m_admin;
    std::unique_ptr<ApiClient> m_client;
    QTemporaryDir m_tmp;
};

void TestApiClient::initTestCase()
{
    m_admin = m_server.issueToken();
    QVERIFY(!m_admin.isEmpty());
    QVERIFY(m_server.start());
    m_client = std::make_unique<ApiClient>(endpointFor(m_server.url, m_admin));
}

void TestApiClient::cleanupTestCase()
{
    m_client.reset();
    m_server.stop();
}

void TestApiClient::sseParser()
{
    SseParser p;
    // Split across feeds at awkward places, CRLF and CR line ends, comments, multi-line data, retry.
    QList<ServerEvent> events = p.feed(": keep-alive\n\nid: 7\nevent: au");
    QCOMPARE(events.size(), 0);
    QCOMPARE(p.commentsSeen(), qint64(1));
    events = p.feed("dit\r\ndata: {\"a\":\r\ndata: 1}\r");
    QCOMPARE(events.size(), 0);
    events = p.feed("\n\r\ndata:plain\nretry: 2500\n\n");
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).id, QStringLiteral("7"));
    QCOMPARE(events.at(0).type, QStringLiteral("audit"));
    QCOMPARE(events.at(0).data, QByteArray("{\"a\":\n1}"));
    QCOMPARE(events.at(1).type, QStringLiteral("message"));
    QCOMPARE(events.at(1).id, QStringLiteral("7")); // the last id carries over
    QCOMPARE(events.at(1).data, QByteArray("plain"));
    QCOMPARE(p.retryMs(), 2500);
    // An event without data is not dispatched; a partial event is dropped by reset().
    QCOMPARE(p.feed("event: x\n\n").size(), 0);
    QCOMPARE(p.feed("id: 9\ndata: half").size(), 0);
    p.reset();
    QCOMPARE(p.feed("\n").size(), 0);
    QCOMPARE(p.lastEventId(), QStringLiteral("9"));
    ServerEvent plain;
    plain.data = "{\"x\":3}";
    QCOMPARE(plain.json().value(QStringLiteral("x")).toInt(), 3);
}

void TestApiClient::openApiListsEveryRoute()
{
    QFile file(QStringLiteral("docs/openapi.yaml"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray yaml = file.readAll();
    QVERIFY(yaml.startsWith("openapi: 3.0"));
    // Every route the client calls (ApiEndpoints.cpp) is documented.
    for (const char *path : {"/health",
                             "/version",
                             "/whoami",
                             "/tenants",
                             "/tenants/{id}",
                             "/accounts",
                             "/accounts/{id}",
                             "/tokens",
                             "/tokens/{id}",
                             "/keys",
                             "/keys/{id}",
                             "/uploads",
                             "/uploads/{id}",
                             "/uploads/{id}/parts/{offset}",
                             "/uploads/{id}/finish",
                             "/payloads",
                             "/payloads/{id}",
                             "/payloads/{id}/content",
                             "/manifests",
                             "/manifests/{id}",
                             "/manifests/{id}/envelope",
                             "/audit",
                             "/events"})
        QVERIFY2(yaml.contains(QByteArray(QByteArray("\n  ") + path + ":\n")), path);
    QVERIFY(yaml.contains("bearerAuth"));
}

void TestApiClient::typedCalls()
{
    auto health = await(m_client->health());
    QVERIFY2(health->ok(), qPrintable(health->error().toString()));
    QCOMPARE(health->object().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));

    auto me = await(m_client->whoami());
    QVERIFY2(me->ok(), qPrintable(me->error().toString()));
    const WhoAmI who = WhoAmI::fromJson(me->object());
    QCOMPARE(who.tenant.name, QStringLiteral("acme"));
    QCOMPARE(who.account.name, QStringLiteral("alice"));
    QCOMPARE(who.account.role, QStringLiteral("admin"));
    QVERIFY(who.account.serverAdmin);
    QVERIFY(who.can(QStringLiteral("accounts.write")));
    QVERIFY(who.tokenId > 0);
    QVERIFY(m_admin.contains(who.tokenPrefix));

    auto created = await(m_client->createAccount(QStringLiteral("bob"), QStringLiteral("viewer")));
    QVERIFY2(created->ok(), qPrintable(created->error().toString()));
    QCOMPARE(created->status(), 201);
    const Account bob = Account::fromJson(created->object());
    QCOMPARE(bob.role, QStringLiteral("viewer"));
    QVERIFY(bob.createdAt.isValid());

    auto changed = await(m_client->setAccountRole(bob.id, QStringLiteral("technician")));
    QVERIFY2(changed->ok(), qPrintable(changed->error().toString()));
    QCOMPARE(Account::fromJson(changed->object()).role, QStringLiteral("technician"));
    auto fetched = await(m_client->account(bob.id));
    QCOMPARE(Account::fromJson(fetched->object()).role, QStringLiteral("technician"));

    // then(): the callback runs once, the call deletes itself afterwards.
    bool called = false;
    QPointer<ApiCall> call = m_client->whoami()->then(this, [&called](const ApiCall &c) {
        called = true;
        QVERIFY(c.ok());
    });
    QVERIFY(waitFor([&] { return called && !call; }, 10000));
}

void TestApiClient::errorMapping()
{
    // 401: unknown token.
    ApiClient stranger(endpointFor(m_server.url, QStringLiteral("otd_0123456789ab_notarealsecret")));
    auto unauth = await(stranger.whoami());
    QVERIFY(unauth->failed());
    QCOMPARE(unauth->error().kind(), ApiError::Kind::Http);
    QCOMPARE(unauth->error().httpStatus(), 401);
    QCOMPARE(unauth->error().code(), QStringLiteral("unauthenticated"));
    QVERIFY(!unauth->error().serverMessage().isEmpty());
    QVERIFY2(unauth->error().toString().startsWith(QStringLiteral("Server refused: ")),
             qPrintable(unauth->error().toString()));
    QVERIFY2(unauth->error().toString().contains(QStringLiteral("(401 unauthenticated)")),
             qPrintable(unauth->error().toString()));
    QCOMPARE(unauth->attempts(), 1); // 4xx is never retried

    // 403: a viewer may not create accounts; the message is the server's.
    const QString viewerToken =
        m_server.issueToken(QStringLiteral("acme"), QStringLiteral("vera"), store::Role::Viewer);
    ApiClient viewer(endpointFor(m_server.url, viewerToken));
    auto forbidden = await(viewer.createAccount(QStringLiteral("mallory"), QStringLiteral("admin")));
    QCOMPARE(forbidden->error().httpStatus(), 403);
    QCOMPARE(forbidden->error().code(), QStringLiteral("forbidden"));
    QVERIFY(forbidden->error().toString().contains(forbidden->error().serverMessage()));
    QVERIFY(!forbidden->error().requestId().isEmpty());
    QCOMPARE(forbidden->error().toError().code(), ErrorCode::InvalidArgument);

    // 404: missing objects, and objects of another tenant look exactly the same.
    auto missing = await(m_client->payload(999999));
    QCOMPARE(missing->error().httpStatus(), 404);
    QCOMPARE(missing->error().code(), QStringLiteral("not_found"));
    QCOMPARE(missing->error().toError().code(), ErrorCode::NotFound);
    const QString otherToken =
        m_server.issueToken(QStringLiteral("globex"), QStringLiteral("gina"), store::Role::Admin);
    ApiClient other(endpointFor(m_server.url, otherToken));
    auto bobs = await(m_client->listAccounts());
    const auto page = Page<Account>::fromJson(bobs->object());
    QVERIFY(!page.items.isEmpty());
    auto foreign = await(other.account(page.items.first().id));
    QCOMPARE(foreign->error().httpStatus(), 404);

    // 400: unknown sort field.
    ListQuery badSort;
    badSort.sort = QStringLiteral("nonsense");
    auto bad = await(m_client->listPayloads(badSort));
    QCOMPARE(bad->error().httpStatus(), 400);
    QCOMPARE(bad->error().code(), QStringLiteral("invalid_request"));

    // Network: nothing listens on the port.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 deadPort = closed.serverPort();
    closed.close();
    ServerEndpoint dead = endpointFor(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(deadPort)), m_admin);
    dead.retries = 1;
    ApiClient nowhere(dead);
    QSignalSpy failedSpy(&nowhere, &ApiClient::callFailed);
    auto refused = await(nowhere.whoami());
    QCOMPARE(refused->error().kind(), ApiError::Kind::Network);
    QCOMPARE(refused->attempts(), 2);
    QVERIFY2(refused->error().toString().startsWith(QStringLiteral("Cannot reach http://127.0.0.1:")),
             qPrintable(refused->error().toString()));
    QCOMPARE(failedSpy.count(), 1);

    // A CA file that does not exist: a local error before any request.
    ServerEndpoint badCa = endpointFor(QUrl(QStringLiteral("https://127.0.0.1:1")), m_admin);
    badCa.caCertificateFile = m_tmp.filePath(QStringLiteral("missing.crt"));
    QVERIFY(!badCa.validate());
    ApiClient badCaClient(badCa);
    auto local = await(badCaClient.whoami());
    QCOMPARE(local->error().kind(), ApiError::Kind::Local);
    QVERIFY(local->error().toString().contains(QStringLiteral("missing.crt")));
}

void TestApiClient::paging()
{
    // Note: GET /accounts of the server under test ignores offset/limit/sort (reported); paging is checked on
    // the audit log, sorting on accounts' ids only through the audit entries they create.
    for (int i = 0; i < 5; ++i)
        QVERIFY(
            await(m_client->createAccount(QStringLiteral("user%1").arg(i), QStringLiteral("author")))->ok());
    ListQuery q;
    q.limit = 3;
    auto log = await(m_client->listAudit(q));
    QVERIFY2(log->ok(), qPrintable(log->error().toString()));
    const auto p1 = Page<AuditEntry>::fromJson(log->object());
    QCOMPARE(p1.items.size(), 3);
    QCOMPARE(p1.limit, 3);
    QCOMPARE(p1.offset, qint64(0));
    QVERIFY(p1.total >= 5);
    QVERIFY(p1.hasMore());
    QVERIFY(p1.items.at(0).id > p1.items.at(1).id); // newest first
    QCOMPARE(p1.items.at(0).action, QStringLiteral("account.create"));
    QCOMPARE(p1.items.at(0).details.value(QStringLiteral("name")).toString(), QStringLiteral("user4"));
    QVERIFY(p1.items.at(0).at.isValid());
    q.offset = 2;
    const auto p2 = Page<AuditEntry>::fromJson(await(m_client->listAudit(q))->object());
    QCOMPARE(p2.offset, qint64(2));
    QCOMPARE(p2.items.at(0).id, p1.items.at(2).id);
    q.offset = p1.total;
    const auto empty = Page<AuditEntry>::fromJson(await(m_client->listAudit(q))->object());
    QVERIFY(empty.items.isEmpty());
    QVERIFY(!empty.hasMore());
    q.offset = 0;
    q.limit = 501;
    QCOMPARE(await(m_client->listAudit(q))->error().httpStatus(), 400);
}

void TestApiClient::tokensAndKeys()
{
    auto created = await(m_client->createToken(QStringLiteral("ci"), 30));
    QVERIFY2(created->ok(), qPrintable(created->error().toString()));
    const Token token = Token::fromJson(created->object());
    QVERIFY(token.secret.startsWith(QStringLiteral("otd_")));
    QVERIFY(token.expiresAt.isValid());
    ApiClient ci(endpointFor(m_server.url, token.secret));
    QVERIFY(await(ci.whoami())->ok());
    const auto tokens = Page<Token>::fromJson(await(m_client->listTokens())->object());
    bool listed = false;
    for (const Token &t : tokens.items)
        listed = listed || (t.id == token.id && t.secret.isEmpty() && t.label == QStringLiteral("ci"));
    QVERIFY(listed);
    QVERIFY(await(m_client->revokeToken(token.id))->ok());
    auto revoked = await(ci.whoami());
    QCOMPARE(revoked->error().httpStatus(), 401);

    auto key = crypto::PrivateKey::generate(crypto::KeyType::EcdsaP256);
    QVERIFY(key);
    const QString pem = QString::fromLatin1(key->publicKey().toPem());
    auto added = await(m_client->addKey(QStringLiteral("release"), pem));
    QVERIFY2(added->ok(), qPrintable(added->error().toString()));
    const Key k = Key::fromJson(added->object());
    QCOMPARE(k.name, QStringLiteral("release"));
    QVERIFY(!k.fingerprint.isEmpty());
    const auto keys = Page<Key>::fromJson(await(m_client->listKeys())->object());
    QCOMPARE(keys.items.size(), 1);
    QVERIFY(await(m_client->removeKey(k.id))->ok());
    QCOMPARE(await(m_client->removeKey(k.id))->error().httpStatus(), 404);
    auto garbage = await(m_client->addKey(QStringLiteral("bad"), QStringLiteral("not a pem")));
    QCOMPARE(garbage->error().httpStatus(), 400);
}

void TestApiClient::timeout()
{
    // Accepts connections and never answers.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    QList<QTcpSocket *> held;
    connect(&silent, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *s = silent.nextPendingConnection())
            held.append(s);
    });
    ServerEndpoint e =
        endpointFor(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort())), m_admin);
    e.timeoutMs = 400;
    e.retries = 1;
    ApiClient client(e);
    QElapsedTimer clock;
    clock.start();
    auto call = await(client.whoami());
    QCOMPARE(call->error().kind(), ApiError::Kind::Timeout);
    QCOMPARE(call->attempts(), 2);
    QVERIFY(clock.elapsed() >= 800);
    QVERIFY(clock.elapsed() < 10000);
    QVERIFY2(call->error().toString().contains(QStringLiteral("did not answer within 0.4 s")),
             qPrintable(call->error().toString()));
    QVERIFY(held.size() >= 1);
    // POST is not retried after a timeout either.
    auto post = await(client.createAccount(QStringLiteral("x"), QStringLiteral("viewer")));
    QCOMPARE(post->error().kind(), ApiError::Kind::Timeout);
    QCOMPARE(post->attempts(), 1);
    // abort(): cancelled, no retry.
    ApiCall *pending = client.whoami();
    pending->setAutoDelete(false);
    QTimer::singleShot(50, pending, &ApiCall::abort);
    QVERIFY(pending->waitForFinished(5000));
    QCOMPARE(pending->error().kind(), ApiError::Kind::Cancelled);
    delete pending;
}

void TestApiClient::retryAfterDroppedConnection()
{
    FaultProxy proxy(m_server.url.port());
    proxy.dropFirst = 1;
    ApiClient client(endpointFor(proxy.url(), m_admin));
    auto me = await(client.whoami());
    QVERIFY2(me->ok(), qPrintable(me->error().toString()));
    QCOMPARE(me->attempts(), 2);
    QCOMPARE(proxy.connections, 2);

    // 503: retried for GET ... (a new client: the first one keeps its connection to the proxy alive)
    proxy.unavailableFirst = 2;
    ApiClient client2(endpointFor(proxy.url(), m_admin));
    auto list = await(client2.listPayloads());
    QVERIFY2(list->ok(), qPrintable(list->error().toString()));
    QCOMPARE(list->attempts(), 3);

    // ... never for POST: the dropped connection or the 503 is the caller's to handle.
    proxy.dropFirst = 1;
    int before = proxy.connections;
    ApiClient client3(endpointFor(proxy.url(), m_admin));
    auto post = await(client3.createAccount(QStringLiteral("dropped"), QStringLiteral("viewer")));
    QCOMPARE(post->error().kind(), ApiError::Kind::Network);
    QCOMPARE(post->attempts(), 1);
    QCOMPARE(proxy.connections, before + 1);
    proxy.unavailableFirst = 1;
    before = proxy.connections;
    ApiClient client4(endpointFor(proxy.url(), m_admin));
    post = await(client4.createAccount(QStringLiteral("dropped"), QStringLiteral("viewer")));
    QCOMPARE(post->error().httpStatus(), 503);
    QCOMPARE(post->attempts(), 1);
    QVERIFY2(post->error().toString() ==
                 QStringLiteral("Server error: Proxy says: try later. (503 unavailable)"),
             qPrintable(post->error().toString()));
    QCOMPARE(proxy.connections, before + 1);
}

void TestApiClient::uploadInPartsWithInterruption()
{
    const qint64 size = 20 * 1024 * 1024 + 12345;
    const QByteArray data = randomBytes(size);
    const QString path = m_tmp.filePath(QStringLiteral("big.bin"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
    f.close();

    // The answer to the second part is lost (the server stored it): the job asks the server and goes on
    // without sending that part again.
    FaultProxy proxy(m_server.url.port());
    proxy.loseAnswerAfterClientBytes = 12 * 1024 * 1024;
    ServerEndpoint e = endpointFor(proxy.url(), m_admin);
    e.retries = 0; // the job itself must recover (GET /uploads/{id}, continue at "received")
    ApiClient client(e);
    UploadJob job(&client, path, QStringLiteral("firmware-big.bin"));
    QSignalSpy progress(&job, &UploadJob::progress);
    QSignalSpy resuming(&job, &UploadJob::resuming);
    QSignalSpy done(&job, &UploadJob::finished);
    job.start();
    QVERIFY(done.wait(120000));
    QVERIFY2(job.ok(), qPrintable(job.error().toString()));
    QCOMPARE(proxy.cuts, 1);
    QCOMPARE(resuming.count(), 1);
    QCOMPARE(job.resumesUsed(), 1);
    QCOMPARE(job.bytesTransferred(), size); // nothing sent twice
    QCOMPARE(job.payload().size, size);
    QCOMPARE(job.payload().sha256, sha256Hex(data));
    QCOMPARE(job.sha256Hex(), sha256Hex(data));
    QCOMPARE(job.payload().name, QStringLiteral("firmware-big.bin"));
    QVERIFY(!job.reusedExisting());
    QVERIFY(progress.count() >= 3);
    QCOMPARE(progress.last().at(0).toLongLong(), size);

    // The connection is cut in the middle of a part (Qt may resend the part by itself, or the job resumes):
    // the content arrives whole either way. Another name, same content: the existing payload.
    FaultProxy cutter(m_server.url.port());
    cutter.cutClientBytes = 12 * 1024 * 1024;
    ServerEndpoint ce = endpointFor(cutter.url(), m_admin);
    ce.retries = 0;
    ApiClient cutClient(ce);
    UploadJob cut(&cutClient, path);
    QSignalSpy cutDone(&cut, &UploadJob::finished);
    cut.start();
    QVERIFY(cutDone.wait(120000));
    QVERIFY2(cut.ok(), qPrintable(cut.error().toString()));
    QCOMPARE(cutter.cuts, 1);
    QCOMPARE(cut.payload().sha256, sha256Hex(data));
    QVERIFY2(cut.bytesTransferred() <= size + 8 * 1024 * 1024,
             qPrintable(QString::number(cut.bytesTransferred())));

    // The same content again: the existing payload.
    UploadJob again(m_client.get(), path);
    QSignalSpy againDone(&again, &UploadJob::finished);
    again.start();
    QVERIFY(againDone.wait(120000));
    QVERIFY2(again.ok(), qPrintable(again.error().toString()));
    QVERIFY(again.reusedExisting());
    QCOMPARE(again.payload().id, job.payload().id);

    // A file that cannot be read: a local error, nothing sent.
    UploadJob missing(m_client.get(), m_tmp.filePath(QStringLiteral("nope.bin")));
    QSignalSpy missingDone(&missing, &UploadJob::finished);
    missing.start();
    QVERIFY(missingDone.wait(5000));
    QCOMPARE(missing.error().kind(), ApiError::Kind::Local);
    QVERIFY(missing.error().toString().contains(QStringLiteral("nope.bin")));
}

void TestApiClient::uploadCancelAndResume()
{
    const qint64 size = 17 * 1024 * 1024;
    const QByteArray data = randomBytes(size + 1).mid(1); // other content than the test before
    const QString path = m_tmp.filePath(QStringLiteral("resume.bin"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
    f.close();

    UploadJob first(m_client.get(), path);
    QSignalSpy done(&first, &UploadJob::finished);
    connect(&first, &UploadJob::progress, &first, [&first](qint64) {
        if (first.bytesSent() >= 8 * 1024 * 1024)
            first.cancel(false);
    });
    first.start();
    QVERIFY(done.wait(60000));
    QCOMPARE(first.error().kind(), ApiError::Kind::Cancelled);
    QVERIFY(!first.uploadId().isEmpty());
    auto state = await(m_client->upload(first.uploadId()));
    const Upload upload = Upload::fromJson(state->object());
    QCOMPARE(upload.state, QStringLiteral("open"));
    QVERIFY(upload.received >= 8 * 1024 * 1024);
    QVERIFY(upload.received < size);

    UploadJob second(m_client.get(), path);
    second.resumeUpload(first.uploadId());
    QSignalSpy secondDone(&second, &UploadJob::finished);
    second.start();
    QVERIFY(secondDone.wait(60000));
    QVERIFY2(second.ok(), qPrintable(second.error().toString()));
    QCOMPARE(second.payload().sha256, sha256Hex(data));
    QCOMPARE(second.bytesTransferred(), size - upload.received);

    // cancel(true) discards the upload on the server.
    UploadJob third(m_client.get(), path, QStringLiteral("discard-me"));
    QSignalSpy thirdDone(&third, &UploadJob::finished);
    connect(&third, &UploadJob::uploadCreated, &third, [&third] { third.cancel(true); });
    third.start();
    QVERIFY(thirdDone.wait(60000));
    QCOMPARE(third.error().kind(), ApiError::Kind::Cancelled);
    auto gone = await(m_client->upload(third.uploadId()));
    QVERIFY2(gone->error().httpStatus() == 404 ||
                 Upload::fromJson(gone->object()).state == QStringLiteral("aborted"),
             gone->body().constData());
}

void TestApiClient::offsetMismatchMessage()
{
    auto created = await(m_client->createUpload(QStringLiteral("small.bin"), 10));
    QVERIFY2(created->ok(), qPrintable(created->error().toString()));
    const QString id = Upload::fromJson(created->object()).id;
    QVERIFY(!id.isEmpty());
    QVERIFY(await(m_client->putUploadPart(id, 0, "01234"))->ok());
    auto wrong = await(m_client->putUploadPart(id, 7, "789"));
    QCOMPARE(wrong->error().httpStatus(), 409);
    QCOMPARE(wrong->error().code(), QStringLiteral("offset_mismatch"));
    QCOMPARE(wrong->error().details().value(QStringLiteral("received")).toInteger(), qint64(5));
    const QString text = wrong->error().toString();
    QVERIFY2(text.startsWith(QStringLiteral("Server refused: ")) &&
                 text.endsWith(QStringLiteral("(409 offset_mismatch)")),
             qPrintable(text));
    QVERIFY(await(m_client->putUploadPart(id, 5, "56789"))->ok());
    auto checksum = await(m_client->finishUpload(id, QString(64, QLatin1Char('0'))));
    QCOMPARE(checksum->error().httpStatus(), 422);
    QCOMPARE(checksum->error().code(), QStringLiteral("checksum_mismatch"));
    QCOMPARE(checksum->error().toError().code(), ErrorCode::Checksum);
}

void TestApiClient::downloadResumeAndDigest()
{
    const QByteArray data = randomBytes(6 * 1024 * 1024 + 7).mid(3);
    const QString src = m_tmp.filePath(QStringLiteral("dl-src.bin"));
    QFile f(src);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
    f.close();
    UploadJob up(m_client.get(), src);
    QSignalSpy upDone(&up, &UploadJob::finished);
    up.start();
    QVERIFY(upDone.wait(60000));
    QVERIFY2(up.ok(), qPrintable(up.error().toString()));
    const qint64 id = up.payload().id;

    // Cut after ~2.5 MB of the answer: the job continues with Range.
    FaultProxy proxy(m_server.url.port());
    ServerEndpoint e = endpointFor(proxy.url(), m_admin);
    e.retries = 0;
    ApiClient client(e);
    proxy.cutServerBytes = 2500 * 1024;
    const QString target = m_tmp.filePath(QStringLiteral("dl.bin"));
    DownloadJob job(&client, id, target);
    QSignalSpy done(&job, &DownloadJob::finished);
    job.start();
    QVERIFY(done.wait(60000));
    QVERIFY2(job.ok(), qPrintable(job.error().toString()));
    QCOMPARE(proxy.cuts, 1);
    QCOMPARE(job.resumesUsed(), 1);
    QFile out(target);
    QVERIFY(out.open(QIODevice::ReadOnly));
    QCOMPARE(sha256Hex(out.readAll()), sha256Hex(data));
    QVERIFY(!QFile::exists(target + QStringLiteral(".part")));

    // The target exists: refused without overwrite.
    DownloadJob again(m_client.get(), id, target);
    QSignalSpy againDone(&again, &DownloadJob::finished);
    again.start();
    QVERIFY(againDone.wait(10000));
    QCOMPARE(again.error().kind(), ApiError::Kind::Local);

    // A .part file left by an earlier run is continued ...
    const QString resumed = m_tmp.filePath(QStringLiteral("resumed.bin"));
    QFile part(resumed + QStringLiteral(".part"));
    QVERIFY(part.open(QIODevice::WriteOnly));
    part.write(data.left(1000000));
    part.close();
    DownloadJob cont(m_client.get(), id, resumed);
    QSignalSpy contProgress(&cont, &DownloadJob::progress);
    QSignalSpy contDone(&cont, &DownloadJob::finished);
    cont.start();
    QVERIFY(contDone.wait(60000));
    QVERIFY2(cont.ok(), qPrintable(cont.error().toString()));
    QCOMPARE(contProgress.first().at(0).toLongLong(), qint64(1000000));
    QFile r(resumed);
    QVERIFY(r.open(QIODevice::ReadOnly));
    QCOMPARE(r.readAll(), data);

    // ... but if its bytes are wrong, the SHA-256 check catches it and the .part file is removed.
    const QString corrupt = m_tmp.filePath(QStringLiteral("corrupt.bin"));
    QFile bad(corrupt + QStringLiteral(".part"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write(QByteArray(1000000, 'x'));
    bad.close();
    DownloadJob wrong(m_client.get(), id, corrupt);
    QSignalSpy wrongDone(&wrong, &DownloadJob::finished);
    wrong.start();
    QVERIFY(wrongDone.wait(60000));
    QCOMPARE(wrong.error().kind(), ApiError::Kind::Local);
    QVERIFY2(wrong.error().toString().contains(QStringLiteral("SHA-256")),
             qPrintable(wrong.error().toString()));
    QVERIFY(!QFile::exists(corrupt));
    QVERIFY(!QFile::exists(corrupt + QStringLiteral(".part")));

    // 404 for a payload that does not exist.
    DownloadJob none(m_client.get(), 987654, m_tmp.filePath(QStringLiteral("none.bin")));
    QSignalSpy noneDone(&none, &DownloadJob::finished);
    none.start();
    QVERIFY(noneDone.wait(10000));
    QCOMPARE(none.error().httpStatus(), 404);
}

void TestApiClient::events()
{
    FaultProxy proxy(m_server.url.port());
    ApiClient client(endpointFor(proxy.url(), m_admin));
    EventStream stream(&client);
    stream.setReconnectDelayMs(300);
    QList<ServerEvent> received;
    connect(&stream, &EventStream::eventReceived, this, [&](const ServerEvent &e) { received.append(e); });
    QSignalSpy connected(&stream, &EventStream::connected);
    QSignalSpy disconnected(&stream, &EventStream::disconnected);
    stream.start();
    QVERIFY(connected.wait(10000));

    QVERIFY(await(m_client->createAccount(QStringLiteral("eve1"), QStringLiteral("viewer")))->ok());
    QVERIFY(waitFor([&] { return !received.isEmpty(); }, 10000));
    const ServerEvent first = received.last();
    QCOMPARE(first.type, QStringLiteral("audit"));
    QVERIFY(!first.id.isEmpty());
    const AuditEntry entry = AuditEntry::fromJson(first.json());
    QCOMPARE(QString::number(entry.id), first.id);
    QVERIFY2(entry.details.value(QStringLiteral("name")).toString() == QStringLiteral("eve1") ||
                 QString::fromUtf8(first.data).contains(QStringLiteral("eve1")),
             first.data.constData());

    // Drop the connection; a change made while disconnected arrives after the reconnect (Last-Event-ID).
    proxy.dropAll();
    QVERIFY(disconnected.wait(10000));
    QVERIFY(await(m_client->createAccount(QStringLiteral("eve2"), QStringLiteral("viewer")))->ok());
    QVERIFY(connected.wait(10000));
    QVERIFY2(waitFor(
                 [&] {
                     for (const ServerEvent &e : received) {
                         if (e.data.contains("eve2"))
                             return true;
                     }
                     return false;
                 },
                 10000),
             "the event of a change made during the reconnect was not delivered");
    QVERIFY(stream.reconnects() >= 1);
    stream.stop();
    QVERIFY(!stream.isRunning());

    // A viewer without a valid token: failed(), no reconnect loop.
    ApiClient stranger(endpointFor(m_server.url, QStringLiteral("otd_0123456789ab_bogus")));
    EventStream denied(&stranger);
    QSignalSpy failed(&denied, &EventStream::failed);
    denied.start();
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.first().at(0).value<ApiError>().httpStatus(), 401);
    QVERIFY(!denied.isRunning());
}

void TestApiClient::tls()
{
    QTemporaryDir dir;
    QProcess init;
    init.start(QStringLiteral(OTACTL_PATH),
               {QStringLiteral("server"), QStringLiteral("init"), QStringLiteral("--dir"), dir.path()});
    QVERIFY(init.waitForFinished(60000));
    QCOMPARE(init.exitCode(), 0);
    TestServer tlsServer;
    const QString token = tlsServer.issueToken();
    QVERIFY(tlsServer.start({QStringLiteral("--tls-cert"), dir.filePath(QStringLiteral("server.crt")),
                             QStringLiteral("--tls-key"), dir.filePath(QStringLiteral("server.key"))}));
    QCOMPARE(tlsServer.url.scheme(), QStringLiteral("https"));

    ServerEndpoint e = endpointFor(tlsServer.url, token);
    e.retries = 0;
    ApiClient untrusted(e);
    auto refused = await(untrusted.whoami());
    QCOMPARE(refused->error().kind(), ApiError::Kind::Tls);
    QVERIFY2(refused->error().toString().contains(QStringLiteral("--ca-cert")),
             qPrintable(refused->error().toString()));
    QVERIFY2(refused->error().toString().contains(QStringLiteral("not trusted")),
             qPrintable(refused->error().toString()));

    e.caCertificateFile = dir.filePath(QStringLiteral("server.crt"));
    ApiClient trusted(e);
    auto ok = await(trusted.whoami());
    QVERIFY2(ok->ok(), qPrintable(ok->error().toString()));

    e.caCertificateFile.clear();
    e.insecureSkipTlsVerify = true;
    ApiClient insecure(e);
    QVERIFY(await(insecure.whoami())->ok());
}

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_api_client.moc"
