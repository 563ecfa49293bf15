#pragma once
// A real otadesk-server on a loopback port with its own database — a SQLite file in a temporary folder, or a
// fresh schema on the PostgreSQL server scripts/test starts (OTADESK_TEST_POSTGRES) — and a first admin token
// issued on that database before the server starts, the way "otactl server token" does.
#include "ServerProcess.h"
#include "core/server/Bootstrap.h"
#include "core/store/Database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

namespace {

// "sqlite" and "postgresql" rows for a data-driven test.
inline void addBackendRows()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

class ApiFixture
{
public:
    // Empty string: ready. "skip: …": PostgreSQL not configured (and not required). Anything else: an error.
    QString setUp(const QString &backend)
    {
        if (!dir.isValid())
            return QStringLiteral("no temporary folder");
        if (backend == QLatin1String("sqlite")) {
            dbUrl = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("server.sqlite"));
        } else {
            const QString pg = qEnvironmentVariable("OTADESK_TEST_POSTGRES");
            if (pg.isEmpty())
                return qEnvironmentVariableIntValue("OTADESK_REQUIRE_POSTGRES")
                           ? QStringLiteral("OTADESK_TEST_POSTGRES is not set although OTADESK_REQUIRE_POSTGRES=1")
                           : QStringLiteral("skip: set OTADESK_TEST_POSTGRES (scripts/test starts a cluster)");
            static int counter = 0;
            dbUrl = pg + QStringLiteral("?schema=api_%1_%2_%3")
                             .arg(QCoreApplication::applicationPid())
                             .arg(QDateTime::currentMSecsSinceEpoch())
                             .arg(++counter);
        }
        auto db = otadesk::store::Database::open(dbUrl);
        if (!db)
            return db.error().message();
        if (auto st = (*db)->migrate(); !st)
            return st.error().message();
        auto issued = otadesk::server::issueBootstrapToken(**db, QStringLiteral("acme"), QStringLiteral("root"),
                                                           otadesk::store::Role::Admin, QStringLiteral("test"));
        if (!issued)
            return issued.error().message();
        adminToken = issued->token.secret.toLatin1();
        return start();
    }

    QString start(const QStringList &extra = {})
    {
        server = std::make_unique<Server>();
        QStringList args{QStringLiteral("--port"),     QStringLiteral("0"),
                         QStringLiteral("--database"), dbUrl,
                         QStringLiteral("--data-dir"), dataDir(),
                         QStringLiteral("--log-format"), QStringLiteral("json")};
        if (!server->start(args + extra))
            return QStringLiteral("the server did not start: ") + QString::fromUtf8(server->stderrText());
        return {};
    }

    QString dataDir() const { return dir.filePath(QStringLiteral("data")); }

    Response call(const QByteArray &method, const QString &path, const QByteArray &token, const QByteArray &body = {},
                  HeaderList headers = {})
    {
        if (!token.isEmpty())
            headers.append(qMakePair(QByteArray("Authorization"), "Bearer " + token));
        if (!body.isEmpty() && (body.startsWith('{') || body.startsWith('[')))
            headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
        QUrl url = server->url;
        const qsizetype q = path.indexOf(u'?');
        url.setPath(q < 0 ? path : path.left(q));
        if (q >= 0)
            url.setQuery(path.mid(q + 1));
        return fetch(nam, url, method, body, nullptr, {}, headers);
    }
    Response call(const QByteArray &method, const QString &path, const QByteArray &token, const QJsonObject &body)
    {
        return call(method, path, token, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }

    // A new account of this tenant with the role, and a token for it.
    QByteArray tokenFor(const QString &name, const QString &role)
    {
        const Response a = call("POST", QStringLiteral("/api/v1/accounts"), adminToken,
                                QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("role"), role}});
        if (a.status != 201)
            return {};
        const Response t = call("POST", QStringLiteral("/api/v1/tokens"), adminToken,
                                QJsonObject{{QStringLiteral("account_id"), a.json().value(QStringLiteral("id"))},
                                            {QStringLiteral("label"), QStringLiteral("test")}});
        return t.json().value(QStringLiteral("token")).toString().toLatin1();
    }

    QTemporaryDir dir;
    QString dbUrl;
    QByteArray adminToken;
    std::unique_ptr<Server> server;
    QNetworkAccessManager nam;
};

#define API_SET_UP(fixture)                                                                                        \
    do {                                                                                                           \
        QFETCH(QString, backend);                                                                                  \
        const QString problem = (fixture).setUp(backend);                                                          \
        if (problem.startsWith(QLatin1String("skip: ")))                                                           \
            QSKIP(qPrintable(problem.mid(6)));                                                                     \
        QVERIFY2(problem.isEmpty(), qPrintable(problem));                                                          \
    } while (false)

} // namespace
