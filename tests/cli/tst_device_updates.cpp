// Device updates through a real otadesk-server process on SQLite and PostgreSQL (docs/device-updates.md): a
// real signed two-component manifest and real payload uploads; assignment by filter and by serials; the whole
// device side driven by HTTP calls as a device makes them (check-in → command → manifest → resolve → ranged
// payload download checked chunk by chunk against the leaf digests → status reports → check-in with the new
// digests → confirmed); skip of an unchanged component; not_applicable (already installed, no payload); another
// device's token gets 404; a terminal update 409; replayed and earlier states ignored; bad CBOR 400 with no
// change; confirmation with wrong digests fails; cancel; summary counts; roles; audit.
#include "UpdateTestKit.h"

#include "core/manifest/CborValue.h"
#include "core/manifest/CharacteristicExtension.h"
#include "core/manifest/SuitDigest.h"

#include <QTest>

using namespace otadesk;

namespace {
QByteArray leafOf(quint32 index, QByteArrayView chunk)
{
    QByteArray data(1, '\0');
    for (int i = 0; i < 4; ++i)
        data += char((index >> (8 * i)) & 0xff);
    data += chunk;
    return crypto::sha256(data);
}

// The characteristic report a device sends (docs/suit-characteristics.md): key 0 and the digest of what it
// runs in component 0, the version of component 1.
QByteArray resolveBody(const QByteArray &digestBstr, const QByteArray &runningMain)
{
    using namespace manifest;
    CharacteristicRequest digest{CharacteristicCode::ComponentDigest, 0, {}};
    CharacteristicRequest version{CharacteristicCode::ComponentVersion, 1, {}};
    return CharacteristicReport::encode(
        digestBstr, {{digest, SuitDigest{suitDigestAlg::Sha256, crypto::sha256(runningMain)}.toCbor()},
                     {version, CborValue::fromText(QStringLiteral("1.0.0"))}});
}
} // namespace

class TestDeviceUpdates : public QObject
{
    Q_OBJECT

    std::unique_ptr<ApiFixture> fx;

