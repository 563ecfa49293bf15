// otadesk-server as a real process on loopback: the "listening on URL" line, /api/v1/health and /version over real
// HTTP, JSON error bodies (404, 405, 413 before the body is read), X-Request-Id, config precedence (file < env <
// flag), bad configuration (exit 2 naming the key), graceful SIGTERM (in-flight request finished, "stopped"
// logged, exit 0), JSON log lines, HTTPS with a certificate from "otactl server init" trusted explicitly.
// Also measures start-up time and requests per second (printed, not asserted beyond sanity).
#include "core/store/Database.h"
#include "ServerProcess.h"
#include "../unit/TestData.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <algorithm>
#include <memory>
#include <sys/stat.h>

using otadesk::test::readFile;
using otadesk::test::writeFile;

namespace {
const QString kOtactl = QStringLiteral(OTACTL_PATH);
struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};

Run runProcess(const QString &program, const QStringList &args,
               const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    Run r;
    if (!p.waitForFinished(20000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}


// Reads from a raw socket until the peer closes or timeoutMs passes.
QByteArray readAllUntilClosed(QTcpSocket &socket, int timeoutMs)
{
    QByteArray data;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        if (socket.waitForReadyRead(100))
            data += socket.readAll();
        else if (socket.state() == QAbstractSocket::UnconnectedState)
            break;
    }
    return data + socket.readAll();
}

QList<QJsonObject> jsonLogLines(const QByteArray &text, bool *allParsed)
{
    QList<QJsonObject> lines;
    *allParsed = true;
    for (const QByteArray &line : text.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) {
            qWarning() << "not a JSON log line:" << line;
            *allParsed = false;
            continue;
        }
        lines << doc.object();
    }
    return lines;
}
} // namespace

class TestServerProcess : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void healthAndVersion();
    void errorBodies();
    void bodyLimit();
    void configPrecedence();
    void badConfig_data();
    void badConfig();
    void portInUse();
    void databaseMigratedBeforeListening_data();
    void databaseMigratedBeforeListening();
    void unreachableDatabase();
    void gracefulShutdown();
    void shutdownTimeout();
    void https();
    void throughput();
};

