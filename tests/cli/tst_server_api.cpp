// The management API of a real otadesk-server over HTTP on SQLite and on PostgreSQL: authentication (missing,
// wrong, revoked tokens; throttling of failed attempts), role permissions, tenant isolation (another tenant's
// objects are 404 and never leak), SUIT envelopes verified against the tenant's registered keys (unsigned,
// unknown key, tampered, rollback refused), the audit log and the live event stream.
#include "ApiFixture.h"
#include "../unit/ManifestTestSpecs.h"
#include "core/crypto/Key.h"
#include "core/manifest/EnvelopeSigner.h"
#include "core/store/TokenRepository.h"

#include <QJsonArray>
#include <QTcpSocket>
#include <functional>

using namespace otadesk;

namespace {
QString errorCode(const Response &r)
{
    return r.errorCode();
}

crypto::PrivateKey newKey()
{
    auto key = crypto::PrivateKey::generate(crypto::KeyType::EcdsaP256);
    if (!key)
        qFatal("cannot generate a key: %s", qPrintable(key.error().message()));
    return std::move(*key);
}

QByteArray envelope(quint64 sequence, const crypto::PrivateKey *key)
{
    manifest::ManifestSpec spec = test::goldenSpec(manifest::ManifestTemplate::SingleImage);
    spec.sequenceNumber = sequence;
    auto bytes = manifest::ManifestBuilder::buildEnvelope(spec);
    if (!bytes)
        qFatal("cannot build: %s", qPrintable(bytes.error().message()));
    if (!key)
        return *bytes;
    auto signedBytes = manifest::EnvelopeSigner::sign(*bytes, *key);
    if (!signedBytes)
        qFatal("cannot sign: %s", qPrintable(signedBytes.error().message()));
    return *signedBytes;
}

QJsonArray items(const Response &r)
{
    return r.json().value(QStringLiteral("items")).toArray();
}
} // namespace

class TestServerApi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void authentication_data() { addBackendRows(); }
    void authentication();
    void rolePermissions_data() { addBackendRows(); }
    void rolePermissions();
    void tenantIsolation_data() { addBackendRows(); }
    void tenantIsolation();
    void manifestsVerified_data() { addBackendRows(); }
    void manifestsVerified();
    void auditAndEvents_data() { addBackendRows(); }
    void auditAndEvents();
    void failedLoginThrottling();
    void slowAndIdleConnections();
};