    Response device(const QByteArray &method, const QString &path, const QByteArray &token, const QByteArray &body = {},
                    HeaderList headers = {})
    {
        return fx->call(method, path, token, body, headers);
    }
    Response checkin(const QByteArray &token, const QByteArray &report)
    {
        return device("POST", QStringLiteral("/device/v1/checkin"), token, report);
    }
    Response status(const QByteArray &token, qint64 id, const QJsonObject &body)
    {
        return device("POST", QStringLiteral("/device/v1/updates/%1/status").arg(id), token,
                      QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    QString stateOf(qint64 id)
    {
        return fx->call("GET", QStringLiteral("/api/v1/updates/%1").arg(id), fx->adminToken)
            .json()
            .value(QStringLiteral("state"))
            .toString();
    }
    static QJsonObject st(const QString &state, const QString &reason = {})
    {
        QJsonObject o{{QStringLiteral("state"), state}};
        if (!reason.isEmpty())
            o.insert(QStringLiteral("reason"), reason);
        return o;
    }

private Q_SLOTS:
    void init() { fx = std::make_unique<ApiFixture>(); }
    void cleanup() { fx.reset(); }

    void endToEnd_data() { addBackendRows(); }
    void endToEnd()
    {
        API_SET_UP(*fx);
        UpdateKit kit(*fx);
        const Firmware fw = Firmware::make();
        QVERIFY(kit.registerKey());
        QVERIFY(kit.upload(QStringLiteral("main-2.7.0.bin"), fw.main));
        QVERIFY(kit.upload(QStringLiteral("net-2.7.0.bin"), fw.net));
        const QByteArray envelope = kit.envelope(7, fw.main, fw.net);
        QVERIFY(!envelope.isEmpty());
        const qint64 manifest = kit.publish(envelope);
        QVERIFY(manifest > 0);
        const auto tokens = kit.importDevices("serial,model\nSN-1,GW-200\nSN-2,GW-200\nSN-3,GW-200\nSN-4,GW-200\n"
                                              "SN-5,GW-100\n");
        QCOMPARE(tokens.size(), 5);
        const QByteArray t1 = tokens[QStringLiteral("SN-1")], t2 = tokens[QStringLiteral("SN-2")],
                         t3 = tokens[QStringLiteral("SN-3")], t4 = tokens[QStringLiteral("SN-4")];
        // SN-1 runs the old main and already the new net; SN-2 runs both new images.
        const QByteArray oldReport = UpdateKit::report(fw.oldMain, fw.net);
        QCOMPARE(checkin(t1, oldReport).status, 200);
        QCOMPARE(checkin(t2, UpdateKit::report(fw.main, fw.net)).status, 200);
        QCOMPARE(checkin(t3, oldReport).status, 200);
        // Before any assignment the answer carries no update.
        QVERIFY(checkin(t1, oldReport).json().value(QStringLiteral("update")).isNull());

        // Assignment by filter: only accepted GW-200 devices. A viewer may read but not assign.
        const QByteArray viewer = fx->tokenFor(QStringLiteral("qa"), QStringLiteral("viewer"));
        const QJsonObject byFilter{{QStringLiteral("manifest_id"), double(manifest)},
                                   {QStringLiteral("filter"), QStringLiteral("model==GW-200")}};
        QCOMPARE(fx->call("POST", QStringLiteral("/api/v1/updates"), viewer, byFilter).status, 403);
        QCOMPARE(fx->call("POST", QStringLiteral("/api/v1/updates"), fx->adminToken,
                          QJsonObject{{QStringLiteral("manifest_id"), double(manifest)}})
                     .status,
                 400);
        QCOMPARE(fx->call("POST", QStringLiteral("/api/v1/updates"), fx->adminToken,
                          QJsonObject{{QStringLiteral("manifest_id"), 999999.0}, {QStringLiteral("filter"), QString()}})
                     .status,
                 404);
        QCOMPARE(fx->call("POST", QStringLiteral("/api/v1/updates"), fx->adminToken,
                          QJsonObject{{QStringLiteral("manifest_id"), double(manifest)},
                                      {QStringLiteral("filter"), QStringLiteral("(model==GW-200")}})
                     .status,
                 400);
        Response r = fx->call("POST", QStringLiteral("/api/v1/updates"), fx->adminToken, byFilter);
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().value(QStringLiteral("assigned")).toInt(), 4);
        QCOMPARE(r.json().value(QStringLiteral("skipped")).toInt(), 0);
        QCOMPARE(r.json().value(QStringLiteral("update_ids_sample")).toArray().size(), 4);
        // The same again: every device has this manifest pending already.
        r = fx->call("POST", QStringLiteral("/api/v1/updates"), fx->adminToken, byFilter);
        QCOMPARE(r.json().value(QStringLiteral("assigned")).toInt(), 0);
        QCOMPARE(r.json().value(QStringLiteral("skipped")).toInt(), 4);
        r = fx->call("GET", QStringLiteral("/api/v1/updates?manifest_id=%1&sort=serial").arg(manifest), viewer);
        QCOMPARE(r.status, 200);
        const QJsonArray items = r.json().value(QStringLiteral("items")).toArray();
        QCOMPARE(items.size(), 4);
        QHash<QString, qint64> updateOf;
        for (const QJsonValue &v : items) {
            QCOMPARE(v[QStringLiteral("state")].toString(), QStringLiteral("pending"));
            updateOf.insert(v[QStringLiteral("serial")].toString(), v[QStringLiteral("id")].toInteger());
        }
        const qint64 u1 = updateOf[QStringLiteral("SN-1")], u2 = updateOf[QStringLiteral("SN-2")],
                     u3 = updateOf[QStringLiteral("SN-3")], u4 = updateOf[QStringLiteral("SN-4")];

        // Check-in (the very same body as before): the answer carries the command; pending → notified.
        r = checkin(t1, oldReport);
        QCOMPARE(r.status, 200);
        const QJsonObject command = r.json().value(QStringLiteral("update")).toObject();
        QCOMPARE(command.value(QStringLiteral("id")).toInteger(), u1);
        QCOMPARE(command.value(QStringLiteral("manifest_url")).toString(),
                 QStringLiteral("/device/v1/updates/%1/manifest").arg(u1));
        QCOMPARE(command.value(QStringLiteral("sequence")).toInt(), 7);
        QCOMPARE(command.value(QStringLiteral("download_only")).toBool(), false);
        QCOMPARE(stateOf(u1), QStringLiteral("notified"));
        // A repeated check-in repeats the command (the device ignores it when it works on it already).
        QCOMPARE(checkin(t1, oldReport).json()[QStringLiteral("update")][QStringLiteral("id")].toInteger(), u1);

        // The manifest: the envelope exactly as stored; another device's token gets 404.
        const QString base = QStringLiteral("/device/v1/updates/%1").arg(u1);
        QCOMPARE(device("GET", base + QStringLiteral("/manifest"), t2).status, 404);
        QCOMPARE(device("GET", base + QStringLiteral("/manifest"), fx->adminToken).status, 401);
        r = device("GET", base + QStringLiteral("/manifest"), t1);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("content-type"), QByteArray("application/cbor"));
        QCOMPARE(r.body, envelope);
        QCOMPARE(stateOf(u1), QStringLiteral("manifest_fetched"));

        // Resolve: bad CBOR is a 400 that changes nothing; so is a report for another manifest.
        for (const QByteArray &bad : {QByteArray("\xa1\x00", 2), QByteArray("not cbor"), QByteArray("\x83\x01\x02\x03"),
                                      QByteArray("\xa1\x01\x40", 3), QByteArray()}) {
            r = device("POST", base + QStringLiteral("/resolve"), t1, bad,
                       {qMakePair(QByteArray("Content-Type"), QByteArray("application/cbor"))});
            QCOMPARE(r.status, 400);
            QCOMPARE(r.errorCode(), QStringLiteral("invalid_report"));
        }
        r = device("POST", base + QStringLiteral("/resolve"), t1, resolveBody(QByteArray("\x82\x2f\x41\x00", 4), fw.oldMain));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("wrong_manifest"));
        QCOMPARE(stateOf(u1), QStringLiteral("manifest_fetched"));
        const QByteArray digestBstr = UpdateKit::digestBstr(envelope);
        QCOMPARE(device("POST", QStringLiteral("/device/v1/updates/%1/resolve").arg(u1), t2,
                        resolveBody(digestBstr, fw.oldMain)).status,
                 404);
        r = device("POST", base + QStringLiteral("/resolve"), t1, resolveBody(digestBstr, fw.oldMain));
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(r.json().value(QStringLiteral("result")).toString(), QStringLiteral("ok"));
        const QJsonArray comps = r.json().value(QStringLiteral("components")).toArray();
        QCOMPARE(comps.size(), 2);
        const QJsonObject mainC = comps[0].toObject();
        QCOMPARE(mainC.value(QStringLiteral("name")).toString(), QStringLiteral("main"));
        QCOMPARE(mainC.value(QStringLiteral("action")).toString(), QStringLiteral("full"));
        QCOMPARE(mainC.value(QStringLiteral("size")).toInteger(), fw.main.size());
        QCOMPARE(mainC.value(QStringLiteral("image_size")).toInteger(), fw.main.size());
        QCOMPARE(mainC.value(QStringLiteral("image_sha256")).toString(),
                 QString::fromLatin1(crypto::sha256(fw.main).toHex()));
        QCOMPARE(mainC.value(QStringLiteral("chunk_size")).toInt(), 4096);
        const QJsonArray leaves = mainC.value(QStringLiteral("chunks")).toArray();
        QCOMPARE(leaves.size(), 4);
        QCOMPARE(mainC.value(QStringLiteral("chunk_root")).toString().size(), 64);
        // net: the device runs the signed image already (safe modular upgrade).
        QCOMPARE(comps[1][QStringLiteral("name")].toString(), QStringLiteral("net"));
        QCOMPARE(comps[1][QStringLiteral("action")].toString(), QStringLiteral("skip"));
        QCOMPARE(stateOf(u1), QStringLiteral("manifest_fetched"));