void TestServerProcess::healthAndVersion()
{
    Server server;
    QVERIFY(server.start({QStringLiteral("--port"), QStringLiteral("0")}));
    QCOMPARE(server.url.scheme(), QStringLiteral("http"));
    QCOMPARE(server.url.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(server.url.port() > 0);
    qInfo("start-up to the listening line: %.1f ms", server.startupMs);
    QNetworkAccessManager nam;
    const Response health = fetch(nam, server.at(QStringLiteral("/api/v1/health")));
    QCOMPARE(health.status, 200);
    QCOMPARE(health.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QVERIFY(!health.json().value(QStringLiteral("version")).toString().isEmpty());
    QVERIFY(health.json().value(QStringLiteral("uptime_seconds")).toDouble() >= 0);
    QCOMPARE(health.requestId.size(), 16);
    const Response again = fetch(nam, server.at(QStringLiteral("/api/v1/health")), "GET", {}, nullptr, "trace-42");
    QCOMPARE(again.requestId, QByteArray("trace-42")); // a sane client id is kept
    const Response hostile = fetch(nam, server.at(QStringLiteral("/api/v1/health")), "GET", {}, nullptr,
                                   "bad id\twith spaces");
    QCOMPARE(hostile.requestId.size(), 16); // replaced
    const Response version = fetch(nam, server.at(QStringLiteral("/api/v1/version")));
    QCOMPARE(version.status, 200);
    QCOMPARE(version.json().value(QStringLiteral("name")).toString(), QStringLiteral("otadesk-server"));
    QCOMPARE(version.json().value(QStringLiteral("api")).toString(), QStringLiteral("v1"));
}

void TestServerProcess::errorBodies()
{
    Server server;
    QVERIFY(server.start({QStringLiteral("--port"), QStringLiteral("0")}));
    QNetworkAccessManager nam;
    const Response missing = fetch(nam, server.at(QStringLiteral("/api/v1/nothing-here")));
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.errorCode(), QStringLiteral("not_found"));
    QVERIFY(!missing.json()[QStringLiteral("error")][QStringLiteral("message")].toString().isEmpty());
    QVERIFY(!missing.requestId.isEmpty());
    const Response wrongMethod = fetch(nam, server.at(QStringLiteral("/api/v1/health")), "DELETE");
    QCOMPARE(wrongMethod.status, 405);
    QCOMPARE(wrongMethod.errorCode(), QStringLiteral("method_not_allowed"));
    QCOMPARE(wrongMethod.allow, QByteArray("GET"));
    QVERIFY(!wrongMethod.requestId.isEmpty());
}

void TestServerProcess::bodyLimit()
{
    Server server;
    QVERIFY(server.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--max-body-bytes"),
                          QStringLiteral("1024")}));
    QNetworkAccessManager nam;
    // Below the limit: the request reaches the router (405: health is GET only).
    QCOMPARE(fetch(nam, server.at(QStringLiteral("/api/v1/health")), "POST", QByteArray(1024, 'a')).status, 405);
    const Response tooLarge = fetch(nam, server.at(QStringLiteral("/api/v1/health")), "POST", QByteArray(4096, 'a'));
    QCOMPARE(tooLarge.status, 413);
    QCOMPARE(tooLarge.errorCode(), QStringLiteral("payload_too_large"));
    QVERIFY(!tooLarge.requestId.isEmpty());

    // A 10 GB Content-Length is refused from the head alone: no body byte is ever sent.
    QTcpSocket raw;
    raw.connectToHost(server.url.host(), quint16(server.url.port()));
    QVERIFY(raw.waitForConnected(5000));
    raw.write("POST /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Request-Id: huge-1\r\n"
              "Content-Length: 10737418240\r\n\r\n");
    QElapsedTimer clock;
    clock.start();
    const QByteArray answer = readAllUntilClosed(raw, 5000);
    QVERIFY2(answer.startsWith("HTTP/1.1 413 "), answer.constData());
    QVERIFY(answer.contains("X-Request-Id: huge-1\r\n"));
    QVERIFY(answer.contains("\"payload_too_large\""));
    QVERIFY(clock.elapsed() < 3000);
    // A chunked body has no length up front: it is measured once received.
    QTcpSocket chunked;
    chunked.connectToHost(server.url.host(), quint16(server.url.port()));
    QVERIFY(chunked.waitForConnected(5000));
    chunked.write("POST /api/v1/health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n7d0\r\n"
                  + QByteArray(2000, 'b') + "\r\n0\r\n\r\n");
    QElapsedTimer chunkClock;
    chunkClock.start();
    QByteArray chunkedAnswer;
    while (!chunkedAnswer.contains("\r\n\r\n{") && chunkClock.elapsed() < 5000) {
        if (chunked.waitForReadyRead(100))
            chunkedAnswer += chunked.readAll();
    }
    QVERIFY2(chunkedAnswer.startsWith("HTTP/1.1 413 "), chunkedAnswer.constData());
    // The server keeps serving.
    QCOMPARE(fetch(nam, server.at(QStringLiteral("/api/v1/health"))).status, 200);
}

void TestServerProcess::configPrecedence()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("server.conf"));
    QVERIFY(writeFile(file, "[server]\nport=1111\nmax_body_bytes=2000\nlog_format=json\nshutdown_timeout_ms=700\n"
                            "bogus_key=1\n"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("OTADESK_SERVER_PORT"), QStringLiteral("2222"));
    env.insert(QStringLiteral("OTADESK_SERVER_MAX_BODY_BYTES"), QStringLiteral("3000"));
    const Run printed = runProcess(kServer, {QStringLiteral("--config"), file, QStringLiteral("--max-body-bytes"),
                                             QStringLiteral("4000"), QStringLiteral("--print-config")},
                                   env);
    QCOMPARE(printed.code, 0);
    const QJsonObject config = QJsonDocument::fromJson(printed.out).object();
    const QJsonObject settings = config[QStringLiteral("settings")].toObject();
    const QJsonObject origins = config[QStringLiteral("origins")].toObject();
    QCOMPARE(settings[QStringLiteral("port")].toInt(), 2222); // env beats file
    QVERIFY(origins[QStringLiteral("port")].toString().contains(QStringLiteral("OTADESK_SERVER_PORT")));
    QCOMPARE(settings[QStringLiteral("max_body_bytes")].toInt(), 4000); // flag beats env
    QVERIFY(origins[QStringLiteral("max_body_bytes")].toString().contains(QStringLiteral("--max-body-bytes")));
    QCOMPARE(settings[QStringLiteral("log_format")].toString(), QStringLiteral("json")); // file beats default
    QCOMPARE(settings[QStringLiteral("shutdown_timeout_ms")].toInt(), 700);
    QCOMPARE(origins[QStringLiteral("listen")].toString(), QStringLiteral("default"));
    QVERIFY2(printed.err.contains("bogus_key"), printed.err.constData()); // unknown keys are warned about

    // The same precedence seen by the running server.
    env.insert(QStringLiteral("OTADESK_SERVER_PORT"), QStringLiteral("0"));
    Server server;
    QVERIFY(server.start({QStringLiteral("--config"), file}, env));
    QNetworkAccessManager nam;
    const Response health = fetch(nam, server.at(QStringLiteral("/api/v1/health")));
    QCOMPARE(health.json().value(QStringLiteral("max_body_bytes")).toInt(), 3000);
}

