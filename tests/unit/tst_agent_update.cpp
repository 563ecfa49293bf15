// The reference agent against the device protocol contract served over real HTTP on loopback
// (tst_agent_contract_server.h): full and delta updates, chunk checks with re-fetch of only the bad chunk,
// resume after broken connections and power cuts, boot failure roll-back, multi-component skip, and every refusal
// (tampered manifest, wrong payload, rollback, replay, wrong class) reported with its reason.
#include "tst_agent_contract_server.h"

#include "core/agent/Agent.h"
#include "core/agent/AgentRuntime.h"
#include "core/agent/ChunkLeaves.h"
#include "core/agent/HttpPool.h"
#include "core/crypto/Key.h"
#include "core/delta/DeltaEncoder.h"
#include "core/manifest/EnvelopeSigner.h"
#include "core/manifest/ManifestBuilder.h"

#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace otadesk;
using namespace otadesk::agent;
using otadesk::test::ContractServer;
using otadesk::test::ServedComponent;
using otadesk::test::ServedUpdate;

namespace {

QByteArray randomImage(quint32 seed, int size)
{
    QByteArray b(size, Qt::Uninitialized);
    QRandomGenerator rng(seed);
    for (char &c : b)
        c = char(rng.bounded(256));
    return b;
}

struct Image
{
    QString name;
    QByteArray bytes;
    QString version;
};

} // namespace