void TestServerApi::authentication()
{
    ApiFixture f;
    API_SET_UP(f);
    const Response none = f.call("GET", QStringLiteral("/api/v1/whoami"), {});
    QCOMPARE(none.status, 401);
    QCOMPARE(errorCode(none), QStringLiteral("unauthenticated"));
    QVERIFY(none.header("www-authenticate").startsWith("Bearer"));
    const Response garbage = f.call("GET", QStringLiteral("/api/v1/whoami"), "otd_0123456789ab_not-the-secret");
    QCOMPARE(garbage.status, 401);

    const Response me = f.call("GET", QStringLiteral("/api/v1/whoami"), f.adminToken);
    QCOMPARE(me.status, 200);
    const QJsonObject who = me.json();
    QCOMPARE(who[QStringLiteral("tenant")].toObject()[QStringLiteral("name")].toString(), QStringLiteral("acme"));
    QCOMPARE(who[QStringLiteral("account")].toObject()[QStringLiteral("role")].toString(), QStringLiteral("admin"));
    QVERIFY(who[QStringLiteral("account")].toObject()[QStringLiteral("server_admin")].toBool());
    QVERIFY(who[QStringLiteral("permissions")].toArray().contains(QStringLiteral("accounts.write")));

    // A second token, used (so it is cached), revoked: refused at once, listed as revoked.
    const Response created = f.call("POST", QStringLiteral("/api/v1/tokens"), f.adminToken,
                                    QJsonObject{{QStringLiteral("label"), QStringLiteral("laptop")}});
    QCOMPARE(created.status, 201);
    const QByteArray second = created.json()[QStringLiteral("token")].toString().toLatin1();
    QVERIFY(second.startsWith("otd_"));
    QCOMPARE(f.call("GET", QStringLiteral("/api/v1/whoami"), second).status, 200);
    const QString id = QString::number(created.json()[QStringLiteral("id")].toInteger());
    QCOMPARE(f.call("DELETE", QStringLiteral("/api/v1/tokens/") + id, f.adminToken).status, 204);
    const Response afterRevoke = f.call("GET", QStringLiteral("/api/v1/whoami"), second);
    QCOMPARE(afterRevoke.status, 401);
    QVERIFY2(afterRevoke.json()[QStringLiteral("error")].toObject()[QStringLiteral("message")].toString().contains(
                 QStringLiteral("revoked")),
             afterRevoke.body.constData());
    const Response list = f.call("GET", QStringLiteral("/api/v1/tokens"), f.adminToken);
    bool sawRevoked = false;
    for (const QJsonValue &t : items(list)) {
        QVERIFY(!t.toObject().contains(QStringLiteral("token"))); // the secret is never listed
        if (t.toObject()[QStringLiteral("label")].toString() == QLatin1String("laptop"))
            sawRevoked = t.toObject()[QStringLiteral("revoked")].toBool();
    }
    QVERIFY(sawRevoked);
    // A lifetime of 0 days is refused; a token past its expiry is refused with the reason.
    const Response expiring = f.call("POST", QStringLiteral("/api/v1/tokens"), f.adminToken,
                                     QJsonObject{{QStringLiteral("expires_in_days"), 0}});
    QCOMPARE(expiring.status, 400);
    {
        auto db = store::Database::open(f.dbUrl);
        QVERIFY(db);
        const qint64 tenant = me.json()[QStringLiteral("tenant")].toObject()[QStringLiteral("id")].toInteger();
        const qint64 account = me.json()[QStringLiteral("account")].toObject()[QStringLiteral("id")].toInteger();
        auto old = store::TokenRepository(**db).issue(tenant, account, QStringLiteral("old"), store::nowMs() - 1000);
        QVERIFY(old);
        const Response expired = f.call("GET", QStringLiteral("/api/v1/whoami"), old->secret.toLatin1());
        QCOMPARE(expired.status, 401);
        QVERIFY2(expired.body.contains("expired"), expired.body.constData());
        QVERIFY2(expired.body.contains("otactl server token"), expired.body.constData()); // says what to do
    }
    // Health stays public.
    QCOMPARE(f.call("GET", QStringLiteral("/api/v1/health"), {}).status, 200);
}

