#pragma once
// The device side of docs/device-updates.md served by a small QAbstractHttpServer on loopback, for the agent
// tests: check-in (hands out an assigned update), manifest, resolve (leaf digests and chunk root from
// core/delta/ChunkTree), payloads with Range, status reports (forward-only, 409 when terminal). It records every
// request so the tests can check what the agents actually did. Real HTTP over real sockets; the agents under
// test do not know they are not talking to otadesk-server.
#include "core/crypto/Digest.h"
#include "core/delta/ChunkTree.h"
#include "core/delta/decoder/otad_format.h"

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QTcpSocket>

namespace otadesk::test {

struct ServedComponent
{
    int index = 0;
    QString name;
    QString action = QStringLiteral("full"); // full, delta, skip
    QByteArray bytes;                         // what is served (image or patch)
    QByteArray imageSha;                      // what the resolution claims (normally the signed digest)
    qint64 imageSize = 0;
    QByteArray baseSha;
    quint32 chunkSize = 1024;
};

struct ServedUpdate
{
    qint64 id = 0;
    QString serial;
    QByteArray envelope;
    QList<ServedComponent> components;
    QString state = QStringLiteral("pending");
    QStringList steps; // "state" or "state:reason"
    QMap<QString, QString> digests; // from the confirmed report
    int payloadRequests = 0;
    QMap<int, int> requestsPerComponent;
    QByteArray resolveBody;
    bool terminal() const
    {
        static const QStringList t{QStringLiteral("confirmed"), QStringLiteral("failed"), QStringLiteral("rolled_back"),
                                   QStringLiteral("rejected"), QStringLiteral("not_applicable"),
                                   QStringLiteral("canceled")};
        return t.contains(state);
    }
};

class ContractServer : public QAbstractHttpServer
{
public:
    QMap<qint64, ServedUpdate> updates;
    QMap<QString, QJsonObject> lastCheckin; // serial -> body
    qint64 checkins = 0;

    QUrl start()
    {
        const quint16 port = listen(QHostAddress::LocalHost, 0);
        return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    }
    static QByteArray tokenFor(const QString &serial) { return "tok-" + serial.toUtf8(); }
    ServedUpdate *activeFor(const QString &serial)
    {
        for (auto &u : updates) {
            if (u.serial == serial && !u.terminal())
                return &u;
        }
        return nullptr;
    }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        QHttpServerResponder responder = makeResponder(request, socket);
        const QByteArray auth = request.value("Authorization");
        const QString serial = auth.startsWith("Bearer tok-") ? QString::fromUtf8(auth.mid(11)) : QString();
        if (serial.isEmpty()) {
            responder.write(QJsonDocument(error(QStringLiteral("unauthenticated"))), QHttpServerResponder::StatusCode::Unauthorized);
            return true;
        }
        const QString path = request.url().path();
        if (path == QLatin1String("/device/v1/checkin"))
            return checkin(serial, request, responder);
        static const QRegularExpression re(QStringLiteral("^/device/v1/updates/(\\d+)/(manifest|resolve|status|payloads/(\\d+))$"));
        const auto m = re.match(path);
        auto it = m.hasMatch() ? updates.find(m.captured(1).toLongLong()) : updates.end();
        if (it == updates.end() || it->serial != serial) {
            responder.write(QJsonDocument(error(QStringLiteral("not_found"))), QHttpServerResponder::StatusCode::NotFound);
            return true;
        }
        ServedUpdate &u = *it;
        const QString what = m.captured(2);
        if (what == QLatin1String("manifest")) {
            advance(u, QStringLiteral("manifest_fetched"));
            responder.write(u.envelope, "application/cbor");
        } else if (what == QLatin1String("resolve")) {
            u.resolveBody = request.body();
            responder.write(QJsonDocument(resolution(u)));
        } else if (what == QLatin1String("status")) {
            status(u, request, responder);
        } else {
            payload(u, m.captured(3).toInt(), request, responder);
        }
        return true;
    }
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        makeResponder(request, socket).write(QHttpServerResponder::StatusCode::NotFound);
    }