void TestServerProcess::badConfig_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("envName");
    QTest::addColumn<QString>("envValue");
    QTest::addColumn<QString>("fileText");
    QTest::addColumn<QStringList>("mustMention");
    const QString none;
    QTest::newRow("port too large") << QStringList{QStringLiteral("--port"), QStringLiteral("70000")} << none << none
                                    << none << QStringList{QStringLiteral("port"), QStringLiteral("--port")};
    QTest::newRow("port not a number") << QStringList{} << QStringLiteral("OTADESK_SERVER_PORT")
                                       << QStringLiteral("http") << none
                                       << QStringList{QStringLiteral("port"), QStringLiteral("OTADESK_SERVER_PORT")};
    QTest::newRow("log format") << QStringList{} << QStringLiteral("OTADESK_SERVER_LOG_FORMAT")
                                << QStringLiteral("xml") << none
                                << QStringList{QStringLiteral("log_format"), QStringLiteral("json or text")};
    QTest::newRow("listen") << QStringList{QStringLiteral("--listen"), QStringLiteral("not-an-ip")} << none << none
                            << none << QStringList{QStringLiteral("listen")};
    QTest::newRow("body limit in file") << QStringList{} << none << none
                                        << QStringLiteral("[server]\nmax_body_bytes=-5\n")
                                        << QStringList{QStringLiteral("max_body_bytes"), QStringLiteral("server.conf")};
    QTest::newRow("database scheme") << QStringList{QStringLiteral("--database"), QStringLiteral("mysql://x/y")}
                                     << none << none << none << QStringList{QStringLiteral("database")};
    QTest::newRow("unreadable cert") << QStringList{QStringLiteral("--tls-cert"), QStringLiteral("/nonexistent.crt"),
                                                    QStringLiteral("--tls-key"), QStringLiteral("/nonexistent.key")}
                                     << none << none << none
                                     << QStringList{QStringLiteral("tls_cert"), QStringLiteral("/nonexistent.crt")};
    QTest::newRow("cert without key") << QStringList{QStringLiteral("--tls-cert"), QStringLiteral("/etc/hostname")}
                                      << none << none << none
                                      << QStringList{QStringLiteral("tls_cert"), QStringLiteral("tls_key")};
    QTest::newRow("missing config file")
        << QStringList{QStringLiteral("--config"), QStringLiteral("/nonexistent/otadesk-server.conf")} << none << none
        << none << QStringList{QStringLiteral("/nonexistent/otadesk-server.conf")};
}

void TestServerProcess::badConfig()
{
    QFETCH(QStringList, args);
    QFETCH(QString, envName);
    QFETCH(QString, envValue);
    QFETCH(QString, fileText);
    QFETCH(QStringList, mustMention);
    QTemporaryDir dir;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!envName.isEmpty())
        env.insert(envName, envValue);
    if (!fileText.isEmpty()) {
        const QString file = dir.filePath(QStringLiteral("server.conf"));
        QVERIFY(writeFile(file, fileText.toUtf8()));
        args << QStringLiteral("--config") << file;
    }
    const Run bad = runProcess(kServer, args, env);
    QCOMPARE(bad.code, 2);
    QVERIFY(bad.out.isEmpty()); // no listening line
    for (const QString &word : mustMention)
        QVERIFY2(QString::fromUtf8(bad.err).contains(word), bad.err.constData());
}

void TestServerProcess::portInUse()
{
    Server first;
    QVERIFY(first.start({QStringLiteral("--port"), QStringLiteral("0")}));
    const Run second = runProcess(kServer, {QStringLiteral("--port"), QString::number(first.url.port())});
    QCOMPARE(second.code, 1); // cannot serve: not a configuration error
    QVERIFY(second.out.isEmpty());
    const QByteArray expected = "Cannot listen on 127.0.0.1 port " + QByteArray::number(first.url.port());
    QVERIFY2(second.err.contains(expected), second.err.constData());
    QVERIFY(second.err.contains(" ERROR   otadesk.server: ")); // a text log line
}