void TestServerApi::rolePermissions()
{
    ApiFixture f;
    API_SET_UP(f);
    const QByteArray viewer = f.tokenFor(QStringLiteral("vera"), QStringLiteral("viewer"));
    const QByteArray author = f.tokenFor(QStringLiteral("arno"), QStringLiteral("author"));
    const QByteArray tech = f.tokenFor(QStringLiteral("tina"), QStringLiteral("technician"));
    const QByteArray manager = f.tokenFor(QStringLiteral("mia"), QStringLiteral("release-manager"));
    QVERIFY(!viewer.isEmpty() && !author.isEmpty() && !tech.isEmpty() && !manager.isEmpty());

    const QJsonObject upload{{QStringLiteral("name"), QStringLiteral("fw.bin")}, {QStringLiteral("size"), 4}};
    const Response denied = f.call("POST", QStringLiteral("/api/v1/uploads"), viewer, upload);
    QCOMPARE(denied.status, 403);
    QCOMPARE(errorCode(denied), QStringLiteral("forbidden"));
    QVERIFY2(denied.body.contains("payloads.write"), denied.body.constData());
    QCOMPARE(f.call("GET", QStringLiteral("/api/v1/payloads"), viewer).status, 200);
    QCOMPARE(f.call("GET", QStringLiteral("/api/v1/audit"), viewer).status, 200);
    QCOMPARE(f.call("GET", QStringLiteral("/api/v1/accounts"), viewer).status, 403);
    QCOMPARE(f.call("GET", QStringLiteral("/api/v1/accounts"), manager).status, 200);
    const Response page = f.call("GET", QStringLiteral("/api/v1/accounts?limit=2&offset=1&sort=name&order=desc"), manager);
    QCOMPARE(page.json()[QStringLiteral("total")].toInteger(), 5); // root, vera, arno, tina, mia
    QCOMPARE(items(page).size(), 2);
    QCOMPARE(items(page).at(0).toObject()[QStringLiteral("name")].toString(), QStringLiteral("tina"));
    QCOMPARE(items(page).at(1).toObject()[QStringLiteral("name")].toString(), QStringLiteral("root"));
    QCOMPARE(f.call("GET", QStringLiteral("/api/v1/accounts?sort=password"), manager).status, 400);
    QCOMPARE(f.call("POST", QStringLiteral("/api/v1/accounts"), manager,
                    QJsonObject{{QStringLiteral("name"), QStringLiteral("x")}, {QStringLiteral("role"), QStringLiteral("admin")}})
                 .status,
             403);

    // An author uploads; only managers and admins delete.
    const Response created = f.call("POST", QStringLiteral("/api/v1/uploads"), author, upload);
    QCOMPARE(created.status, 201);
    const QString uploadId = created.json()[QStringLiteral("id")].toString();
    QCOMPARE(f.call("PUT", QStringLiteral("/api/v1/uploads/%1/parts/0").arg(uploadId), author, QByteArray("abcd")).status,
             200);
    const Response finished =
        f.call("POST", QStringLiteral("/api/v1/uploads/%1/finish").arg(uploadId), author,
               QJsonObject{{QStringLiteral("sha256"), QString::fromLatin1(crypto::sha256("abcd").toHex())}});
    QCOMPARE(finished.status, 201);
    QCOMPARE(finished.json()[QStringLiteral("created_by")].toString(), QStringLiteral("arno"));
    const QString payload = QStringLiteral("/api/v1/payloads/%1").arg(finished.json()[QStringLiteral("id")].toInteger());
    QCOMPARE(f.call("GET", payload + QStringLiteral("/content"), tech).body, QByteArray("abcd"));
    QCOMPARE(f.call("DELETE", payload, author).status, 403);
    QCOMPARE(f.call("DELETE", payload, tech).status, 403);
    QCOMPARE(f.call("POST", QStringLiteral("/api/v1/keys"), author,
                    QJsonObject{{QStringLiteral("public_key_pem"), QStringLiteral("x")}})
                 .status,
             403);
    QCOMPARE(f.call("DELETE", payload, manager).status, 204);
    QCOMPARE(f.call("GET", payload, manager).status, 404);

    // Tokens: everybody manages their own, only admins those of others.
    const Response viewerMe = f.call("GET", QStringLiteral("/api/v1/whoami"), viewer);
    const qint64 viewerAccount = viewerMe.json()[QStringLiteral("account")].toObject()[QStringLiteral("id")].toInteger();
    QCOMPARE(f.call("POST", QStringLiteral("/api/v1/tokens"), viewer, QJsonObject{}).status, 201);
    QCOMPARE(f.call("POST", QStringLiteral("/api/v1/tokens"), author,
                    QJsonObject{{QStringLiteral("account_id"), double(viewerAccount)}})
                 .status,
             403);
    QCOMPARE(items(f.call("GET", QStringLiteral("/api/v1/tokens"), viewer)).size(), 2);
    // Demoting changes permissions at once (no stale cache).
    const Response pro = f.call("PATCH", QStringLiteral("/api/v1/accounts/%1").arg(viewerAccount), f.adminToken,
                                QJsonObject{{QStringLiteral("role"), QStringLiteral("author")}});
    QCOMPARE(pro.status, 200);
    QCOMPARE(f.call("POST", QStringLiteral("/api/v1/uploads"), viewer, upload).status, 201);
    // The last admin cannot demote themselves away.
    const qint64 rootId = f.call("GET", QStringLiteral("/api/v1/whoami"), f.adminToken)
                              .json()[QStringLiteral("account")]
                              .toObject()[QStringLiteral("id")]
                              .toInteger();
    const Response last = f.call("PATCH", QStringLiteral("/api/v1/accounts/%1").arg(rootId), f.adminToken,
                                 QJsonObject{{QStringLiteral("role"), QStringLiteral("viewer")}});
    QCOMPARE(last.status, 409);
}