class TestAgentUpdate : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ContractServer> m_server;
    std::unique_ptr<AgentRuntime> m_runtime;
    std::vector<std::unique_ptr<Agent>> m_agents;
    AgentConfig m_config;
    std::optional<crypto::PrivateKey> m_key;
    QByteArray m_anchor;
    QByteArray m_oldMain = randomImage(1, 20000), m_newMain = randomImage(2, 23456);
    QByteArray m_net = randomImage(3, 5000), m_newNet = randomImage(4, 6000);
    qint64 m_nextId = 1;

    QByteArray envelope(quint64 sequence, const QList<Image> &images, const QString &model = QStringLiteral("gw-200"))
    {
        using namespace manifest;
        ManifestSpec spec = ManifestBuilder::fromTemplate(images.size() > 1 ? ManifestTemplate::MultiComponent
                                                                             : ManifestTemplate::SingleImage);
        spec.product = QStringLiteral("GW-200");
        spec.vendorDomain = QStringLiteral("example.com");
        spec.modelName = model;
        spec.sequenceNumber = sequence;
        spec.version = images.first().version;
        spec.components.clear();
        for (const Image &img : images) {
            ComponentSpec c;
            c.name = img.name;
            c.digest = crypto::sha256(img.bytes);
            c.size = quint64(img.bytes.size());
            c.uri = QStringLiteral("http://updates.example.com/%1.bin").arg(img.name);
            c.version = img.version;
            spec.components.append(c);
        }
        auto built = ManifestBuilder::buildEnvelope(spec);
        if (!built)
            qFatal("manifest: %s", qPrintable(built.error().message()));
        auto signedEnvelope = EnvelopeSigner::sign(*built, *m_key);
        if (!signedEnvelope)
            qFatal("sign: %s", qPrintable(signedEnvelope.error().message()));
        return *signedEnvelope;
    }

    void startFleet(int devices, bool withNet = false)
    {
        m_agents.clear();
        m_runtime.reset();
        m_server.reset();
        m_nextId = 1;
        m_dir = std::make_unique<QTemporaryDir>();
        m_server = std::make_unique<ContractServer>();
        const QUrl url = m_server->start();
        m_runtime = std::make_unique<AgentRuntime>(url, m_dir->filePath(QStringLiteral("store")), 8, 1234);
        QVERIFY(m_runtime->store()->ensure());
        QDir().mkpath(m_dir->filePath(QStringLiteral("devices")));
        const QByteArray oldSha = m_runtime->store()->put(m_oldMain).value();
        const QByteArray netSha = m_runtime->store()->put(m_net).value();
        manifest::ManifestSpec ids;
        ids.vendorDomain = QStringLiteral("example.com");
        ids.modelName = QStringLiteral("gw-200");
        m_agents.clear();
        for (int i = 0; i < devices; ++i) {
            AgentState st;
            st.serial = QStringLiteral("SN-%1").arg(i);
            st.token = ContractServer::tokenFor(st.serial);
            st.trustAnchor = m_anchor;
            st.vendorId = ids.vendorId();
            st.classId = ids.classId();
            st.model = QStringLiteral("GW-200");
            st.hardwareRevision = QStringLiteral("C");
            QList<FlashComponent> comps;
            FlashComponent main;
            main.name = QStringLiteral("main");
            main.slots[0] = FlashSlot{oldSha, m_oldMain.size(), QStringLiteral("1.0.0")};
            comps << main;
            if (withNet) {
                FlashComponent net;
                net.name = QStringLiteral("net");
                net.slots[0] = FlashSlot{netSha, m_net.size(), QStringLiteral("1.0.0")};
                comps << net;
            }
            auto agent = std::make_unique<Agent>(m_runtime.get(), &m_config,
                                                 m_dir->filePath(QStringLiteral("devices/") + st.serial));
            QVERIFY(agent->provision(st, comps));
            m_agents.push_back(std::move(agent));
        }
    }

    void go()
    {
        for (auto &a : m_agents)
            a->start(QRandomGenerator::global()->bounded(50));
    }

    ServedUpdate &assign(const QString &serial, const QByteArray &env, const QList<ServedComponent> &components)
    {
        ServedUpdate u;
        u.id = m_nextId++;
        u.serial = serial;
        u.envelope = env;
        u.components = components;
        return m_server->updates[u.id] = u;
    }

    static ServedComponent full(int index, const QString &name, const QByteArray &bytes, quint32 chunk = 1024)
    {
        ServedComponent c;
        c.index = index;
        c.name = name;
        c.bytes = bytes;
        c.imageSha = crypto::sha256(bytes);
        c.imageSize = bytes.size();
        c.chunkSize = chunk;
        return c;
    }

    bool allDone() const
    {
        for (const ServedUpdate &u : m_server->updates) {
            if (!u.terminal())
                return false;
        }
        for (const auto &a : m_agents) {
            if (a->isUpdating() || a->state().phase != AgentState::Phase::Idle)
                return false;
        }
        return true;
    }

    QByteArray running(int device, const QString &component = QStringLiteral("main")) const
    {
        return m_agents[size_t(device)]->flash().component(component)->running().digest;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_key = crypto::PrivateKey::generate(crypto::KeyType::EcdsaP256).value();
        m_anchor = m_key->publicKey().toPem();
        m_config.pollSeconds = 1;
        m_config.retryBaseMs = 20;
        m_config.reloadDelayMs = 10;
    }
    void init()
    {
        m_config.dropRate = m_config.corruptRate = m_config.powerLossRate = m_config.bootFailureRate = 0;
    }

    void leavesMatchChunkTree()
    {
        const QByteArray payload = randomImage(9, 10 * 1000 + 17);
        const delta::ChunkTree tree(payload, 1000);
        QList<QByteArray> leaves;
        for (quint32 i = 0; i < tree.count(); ++i)
            leaves << ChunkLeaves::leaf(i, delta::ChunkTree::chunk(payload, i, 1000));
        QCOMPARE(ChunkLeaves::root(leaves), tree.root());
        for (quint32 i = 0; i < tree.count(); ++i)
            QCOMPARE(ChunkLeaves::proof(leaves, i), tree.proof(i));
        QByteArray bad = delta::ChunkTree::chunk(payload, 3, 1000).toByteArray();
        bad[0] = char(bad[0] ^ 1);
        QVERIFY(!ChunkLeaves::matches(leaves, 3, bad));
        QVERIFY(ChunkLeaves::matches(leaves, 3, delta::ChunkTree::chunk(payload, 3, 1000)));
    }

    void fullUpdate()
    {
        startFleet(20);
        const QByteArray env = envelope(5, {{QStringLiteral("main"), m_newMain, QStringLiteral("2.0.0")}});
        for (int i = 0; i < 20; ++i)
            assign(QStringLiteral("SN-%1").arg(i), env, {full(0, QStringLiteral("main"), m_newMain)});
        go();
        QTRY_VERIFY_WITH_TIMEOUT(allDone(), 30000);
        const QByteArray want = crypto::sha256(m_newMain);
        const int chunks = (m_newMain.size() + 1023) / 1024;
        for (int i = 0; i < 20; ++i) {
            const ServedUpdate &u = m_server->updates[i + 1];
            QCOMPARE(u.steps, (QStringList{QStringLiteral("notified"), QStringLiteral("manifest_fetched"),
                                          QStringLiteral("downloading"), QStringLiteral("downloaded"),
                                          QStringLiteral("installing"), QStringLiteral("rebooting"),
                                          QStringLiteral("confirmed")}));
            QCOMPARE(u.digests.value(QStringLiteral("main")), QString::fromLatin1(want.toHex()));
            QCOMPARE(u.payloadRequests, chunks); // one Range request per chunk
            QCOMPARE(running(i), want);
            QCOMPARE(m_agents[size_t(i)]->flash().component(QStringLiteral("main"))->running().version,
                     QStringLiteral("2.0.0"));
            QCOMPARE(m_agents[size_t(i)]->state().lastSequence, quint64(5));
            QVERIFY(m_agents[size_t(i)]->flash().isBootable());
        }
        // The next check-in reports the new image.
        QTRY_COMPARE_WITH_TIMEOUT(m_server->lastCheckin[QStringLiteral("SN-0")]
                                      .value(QStringLiteral("components")).toArray().at(0).toObject()
                                      .value(QStringLiteral("digest")).toString(),
                                  QString::fromLatin1(want.toHex()), 5000);
        QCOMPARE(m_runtime->counters().outcomes.value(QStringLiteral("confirmed")), 20);
        // The image is stored once for the whole fleet.
        QCOMPARE(QDir(m_dir->filePath(QStringLiteral("store/objects"))).entryList(QDir::Files).size(), 3);
    }

    // 30 % of the chunks arrive corrupted and 30 % of the transfers break in the middle: every device still ends
    // on the new image, and only the bad or broken chunks were fetched again.
    void corruptChunksAndDroppedConnections()
    {
        m_config.corruptRate = 0.3;
        m_config.dropRate = 0.3;
        startFleet(10);
        const QByteArray env = envelope(5, {{QStringLiteral("main"), m_newMain, QStringLiteral("2.0.0")}});
        for (int i = 0; i < 10; ++i)
            assign(QStringLiteral("SN-%1").arg(i), env, {full(0, QStringLiteral("main"), m_newMain, 512)});
        go();
        QTRY_VERIFY_WITH_TIMEOUT(allDone(), 60000);
        const RuntimeCounters &n = m_runtime->counters();
        QCOMPARE(n.outcomes.value(QStringLiteral("confirmed")), 10);
        QVERIFY(n.corruptChunks > 20);
        QVERIFY(n.connectionsLost > 20);
        qint64 requests = 0;
        for (const ServedUpdate &u : std::as_const(m_server->updates))
            requests += u.payloadRequests;
        const int chunks = (m_newMain.size() + 511) / 512;
        QCOMPARE(requests, qint64(10 * chunks) + n.corruptChunks + n.connectionsLost);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(running(i), crypto::sha256(m_newMain));
    }

    void deltaUpdate()
    {
        startFleet(3);
        QByteArray target = m_oldMain;
        target.replace(1000, 50, randomImage(7, 80));
        target.append(randomImage(8, 3000));
        delta::DeltaOptions options;
        options.arch = delta::DeltaArch::Generic;
        options.chunkSize = 1024;
        auto patch = delta::DeltaEncoder::create(m_oldMain, target, options);
        QVERIFY(patch);
        QVERIFY(patch->patch.size() < target.size() / 2);
        const QByteArray env = envelope(6, {{QStringLiteral("main"), target, QStringLiteral("1.1.0")}});
        for (int i = 0; i < 3; ++i) {
            ServedComponent c = full(0, QStringLiteral("main"), patch->patch, 1024);
            c.action = QStringLiteral("delta");
            c.imageSha = crypto::sha256(target);
            c.imageSize = target.size();
            c.baseSha = crypto::sha256(m_oldMain);
            assign(QStringLiteral("SN-%1").arg(i), env, {c});
        }
        m_config.corruptRate = 0.2; // bad chunks are refused by the applier's Merkle check too
        m_config.powerLossRate = 0.5;
        go();
        QTRY_VERIFY_WITH_TIMEOUT(allDone(), 30000);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(m_server->updates[i + 1].state, QStringLiteral("confirmed"));
            QCOMPARE(running(i), crypto::sha256(target));
            QCOMPARE(m_runtime->store()->read(running(i)).value(), target);
        }
    }

    void bootFailureRollsBack()
    {
        m_config.bootFailureRate = 1.0;
        startFleet(4);
        const QByteArray env = envelope(5, {{QStringLiteral("main"), m_newMain, QStringLiteral("2.0.0")}});
        for (int i = 0; i < 4; ++i)
            assign(QStringLiteral("SN-%1").arg(i), env, {full(0, QStringLiteral("main"), m_newMain)});
        go();
        QTRY_VERIFY_WITH_TIMEOUT(allDone(), 30000);
        for (int i = 0; i < 4; ++i) {
            const ServedUpdate &u = m_server->updates[i + 1];
            QCOMPARE(u.state, QStringLiteral("rolled_back"));
            QCOMPARE(u.steps.last(), QStringLiteral("rolled_back:boot_failed"));
            QCOMPARE(running(i), crypto::sha256(m_oldMain));
            QCOMPARE(m_agents[size_t(i)]->state().lastSequence, quint64(0)); // not installed: no new floor
            QVERIFY(m_agents[size_t(i)]->flash().isBootable());
        }
    }

    // Power cuts at random points of the download and install: the agent is thrown away and reloaded from its
    // files, resumes from the verified data and still ends on the new image; never without a bootable image.
    void powerLossResumes()
    {
        m_config.powerLossRate = 1.0;
        startFleet(30);
        const QByteArray env = envelope(5, {{QStringLiteral("main"), m_newMain, QStringLiteral("2.0.0")}});
        for (int i = 0; i < 30; ++i)
            assign(QStringLiteral("SN-%1").arg(i), env, {full(0, QStringLiteral("main"), m_newMain, 1024)});
        go();
        QTRY_VERIFY_WITH_TIMEOUT(allDone(), 60000);
        const RuntimeCounters &n = m_runtime->counters();
        QVERIFY2(n.powerCuts >= 25, qPrintable(QString::number(n.powerCuts)));
        QCOMPARE(n.unbootable, 0);
        for (int i = 0; i < 30; ++i) {
            QVERIFY2(m_server->updates[i + 1].state == QLatin1String("confirmed"),
                     qPrintable(m_server->updates[i + 1].steps.join(QLatin1Char(' ')) + QStringLiteral(" / ") +
                                m_agents[size_t(i)]->lastError()));
            QCOMPARE(running(i), crypto::sha256(m_newMain));
            QVERIFY(m_agents[size_t(i)]->flash().isBootable());
        }
    }

    void multiComponentFetchesOnlyChanged()
    {
        startFleet(2, true);
        const QByteArray env = envelope(5, {{QStringLiteral("main"), m_newMain, QStringLiteral("2.0.0")},
                                            {QStringLiteral("net"), m_net, QStringLiteral("1.0.0")}});
        for (int i = 0; i < 2; ++i) {
            ServedComponent skip;
            skip.index = 1;
            skip.name = QStringLiteral("net");
            skip.action = QStringLiteral("skip");
            assign(QStringLiteral("SN-%1").arg(i), env, {full(0, QStringLiteral("main"), m_newMain), skip});
        }
        go();
        QTRY_VERIFY_WITH_TIMEOUT(allDone(), 30000);
        for (int i = 0; i < 2; ++i) {
            const ServedUpdate &u = m_server->updates[i + 1];
            QCOMPARE(u.state, QStringLiteral("confirmed"));
            QCOMPARE(u.requestsPerComponent.value(1), 0);
            QVERIFY(u.requestsPerComponent.value(0) > 0);
            QCOMPARE(running(i), crypto::sha256(m_newMain));
            QCOMPARE(running(i, QStringLiteral("net")), crypto::sha256(m_net));
        }
    }

    void refusals()
    {
        startFleet(6);
        const QByteArray env = envelope(5, {{QStringLiteral("main"), m_newMain, QStringLiteral("2.0.0")}});
        QByteArray tampered = env;
        const qsizetype at = tampered.indexOf(crypto::sha256(m_newMain));
        QVERIFY(at > 0);
        tampered[at + 5] = char(tampered[at + 5] ^ 1); // another image digest inside the signed manifest
        const QByteArray otherClass = envelope(5, {{QStringLiteral("main"), m_newMain, QStringLiteral("2.0.0")}},
                                               QStringLiteral("other-model"));
        const QByteArray wrongBytes = randomImage(99, m_newMain.size());
        ServedComponent wrongPayload = full(0, QStringLiteral("main"), wrongBytes);
        wrongPayload.imageSha = crypto::sha256(m_newMain); // claims the signed digest, serves other bytes
        assign(QStringLiteral("SN-0"), tampered, {full(0, QStringLiteral("main"), m_newMain)});
        assign(QStringLiteral("SN-1"), env, {wrongPayload});
        assign(QStringLiteral("SN-2"), otherClass, {full(0, QStringLiteral("main"), m_newMain)});
        // SN-3 installs sequence 5, then is offered sequence 3 (rollback) and sequence 5 again (replay).
        assign(QStringLiteral("SN-3"), env, {full(0, QStringLiteral("main"), m_newMain)});
        QByteArray tamperedText = env;
        const qsizetype textAt = tamperedText.indexOf("2.0.0");
        QVERIFY(textAt > 0);
        tamperedText[textAt] = '3'; // "3.0.0" in the severed text section the manifest holds a digest of
        assign(QStringLiteral("SN-4"), tamperedText, {full(0, QStringLiteral("main"), m_newMain)});
        go();
        QTRY_VERIFY_WITH_TIMEOUT(allDone(), 30000);
        QCOMPARE(m_server->updates[1].steps.last(), QStringLiteral("rejected:signature_invalid"));
        QCOMPARE(m_server->updates[2].steps.last(), QStringLiteral("failed:integrity_failure"));
        QCOMPARE(m_server->updates[3].steps.last(), QStringLiteral("rejected:wrong_class"));
        QCOMPARE(m_server->updates[4].state, QStringLiteral("confirmed"));
        QCOMPARE(m_server->updates[5].steps.last(), QStringLiteral("rejected:signature_invalid"));
        QCOMPARE(m_server->updates[5].payloadRequests, 0);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(running(i), crypto::sha256(m_oldMain));
        QVERIFY(!QFile::exists(m_agents[1]->flash().partPath(QStringLiteral("main"))));

        const QByteArray older = envelope(3, {{QStringLiteral("main"), m_oldMain, QStringLiteral("0.9.0")}});
        assign(QStringLiteral("SN-3"), older, {full(0, QStringLiteral("main"), m_oldMain)});
        QTRY_VERIFY_WITH_TIMEOUT(allDone(), 30000);
        QCOMPARE(m_server->updates[6].steps.last(), QStringLiteral("rejected:rollback"));
        assign(QStringLiteral("SN-3"), env, {full(0, QStringLiteral("main"), m_newMain)});
        QTRY_VERIFY_WITH_TIMEOUT(allDone(), 30000);
        QCOMPARE(m_server->updates[7].steps.last(), QStringLiteral("rejected:rollback"));
        QCOMPARE(m_server->updates[7].payloadRequests, 0);
        QCOMPARE(running(3), crypto::sha256(m_newMain));
        QCOMPARE(m_agents[3]->state().lastSequence, quint64(5));
        QCOMPARE(m_runtime->counters().outcomes.value(QStringLiteral("rejected")), 5);
    }

    // The agent state and flash files are everything: a new Agent object on the same files continues.
    void stateSurvivesReload()
    {
        startFleet(1);
        const QByteArray env = envelope(5, {{QStringLiteral("main"), m_newMain, QStringLiteral("2.0.0")}});
        assign(QStringLiteral("SN-0"), env, {full(0, QStringLiteral("main"), m_newMain)});
        go();
        QTRY_VERIFY_WITH_TIMEOUT(allDone(), 30000);
        Agent again(m_runtime.get(), &m_config, m_agents[0]->base());
        QVERIFY(again.load());
        QCOMPARE(again.state().toJson(), m_agents[0]->state().toJson());
        QCOMPARE(again.flash().toJson(), m_agents[0]->flash().toJson());
        QCOMPARE(again.state().lastSequence, quint64(5));
    }

    // Chunked and Content-Length answers on one kept-alive connection, written in small pieces.
    void httpPoolChunkedKeepAlive()
    {
        QTcpServer raw;
        QVERIFY(raw.listen(QHostAddress::LocalHost));
        int accepted = 0;
        QList<QByteArray> requests;
        connect(&raw, &QTcpServer::newConnection, this, [&] {
            QTcpSocket *s = raw.nextPendingConnection();
            ++accepted;
            connect(s, &QTcpSocket::readyRead, s, [&requests, s] {
                const QByteArray in = s->readAll();
                requests << in;
                if (requests.size() == 1) {
                    for (const char *piece : {"HTTP/1.1 200 OK\r\nTransfer-Enc", "oding: chunked\r\n\r\n5\r\nhel",
                                              "lo\r\n6;ext=1\r\n world\r\n0\r\n\r\n"}) {
                        s->write(piece);
                        s->flush();
                    }
                } else {
                    s->write("HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 0-3/10\r\nContent-Length: 4\r\n\r\nabcd");
                }
            });
        });
        HttpPool pool(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(raw.serverPort())), 1);
        std::optional<HttpResponse> first, second;
        HttpRequest a;
        a.target = "/a";
        pool.send(a, [&](HttpResponse &&r) { first = std::move(r); });
        HttpRequest b;
        b.target = "/b";
        b.range = "bytes=0-3";
        b.authorization = "Bearer x";
        pool.send(b, [&](HttpResponse &&r) { second = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(first && second, 5000);
        QCOMPARE(first->status, 200);
        QCOMPARE(first->body, QByteArray("hello world"));
        QCOMPARE(second->status, 206);
        QCOMPARE(second->body, QByteArray("abcd"));
        QCOMPARE(second->contentRange, QByteArray("bytes 0-3/10"));
        QCOMPARE(accepted, 1);
        QVERIFY(requests.value(1).contains("Range: bytes=0-3\r\n"));
        QVERIFY(requests.value(1).contains("Authorization: Bearer x\r\n"));
    }

    void httpPoolReportsTransportErrors()
    {
        // Transport errors are reported, not hidden: nothing listens on this port.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        HttpPool pool(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)), 2);
        std::optional<HttpResponse> got;
        pool.send(HttpRequest{}, [&](HttpResponse &&r) { got = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 5000);
        QCOMPARE(got->status, 0);
        QVERIFY(!got->error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAgentUpdate)
#include "tst_agent_update.moc"