void TestServerProcess::databaseMigratedBeforeListening_data()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

void TestServerProcess::databaseMigratedBeforeListening()
{
    QFETCH(QString, backend);
    QTemporaryDir dir;
    QString url;
    if (backend == QLatin1String("sqlite")) {
        url = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("server.sqlite"));
    } else {
        const QString pg = qEnvironmentVariable("OTADESK_TEST_POSTGRES");
        if (pg.isEmpty()) {
            if (qEnvironmentVariableIntValue("OTADESK_REQUIRE_POSTGRES"))
                QFAIL("OTADESK_TEST_POSTGRES is not set although OTADESK_REQUIRE_POSTGRES=1");
            QSKIP("set OTADESK_TEST_POSTGRES=postgresql://... (scripts/test starts a cluster) to run this row");
        }
        const QString schema = QStringLiteral("srv_%1_%2")
                                   .arg(QCoreApplication::applicationPid())
                                   .arg(QDateTime::currentMSecsSinceEpoch());
        url = pg + QStringLiteral("?schema=") + schema;
    }
    Server server;
    QVERIFY2(server.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--database"), url,
                           QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("data")),
                           QStringLiteral("--log-format"), QStringLiteral("json")}),
             server.stderrText().constData());
    // The server migrated before it printed the listening line: the schema is there now.
    auto db = otadesk::store::Database::open(url);
    QVERIFY2(db, db ? "" : qPrintable(db.error().message()));
    const auto version = (*db)->schemaVersion();
    QVERIFY(version);
    QVERIFY(*version >= 1);
    QCOMPARE(*version, otadesk::store::storeMigrations().last().version);
    QNetworkAccessManager nam;
    QCOMPARE(fetch(nam, server.at(QStringLiteral("/api/v1/health"))).status, 200);
    bool parsed = false;
    const QList<QJsonObject> lines = jsonLogLines(server.stderrText(), &parsed);
    const bool ready = std::any_of(lines.begin(), lines.end(), [&](const QJsonObject &o) {
        return o.value(QStringLiteral("msg")).toString() == QLatin1String("database ready")
               && o.value(QStringLiteral("schema_version")).toInt() == *version;
    });
    QVERIFY2(ready, server.stderrText().constData());
    if (backend == QLatin1String("postgresql"))
        QVERIFY(!server.stderrText().contains("password")); // nothing secret in the logs
}

void TestServerProcess::unreachableDatabase()
{
    // Nothing listens on port 1: the server says why and exits 1 without opening its port.
    const Run r = runProcess(kServer, {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--database"),
                                       QStringLiteral("postgresql://otadesk:secret-pw@127.0.0.1:1/otadesk"),
                                       QStringLiteral("--data-dir"), QDir::tempPath()});
    QCOMPARE(r.code, 1);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.contains("127.0.0.1"), r.err.constData());
    QVERIFY2(!r.err.contains("secret-pw"), r.err.constData());
}