void TestServerApi::tenantIsolation()
{
    ApiFixture f;
    API_SET_UP(f);
    const Response made = f.call("POST", QStringLiteral("/api/v1/tenants"), f.adminToken,
                                 QJsonObject{{QStringLiteral("name"), QStringLiteral("globex")},
                                             {QStringLiteral("admin_account"), QStringLiteral("hank")}});
    QCOMPARE(made.status, 201);
    const QByteArray other = made.json()[QStringLiteral("token")].toString().toLatin1();
    const qint64 otherTenant = made.json()[QStringLiteral("tenant")].toObject()[QStringLiteral("id")].toInteger();
    // Globex's admin is not a server admin: cannot create tenants, sees only its own.
    QCOMPARE(f.call("POST", QStringLiteral("/api/v1/tenants"), other,
                    QJsonObject{{QStringLiteral("name"), QStringLiteral("x")}, {QStringLiteral("admin_account"), QStringLiteral("y")}})
                 .status,
             403);
    QCOMPARE(items(f.call("GET", QStringLiteral("/api/v1/tenants"), other)).size(), 1);

    const QByteArray secret("globex secret firmware");
    const Response up = f.call("POST", QStringLiteral("/api/v1/uploads"), other,
                               QJsonObject{{QStringLiteral("name"), QStringLiteral("globex-fw.bin")},
                                           {QStringLiteral("size"), double(secret.size())}});
    QCOMPARE(up.status, 201);
    const QString uploadId = up.json()[QStringLiteral("id")].toString();
    // Acme cannot see, feed or finish Globex's upload.
    QCOMPARE(f.call("GET", QStringLiteral("/api/v1/uploads/") + uploadId, f.adminToken).status, 404);
    QCOMPARE(f.call("PUT", QStringLiteral("/api/v1/uploads/%1/parts/0").arg(uploadId), f.adminToken, secret).status, 404);
    QCOMPARE(f.call("PUT", QStringLiteral("/api/v1/uploads/%1/parts/0").arg(uploadId), other, secret).status, 200);
    const Response fin = f.call("POST", QStringLiteral("/api/v1/uploads/%1/finish").arg(uploadId), other,
                                QJsonObject{{QStringLiteral("sha256"), QString::fromLatin1(crypto::sha256(secret).toHex())}});
    QCOMPARE(fin.status, 201);
    const QString payload = QStringLiteral("/api/v1/payloads/%1").arg(fin.json()[QStringLiteral("id")].toInteger());

    for (const QString &path : QStringList{payload, payload + QStringLiteral("/content")}) {
        const Response r = f.call("GET", path, f.adminToken);
        QCOMPARE(r.status, 404);
        QVERIFY(!r.body.contains("globex"));
        QVERIFY(!r.body.contains(secret));
    }
    QCOMPARE(f.call("DELETE", payload, f.adminToken).status, 404);
    QVERIFY(!f.call("GET", QStringLiteral("/api/v1/payloads"), f.adminToken).body.contains("globex"));
    QCOMPARE(f.call("GET", payload + QStringLiteral("/content"), other).body, secret);
    // Accounts, audit and tenants of the other tenant stay hidden.
    const qint64 acmeAccount = f.call("GET", QStringLiteral("/api/v1/whoami"), f.adminToken)
                                   .json()[QStringLiteral("account")]
                                   .toObject()[QStringLiteral("id")]
                                   .toInteger();
    QCOMPARE(f.call("GET", QStringLiteral("/api/v1/accounts/%1").arg(acmeAccount), other).status, 404);
    const qint64 acmeTenant = f.call("GET", QStringLiteral("/api/v1/whoami"), f.adminToken)
                                  .json()[QStringLiteral("tenant")]
                                  .toObject()[QStringLiteral("id")]
                                  .toInteger();
    QCOMPARE(f.call("GET", QStringLiteral("/api/v1/tenants/%1").arg(acmeTenant), other).status, 404);
    QCOMPARE(f.call("GET", QStringLiteral("/api/v1/tenants/%1").arg(otherTenant), f.adminToken).status, 200); // server admin
    // Identical content in two tenants: two rows, one blob; removing one keeps the other's bytes.
    const Response mine = f.call("POST", QStringLiteral("/api/v1/uploads"), f.adminToken,
                                 QJsonObject{{QStringLiteral("name"), QStringLiteral("same.bin")},
                                             {QStringLiteral("size"), double(secret.size())}});
    const QString mineId = mine.json()[QStringLiteral("id")].toString();
    QCOMPARE(f.call("PUT", QStringLiteral("/api/v1/uploads/%1/parts/0").arg(mineId), f.adminToken, secret).status, 200);
    const Response mineFin = f.call("POST", QStringLiteral("/api/v1/uploads/%1/finish").arg(mineId), f.adminToken,
                                    QJsonObject{{QStringLiteral("sha256"), QString::fromLatin1(crypto::sha256(secret).toHex())}});
    QCOMPARE(mineFin.status, 201);
    QCOMPARE(f.call("DELETE", QStringLiteral("/api/v1/payloads/%1").arg(mineFin.json()[QStringLiteral("id")].toInteger()),
                    f.adminToken)
                 .status,
             204);
    QCOMPARE(f.call("GET", payload + QStringLiteral("/content"), other).body, secret);
    // Acme's own changes never show in Globex's audit log (its creation by the server admin does).
    const Response otherAudit = f.call("GET", QStringLiteral("/api/v1/audit"), other);
    QVERIFY(otherAudit.body.contains("tenant.create"));
    QVERIFY(!otherAudit.body.contains("same.bin"));
    QVERIFY(!otherAudit.body.contains("payload.remove"));
}

