#include "core/agent/SimProfile.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace otadesk::agent {

namespace {
QString k(const char *key) { return QString::fromLatin1(key); }

Error bad(const QString &field, const QString &what)
{
    return Error(ErrorCode::Format, SimProfile::tr("Profile field %1: %2").arg(field, what));
}

double rate(const QJsonObject &o, const char *key, const QString &field, QString *problem)
{
    const double v = o.value(k(key)).toDouble(0);
    if (v < 0 || v > 1)
        *problem = field + QLatin1Char('.') + k(key);
    return v;
}
} // namespace

QUuid SimGroup::vendorId() const { return QUuid::createUuidV5(QUuid(QStringLiteral("6ba7b810-9dad-11d1-80b4-00c04fd430c8")), vendorDomain); }
QUuid SimGroup::classId() const { return QUuid::createUuidV5(vendorId(), modelName); }

QString SimGroup::serial(qint64 index) const
{
    return serialPrefix + QStringLiteral("%1").arg(serialFrom + index, serialDigits, 10, QLatin1Char('0'));
}

qint64 SimProfile::deviceCount() const
{
    qint64 n = 0;
    for (const SimGroup &g : groups)
        n += g.count;
    return n;
}

void SimProfile::scaleTo(qint64 devices)
{
    const qint64 total = deviceCount();
    if (total <= 0 || groups.isEmpty())
        return;
    qint64 given = 0;
    for (qsizetype i = 0; i < groups.size(); ++i) {
        const qint64 n = i + 1 == groups.size() ? devices - given
                                                : qint64(std::llround(double(devices) * groups[i].count / total));
        groups[i].count = qMax<qint64>(0, n);
        given += groups[i].count;
    }
}

Result<SimProfile> SimProfile::load(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, tr("Cannot read the profile %1: %2").arg(path, f.errorString()));
    auto p = parse(f.readAll(), QFileInfo(path).absolutePath());
    if (!p)
        return std::unexpected(p.error().withFile(path));
    return p;
}