        // Payload: by Range in chunk-sized requests, each chunk checked against its leaf; another device 404.
        const QString url = mainC.value(QStringLiteral("url")).toString();
        QCOMPARE(url, base + QStringLiteral("/payloads/0"));
        QCOMPARE(device("GET", url, t3).status, 404);
        QCOMPARE(device("GET", base + QStringLiteral("/payloads/7"), t1).status, 404);
        QByteArray downloaded;
        for (int i = 0; i < leaves.size(); ++i) {
            const qint64 from = qint64(i) * 4096;
            const qint64 to = std::min<qint64>(from + 4096, fw.main.size()) - 1;
            r = device("GET", url, t1, {},
                       {qMakePair(QByteArray("Range"), "bytes=" + QByteArray::number(from) + '-' + QByteArray::number(to))});
            QCOMPARE(r.status, 206);
            const QByteArray contentRange = "bytes " + QByteArray::number(from) + '-' + QByteArray::number(to) + '/' +
                                            QByteArray::number(fw.main.size());
            QCOMPARE(r.header("content-range"), contentRange);
            QCOMPARE(QString::fromLatin1(leafOf(quint32(i), r.body).toHex()), leaves[i].toString());
            downloaded += r.body;
            if (i == 0)
                QCOMPARE(stateOf(u1), QStringLiteral("downloading"));
        }
        QCOMPARE(downloaded, fw.main);
        r = device("GET", url, t1);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, fw.main);
        const QByteArray etag = '"' + crypto::sha256(fw.main).toHex() + '"';
        QCOMPARE(r.header("etag"), etag);
        QCOMPARE(device("GET", url, t1, {}, {qMakePair(QByteArray("Range"), QByteArray("bytes=999999-"))}).status, 416);

        // Status reports; bad ones are 400 and change nothing; replays and earlier states are ignored.
        QCOMPARE(status(t1, u1, st(QStringLiteral("canceled"))).status, 400);
        QCOMPARE(status(t1, u1, st(QStringLiteral("failed"), QStringLiteral("cosmic_rays"))).status, 400);
        QCOMPARE(status(t1, u1, QJsonObject{{QStringLiteral("state"), QStringLiteral("downloaded")},
                                            {QStringLiteral("bytes"), QStringLiteral("lots")}})
                     .status,
                 400);
        QCOMPARE(device("POST", base + QStringLiteral("/status"), t1, "{not json").status, 400);
        QCOMPARE(status(t2, u1, st(QStringLiteral("downloaded"))).status, 404);
        QCOMPARE(stateOf(u1), QStringLiteral("downloading"));
        r = status(t1, u1, QJsonObject{{QStringLiteral("state"), QStringLiteral("downloaded")},
                                       {QStringLiteral("bytes"), double(fw.main.size())}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("state")).toString(), QStringLiteral("downloaded"));
        QCOMPARE(status(t1, u1, st(QStringLiteral("installing"))).json()[QStringLiteral("state")].toString(),
                 QStringLiteral("installing"));
        QCOMPARE(status(t1, u1, st(QStringLiteral("installing"))).json()[QStringLiteral("state")].toString(),
                 QStringLiteral("installing")); // a retry after a lost answer
        QCOMPARE(status(t1, u1, st(QStringLiteral("rebooting"))).json()[QStringLiteral("state")].toString(),
                 QStringLiteral("rebooting"));
        r = status(t1, u1, st(QStringLiteral("downloading")));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("state")).toString(), QStringLiteral("rebooting"));
        // "confirmed" without digests while the stored report shows the old image: stays rebooting...
        r = status(t1, u1, st(QStringLiteral("confirmed")));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("state")).toString(), QStringLiteral("rebooting"));
        // ...until the device checks in with the signed digests: confirmed.
        r = checkin(t1, UpdateKit::report(fw.main, fw.net));
        QCOMPARE(r.status, 200);
        QVERIFY(r.json().value(QStringLiteral("update")).isNull());
        QCOMPARE(stateOf(u1), QStringLiteral("confirmed"));
        // Over: the device forgets it.
        r = status(t1, u1, st(QStringLiteral("confirmed")));
        QCOMPARE(r.status, 409);
        QCOMPARE(device("GET", base + QStringLiteral("/manifest"), t1).status, 409);
        QCOMPARE(device("GET", url, t1).status, 409);
        r = fx->call("GET", QStringLiteral("/api/v1/devices/SN-1/updates"), viewer);
        QCOMPARE(r.status, 200);
        const QJsonArray steps = r.json()[QStringLiteral("items")][0][QStringLiteral("steps")].toArray();
        QStringList path;
        for (const QJsonValue &s : steps)
            path << s[QStringLiteral("state")].toString();
        QCOMPARE(path, (QStringList{QStringLiteral("pending"), QStringLiteral("notified"),
                                    QStringLiteral("manifest_fetched"), QStringLiteral("downloading"),
                                    QStringLiteral("downloaded"), QStringLiteral("installing"),
                                    QStringLiteral("rebooting"), QStringLiteral("confirmed")}));
        QCOMPARE(r.json()[QStringLiteral("items")][0][QStringLiteral("bytes")].toInteger(), fw.main.size());

        // SN-2 runs everything already: not applicable.
        QCOMPARE(checkin(t2, UpdateKit::report(fw.main, fw.net)).json()[QStringLiteral("update")][QStringLiteral("id")].toInteger(), u2);
        QCOMPARE(device("GET", QStringLiteral("/device/v1/updates/%1/manifest").arg(u2), t2).status, 200);
        r = device("POST", QStringLiteral("/device/v1/updates/%1/resolve").arg(u2), t2, resolveBody(digestBstr, fw.main));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("result")).toString(), QStringLiteral("not_applicable"));
        QCOMPARE(r.json().value(QStringLiteral("reason")).toString(), QStringLiteral("already_installed"));
        QCOMPARE(stateOf(u2), QStringLiteral("not_applicable"));
        QVERIFY(checkin(t2, UpdateKit::report(fw.main, fw.net)).json().value(QStringLiteral("update")).isNull());

        // SN-3: canceled by an operator; the device is not told any more; a second cancel is 409.
        QCOMPARE(fx->call("DELETE", QStringLiteral("/api/v1/updates/%1").arg(u3), viewer).status, 403);
        r = fx->call("DELETE", QStringLiteral("/api/v1/updates/%1").arg(u3), fx->adminToken);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("state")).toString(), QStringLiteral("canceled"));
        QVERIFY(checkin(t3, oldReport).json().value(QStringLiteral("update")).isNull());
        QCOMPARE(fx->call("DELETE", QStringLiteral("/api/v1/updates/%1").arg(u3), fx->adminToken).status, 409);
        QCOMPARE(status(t3, u3, st(QStringLiteral("downloading"))).status, 409);

        // SN-4 claims success with digests that are not the signed ones: failed (integrity_failure).
        QCOMPARE(checkin(t4, UpdateKit::report(fw.oldMain, {})).json()[QStringLiteral("update")][QStringLiteral("id")].toInteger(), u4);
        r = status(t4, u4, QJsonObject{{QStringLiteral("state"), QStringLiteral("confirmed")},
                                       {QStringLiteral("digests"),
                                        QJsonObject{{QStringLiteral("main"), QString::fromLatin1(crypto::sha256(fw.oldMain).toHex())},
                                                    {QStringLiteral("net"), QString::fromLatin1(crypto::sha256(fw.net).toHex())}}}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
        r = fx->call("GET", QStringLiteral("/api/v1/updates/%1").arg(u4), fx->adminToken);
        QCOMPARE(r.json().value(QStringLiteral("reason")).toString(), QStringLiteral("integrity_failure"));

        // Summary counts.
        r = fx->call("GET", QStringLiteral("/api/v1/updates/summary?manifest_id=%1").arg(manifest), viewer);
        QCOMPARE(r.status, 200);
        const QJsonObject states = r.json().value(QStringLiteral("states")).toObject();
        QCOMPARE(states.value(QStringLiteral("confirmed")).toInt(), 1);
        QCOMPARE(states.value(QStringLiteral("not_applicable")).toInt(), 1);
        QCOMPARE(states.value(QStringLiteral("canceled")).toInt(), 1);
        QCOMPARE(states.value(QStringLiteral("failed")).toInt(), 1);
        QCOMPARE(states.value(QStringLiteral("pending")).toInt(), 0);
        QCOMPARE(r.json().value(QStringLiteral("total")).toInt(), 4);
        QCOMPARE(fx->call("GET", QStringLiteral("/api/v1/updates?state=failed"), viewer)
                     .json()
                     .value(QStringLiteral("total"))
                     .toInt(),
                 1);
        QCOMPARE(fx->call("GET", QStringLiteral("/api/v1/updates?state=bogus"), viewer).status, 400);
        // A manifest that updates name cannot be removed (409, and it is still there).
        r = fx->call("DELETE", QStringLiteral("/api/v1/manifests/%1").arg(manifest), fx->adminToken);
        QCOMPARE(r.status, 409);
        QVERIFY(r.json()[QStringLiteral("error")][QStringLiteral("message")].toString().contains(QStringLiteral("4 device updates")));
        QCOMPARE(fx->call("GET", QStringLiteral("/api/v1/manifests/%1").arg(manifest), fx->adminToken).status, 200);

        // By serials: unknown ones are reported; a device past "notified" is skipped, a pending one replaced.
        const QByteArray envelope2 = kit.envelope(8, Firmware::bytes(9, 2000), fw.net); // main not uploaded
        const qint64 manifest2 = kit.publish(envelope2);
        QVERIFY(manifest2 > 0);
        r = fx->call("POST", QStringLiteral("/api/v1/updates"), fx->adminToken,
                     QJsonObject{{QStringLiteral("manifest_id"), double(manifest2)},
                                 {QStringLiteral("serials"), QJsonArray{QStringLiteral("SN-5"), QStringLiteral("SN-3"),
                                                                        QStringLiteral("NOPE")}},
                                 {QStringLiteral("download_only"), true}});
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().value(QStringLiteral("assigned")).toInt(), 2);
        QCOMPARE(r.json().value(QStringLiteral("unknown_serials")).toArray(), QJsonArray{QStringLiteral("NOPE")});
        // SN-5 gets the command, but the server has no payload for the new main: not applicable (no_payload).
        const QByteArray t5 = tokens[QStringLiteral("SN-5")];
        r = checkin(t5, oldReport);
        const qint64 u5 = r.json()[QStringLiteral("update")][QStringLiteral("id")].toInteger();
        QVERIFY(u5 > 0);
        QCOMPARE(r.json()[QStringLiteral("update")][QStringLiteral("download_only")].toBool(), true);
        r = device("POST", QStringLiteral("/device/v1/updates/%1/resolve").arg(u5), t5,
                   resolveBody(UpdateKit::digestBstr(envelope2), fw.oldMain));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("reason")).toString(), QStringLiteral("no_payload"));
        QCOMPARE(stateOf(u5), QStringLiteral("not_applicable"));
        // Assigning manifest 1 to SN-3 again: its pending manifest-2 update is replaced.
        r = fx->call("POST", QStringLiteral("/api/v1/updates"), fx->adminToken,
                     QJsonObject{{QStringLiteral("manifest_id"), double(manifest)},
                                 {QStringLiteral("serials"), QJsonArray{QStringLiteral("SN-3")}}});
        QCOMPARE(r.json().value(QStringLiteral("assigned")).toInt(), 1);
        QCOMPARE(r.json().value(QStringLiteral("replaced")).toInt(), 1);
        r = fx->call("GET", QStringLiteral("/api/v1/devices/SN-3/updates"), fx->adminToken);
        const QJsonArray sn3 = r.json().value(QStringLiteral("items")).toArray();
        QCOMPARE(sn3.size(), 3);
        QCOMPARE(sn3[0][QStringLiteral("state")].toString(), QStringLiteral("pending"));
        QCOMPARE(sn3[1][QStringLiteral("state")].toString(), QStringLiteral("canceled"));
        QCOMPARE(sn3[1][QStringLiteral("reason")].toString(), QStringLiteral("replaced"));

        // Audited.
        r = fx->call("GET", QStringLiteral("/api/v1/audit?limit=100"), fx->adminToken);
        int assigns = 0, cancels = 0;
        for (const QJsonValue &e : r.json().value(QStringLiteral("items")).toArray()) {
            assigns += e[QStringLiteral("action")].toString() == QLatin1String("update.assign") ? 1 : 0;
            cancels += e[QStringLiteral("action")].toString() == QLatin1String("update.cancel") ? 1 : 0;
        }
        QCOMPARE(assigns, 4);
        QCOMPARE(cancels, 1);
    }

    // Two servers on one database (scale-out): an assignment made through one reaches a device checking in at
    // the other once that server's cache refreshes (every 2 s), and the other server's check-in answer moves it on.
    void scaleOut_data() { addBackendRows(); }
    void scaleOut()
    {
        API_SET_UP(*fx);
        UpdateKit kit(*fx);
        const Firmware fw = Firmware::make();
        QVERIFY(kit.registerKey());
        QVERIFY(kit.upload(QStringLiteral("main.bin"), fw.main));
        const qint64 manifest = kit.publish(kit.envelope(7, fw.main, fw.net));
        QVERIFY(manifest > 0);
        const QByteArray token = kit.importDevices("serial,model\nSN-1,GW-200\n").value(QStringLiteral("SN-1"));
        QVERIFY(!token.isEmpty());
        Server other;
        QVERIFY(other.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--database"), fx->dbUrl,
                             QStringLiteral("--data-dir"), fx->dataDir()}));
        QNetworkAccessManager nam;
        const QByteArray report = UpdateKit::report(fw.oldMain, fw.net);
        const auto checkinAtOther = [&] {
            return fetch(nam, other.at(QStringLiteral("/device/v1/checkin")), "POST", report, nullptr, {},
                         {qMakePair(QByteArray("Authorization"), "Bearer " + token)});
        };
        QVERIFY(checkinAtOther().json().value(QStringLiteral("update")).isNull());
        const Response assigned = fx->call("POST", QStringLiteral("/api/v1/updates"), fx->adminToken,
                                           QJsonObject{{QStringLiteral("manifest_id"), double(manifest)},
                                                       {QStringLiteral("serials"), QJsonArray{QStringLiteral("SN-1")}}});
        QCOMPARE(assigned.status, 201);
        const qint64 id = assigned.json()[QStringLiteral("update_ids_sample")][0].toInteger();
        QElapsedTimer clock;
        clock.start();
        qint64 seen = 0;
        while (clock.elapsed() < 8000 && !seen) {
            seen = checkinAtOther().json()[QStringLiteral("update")][QStringLiteral("id")].toInteger();
            if (!seen)
                QTest::qWait(200);
        }
        QCOMPARE(seen, id);
        qInfo("the other server offered the update %lld ms after the assignment", qint64(clock.elapsed()));
        QCOMPARE(stateOf(id), QStringLiteral("notified"));
        // Canceled through the first server: the other stops offering it after its next refresh.
        QCOMPARE(fx->call("DELETE", QStringLiteral("/api/v1/updates/%1").arg(id), fx->adminToken).status, 200);
        clock.restart();
        while (clock.elapsed() < 8000 && !checkinAtOther().json().value(QStringLiteral("update")).isNull())
            QTest::qWait(200);
        QVERIFY(checkinAtOther().json().value(QStringLiteral("update")).isNull());
    }
};

QTEST_GUILESS_MAIN(TestDeviceUpdates)
#include "tst_device_updates.moc"