void TestServerApi::manifestsVerified()
{
    ApiFixture f;
    API_SET_UP(f);
    const crypto::PrivateKey signer = newKey();
    const crypto::PrivateKey stranger = newKey();
    const QString manifests = QStringLiteral("/api/v1/manifests");

    const Response noKeys = f.call("POST", manifests, f.adminToken, envelope(1, &signer));
    QCOMPARE(noKeys.status, 422);
    QCOMPARE(errorCode(noKeys), QStringLiteral("unknown_key"));

    const Response priv = f.call("POST", QStringLiteral("/api/v1/keys"), f.adminToken,
                                 QJsonObject{{QStringLiteral("name"), QStringLiteral("oops")},
                                             {QStringLiteral("public_key_pem"), QStringLiteral("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")}});
    QCOMPARE(priv.status, 400);
    const Response key = f.call("POST", QStringLiteral("/api/v1/keys"), f.adminToken,
                                QJsonObject{{QStringLiteral("name"), QStringLiteral("release-2026")},
                                            {QStringLiteral("public_key_pem"), QString::fromLatin1(signer.publicKey().toPem())}});
    QCOMPARE(key.status, 201);
    QCOMPARE(key.json()[QStringLiteral("kid")].toString(), QString::fromLatin1(signer.publicKey().keyId().toHex()));
    QCOMPARE(f.call("POST", QStringLiteral("/api/v1/keys"), f.adminToken,
                    QJsonObject{{QStringLiteral("public_key_pem"), QString::fromLatin1(signer.publicKey().toPem())}})
                 .status,
             409);

    const Response unsignedEnv = f.call("POST", manifests, f.adminToken, envelope(1, nullptr));
    QCOMPARE(unsignedEnv.status, 422);
    QVERIFY2(errorCode(unsignedEnv) == QLatin1String("signature_invalid"), unsignedEnv.body.constData());
    const Response wrongKey = f.call("POST", manifests, f.adminToken, envelope(1, &stranger));
    QCOMPARE(wrongKey.status, 422);
    QCOMPARE(errorCode(wrongKey), QStringLiteral("unknown_key"));
    QByteArray tampered = envelope(1, &signer);
    tampered[tampered.size() - 5] = char(tampered.at(tampered.size() - 5) ^ 0x01);
    const Response bad = f.call("POST", manifests, f.adminToken, tampered);
    QCOMPARE(bad.status, 422);
    QVERIFY2(errorCode(bad) == QLatin1String("signature_invalid") || errorCode(bad) == QLatin1String("invalid_envelope"),
             bad.body.constData());
    const Response junk = f.call("POST", manifests, f.adminToken, QByteArray("not cbor at all"));
    QCOMPARE(junk.status, 422);
    QCOMPARE(errorCode(junk), QStringLiteral("invalid_envelope"));

    const QByteArray v2 = envelope(2, &signer);
    const Response ok = f.call("POST", manifests + QStringLiteral("?product=GW-200"), f.adminToken, v2);
    QCOMPARE(ok.status, 201);
    QCOMPARE(ok.json()[QStringLiteral("sequence_number")].toInteger(), 2);
    QCOMPARE(ok.json()[QStringLiteral("signer")].toString(), QStringLiteral("release-2026"));
    QCOMPARE(f.call("POST", manifests + QStringLiteral("?product=GW-200"), f.adminToken, v2).status, 200); // same again
    const Response rollback = f.call("POST", manifests + QStringLiteral("?product=GW-200"), f.adminToken, envelope(1, &signer));
    QCOMPARE(rollback.status, 409);
    QCOMPARE(errorCode(rollback), QStringLiteral("rollback"));
    QCOMPARE(f.call("POST", manifests + QStringLiteral("?product=GW-200"), f.adminToken, envelope(3, &signer)).status, 201);

    const Response list = f.call("GET", manifests + QStringLiteral("?sort=sequence_number&order=desc"), f.adminToken);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.json()[QStringLiteral("total")].toInteger(), 2);
    QCOMPARE(items(list).at(0).toObject()[QStringLiteral("sequence_number")].toInteger(), 3);
    QCOMPARE(f.call("GET", manifests + QStringLiteral("?sort=secret_column"), f.adminToken).status, 400);
    const Response env = f.call("GET", QStringLiteral("/api/v1/manifests/%1/envelope").arg(ok.json()[QStringLiteral("id")].toInteger()),
                                f.adminToken);
    QCOMPARE(env.body, v2);
}

