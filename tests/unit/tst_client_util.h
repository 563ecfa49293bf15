#pragma once
// Shared by tst_api_client and tst_otactl_remote: a real otadesk-server process on a loopback port with a
// SQLite file in a temporary folder, tokens issued through core/server/Bootstrap.h, and a TCP proxy that
// injects faults (dropped connections, connections cut after N bytes) between a client and that server.
#include "core/server/Bootstrap.h"
#include "core/store/Database.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

namespace otadesk::test {

class TestServer
{
public:
    TestServer() = default;
    ~TestServer() { stop(); }
    QString databasePath() const { return m_dir.filePath(QStringLiteral("server.sqlite")); }
    QString dir() const { return m_dir.path(); }

    // Starts otadesk-server on a free port of 127.0.0.1 and waits for its "listening on URL" line.
    bool start(const QStringList &extra = {})
    {
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start(QStringLiteral(OTADESK_SERVER_PATH),
                        QStringList{QStringLiteral("--port"), QStringLiteral("0"),
                                    QStringLiteral("--database"),
                                    QStringLiteral("sqlite:") + databasePath()} +
                            extra);
        if (!m_process.waitForStarted(5000))
            return false;
        QByteArray line;
        QElapsedTimer clock;
        clock.start();
        while (!line.contains('\n') && clock.elapsed() < 20000) {
            if (!m_process.waitForReadyRead(200) && m_process.state() != QProcess::Running) {
                qWarning() << "server did not start:" << m_process.readAllStandardError();
                return false;
            }
            line += m_process.readAllStandardOutput();
        }
        line = line.left(line.indexOf('\n'));
        if (!line.startsWith("listening on ")) {
            qWarning() << "unexpected first line" << line << m_process.readAllStandardError();
            return false;
        }
        url = QUrl(QString::fromUtf8(line.mid(13)));
        return url.isValid();
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(10000))
            m_process.kill();
        m_process.waitForFinished(3000);
    }
    QByteArray stderrText() { return m_process.readAllStandardError(); }

    // A new token for account (of tenant), created with role when missing. Empty on failure (logged).
    QString issueToken(const QString &tenant = QStringLiteral("acme"),
                       const QString &account = QStringLiteral("alice"),
                       store::Role role = store::Role::Admin)
    {
        auto db = store::Database::open(QStringLiteral("sqlite:") + databasePath());
        if (!db) {
            qWarning() << db.error().toString();
            return {};
        }
        if (auto migrated = (*db)->migrate(); !migrated) {
            qWarning() << migrated.error().toString();
            return {};
        }
        auto issued = server::issueBootstrapToken(**db, tenant, account, role, QStringLiteral("test"));
        if (!issued) {
            qWarning() << issued.error().toString();
            return {};
        }
        return issued->token.secret;
    }

    QUrl url;

private:
    QTemporaryDir m_dir;
    QProcess m_process;
};

// Forwards 127.0.0.1:port() to the target. Faults: the first dropFirst connections get the start of an answer
// and are closed in the middle of it (Qt resends a request by itself when a connection closes before any
// answer byte, so that would not test the client's own retries); the next unavailableFirst connections get a
// 503; once, a connection is cut after cutClientBytes bytes from the client (or cutServerBytes bytes from the
// server); once, when the client has sent more than loseAnswerAfterClientBytes bytes in all, the server's
// next answer on that connection is replaced by a truncated one (the request did reach the server: a lost
// answer); dropAll() closes every open connection.
class FaultProxy : public QObject
{
public:
    FaultProxy(quint16 targetPort) : m_target(targetPort)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_server.nextPendingConnection())
                accept(client);
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port())); }
    void dropAll()
    {
        for (const auto &pair : std::as_const(m_pairs)) {
            if (pair.first)
                pair.first->abort();
            if (pair.second)
                pair.second->abort();
        }
        m_pairs.clear();
    }

    int dropFirst = 0;
    int unavailableFirst = 0;
    qint64 loseAnswerAfterClientBytes = -1;
    qint64 totalClientBytes = 0;
    qint64 cutClientBytes = -1;
    qint64 cutServerBytes = -1;
    int connections = 0;
    int cuts = 0;

private:
    void accept(QTcpSocket *client)
    {
        client->setParent(this);
        ++connections;
        if (dropFirst > 0 || unavailableFirst > 0) {
            const bool drop = dropFirst > 0;
            --(drop ? dropFirst : unavailableFirst);
            QObject::connect(client, &QTcpSocket::readyRead, client, [client, drop] {
                client->readAll();
                const QByteArray body =
                    "{\"error\":{\"code\":\"unavailable\",\"message\":\"Proxy says: try later.\"}}";
                client->write(drop ? QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                                "Content-Length: 100\r\n\r\n{\"tru")
                                   : "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                                     "Connection: close\r\nContent-Length: " +
                                         QByteArray::number(body.size()) + "\r\n\r\n" + body);
                client->disconnectFromHost();
            });
            return;
        }
        auto *upstream = new QTcpSocket(this);
        upstream->connectToHost(QHostAddress::LocalHost, m_target);
        m_pairs.append(qMakePair(QPointer<QTcpSocket>(client), QPointer<QTcpSocket>(upstream)));
        auto clientBytes = std::make_shared<qint64>(0);
        auto serverBytes = std::make_shared<qint64>(0);
        auto cut = [this, client, upstream] {
            ++cuts;
            client->abort();
            upstream->abort();
        };
        QObject::connect(
            client, &QTcpSocket::readyRead, upstream, [this, client, upstream, clientBytes, cut] {
                if (upstream->state() != QAbstractSocket::ConnectedState && !upstream->waitForConnected(2000))
                    return;
                const QByteArray data = client->readAll();
                if (cutClientBytes >= 0 && *clientBytes + data.size() > cutClientBytes) {
                    upstream->write(data.left(cutClientBytes - *clientBytes));
                    upstream->flush();
                    cutClientBytes = -1;
                    cut();
                    return;
                }
                *clientBytes += data.size();
                totalClientBytes += data.size();
                if (loseAnswerAfterClientBytes >= 0 && totalClientBytes > loseAnswerAfterClientBytes) {
                    loseAnswerAfterClientBytes = -1;
                    upstream->setProperty("loseAnswer", true);
                }
                upstream->write(data);
            });
        QObject::connect(upstream, &QTcpSocket::connected, client, [client, upstream] {
            if (client->bytesAvailable() > 0)
                upstream->write(client->readAll());
        });
        QObject::connect(
            upstream, &QTcpSocket::readyRead, client, [this, client, upstream, serverBytes, cut] {
                const QByteArray data = upstream->readAll();
                if (upstream->property("loseAnswer").toBool()) {
                    upstream->setProperty("loseAnswer", false);
                    ++cuts;
                    client->write(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{");
                    client->disconnectFromHost();
                    upstream->abort();
                    return;
                }
                if (cutServerBytes >= 0 && *serverBytes + data.size() > cutServerBytes) {
                    client->write(data.left(cutServerBytes - *serverBytes));
                    client->flush();
                    cutServerBytes = -1;
                    cut();
                    return;
                }
                *serverBytes += data.size();
                client->write(data);
            });
        QObject::connect(client, &QTcpSocket::disconnected, upstream,
                         [upstream] { upstream->disconnectFromHost(); });
        QObject::connect(upstream, &QTcpSocket::disconnected, client,
                         [client] { client->disconnectFromHost(); });
    }

    QTcpServer m_server;
    quint16 m_target;
    QList<QPair<QPointer<QTcpSocket>, QPointer<QTcpSocket>>> m_pairs;
};

} // namespace otadesk::test