void TestServerProcess::gracefulShutdown()
{
    Server server;
    QVERIFY(server.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--log-format"),
                          QStringLiteral("json")}));
    QNetworkAccessManager nam; // leaves an idle keep-alive connection open
    QCOMPARE(fetch(nam, server.at(QStringLiteral("/api/v1/health"))).status, 200);
    QCOMPARE(fetch(nam, server.at(QStringLiteral("/missing"))).status, 404);

    // A request in flight: the head and half of the body are sent when SIGTERM arrives.
    QTcpSocket raw;
    raw.connectToHost(server.url.host(), quint16(server.url.port()));
    QVERIFY(raw.waitForConnected(5000));
    raw.write("POST /api/v1/version HTTP/1.1\r\nHost: x\r\nX-Request-Id: inflight-1\r\nContent-Length: 10\r\n\r\n"
              "12345");
    QVERIFY(raw.waitForBytesWritten(2000));
    QTest::qWait(200);
    QElapsedTimer clock;
    clock.start();
    server.process().terminate(); // SIGTERM
    QTest::qWait(300);
    QCOMPARE(server.process().state(), QProcess::Running); // waits for the request in progress
    raw.write("67890");
    const QByteArray answer = readAllUntilClosed(raw, 5000);
    QVERIFY2(answer.startsWith("HTTP/1.1 405 "), answer.constData());
    QVERIFY(server.process().waitForFinished(5000));
    qInfo("SIGTERM to exit (including the 300 ms held request): %lld ms", qint64(clock.elapsed()));
    QCOMPARE(server.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.process().exitCode(), 0);
    // New connections are refused now.
    QTcpSocket late;
    late.connectToHost(server.url.host(), quint16(server.url.port()));
    QVERIFY(!late.waitForConnected(1000));

    bool allParsed = false;
    const QList<QJsonObject> lines = jsonLogLines(server.stderrText(), &allParsed);
    QVERIFY(allParsed);
    QVERIFY(lines.size() >= 6);
    for (const QJsonObject &line : lines) {
        for (const char *key : {"ts", "level", "msg", "category"})
            QVERIFY2(line.contains(QLatin1String(key)), key);
    }
    QCOMPARE(lines.last()[QStringLiteral("msg")].toString(), QStringLiteral("stopped"));
    int requests = 0;
    bool sawInflight = false;
    for (const QJsonObject &line : lines) {
        if (line[QStringLiteral("msg")].toString() != QLatin1String("request"))
            continue;
        ++requests;
        for (const char *key : {"request_id", "method", "path", "status", "duration_ms"})
            QVERIFY2(line.contains(QLatin1String(key)), key);
        if (line[QStringLiteral("request_id")].toString() == QLatin1String("inflight-1")) {
            sawInflight = true;
            QCOMPARE(line[QStringLiteral("status")].toInt(), 405);
            QCOMPARE(line[QStringLiteral("method")].toString(), QStringLiteral("POST"));
            QVERIFY(line[QStringLiteral("duration_ms")].toDouble() >= 300); // the body came 300+ ms later
        }
    }
    QCOMPARE(requests, 3);
    QVERIFY(sawInflight);
}

void TestServerProcess::shutdownTimeout()
{
    Server server;
    QVERIFY(server.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--shutdown-timeout-ms"),
                          QStringLiteral("300")}));
    QTcpSocket raw;
    raw.connectToHost(server.url.host(), quint16(server.url.port()));
    QVERIFY(raw.waitForConnected(5000));
    raw.write("POST /api/v1/version HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n123");
    QVERIFY(raw.waitForBytesWritten(2000));
    QTest::qWait(100);
    QElapsedTimer clock;
    clock.start();
    server.process().terminate();
    QVERIFY(server.process().waitForFinished(5000));
    QVERIFY(clock.elapsed() >= 250);
    QVERIFY(clock.elapsed() < 3000);
    QCOMPARE(server.process().exitCode(), 0);
    const QByteArray log = server.stderrText();
    QVERIFY2(log.contains("shutdown timeout reached"), log.constData());
    QVERIFY(log.trimmed().endsWith("stopped"));
}

void TestServerProcess::https()
{
    QTemporaryDir dir;
    const Run init = runProcess(kOtactl, {QStringLiteral("server"), QStringLiteral("init"), QStringLiteral("--dir"),
                                          dir.path(), QStringLiteral("--host"), QStringLiteral("bench.example"),
                                          QStringLiteral("--host"), QStringLiteral("10.1.2.3"), QStringLiteral("--json")});
    QCOMPARE(init.code, 0);
    const QJsonObject made = QJsonDocument::fromJson(init.out).object();
    const QString certPath = made[QStringLiteral("certificate")].toString();
    const QString keyPath = made[QStringLiteral("privateKey")].toString();
    const QString configPath = made[QStringLiteral("config")].toString();
    struct stat keyStat = {};
    QCOMPARE(::stat(QFile::encodeName(keyPath).constData(), &keyStat), 0);
    QCOMPARE(keyStat.st_mode & 07777, mode_t(0600)); // -rw-------
    const QStringList sans = made[QStringLiteral("subjectAltNames")].toVariant().toStringList();
    for (const char *san : {"DNS:localhost", "IP:127.0.0.1", "IP:::1", "DNS:bench.example", "IP:10.1.2.3"})
        QVERIFY2(sans.contains(QLatin1String(san)), san);
    // A second init does not overwrite without --force.
    const Run again = runProcess(kOtactl, {QStringLiteral("server"), QStringLiteral("init"), QStringLiteral("--dir"),
                                           dir.path()});
    QVERIFY(again.code != 0);
    QVERIFY(again.err.contains("--force"));

    Server server;
    QVERIFY(server.start({QStringLiteral("--config"), configPath, QStringLiteral("--port"), QStringLiteral("0")}));
    QCOMPARE(server.url.scheme(), QStringLiteral("https"));
    const QList<QSslCertificate> trusted = QSslCertificate::fromPath(certPath);
    QCOMPARE(trusted.size(), 1);
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setCaCertificates(trusted);
    QNetworkAccessManager nam;
    for (const QString &host : {QStringLiteral("127.0.0.1"), QStringLiteral("localhost")}) {
        QUrl url = server.at(QStringLiteral("/api/v1/health"));
        url.setHost(host);
        const Response health = fetch(nam, url, "GET", {}, &ssl);
        QVERIFY2(health.error == QNetworkReply::NoError, qPrintable(host));
        QCOMPARE(health.status, 200);
        QCOMPARE(health.json().value(QStringLiteral("tls")).toBool(), true);
    }
    // Without trusting the certificate the client refuses the connection.
    QNetworkAccessManager strict;
    const Response untrusted = fetch(strict, server.at(QStringLiteral("/api/v1/health")));
    QCOMPARE(untrusted.error, QNetworkReply::SslHandshakeFailedError);
    QCOMPARE(untrusted.status, 0);
}