void TestServerApi::auditAndEvents()
{
    ApiFixture f;
    API_SET_UP(f);
    const QByteArray viewer = f.tokenFor(QStringLiteral("vera"), QStringLiteral("viewer"));
    // A raw socket reads the event stream while the admin changes things.
    QTcpSocket stream;
    stream.connectToHost(f.server->url.host(), quint16(f.server->url.port()));
    QVERIFY(stream.waitForConnected(5000));
    stream.write("GET /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + viewer + "\r\n\r\n");
    QByteArray received;
    QElapsedTimer clock;
    clock.start();
    while (!received.contains(": otadesk event stream") && clock.elapsed() < 5000) {
        stream.waitForReadyRead(100); // data may also have arrived during the nested loop of call()
        received += stream.readAll();
    }
    QVERIFY2(received.startsWith("HTTP/1.1 200"), received.constData());
    QVERIFY(received.contains("text/event-stream"));

    QCOMPARE(f.call("POST", QStringLiteral("/api/v1/accounts"), f.adminToken,
                    QJsonObject{{QStringLiteral("name"), QStringLiteral("newbie")}, {QStringLiteral("role"), QStringLiteral("author")}})
                 .status,
             201);
    clock.restart();
    while (!received.contains("newbie") && clock.elapsed() < 5000) {
        stream.waitForReadyRead(100); // data may also have arrived during the nested loop of call()
        received += stream.readAll();
    }
    QVERIFY2(received.contains("event: audit"), received.constData());
    QVERIFY(received.contains("\"action\":\"account.create\""));

    // The viewer reads the audit log: who did what, newest first; nobody can change it.
    const Response audit = f.call("GET", QStringLiteral("/api/v1/audit?limit=2"), viewer);
    QCOMPARE(audit.status, 200);
    const QJsonObject newest = items(audit).at(0).toObject();
    QCOMPARE(newest[QStringLiteral("action")].toString(), QStringLiteral("account.create"));
    QCOMPARE(newest[QStringLiteral("actor")].toString(), QStringLiteral("root"));
    QCOMPARE(newest[QStringLiteral("details")].toObject()[QStringLiteral("name")].toString(), QStringLiteral("newbie"));
    QVERIFY(audit.json()[QStringLiteral("total")].toInteger() >= 4);
    QCOMPARE(items(audit).size(), 2);
    QCOMPARE(f.call("GET", QStringLiteral("/api/v1/audit?limit=0"), viewer).status, 400);
    auto db = store::Database::open(f.dbUrl);
    QVERIFY(db);
    QVERIFY(!(*db)->exec(QStringLiteral("DELETE FROM audit_log")));
    QVERIFY(!(*db)->exec(QStringLiteral("UPDATE audit_log SET actor = 'nobody'")));

    // Reconnecting with Last-Event-ID replays what was missed.
    QTcpSocket again;
    again.connectToHost(f.server->url.host(), quint16(f.server->url.port()));
    QVERIFY(again.waitForConnected(5000));
    again.write("GET /api/v1/events HTTP/1.1\r\nHost: x\r\nLast-Event-ID: 0\r\nAuthorization: Bearer " + viewer +
                "\r\n\r\n");
    QByteArray replay;
    clock.restart();
    while (!replay.contains("newbie") && clock.elapsed() < 5000) {
        again.waitForReadyRead(100);
        replay += again.readAll();
    }
    QVERIFY2(replay.contains("token.create"), replay.constData());
}

void TestServerApi::failedLoginThrottling()
{
    ApiFixture f;
    QVERIFY2(f.setUp(QStringLiteral("sqlite")).isEmpty(), "setup");
    for (int i = 0; i < 10; ++i)
        QCOMPARE(f.call("GET", QStringLiteral("/api/v1/whoami"), "otd_000000000000_guess" + QByteArray::number(i)).status, 401);
    const Response blocked = f.call("GET", QStringLiteral("/api/v1/whoami"), f.adminToken);
    QCOMPARE(blocked.status, 429);
    QCOMPARE(errorCode(blocked), QStringLiteral("too_many_requests"));
    const int retryAfter = blocked.header("retry-after").toInt();
    QVERIFY2(retryAfter > 0 && retryAfter <= 60, blocked.header("retry-after").constData());
}

void TestServerApi::slowAndIdleConnections()
{
    ApiFixture f;
    QVERIFY2(f.setUp(QStringLiteral("sqlite")).isEmpty(), "setup");
    f.server.reset();
    QVERIFY(f.start({QStringLiteral("--request-timeout-ms"), QStringLiteral("400"), QStringLiteral("--idle-timeout-ms"),
                     QStringLiteral("700")})
                .isEmpty());
    const auto connectRaw = [&](QTcpSocket &s) {
        s.connectToHost(f.server->url.host(), quint16(f.server->url.port()));
        return s.waitForConnected(5000);
    };
    const auto readUntilClosed = [](QTcpSocket &s, int ms, const std::function<void()> &meanwhile = {}) -> QByteArray {
        QByteArray got;
        QElapsedTimer clock;
        clock.start();
        while (s.state() == QAbstractSocket::ConnectedState && clock.elapsed() < ms) {
            if (meanwhile)
                meanwhile();
            s.waitForReadyRead(100);
            got += s.readAll();
        }
        return got + s.readAll();
    };
    // A head trickling in (a header line every 100 ms, never ending) is cut off with 408.
    QTcpSocket slowHead;
    QVERIFY(connectRaw(slowHead));
    slowHead.write("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n");
    QElapsedTimer clock;
    clock.start();
    const QByteArray headReply = readUntilClosed(slowHead, 5000, [&] { slowHead.write("X-Slow: 1\r\n"); });
    QVERIFY2(headReply.startsWith("HTTP/1.1 408"), headReply.constData());
    QVERIFY(headReply.contains("request_timeout"));
    QVERIFY2(clock.elapsed() < 3000, "the slow head was not cut off in time");
    // A body that stalls gets 408 too.
    QTcpSocket stalled;
    QVERIFY(connectRaw(stalled));
    stalled.write("PUT /api/v1/uploads/0123/parts/0 HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789");
    const QByteArray bodyReply = readUntilClosed(stalled, 5000);
    QVERIFY2(bodyReply.startsWith("HTTP/1.1 408"), bodyReply.constData());
    // An idle keep-alive connection is closed; the event stream of the same age is not.
    QTcpSocket idle, events;
    QVERIFY(connectRaw(idle));
    QVERIFY(connectRaw(events));
    idle.write("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
    events.write("GET /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + f.adminToken + "\r\n\r\n");
    QByteArray stream;
    clock.restart();
    while (!stream.contains(": otadesk event stream") && clock.elapsed() < 5000) {
        events.waitForReadyRead(100);
        stream += events.readAll();
    }
    QVERIFY2(stream.startsWith("HTTP/1.1 200"), stream.constData());
    const QByteArray idleReply = readUntilClosed(idle, 5000);
    QVERIFY2(idleReply.startsWith("HTTP/1.1 200"), idleReply.constData());
    QCOMPARE(idle.state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(events.state(), QAbstractSocket::ConnectedState);
    QCOMPARE(f.call("POST", QStringLiteral("/api/v1/accounts"), f.adminToken,
                    QJsonObject{{QStringLiteral("name"), QStringLiteral("late")}, {QStringLiteral("role"), QStringLiteral("viewer")}})
                 .status,
             201);
    clock.restart();
    while (!stream.contains("late") && clock.elapsed() < 5000) {
        events.waitForReadyRead(100);
        stream += events.readAll();
    }
    QVERIFY2(stream.contains("account.create"), QByteArray(stream + " / state " + QByteArray::number(events.state()) + " " + events.errorString().toUtf8()).constData());
}

QTEST_GUILESS_MAIN(TestServerApi)
#include "tst_server_api.moc"
