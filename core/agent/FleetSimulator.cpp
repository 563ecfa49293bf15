#include "core/agent/FleetSimulator.h"

#include "core/agent/Agent.h"
#include "core/agent/AgentLogging.h"
#include "core/agent/DeviceFiles.h"
#include "core/agent/HttpPool.h"
#include "core/agent/ProcessStats.h"
#include "core/crypto/Digest.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

namespace otadesk::agent {

namespace {
constexpr int kImportRows = 5000;

QString k(const char *key) { return QString::fromLatin1(key); }

// One blocking request on a pool (set-up only: registration happens before the fleet runs).
HttpResponse call(HttpPool &pool, HttpRequest req)
{
    HttpResponse out;
    bool done = false;
    QEventLoop loop;
    pool.send(std::move(req), [&](HttpResponse &&r) {
        out = std::move(r);
        done = true;
        loop.quit();
    });
    if (!done)
        loop.exec();
    return out;
}

QByteArray csvField(const QString &v)
{
    QByteArray b = v.toUtf8();
    if (b.contains(',') || b.contains('"') || b.contains('\n'))
        b = '"' + b.replace("\"", "\"\"") + '"';
    return b;
}

double rssMiB()
{
    return agent::processRssMiB();
}

double cpuSeconds()
{
    return agent::processCpuSeconds();
}
} // namespace

struct FleetSimulator::Pending
{
    const SimGroup *group;
    QString serial;
    QByteArray token;
};

FleetSimulator::FleetSimulator(SimOptions options, QObject *parent) : QObject(parent), m_o(std::move(options)) {}

FleetSimulator::~FleetSimulator() = default;

QString FleetSimulator::deviceBase(const QString &stateDir, const QString &serial)
{
    QString safe = serial;
    for (QChar &c : safe) {
        if (!(c.isLetterOrNumber() || c == u'-' || c == u'_' || c == u'.'))
            c = u'_';
    }
    const QByteArray shard = crypto::sha256(serial.toUtf8()).left(1).toHex();
    return stateDir + QStringLiteral("/devices/") + QString::fromLatin1(shard) + QLatin1Char('/') + safe;
}

Result<QByteArray> FleetSimulator::imageFor(const SimGroup &g, const SimComponent &c)
{
    const QString key = g.model + QLatin1Char('/') + c.name + QLatin1Char('/') + c.version + QLatin1Char('/') +
                        c.imagePath + QLatin1Char('/') + QString::number(c.imageSize);
    if (auto it = m_images.constFind(key); it != m_images.cend())
        return *it;
    QByteArray bytes;
    if (!c.imagePath.isEmpty()) {
        auto read = DeviceFiles::read(c.imagePath);
        if (!read)
            return std::unexpected(read.error());
        bytes = *read;
    } else { // deterministic synthetic image: SHA-256 in counter mode over model, component and version
        const QByteArray seed = (g.model + QLatin1Char('/') + c.name + QLatin1Char('/') + c.version).toUtf8();
        bytes.reserve(c.imageSize + 32);
        for (quint32 i = 0; bytes.size() < c.imageSize; ++i)
            bytes += crypto::sha256(QByteArray(seed + QByteArray::number(i)));
        bytes.truncate(c.imageSize);
    }
    auto digest = m_runtime->store()->put(bytes);
    if (!digest)
        return std::unexpected(digest.error());
    m_images.insert(key, *digest);
    return *digest;
}

Status FleetSimulator::prepare()
{
    auto profile = SimProfile::load(m_o.profilePath);
    if (!profile)
        return std::unexpected(profile.error());
    m_profile = std::move(*profile);
    if (m_o.devices >= 0)
        m_profile.scaleTo(m_o.devices);
    if (m_profile.trustAnchorPem.isEmpty())
        return fail(ErrorCode::InvalidArgument,
                    tr("The profile has no trust_anchor: give the public key (PEM file) that signs the manifests the "
                       "devices must accept."));
    if (!crypto::PublicKey::fromPem(m_profile.trustAnchorPem))
        return fail(ErrorCode::Format, tr("The profile's trust_anchor is not a PEM public key."));
    if (!m_o.server.isValid() || m_o.server.scheme() != QLatin1String("http"))
        return fail(ErrorCode::InvalidArgument,
                    tr("The simulator needs an http:// server URL (TLS is not simulated): %1").arg(m_o.server.toString()));
    if (!QDir().mkpath(m_o.stateDir + QStringLiteral("/devices")))
        return fail(ErrorCode::Io, tr("Cannot create the state folder %1.").arg(m_o.stateDir));
    m_runtime = std::make_unique<AgentRuntime>(m_o.server, m_o.stateDir + QStringLiteral("/store"),
                                               m_profile.connections, m_profile.seed);
    if (auto st = m_runtime->store()->ensure(); !st)
        return st;
    if (auto st = DeviceFiles::replace(m_o.stateDir + QStringLiteral("/sim.json"),
                                       QJsonDocument(QJsonObject{{k("server"), m_o.server.toString()}}).toJson(),
                                       nullptr);
        !st)
        return st;

    std::vector<Pending> fresh;
    m_agents.reserve(size_t(m_profile.deviceCount()));
    for (const SimGroup &g : std::as_const(m_profile.groups)) {
        for (qint64 i = 0; i < g.count; ++i) {
            const QString serial = g.serial(i);
            const QString base = deviceBase(m_o.stateDir, serial);
            if (AgentState::exists(base)) {
                auto agent = std::make_unique<Agent>(m_runtime.get(), g.config.get(), base);
                if (auto st = agent->load(); !st)
                    return fail(ErrorCode::Format, tr("Device %1: %2").arg(serial, st.error().message()));
                m_agents.push_back(std::move(agent));
                ++m_resumed;
            } else {
                fresh.push_back(Pending{&g, serial, {}});
            }
        }
    }
    if (fresh.empty())
        return {};
    if (auto st = registerDevices(fresh); !st)
        return st;
    for (const Pending &p : fresh) {
        const SimGroup &g = *p.group;
        const QString base = deviceBase(m_o.stateDir, p.serial);
        QDir().mkpath(base.left(base.lastIndexOf(u'/')));
        AgentState st;
        st.serial = p.serial;
        st.token = p.token;
        st.trustAnchor = m_profile.trustAnchorPem;
        st.vendorId = g.vendorId();
        st.classId = g.classId();
        st.model = g.model;
        st.hardwareRevision = g.hardwareRevision;
        st.attributes = g.attributes;
        QList<FlashComponent> components;
        for (const SimComponent &c : g.components) {
            auto digest = imageFor(g, c);
            if (!digest)
                return std::unexpected(digest.error());
            FlashComponent fc;
            fc.name = c.name;
            fc.slots[0] = FlashSlot{*digest, qint64(DeviceFiles::size(m_runtime->store()->pathFor(*digest))), c.version};
            components.append(fc);
        }
        auto agent = std::make_unique<Agent>(m_runtime.get(), g.config.get(), base);
        if (auto s = agent->provision(st, components); !s)
            return s;
        m_agents.push_back(std::move(agent));
    }
    return {};
}

Status FleetSimulator::registerDevices(std::vector<Pending> &pending)
{
    HttpPool admin(m_o.server, 2);
    admin.setTimeoutMs(120000);
    QHash<QString, qsizetype> index;
    for (size_t i = 0; i < pending.size(); ++i)
        index.insert(pending[i].serial, qsizetype(i));
    for (size_t at = 0; at < pending.size(); at += kImportRows) {
        QByteArray csv = "serial,model,hw_rev,batch,year,vendor_id,class_id\n";
        const size_t end = qMin(pending.size(), at + kImportRows);
        for (size_t i = at; i < end; ++i) {
            const SimGroup &g = *pending[i].group;
            csv += csvField(pending[i].serial) + ',' + csvField(g.model) + ',' + csvField(g.hardwareRevision) + ',' +
                   csvField(g.batch) + ',' + (g.year ? QByteArray::number(g.year) : QByteArray()) + ',' +
                   g.vendorId().toString(QUuid::WithoutBraces).toLatin1() + ',' +
                   g.classId().toString(QUuid::WithoutBraces).toLatin1() + '\n';
        }
        HttpRequest req;
        req.method = "POST";
        req.target = "/api/v1/devices/import?issue_tokens=1";
        req.authorization = "Bearer " + m_o.token;
        req.contentType = "text/csv";
        req.body = csv;
        const HttpResponse r = call(admin, std::move(req));
        if (r.status != 201 && r.status != 200)
            return fail(ErrorCode::Io, tr("Registering devices %1..%2 through POST /api/v1/devices/import failed: %3")
                                           .arg(pending[at].serial, pending[end - 1].serial, r.describe()));
        const QJsonArray tokens = QJsonDocument::fromJson(r.body).object().value(k("tokens")).toArray();
        for (const QJsonValue &t : tokens) {
            const auto it = index.constFind(t[k("serial")].toString());
            if (it != index.cend())
                pending[size_t(*it)].token = t[k("device_token")].toString().toLatin1();
        }
    }
    // Devices the server knew already (their state folder was lost): a new token each.
    for (Pending &p : pending) {
        if (!p.token.isEmpty())
            continue;
        HttpRequest req;
        req.method = "POST";
        req.target = "/api/v1/devices/" + QUrl::toPercentEncoding(p.serial) + "/token";
        req.authorization = "Bearer " + m_o.token;
        const HttpResponse r = call(admin, std::move(req));
        p.token = QJsonDocument::fromJson(r.body).object().value(k("device_token")).toString().toLatin1();
        if (p.token.isEmpty())
            return fail(ErrorCode::Io, tr("Device %1 exists on the server but no new token could be issued: %2")
                                           .arg(p.serial, r.describe()));
    }
    m_registered = qint64(pending.size());
    return {};
}

QJsonObject FleetSimulator::run()
{
    QElapsedTimer clock;
    clock.start();
    const qint64 n = qint64(m_agents.size());
    QRandomGenerator &rng = m_runtime->random();
    // First check-ins spread over up to 10 s (5,000 devices per second), like devices powering up.
    const int spreadMs = int(qBound(qint64(200), n / 5, qint64(10000)));
    for (auto &a : m_agents)
        a->start(qint64(rng.bounded(spreadMs)));
    QEventLoop loop;
    QTimer tick;
    tick.setInterval(100);
    qint64 lastProgress = 0;
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        const qint64 ms = clock.elapsed();
        if (m_o.progress && ms - lastProgress >= m_o.progressMs) {
            m_o.progress(progressLine(double(ms) / 1000.0));
            lastProgress = ms;
        }
        if (m_o.cancelled && m_o.cancelled())
            loop.quit();
        if (m_o.durationS > 0 && ms >= qint64(m_o.durationS * 1000))
            loop.quit();
        if (m_o.untilIdle) {
            bool idle = true;
            for (const auto &a : m_agents) {
                if (!a->isQuiet()) {
                    idle = false;
                    break;
                }
            }
            if (idle)
                loop.quit();
        }
    });
    tick.start();
    loop.exec();
    tick.stop();
    return summary(double(clock.nsecsElapsed()) / 1e9);
}