private:
    static QJsonObject error(const QString &code)
    {
        return {{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), code}}}};
    }
    static int rank(const QString &state)
    {
        static const QStringList order{QStringLiteral("pending"),     QStringLiteral("notified"),
                                       QStringLiteral("manifest_fetched"), QStringLiteral("downloading"),
                                       QStringLiteral("downloaded"),  QStringLiteral("installing"),
                                       QStringLiteral("rebooting")};
        const qsizetype i = order.indexOf(state);
        return i < 0 ? 100 : int(i);
    }
    void advance(ServedUpdate &u, const QString &state, const QString &reason = {})
    {
        if (u.terminal() || rank(state) <= rank(u.state))
            return;
        u.state = state;
        u.steps << (reason.isEmpty() ? state : state + QLatin1Char(':') + reason);
    }
    bool checkin(const QString &serial, const QHttpServerRequest &request, QHttpServerResponder &responder)
    {
        ++checkins;
        lastCheckin[serial] = QJsonDocument::fromJson(request.body()).object();
        QJsonObject answer{{QStringLiteral("status"), QStringLiteral("accepted")},
                           {QStringLiteral("poll_seconds"), 1},
                           {QStringLiteral("server_time"), 0}};
        if (ServedUpdate *u = activeFor(serial); u && (u->state == QLatin1String("pending") || u->state == QLatin1String("notified"))) {
            advance(*u, QStringLiteral("notified"));
            answer.insert(QStringLiteral("update"),
                          QJsonObject{{QStringLiteral("id"), u->id},
                                      {QStringLiteral("manifest_url"), QStringLiteral("/device/v1/updates/%1/manifest").arg(u->id)},
                                      {QStringLiteral("sequence"), 0},
                                      {QStringLiteral("download_only"), false}});
        } else {
            answer.insert(QStringLiteral("update"), QJsonValue());
        }
        responder.write(QJsonDocument(answer));
        return true;
    }
    QJsonObject resolution(const ServedUpdate &u) const
    {
        QJsonArray list;
        for (const ServedComponent &c : u.components) {
            QJsonObject o{{QStringLiteral("index"), c.index}, {QStringLiteral("name"), c.name}, {QStringLiteral("action"), c.action}};
            if (c.action != QLatin1String("skip")) {
                const QByteArrayView chunked = c.action == QLatin1String("delta") ? QByteArrayView(c.bytes).sliced(OTAD_HEADER_SIZE)
                                                                                 : QByteArrayView(c.bytes);
                const delta::ChunkTree tree(chunked, c.chunkSize);
                QJsonArray leaves;
                // leaf i = SHA-256(0x00 || le32(i) || chunk i)
                for (quint32 i = 0; i < tree.count(); ++i) {
                    QByteArray pre(5, '\0');
                    pre[1] = char(i & 0xff);
                    pre[2] = char((i >> 8) & 0xff);
                    pre[3] = char((i >> 16) & 0xff);
                    pre[4] = char((i >> 24) & 0xff);
                    leaves.append(QString::fromLatin1(crypto::sha256(QByteArray(pre + delta::ChunkTree::chunk(chunked, i, c.chunkSize).toByteArray())).toHex()));
                }
                o.insert(QStringLiteral("url"), QStringLiteral("/device/v1/updates/%1/payloads/%2").arg(u.id).arg(c.index));
                o.insert(QStringLiteral("size"), c.bytes.size());
                o.insert(QStringLiteral("image_sha256"), QString::fromLatin1(c.imageSha.toHex()));
                o.insert(QStringLiteral("image_size"), c.imageSize);
                o.insert(QStringLiteral("chunk_size"), int(c.chunkSize));
                o.insert(QStringLiteral("chunk_root"), QString::fromLatin1(tree.root().toHex()));
                o.insert(QStringLiteral("chunks"), leaves);
                if (!c.baseSha.isEmpty())
                    o.insert(QStringLiteral("base_sha256"), QString::fromLatin1(c.baseSha.toHex()));
            }
            list.append(o);
        }
        return {{QStringLiteral("update_id"), u.id}, {QStringLiteral("result"), QStringLiteral("ok")}, {QStringLiteral("components"), list}};
    }
    void payload(ServedUpdate &u, int index, const QHttpServerRequest &request, QHttpServerResponder &responder)
    {
        const ServedComponent *c = nullptr;
        for (const ServedComponent &x : u.components)
            c = x.index == index ? &x : c;
        if (!c) {
            responder.write(QHttpServerResponder::StatusCode::NotFound);
            return;
        }
        advance(u, QStringLiteral("downloading"));
        ++u.payloadRequests;
        ++u.requestsPerComponent[index];
        static const QRegularExpression range(QStringLiteral("^bytes=(\\d+)-(\\d+)$"));
        const auto m = range.match(QString::fromLatin1(request.value("Range")));
        if (!m.hasMatch()) {
            responder.write(c->bytes, "application/octet-stream");
            return;
        }
        const qint64 a = m.captured(1).toLongLong(), b = qMin<qint64>(m.captured(2).toLongLong(), c->bytes.size() - 1);
        const QByteArray cr = "bytes " + QByteArray::number(a) + '-' + QByteArray::number(b) + '/' + QByteArray::number(c->bytes.size());
        responder.write(c->bytes.mid(a, b - a + 1),
                        {{"Content-Type", "application/octet-stream"}, {"Content-Range", cr}},
                        QHttpServerResponder::StatusCode::PartialContent);
    }
    void status(ServedUpdate &u, const QHttpServerRequest &request, QHttpServerResponder &responder)
    {
        const QJsonObject o = QJsonDocument::fromJson(request.body()).object();
        if (u.terminal()) {
            responder.write(QJsonDocument(error(QStringLiteral("update_finished"))), QHttpServerResponder::StatusCode::Conflict);
            return;
        }
        const QString state = o.value(QStringLiteral("state")).toString();
        QString reason = o.value(QStringLiteral("reason")).toString();
        if (state == QLatin1String("confirmed")) {
            const QJsonObject digests = o.value(QStringLiteral("digests")).toObject();
            for (auto it = digests.begin(); it != digests.end(); ++it)
                u.digests[it.key()] = it.value().toString();
        }
        if (rank(state) == 100) { // terminal: always moves
            u.state = state;
            u.steps << (reason.isEmpty() ? state : state + QLatin1Char(':') + reason);
        } else {
            advance(u, state, reason);
        }
        responder.write(QJsonDocument(QJsonObject{{QStringLiteral("state"), u.state}}));
    }
};

} // namespace otadesk::test
