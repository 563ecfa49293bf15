// The differential test of the filter language: a seeded random fleet is written into a real database with
// the store's schema (migrations, on SQLite and on PostgreSQL), then for hundreds of random filters (a random
// syntax tree printed as text in varied spellings and parsed back) the devices the SQL selects must be
// exactly the devices Filter::matches accepts in memory. Also: the canonical text round-trips, and dynamic
// groups expand the same way on both sides.
#include "tst_store_util.h"

#include "core/fleet/filter/Filter.h"
#include "core/fleet/NaturalKey.h"
#include "core/fleet/Version.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSet>
#include <QTimeZone>

using namespace otadesk;
using namespace otadesk::fleet;

namespace {
constexpr qint64 kNow = 1'790'000'000'000;
constexpr qint64 kDay = 86'400'000;
constexpr qint64 kTenant = 1;
constexpr qint64 kOtherTenant = 2;

const QStringList kModels = {QStringLiteral("GW-200"), QStringLiteral("GW-210"), QStringLiteral("TS-10"),
                             QStringLiteral("TS-100"), QStringLiteral("gw-200"), QString(),
                             QStringLiteral("Ünï 5"),  QStringLiteral("a%b_c"),  QStringLiteral("x[y]?*")};
const QStringList kRevs = {QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C"), QString()};
const QStringList kBatches = {QStringLiteral("B1"),  QStringLiteral("B2"),   QStringLiteral("B17"),
                              QStringLiteral("B18"), QStringLiteral("B100"), QString()};
const QStringList kUuids = {QStringLiteral("6ba7b810-9dad-11d1-80b4-00c04fd430c8"),
                            QStringLiteral("1492af14-2569-5e48-bf42-9b2d51f2ab45"), QString()};
const QStringList kStatus = {QStringLiteral("pending"), QStringLiteral("accepted"),
                             QStringLiteral("rejected")};
const QStringList kStates = {QStringLiteral("idle"), QStringLiteral("downloading"), QStringLiteral("failed")};
const QStringList kComponents = {QStringLiteral("main"), QStringLiteral("boot"), QStringLiteral("radio")};
const QStringList kVersions = {QStringLiteral("2.3.0"),        QStringLiteral("2.3"),
                               QStringLiteral("2.2.9"),        QStringLiteral("2.10.0"),
                               QStringLiteral("2.3.0-rc.1"),   QStringLiteral("2.3.0-beta"),
                               QStringLiteral("2.3.0+sha.1f"), QStringLiteral("1.4.2+17"),
                               QStringLiteral("1.4.2+3"),      QStringLiteral("1.4.2"),
                               QStringLiteral("[1,4,2]"),      QStringLiteral("[2,3,-1,1]"),
                               QStringLiteral("10.0.1.4"),     QStringLiteral("v2.3.0"),
                               QStringLiteral("nightly"),      QString(),
                               QStringLiteral("1..2"),         QStringLiteral("0")};
const QStringList kDigests = {QStringLiteral("ab12cd"), QStringLiteral("ab99"), QStringLiteral("00ff"),
                              QString()};
const QStringList kTags = {QStringLiteral("beta"),   QStringLiteral("lab"),        QStringLiteral("field"),
                           QStringLiteral("eu"),     QStringLiteral("with space"), QStringLiteral("star*"),
                           QStringLiteral("q\"uote")};
const QStringList kRegions = {QStringLiteral("eu-west"), QStringLiteral("eu-north"),
                              QStringLiteral("us-east"), QStringLiteral("apac"), QString()};
const QStringList kOwners = {QStringLiteral("QA team"), QStringLiteral("ops"), QStringLiteral("Ops")};
const QStringList kGroups = {QStringLiteral("pilot"), QStringLiteral("canary")};

struct Fleet
{
    QList<Device> devices; // of kTenant; a few more of kOtherTenant are only in the database
    QMap<QString, QList<qint64>> staticGroups;
    QMap<QString, QString> dynamicGroups;
};

QString pick(QRandomGenerator &rng, const QStringList &list)
{
    return list[rng.bounded(int(list.size()))];
}

QString randomSerial(QRandomGenerator &rng)
{
    switch (rng.bounded(6)) {
    case 0:
        return QStringLiteral("sn-%1").arg(rng.bounded(200));
    case 1:
        return QStringLiteral("SN-%1").arg(rng.bounded(100), 5, 10, QLatin1Char('0'));
    case 2:
        return QStringLiteral("X%1Y%2").arg(rng.bounded(20)).arg(rng.bounded(20));
    default:
        return QStringLiteral("SN-%1").arg(rng.bounded(30000));
    }
}

qint64 randomTime(QRandomGenerator &rng)
{
    return rng.bounded(5) == 0 ? 0 : kNow - qint64(rng.bounded(60 * 24 * 60)) * 60'000;
}

Fleet makeFleet(quint32 seed, int count)
{
    QRandomGenerator rng(seed);
    Fleet fleet;
    QSet<QString> serials;
    for (int i = 0; i < count; ++i) {
        Device d;
        d.id = i + 1;
        d.tenantId = kTenant;
        do
            d.serial = randomSerial(rng);
        while (serials.contains(d.serial));
        serials.insert(d.serial);
        d.model = pick(rng, kModels);
        d.hardwareRevision = pick(rng, kRevs);
        d.batch = pick(rng, kBatches);
        d.year = rng.bounded(4) == 0 ? 0 : 2018 + rng.bounded(9);
        d.vendorId = pick(rng, kUuids);
        d.classId = pick(rng, kUuids);
        d.status = pick(rng, kStatus);
        d.updateState = pick(rng, kStates);
        d.address = rng.bounded(3) == 0
                        ? QString()
                        : QStringLiteral("10.0.%1.%2:5683").arg(rng.bounded(4)).arg(rng.bounded(256));
        d.firstSeen = randomTime(rng);
        d.lastSeen = randomTime(rng);
        for (const QString &c : kComponents) {
            if (rng.bounded(4) != 0)
                d.components << InstalledComponent{c, pick(rng, kVersions),
                                                   QByteArray::fromHex(pick(rng, kDigests).toLatin1()),
                                                   rng.bounded(2)};
        }
        for (const QString &t : kTags) {
            if (rng.bounded(4) == 0)
                d.tags << t;
        }
        if (rng.bounded(3) != 0)
            d.attributes.insert(QStringLiteral("region"), pick(rng, kRegions));
        if (rng.bounded(2) == 0)
            d.attributes.insert(QStringLiteral("os"), pick(rng, kVersions));
        if (rng.bounded(2) == 0)
            d.metadata.insert(QStringLiteral("owner"), pick(rng, kOwners));
        fleet.devices << d;
    }
    for (const QString &g : kGroups) {
        QList<qint64> members;
        for (const Device &d : std::as_const(fleet.devices)) {
            if (rng.bounded(5) == 0)
                members << d.id;
        }
        fleet.staticGroups.insert(g, members);
    }
    fleet.dynamicGroups.insert(QStringLiteral("gw-beta"), QStringLiteral("model==GW*;tag==beta"));
    fleet.dynamicGroups.insert(QStringLiteral("eu-pilot"),
                               QStringLiteral("group==pilot and attr.region==eu*"));
    return fleet;
}

// Multi-row INSERTs of `columns`, `rows` at a time.
class BulkInsert
{
public:
    BulkInsert(const store::Database &db, const QString &table, const QStringList &columns)
        : m_db(db), m_head(QStringLiteral("INSERT INTO %1 (%2) VALUES ").arg(table, columns.join(u','))),
          m_row(u'(' + QStringList(columns.size(), QStringLiteral("?")).join(u',') + u')')
    {
    }
    Status add(const QVariantList &row)
    {
        m_values += row;
        if (++m_count == 50)
            return flush();
        return {};
    }
    Status flush()
    {
        if (m_count == 0)
            return {};
        QStringList rows(m_count, m_row);
        auto q = m_db.exec(m_head + rows.join(u','), m_values);
        m_values.clear();
        m_count = 0;
        if (!q)
            return std::unexpected(q.error());
        return {};
    }

private:
    const store::Database &m_db;
    QString m_head;
    QString m_row;
    QVariantList m_values;
    int m_count = 0;
};

QString nonNull(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

Status writeFleet(const store::Database &db, const Fleet &fleet)
{
    store::Transaction tx(db);
    if (auto st = tx.begin(); !st)
        return st;
    for (qint64 t : {kTenant, kOtherTenant}) {
        if (auto q = db.exec(QStringLiteral("INSERT INTO tenants (id, name, created_at) VALUES (?, ?, 0)"),
                             {t, QStringLiteral("tenant%1").arg(t)});
            !q)
            return std::unexpected(q.error());
    }
    BulkInsert devices(
        db, QStringLiteral("devices"),
        QString::fromLatin1("id,tenant_id,serial,serial_key,model,hw_rev,batch,year,vendor_id,"
                            "class_id,status,update_state,address,first_seen,last_seen,created_at")
            .split(u','));
    BulkInsert components(db, QStringLiteral("device_components"),
                          {QStringLiteral("device_id"), QStringLiteral("name"), QStringLiteral("version"),
                           QStringLiteral("version_key"), QStringLiteral("digest"), QStringLiteral("slot")});
    BulkInsert tags(db, QStringLiteral("device_tags"), {QStringLiteral("device_id"), QStringLiteral("tag")});
    BulkInsert attrs(db, QStringLiteral("device_attributes"),
                     {QStringLiteral("device_id"), QStringLiteral("kind"), QStringLiteral("name"),
                      QStringLiteral("value")});
    QList<Device> all = fleet.devices;
    for (int i = 0; i < 40; ++i) { // another tenant's devices: every filter must leave them out
        Device other = fleet.devices[i];
        other.id = 100000 + i;
        other.tenantId = kOtherTenant;
        all << other;
    }
    for (const Device &d : all) {
        if (auto st = devices.add({d.id, d.tenantId, d.serial, naturalKey(d.serial), nonNull(d.model),
                                   nonNull(d.hardwareRevision), nonNull(d.batch), d.year, nonNull(d.vendorId),
                                   nonNull(d.classId), d.status, d.updateState, nonNull(d.address),
                                   d.firstSeen, d.lastSeen, qint64(0)});
            !st)
            return st;
    }
    if (auto st = devices.flush(); !st)
        return st;
    for (const Device &d : all) {
        Status st;
        for (const InstalledComponent &c : d.components) {
            if (st)
                st = components.add({d.id, c.name, nonNull(c.version), Version::parse(c.version).sortKey(),
                                     nonNull(QString::fromLatin1(c.digest.toHex())), c.slot});
        }
        for (const QString &t : d.tags) {
            if (st)
                st = tags.add({d.id, t});
        }
        for (auto it = d.attributes.cbegin(); st && it != d.attributes.cend(); ++it)
            st = attrs.add({d.id, QStringLiteral("a"), it.key(), nonNull(it.value())});
        for (auto it = d.metadata.cbegin(); st && it != d.metadata.cend(); ++it)
            st = attrs.add({d.id, QStringLiteral("m"), it.key(), nonNull(it.value())});
        if (!st)
            return st;
    }
    for (BulkInsert *b : {&components, &tags, &attrs}) {
        if (auto st = b->flush(); !st)
            return st;
    }
    qint64 groupId = 0;
    for (auto it = fleet.staticGroups.cbegin(); it != fleet.staticGroups.cend(); ++it) {
        ++groupId;
        if (auto q =
                db.exec(QStringLiteral("INSERT INTO device_groups (id, tenant_id, name, kind, created_at) "
                                       "VALUES (?, ?, ?, 'static', 0)"),
                        {groupId, kTenant, it.key()});
            !q)
            return std::unexpected(q.error());
        BulkInsert members(db, QStringLiteral("group_members"),
                           {QStringLiteral("group_id"), QStringLiteral("device_id")});
        for (qint64 id : it.value()) {
            if (auto st = members.add({groupId, id}); !st)
                return st;
        }
        if (auto st = members.flush(); !st)
            return st;
    }
    for (auto it = fleet.dynamicGroups.cbegin(); it != fleet.dynamicGroups.cend(); ++it) {
        ++groupId;
        if (auto q = db.exec(QStringLiteral("INSERT INTO device_groups (id, tenant_id, name, kind, filter, "
                                            "created_at) VALUES (?, ?, ?, 'dynamic', ?, 0)"),
                             {groupId, kTenant, it.key(), it.value()});
            !q)
            return std::unexpected(q.error());
    }
    if (auto st = tx.commit(); !st)
        return st;
    // Statistics, as autovacuum keeps them on a live server (the planner's choices depend on them).
    if (auto q = db.exec(QStringLiteral("ANALYZE")); !q)
        return std::unexpected(q.error());
    return {};
}

// Random filters, printed in varied spellings (keywords or ; and ,, aliases, spaces, quotes).
class FilterGenerator
{
public:
    FilterGenerator(quint32 seed, const Fleet &fleet) : m_rng(seed)
    {
        for (const Device &d : fleet.devices)
            m_serials << d.serial;
    }

    QString filter(int depth = 0)
    {
        const int kind = depth >= 3 ? 0 : m_rng.bounded(depth == 0 ? 3 : 6);
        if (kind >= 3 || kind == 0)
            return comparison();
        if (kind == 2 && m_rng.bounded(3) == 0)
            return QStringLiteral("not(") + filter(depth + 1) + u')';
        const bool isAnd = m_rng.bounded(2) == 0;
        QStringList terms;
        for (int i = 0, n = 2 + m_rng.bounded(3); i < n; ++i)
            terms << u'(' + filter(depth + 1) + u')';
        const QStringList joins =
            isAnd ? QStringList{QStringLiteral(";"), QStringLiteral(" and "), QStringLiteral(" AND ")}
                  : QStringList{QStringLiteral(","), QStringLiteral(" or "), QStringLiteral(" OR ")};
        return terms.join(pick(m_rng, joins));
    }

private:
    static bool safe(QChar c)
    {
        return (c.isLetterOrNumber() && c.unicode() < 128) || QStringLiteral("-._:+/@#").contains(c);
    }

    // A value, possibly with wildcards (parts joined by '*'), bare when possible.
    QString value(const QStringList &parts)
    {
        bool bare = !parts.join(QString()).isEmpty();
        for (const QString &p : parts) {
            for (QChar c : p)
                bare = bare && safe(c);
        }
        QStringList escaped;
        for (QString p : parts) {
            if (!bare) {
                p.replace(u'\\', QStringLiteral("\\\\"))
                    .replace(u'"', QStringLiteral("\\\""))
                    .replace(u'*', QStringLiteral("\\*"));
            }
            escaped << p;
        }
        const QString body = escaped.join(u'*');
        return bare ? body : u'"' + body + u'"';
    }

    QString plain(const QString &v) { return value({v}); }

    QStringList wildcard(const QString &v)
    {
        switch (m_rng.bounded(4)) {
        case 0:
            return {v.left(m_rng.bounded(int(v.size()) + 1)), QString()};
        case 1:
            return {QString(), v.mid(m_rng.bounded(int(v.size()) + 1))};
        case 2: {
            const int a = m_rng.bounded(int(v.size()) + 1);
            return {v.left(a), v.mid(a)};
        }
        default:
            return {QString(), v.mid(v.size() / 3, std::max<qsizetype>(1, v.size() / 3)), QString()};
        }
    }

    QString op(bool ordering, bool lists)
    {
        QStringList ops = {QStringLiteral("=="), QStringLiteral("!=")};
        if (ordering)
            ops << QStringLiteral("=lt=") << QStringLiteral("=le=") << QStringLiteral("=gt=")
                << QStringLiteral("=ge=") << QStringLiteral("<") << QStringLiteral(">=");
        if (lists)
            ops << QStringLiteral("=in=") << QStringLiteral("=out=");
        return pick(m_rng, ops);
    }

    // field op value(s) for a text-like field whose values come from `pool`.
    QString textComparison(const QString &field, const QStringList &pool, bool ordering,
                           bool wildcards = true)
    {
        const QString o = op(ordering, true);
        if (o.contains(QLatin1String("in=")) || o.contains(QLatin1String("out="))) {
            QStringList vs;
            for (int i = 0, n = 1 + m_rng.bounded(3); i < n; ++i)
                vs << plain(pick(m_rng, pool));
            return field + o + u'(' + vs.join(u',') + u')';
        }
        const QString v = pick(m_rng, pool);
        if (wildcards && (o == QLatin1String("==") || o == QLatin1String("!=")) && m_rng.bounded(3) == 0)
            return field + o + value(wildcard(v));
        return field + o + plain(v);
    }

    QString time()
    {
        switch (m_rng.bounded(3)) {
        case 0:
            return QStringLiteral("-%1%2")
                .arg(1 + m_rng.bounded(40))
                .arg(pick(m_rng, {QStringLiteral("d"), QStringLiteral("h"), QStringLiteral("m"),
                                  QStringLiteral("w")}));
        case 1:
            return QDateTime::fromMSecsSinceEpoch(kNow - qint64(m_rng.bounded(60)) * kDay, QTimeZone::utc())
                .date()
                .toString(Qt::ISODate);
        default:
            return QDateTime::fromMSecsSinceEpoch(kNow - qint64(m_rng.bounded(60 * 24)) * 3'600'000,
                                                  QTimeZone::utc())
                .toString(Qt::ISODate);
        }
    }

    QString comparison()
    {
        switch (m_rng.bounded(17)) {
        case 0:
            return textComparison(pick(m_rng, {QStringLiteral("model"), QStringLiteral("Model")}),
                                  kModels + QStringList{QStringLiteral("GW"), QStringLiteral("H")}, true);
        case 1:
            return textComparison(pick(m_rng, {QStringLiteral("hwrev"), QStringLiteral("hw_rev")}), kRevs,
                                  true);
        case 2:
            return textComparison(QStringLiteral("batch"), kBatches + QStringList{QStringLiteral("B10")},
                                  true);
        case 3: {
            const QString o = op(true, true);
            const auto year = [&] {
                return QString::number(m_rng.bounded(5) == 0 ? 0 : 2017 + m_rng.bounded(11));
            };
            if (o.contains(QLatin1String("in=")) || o.contains(QLatin1String("out=")))
                return QStringLiteral("year") + o + u'(' + year() + u',' + year() + u')';
            return QStringLiteral("year") + o + year();
        }
        case 4:
            return textComparison(pick(m_rng, {QStringLiteral("vendor"), QStringLiteral("class")}), kUuids,
                                  true);
        case 5:
            return textComparison(pick(m_rng, {QStringLiteral("status"), QStringLiteral("state"),
                                               QStringLiteral("updateStatus")}),
                                  kStatus + kStates, true);
        case 6:
            return textComparison(QStringLiteral("address"),
                                  {QStringLiteral("10.0.1.7:5683"), QStringLiteral("10.0.2"), QString()},
                                  true);
        case 7: {
            const QString field = pick(m_rng, {QStringLiteral("firstseen"), QStringLiteral("lastseen"),
                                               QStringLiteral("lastControllerRequestAt")});
            const QString o = op(true, false);
            return field + o + time();
        }
        case 8: {
            QStringList pool = {QStringLiteral("SN-10000"), QStringLiteral("SN-9999"),
                                QStringLiteral("SN-00050"), QStringLiteral("sn-1"), QStringLiteral("X5")};
            for (int i = 0; i < 5; ++i)
                pool << pick(m_rng, m_serials);
            return textComparison(pick(m_rng, {QStringLiteral("serial"), QStringLiteral("controllerId")}),
                                  pool, true);
        }
        case 9:
            return textComparison(pick(m_rng, {QStringLiteral("tag"), QStringLiteral("tags")}),
                                  kTags + QStringList{QStringLiteral("nope")}, false);
        case 10:
            return textComparison(
                pick(m_rng, {QStringLiteral("attr.region"), QStringLiteral("attribute.region"),
                             QStringLiteral("attr.none")}),
                kRegions + QStringList{QStringLiteral("eu")}, true);
        case 11:
            return textComparison(QStringLiteral("attr.os"), kVersions, true);
        case 12:
            return textComparison(
                pick(m_rng, {QStringLiteral("meta.owner"), QStringLiteral("metadata.owner")}), kOwners, true);
        case 13:
        case 14: {
            const QString field =
                QStringLiteral("fw.") + pick(m_rng, kComponents + QStringList{QStringLiteral("gps")});
            const QString o = op(true, true);
            QString v = pick(m_rng, kVersions);
            if (o.contains(QLatin1String("in=")) || o.contains(QLatin1String("out=")))
                return field + o + u'(' + plain(v) + u',' + plain(pick(m_rng, kVersions)) + u')';
            if (o != QLatin1String("==") && o != QLatin1String("!=")) {
                while (!Version::parse(v).isValid())
                    v = pick(m_rng, kVersions);
            } else if (m_rng.bounded(4) == 0) {
                return field + o + value(wildcard(v));
            }
            return field + o + plain(v);
        }
        case 15: {
            const QString field = QStringLiteral("digest.") + pick(m_rng, kComponents);
            const QString o = op(false, true);
            const QString v = pick(m_rng, kDigests);
            if (o.size() > 2)
                return field + o + u'(' + plain(v) + u')';
            return field + o + (m_rng.bounded(2) ? value(wildcard(v)) : plain(v));
        }
        default: {
            const QStringList names = {QStringLiteral("pilot"), QStringLiteral("canary"),
                                       QStringLiteral("nosuch"), QStringLiteral("gw-beta"),
                                       QStringLiteral("eu-pilot")};
            const QString o = op(false, true);
            if (o.size() > 2)
                return QStringLiteral("group") + o + u'(' + pick(m_rng, names) + u',' + pick(m_rng, names) +
                       u')';
            return QStringLiteral("group") + o + pick(m_rng, names);
        }
        }
    }

    QRandomGenerator m_rng;
    QStringList m_serials;
};

QSet<qint64> sqlMatches(const store::Database &db, const Filter &filter, SqlDialect dialect,
                        const FilterContext &ctx, QString *error)
{
    const SqlCondition c = filter.toSql(dialect, ctx);
    QVariantList values{kTenant};
    values += c.values;
    auto q = db.exec(QStringLiteral("SELECT d.id FROM devices d WHERE d.tenant_id = ? AND (") + c.sql + u')',
                     values);
    QSet<qint64> ids;
    if (!q) {
        *error = q.error().message() + QStringLiteral("\nSQL: ") + c.sql;
        return ids;
    }
    while (q->next())
        ids.insert(q->value(0).toLongLong());
    return ids;
}
} // namespace

class TestFleetFilterSql : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void differential_data() { test::addBackendRows(); }
    void differential()
    {
        OTADESK_STORE_DATABASE(holder);
        OTADESK_OPEN_MIGRATED(db, holder);
        const Fleet fleet = makeFleet(20261129, 3000);
        QElapsedTimer timer;
        timer.start();
        const Status written = writeFleet(*db, fleet);
        QVERIFY2(written.has_value(), qPrintable(test::why(written)));
        qInfo("wrote %lld devices in %lld ms", qint64(fleet.devices.size()), timer.elapsed());
        const SqlDialect dialect =
            db->dialect() == store::Dialect::Postgres ? SqlDialect::Postgres : SqlDialect::Sqlite;

        FilterContext ctx;
        ctx.nowMs = kNow;
        ctx.staticGroup = [&](const QString &g) -> std::optional<QList<qint64>> {
            if (!fleet.staticGroups.contains(g))
                return std::nullopt;
            return fleet.staticGroups.value(g);
        };
        const DynamicGroupResolver dynamic = [&](const QString &g) -> std::optional<QString> {
            if (!fleet.dynamicGroups.contains(g))
                return std::nullopt;
            return fleet.dynamicGroups.value(g);
        };

        FilterGenerator gen(4711, fleet);
        int nonTrivial = 0;
        const int rounds = 600;
        for (int i = 0; i < rounds; ++i) {
            const QString text = gen.filter();
            const auto parsed = Filter::parse(text);
            QVERIFY2(parsed.has_value(), qPrintable(text + QStringLiteral(": ") + test::why(parsed)));
            // Round trip: the canonical text parses to the same canonical text.
            const auto reparsed = Filter::parse(parsed->text());
            QVERIFY2(reparsed.has_value(),
                     qPrintable(parsed->text() + QStringLiteral(": ") + test::why(reparsed)));
            QCOMPARE(reparsed->text(), parsed->text());
            const auto filter = parsed->expandGroups(dynamic);
            QVERIFY2(filter.has_value(), qPrintable(test::why(filter)));

            const auto reexpanded = reparsed->expandGroups(dynamic);
            QVERIFY(reexpanded.has_value());
            QSet<qint64> expected;
            for (const Device &d : fleet.devices) {
                const bool match = filter->matches(d, ctx);
                if (match)
                    expected.insert(d.id);
                QCOMPARE(reexpanded->matches(d, ctx), match);
            }
            QString error;
            const QSet<qint64> actual = sqlMatches(*db, *filter, dialect, ctx, &error);
            QVERIFY2(error.isEmpty(), qPrintable(text + u'\n' + error));
            if (actual != expected) {
                const QSet<qint64> onlySql = actual - expected, onlyMemory = expected - actual;
                const qint64 id = !onlySql.isEmpty() ? *onlySql.begin() : *onlyMemory.begin();
                const Device &d = fleet.devices[id - 1];
                QFAIL(qPrintable(
                    QStringLiteral(
                        "filter %1\ncanonical %2\nSQL %3\nSQL matches %4, memory %5; e.g. device %6 "
                        "(serial %7, model %8) only in %9")
                        .arg(text, filter->text(), filter->toSql(dialect, ctx).sql)
                        .arg(actual.size())
                        .arg(expected.size())
                        .arg(id)
                        .arg(d.serial, d.model,
                             onlySql.isEmpty() ? QStringLiteral("memory") : QStringLiteral("SQL"))));
            }
            if (!expected.isEmpty() && expected.size() < fleet.devices.size())
                ++nonTrivial;
        }
        qInfo("%d of %d random filters matched some but not all devices", nonTrivial, rounds);
        QVERIFY(nonTrivial > rounds / 3); // the generator is worth its name
    }

    // The example of the issue, and the count query as the server runs it.
    void issueExample_data() { test::addBackendRows(); }
    void issueExample()
    {
        OTADESK_STORE_DATABASE(holder);
        OTADESK_OPEN_MIGRATED(db, holder);
        const Fleet fleet = makeFleet(99, 2000);
        const Status written = writeFleet(*db, fleet);
        QVERIFY2(written.has_value(), qPrintable(test::why(written)));
        const SqlDialect dialect =
            db->dialect() == store::Dialect::Postgres ? SqlDialect::Postgres : SqlDialect::Sqlite;
        const auto filter = Filter::parse(QStringLiteral(
            "model==GW-200;batch=in=(B17,B18);year=ge=2024;serial=ge=SN-10000;serial=lt=SN-20000;"
            "fw.main=lt=2.3.0;tag==beta;attr.region==eu*"));
        QVERIFY(filter.has_value());
        const auto loose =
            Filter::parse(QStringLiteral("model==GW-200 or batch=in=(B17,B18);serial=ge=SN-10000"));
        QVERIFY(loose.has_value());
        FilterContext ctx;
        ctx.nowMs = kNow;
        for (const Filter &f : {*filter, *loose}) {
            qint64 expected = 0;
            for (const Device &d : fleet.devices)
                expected += f.matches(d, ctx) ? 1 : 0;
            const SqlCondition c = f.toSql(dialect, ctx);
            QVariantList values{kTenant};
            values += c.values;
            auto count = db->scalar(
                QStringLiteral("SELECT count(*) FROM devices d WHERE d.tenant_id = ? AND (") + c.sql + u')',
                values);
            QVERIFY2(count.has_value(), qPrintable(test::why(count)));
            QCOMPARE(count->toLongLong(), expected);
            qInfo("%s: %lld devices", qPrintable(f.text()), expected);
        }
    }
};

QTEST_GUILESS_MAIN(TestFleetFilterSql)
#include "tst_fleet_filter_sql.moc"