void TestServerProcess::throughput()
{
    Server server;
    QVERIFY(server.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--log-format"),
                          QStringLiteral("json")}));
    QNetworkAccessManager nam; // up to 6 parallel HTTP/1.1 connections per host
    const QUrl url = server.at(QStringLiteral("/api/v1/health"));
    constexpr int kTotal = 3000;
    constexpr int kParallel = 6;
    int started = 0;
    int finished = 0;
    int ok = 0;
    QEventLoop loop;
    std::function<void()> launch = [&] {
        if (started >= kTotal)
            return;
        ++started;
        QNetworkReply *reply = nam.get(QNetworkRequest(url));
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200)
                ++ok;
            reply->deleteLater();
            if (++finished == kTotal)
                loop.quit();
            else
                launch();
        });
    };
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < kParallel; ++i)
        launch();
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    loop.exec();
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    QCOMPARE(ok, kTotal);
    qInfo("GET /api/v1/health: %d requests, %d in parallel, %.2f s, %.0f requests/s (client: QNetworkAccessManager, "
          "same machine)",
          kTotal, kParallel, seconds, kTotal / seconds);

    // The same over raw keep-alive sockets (what wrk does; no client HTTP stack in the way).
    constexpr int kRawTotal = 10000;
    const QByteArray request = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    int sent = 0;
    int answered = 0;
    int good = 0;
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    QList<QByteArray> buffers(kParallel);
    QEventLoop rawLoop;
    clock.restart();
    for (int i = 0; i < kParallel; ++i) {
        sockets.push_back(std::make_unique<QTcpSocket>());
        QTcpSocket *socket = sockets.back().get();
        QObject::connect(socket, &QTcpSocket::connected, socket, [&, socket] {
            ++sent;
            socket->write(request);
        });
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [&, socket, i] {
            QByteArray &buffer = buffers[i];
            buffer += socket->readAll();
            for (;;) {
                const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
                const qsizetype lengthAt = buffer.indexOf("Content-Length: ");
                if (headEnd < 0 || lengthAt < 0 || lengthAt > headEnd)
                    return;
                const qsizetype lineEnd = buffer.indexOf('\r', lengthAt);
                const qsizetype length = buffer.mid(lengthAt + 16, lineEnd - lengthAt - 16).toLongLong();
                if (buffer.size() < headEnd + 4 + length)
                    return;
                good += buffer.startsWith("HTTP/1.1 200 ") ? 1 : 0;
                buffer.remove(0, headEnd + 4 + length);
                if (++answered == kRawTotal)
                    rawLoop.quit();
                else if (sent < kRawTotal) {
                    ++sent;
                    socket->write(request);
                }
            }
        });
        socket->connectToHost(server.url.host(), quint16(server.url.port()));
    }
    QTimer::singleShot(120000, &rawLoop, &QEventLoop::quit);
    rawLoop.exec();
    const double rawSeconds = double(clock.nsecsElapsed()) / 1e9;
    QCOMPARE(good, kRawTotal);
    qInfo("GET /api/v1/health: %d requests on %d raw keep-alive connections, %.2f s, %.0f requests/s", kRawTotal,
          kParallel, rawSeconds, kRawTotal / rawSeconds);
}

QTEST_GUILESS_MAIN(TestServerProcess)
#include "tst_server_process.moc"