QString FleetSimulator::progressLine(double seconds) const
{
    QMap<QString, qint64> states;
    for (const auto &a : m_agents)
        ++states[a->activity()];
    const RuntimeCounters &c = m_runtime->counters();
    const qint64 checkins = c.checkins;
    const double rate = double(checkins - m_lastCheckins); // per progress interval
    const_cast<FleetSimulator *>(this)->m_lastCheckins = checkins;
    QStringList parts;
    for (auto it = states.cbegin(); it != states.cend(); ++it)
        parts << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
    QStringList outcomes;
    for (auto it = c.outcomes.cbegin(); it != c.outcomes.cend(); ++it)
        outcomes << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
    return tr("sim %1 s: %2 devices, %3 check-ins/s | %4 | %5")
        .arg(seconds, 0, 'f', 1)
        .arg(m_agents.size())
        .arg(rate * 1000.0 / qMax(1, m_o.progressMs), 0, 'f', 0)
        .arg(parts.join(QStringLiteral(", ")), outcomes.isEmpty() ? tr("no update finished") : outcomes.join(QStringLiteral(", ")));
}

QJsonObject FleetSimulator::summary(double seconds) const
{
    const RuntimeCounters &c = m_runtime->counters();
    QJsonObject outcomes, reported, running, activity;
    for (auto it = c.outcomes.cbegin(); it != c.outcomes.cend(); ++it)
        outcomes.insert(it.key(), it.value());
    for (auto it = c.reported.cbegin(); it != c.reported.cend(); ++it)
        reported.insert(it.key(), it.value());
    QMap<QString, QMap<QString, qint64>> versions;
    QMap<QString, qint64> states;
    qint64 unbootable = 0, confirmed = 0, failed = 0, rolledBack = 0, rejected = 0, powerCuts = 0;
    QJsonArray problems;
    QMap<QString, QString> errors; // distinct last errors -> one device that had it
    for (const auto &a : m_agents) {
        for (const FlashComponent &fc : a->flash().components())
            ++versions[fc.name][fc.running().version + QLatin1Char('@') + QString::fromLatin1(fc.running().digest.toHex().left(16))];
        ++states[a->activity()];
        QString why;
        if (!a->flash().isBootable(&why)) {
            ++unbootable;
            if (problems.size() < 10)
                problems.append(QString(a->state().serial + QStringLiteral(": ") + why));
        }
        if (!a->lastError().isEmpty() && !errors.contains(a->lastError()) && errors.size() < 8)
            errors.insert(a->lastError(), a->state().serial);
        const AgentState &s = a->state();
        confirmed += s.confirmed;
        failed += s.failed;
        rolledBack += s.rolledBack;
        rejected += s.rejected;
        powerCuts += s.powerCuts;
    }
    for (auto it = versions.cbegin(); it != versions.cend(); ++it) {
        QJsonObject v;
        for (auto jt = it.value().cbegin(); jt != it.value().cend(); ++jt)
            v.insert(jt.key(), jt.value());
        running.insert(it.key(), v);
    }
    for (auto it = states.cbegin(); it != states.cend(); ++it)
        activity.insert(it.key(), it.value());
    QJsonArray lastErrors;
    for (auto it = errors.cbegin(); it != errors.cend(); ++it)
        lastErrors.append(QString(it.value() + QStringLiteral(": ") + it.key()));
    HttpPool *pool = m_runtime->serverPool();
    return QJsonObject{
        {k("last_errors"), lastErrors},
        {k("devices"), qint64(m_agents.size())},
        {k("registered"), m_registered},
        {k("resumed"), m_resumed},
        {k("seconds"), seconds},
        {k("checkins"), c.checkins},
        {k("checkins_per_second"), seconds > 0 ? double(c.checkins) / seconds : 0.0},
        {k("checkin_failures"), c.checkinFailures},
        {k("reports"), reported},
        {k("outcomes"), outcomes},
        {k("devices_lifetime"), QJsonObject{{k("confirmed"), confirmed}, {k("failed"), failed},
                                            {k("rolled_back"), rolledBack}, {k("rejected"), rejected},
                                            {k("power_cuts"), powerCuts}}},
        {k("corrupt_chunks"), c.corruptChunks},
        {k("connections_lost"), c.connectionsLost},
        {k("power_cuts"), c.powerCuts},
        {k("unbootable"), unbootable + c.unbootable},
        {k("unbootable_devices"), problems},
        {k("activity"), activity},
        {k("running"), running},
        {k("http"), QJsonObject{{k("requests"), pool->requestsDone()}, {k("transport_errors"), pool->transportErrors()},
                                {k("bytes_received"), pool->bytesReceived()}}},
        {k("rss_mib"), rssMiB()},
        {k("cpu_seconds"), cpuSeconds()},
    };
}

} // namespace otadesk::agent