Result<SimProfile> SimProfile::parse(const QByteArray &json, const QString &baseDir)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (!doc.isObject())
        return fail(ErrorCode::Format, tr("The profile is not a JSON object (%1 at offset %2).")
                                           .arg(pe.errorString())
                                           .arg(pe.offset));
    const QJsonObject root = doc.object();
    SimProfile p;
    p.seed = quint32(root.value(k("seed")).toInteger(1));
    p.connections = root.value(k("connections")).toInt(32);
    if (p.connections < 1 || p.connections > 1024)
        return std::unexpected(bad(k("connections"), tr("between 1 and 1024")));
    const QString anchor = root.value(k("trust_anchor")).toString();
    if (anchor.startsWith(QLatin1String("-----BEGIN"))) {
        p.trustAnchorPem = anchor.toLatin1();
    } else if (!anchor.isEmpty()) {
        QFile f(QFileInfo(anchor).isAbsolute() ? anchor : baseDir + QLatin1Char('/') + anchor);
        if (!f.open(QIODevice::ReadOnly))
            return std::unexpected(bad(k("trust_anchor"), tr("cannot read %1: %2").arg(f.fileName(), f.errorString())));
        p.trustAnchorPem = f.readAll();
    }
    const QJsonArray groups = root.value(k("groups")).toArray();
    if (groups.isEmpty())
        return std::unexpected(bad(k("groups"), tr("give at least one group of devices")));
    for (qsizetype gi = 0; gi < groups.size(); ++gi) {
        const QJsonObject o = groups.at(gi).toObject();
        const QString f = QStringLiteral("groups[%1]").arg(gi);
        SimGroup g;
        g.model = o.value(k("model")).toString();
        if (g.model.isEmpty())
            return std::unexpected(bad(f + QStringLiteral(".model"), tr("required (e.g. \"GW-200\")")));
        g.hardwareRevision = o.value(k("hw_rev")).toString();
        g.batch = o.value(k("batch")).toString();
        g.year = o.value(k("year")).toInt(0);
        g.vendorDomain = o.value(k("vendor_domain")).toString(QStringLiteral("example.com"));
        g.modelName = o.value(k("model_name")).toString(g.model.toLower());
        const QJsonObject serials = o.value(k("serials")).toObject();
        g.serialPrefix = serials.value(k("prefix")).toString(g.model + QLatin1Char('-'));
        g.serialFrom = serials.value(k("from")).toInteger(1);
        g.serialDigits = serials.value(k("digits")).toInt(6);
        g.count = serials.value(k("count")).toInteger(o.value(k("count")).toInteger(0));
        if (g.count < 0 || g.serialDigits < 1 || g.serialDigits > 18)
            return std::unexpected(bad(f + QStringLiteral(".serials"), tr("count must be >= 0, digits 1..18")));
        for (const QJsonValue &cv : o.value(k("components")).toArray()) {
            const QJsonObject c = cv.toObject();
            SimComponent sc;
            sc.name = c.value(k("name")).toString();
            sc.version = c.value(k("version")).toString();
            sc.imageSize = c.value(k("image_size")).toInteger(65536);
            const QString image = c.value(k("image")).toString();
            if (!image.isEmpty())
                sc.imagePath = QFileInfo(image).isAbsolute() ? image : baseDir + QLatin1Char('/') + image;
            if (sc.name.isEmpty() || sc.version.isEmpty() || sc.imageSize <= 0 || sc.imageSize > (64 << 20))
                return std::unexpected(bad(f + QStringLiteral(".components"),
                                           tr("each needs a name, a version and an image or image_size up to 64 MiB")));
            g.components.append(sc);
        }
        if (g.components.isEmpty())
            return std::unexpected(bad(f + QStringLiteral(".components"), tr("give at least one component")));
        const QJsonObject attrs = o.value(k("attributes")).toObject();
        for (auto it = attrs.begin(); it != attrs.end(); ++it)
            g.attributes.insert(it.key(), it.value().toVariant().toString());
        auto cfg = std::make_shared<AgentConfig>();
        cfg->pollSeconds = o.value(k("poll_seconds")).toInt(60);
        cfg->pollJitter = o.value(k("poll_jitter")).toDouble(0.1);
        cfg->linkBytesPerSecond = o.value(k("link_bytes_per_second")).toInteger(0);
        const QJsonObject wake = o.value(k("wake")).toObject();
        cfg->wakeEverySeconds = wake.value(k("every_seconds")).toInt(0);
        cfg->awakeSeconds = wake.value(k("awake_seconds")).toInt(0);
        cfg->wakeSchedule = wake.value(k("schedule")).toString();
        const QJsonObject faults = o.value(k("faults")).toObject();
        QString problem;
        cfg->dropRate = rate(faults, "drop", f + QStringLiteral(".faults"), &problem);
        cfg->corruptRate = rate(faults, "corrupt", f + QStringLiteral(".faults"), &problem);
        cfg->powerLossRate = rate(faults, "power_loss", f + QStringLiteral(".faults"), &problem);
        cfg->bootFailureRate = rate(faults, "boot_failure", f + QStringLiteral(".faults"), &problem);
        if (!problem.isEmpty())
            return std::unexpected(bad(problem, tr("a rate between 0 and 1")));
        cfg->clockSkewMs = qint64(faults.value(k("clock_skew_seconds")).toDouble(0) * 1000);
        cfg->retryBaseMs = o.value(k("retry_ms")).toInt(500);
        if (cfg->pollSeconds < 1 || cfg->pollJitter < 0 || cfg->pollJitter > 1 || cfg->linkBytesPerSecond < 0 ||
            cfg->wakeEverySeconds < 0 || cfg->awakeSeconds < 0 || cfg->retryBaseMs < 1)
            return std::unexpected(bad(f, tr("poll_seconds >= 1, poll_jitter 0..1, link speed and wake times >= 0")));
        g.config = cfg;
        p.groups.append(g);
    }
    return p;
}

} // namespace otadesk::agent
