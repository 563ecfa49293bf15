// The planned counts of the filter language (fleet::filter::compileCount, DeviceRepository::count) and the
// two-step device pages (DeviceRepository::list), differentially: a seeded random fleet of two tenants is
// written through the store's own writers (DeviceImporter, DeviceCheckins::applyReport, setTags, setMetadata),
// so that the tenant columns schema version 4 adds to tags, attributes and components are filled by the
// triggers exactly as on a live server; then for hundreds of random filters built to hit every plan (tags,
// attributes, components alone; negations; "or"s of indexed parts; everything else) the planned count must
// equal the number of devices Filter::matches accepts in memory (on the devices read back from the database),
// and the unplanned count of the plain condition. On SQLite and on PostgreSQL.
#include "tst_store_util.h"

#include "core/fleet/filter/Filter.h"
#include "core/fleet/filter/FilterSql.h"
#include "core/store/DeviceCheckins.h"
#include "core/store/DeviceImporter.h"
#include "core/store/DeviceRepository.h"
#include "core/store/TenantRepository.h"

#include <QRandomGenerator>

#include <tuple>

using namespace otadesk;
using namespace otadesk::fleet;

namespace {
constexpr qint64 kNow = 1'790'000'000'000;

const QStringList kModels = {QStringLiteral("GW-200"), QStringLiteral("GW-300"), QStringLiteral("CAM-1")};
const QStringList kRevs = {QStringLiteral("A"), QStringLiteral("C")};
const QStringList kBatches = {QStringLiteral("B17"), QStringLiteral("B18"), QStringLiteral("B2")};
const QStringList kTags = {QStringLiteral("beta"), QStringLiteral("lab"), QStringLiteral("bench")};
const QStringList kRegions = {QStringLiteral("eu-west"), QStringLiteral("eu-central"), QStringLiteral("us-east")};
const QStringList kMain = {QStringLiteral("2.1.0"), QStringLiteral("2.3.0"), QStringLiteral("2.10.0"),
                           QStringLiteral("2.3.0-rc.1"), QStringLiteral("nightly")};
const QStringList kStates = {QStringLiteral("idle"), QStringLiteral("failed")};

template <typename T> const T &pick(QRandomGenerator &rng, const QList<T> &list)
{
    return list[rng.bounded(int(list.size()))];
}

// `count` devices per tenant; the second tenant's devices are the first one's again (same serials and data),
// so that a count that leaks across tenants is off.
Status writeFleet(const store::Database &db, const QList<qint64> &tenants, int count)
{
    QRandomGenerator rng(20261130);
    QList<ProvisionRow> rows;
    QList<store::ReportedState> reports;
    QList<QStringList> tags;
    QList<QString> owners;
    for (int i = 0; i < count; ++i) {
        ProvisionRow row;
        row.line = i + 1;
        Device &d = row.device;
        d.serial = QStringLiteral("SN-%1").arg(i + 1, 5, 10, QLatin1Char('0'));
        d.model = pick(rng, kModels);
        d.hardwareRevision = pick(rng, kRevs);
        d.batch = pick(rng, kBatches);
        d.year = 2020 + rng.bounded(6);
        rows << row;
        store::ReportedState report;
        if (rng.bounded(4) != 0)
            report.components << InstalledComponent{QStringLiteral("main"), pick(rng, kMain), QByteArray(), 0};
        if (rng.bounded(3) == 0)
            report.components << InstalledComponent{QStringLiteral("boot"), QStringLiteral("1.4.2+%1").arg(rng.bounded(20)),
                                                    QByteArray::fromHex("ab12"), 1};
        if (rng.bounded(3) != 0)
            report.attributes.insert(QStringLiteral("region"), pick(rng, kRegions));
        report.updateState = pick(rng, kStates);
        report.fingerprint = QString::number(i);
        reports << report;
        QStringList t;
        for (const QString &tag : kTags) {
            if (rng.bounded(3) == 0)
                t << tag;
        }
        tags << t;
        owners << (rng.bounded(2) == 0 ? QStringLiteral("ops") : QString());
    }
    for (qint64 tenant : tenants) {
        auto imported = store::DeviceImporter(db).import(tenant, rows, {});
        if (!imported)
            return std::unexpected(imported.error());
        store::DeviceRepository repo(db);
        for (int i = 0; i < count; ++i) {
            auto d = repo.find(tenant, rows[i].device.serial);
            if (!d)
                return std::unexpected(d.error());
            if (auto st = store::DeviceCheckins(db).applyReport(tenant, d->id, reports[i], {d->id, kNow, {}, 1}); !st)
                return st;
            if (auto st = repo.setTags(tenant, d->id, tags[i], {}); !st)
                return st;
            if (!owners[i].isEmpty()) {
                if (auto st = repo.setMetadata(tenant, d->id, {{QStringLiteral("owner"), owners[i]}}, {}); !st)
                    return st;
            }
        }
    }
    return {};
}

// Filters that reach every plan of compileCount: single conditions of each kind, negations, "or"s of parts
// an index finds (and of parts it does not), "and"s, nesting.
class Generator
{
public:
    explicit Generator(quint32 seed) : m_rng(seed) {}

    QString filter(int depth = 0)
    {
        switch (depth >= 2 ? 0 : m_rng.bounded(6)) {
        case 0:
        case 1:
            return leaf();
        case 2:
            return QStringLiteral("not(%1)").arg(filter(depth + 1));
        case 3:
            return QStringLiteral("(%1);(%2)").arg(filter(depth + 1), filter(depth + 1));
        default: {
            QStringList parts;
            for (int i = 0, n = 2 + m_rng.bounded(2); i < n; ++i)
                parts << u'(' + filter(depth + 1) + u')';
            return parts.join(u',');
        }
        }
    }

private:
    QString leaf()
    {
        const QString eq = pick(m_rng, QStringList{QStringLiteral("=="), QStringLiteral("!=")});
        switch (m_rng.bounded(14)) {
        case 0:
            return QStringLiteral("tag") + eq + pick(m_rng, kTags);
        case 1:
            return QStringLiteral("tag=%1=(%2,%3)")
                .arg(m_rng.bounded(2) ? QStringLiteral("in") : QStringLiteral("out"), pick(m_rng, kTags),
                     pick(m_rng, kTags));
        case 2:
            return QStringLiteral("tag") + eq + QStringLiteral("b*");
        case 3:
            return QStringLiteral("attr.region") + eq + pick(m_rng, QStringList{QStringLiteral("eu*"), QStringLiteral("us-east")});
        case 4:
            return QStringLiteral("meta.owner") + eq + QStringLiteral("ops");
        case 5:
            return QStringLiteral("fw.main=%1=%2")
                .arg(pick(m_rng, QStringList{QStringLiteral("lt"), QStringLiteral("ge"), QStringLiteral("le")}),
                     pick(m_rng, QStringList{QStringLiteral("2.3.0"), QStringLiteral("2.10.0"), QStringLiteral("2.1")}));
        case 6:
            return QStringLiteral("fw.main") + eq + pick(m_rng, kMain);
        case 7:
            return QStringLiteral("digest.boot") + eq + QStringLiteral("ab12");
        case 8:
            return QStringLiteral("model") + eq + pick(m_rng, kModels);
        case 9:
            return QStringLiteral("batch=in=(B17,B18);year=ge=%1").arg(2021 + m_rng.bounded(4));
        case 10:
            return QStringLiteral("hwrev==%1 and year==%2").arg(pick(m_rng, kRevs)).arg(2020 + m_rng.bounded(6));
        case 11:
            return QStringLiteral("state") + eq + pick(m_rng, kStates);
        case 12: // equalities merged with INTERSECT
            return QStringLiteral("model==%1;attr.region==%2").arg(pick(m_rng, kModels), pick(m_rng, kRegions));
        default:
            return QStringLiteral("tag==%1;fw.main==%2;year==%3")
                .arg(pick(m_rng, kTags), pick(m_rng, kMain))
                .arg(2020 + m_rng.bounded(6));
        }
    }

    QRandomGenerator m_rng;
};

store::DeviceWhere plainWhere(const Filter &filter, store::Dialect dialect, const FilterContext &ctx)
{
    store::DeviceWhere w = store::DeviceWhere::fromFilter(filter, dialect, ctx);
    w.filter = nullptr; // count the condition as it is
    return w;
}
} // namespace

class TestFleetFilterCount : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void differential_data() { test::addBackendRows(); }
    void differential()
    {
        OTADESK_STORE_DATABASE(holder);
        OTADESK_OPEN_MIGRATED(db, holder);
        store::TenantRepository tenantRepo(*db);
        auto first = tenantRepo.create(QStringLiteral("first"));
        auto second = tenantRepo.create(QStringLiteral("second"));
        QVERIFY2(first && second, "cannot create the tenants");
        const Status written = writeFleet(*db, {first->id, second->id}, 400);
        QVERIFY2(written.has_value(), qPrintable(test::why(written)));

        // The triggers gave every tag, attribute and component row its device's tenant.
        for (const char *table : {"device_tags", "device_attributes", "device_components"}) {
            auto wrong = db->scalar(QStringLiteral("SELECT COUNT(*) FROM %1 x JOIN devices d ON d.id = x.device_id"
                                                   " WHERE x.tenant_id <> d.tenant_id")
                                        .arg(QLatin1String(table)));
            QVERIFY2(wrong.has_value(), qPrintable(test::why(wrong)));
            QCOMPARE(wrong->toLongLong(), 0);
            auto rows = db->scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table)));
            QVERIFY(rows.has_value() && rows->toLongLong() > 100);
        }

        store::DeviceRepository repo(*db);
        QList<Device> devices; // of the first tenant, as stored
        QVERIFY(repo.forEach(first->id, {}, 500,
                             [&](const QList<Device> &page) {
                                 devices += page;
                                 return true;
                             },
                             true)
                    .has_value());
        QCOMPARE(devices.size(), 400);

        FilterContext ctx;
        ctx.nowMs = kNow;
        Generator gen(4711);
        int partial = 0;
        for (int round = 0; round < 300; ++round) {
            const QString text = round == 0 ? QString() : gen.filter();
            const auto filter = Filter::parse(text);
            QVERIFY2(filter.has_value(), qPrintable(text + QStringLiteral(": ") + test::why(filter)));
            qint64 expected = 0;
            for (const Device &d : std::as_const(devices))
                expected += filter->matches(d, ctx) ? 1 : 0;
            const auto sqlDialect =
                db->dialect() == store::Dialect::Postgres ? SqlDialect::Postgres : SqlDialect::Sqlite;
            const QString planSql = filter::compileCount(filter->root(), sqlDialect, ctx, first->id).sql;
            for (qint64 tenant : {first->id, second->id}) {
                auto planned = repo.count(tenant, store::DeviceWhere::fromFilter(*filter, db->dialect(), ctx));
                QVERIFY2(planned.has_value(), qPrintable(text + u'\n' + planSql + u'\n' + test::why(planned)));
                auto plain = repo.count(tenant, plainWhere(*filter, db->dialect(), ctx));
                QVERIFY2(plain.has_value(), qPrintable(test::why(plain)));
                QVERIFY2(*planned == expected && *plain == expected,
                         qPrintable(QStringLiteral("filter %1\nplanned %2, plain %3, in memory %4\n%5")
                                        .arg(text)
                                        .arg(*planned)
                                        .arg(*plain)
                                        .arg(expected)
                                        .arg(planSql)));
            }
            if (expected > 0 && expected < devices.size())
                ++partial;
        }
        qInfo("%d of 300 filters matched some but not all devices", partial);
        QVERIFY(partial > 100);
    }

    // A tenant with more devices than compileCount counts directly is counted as all devices less the other
    // tenants' (whose ids lie before and after its own).
    void largeTenant_data() { test::addBackendRows(); }
    void largeTenant()
    {
        OTADESK_STORE_DATABASE(holder);
        OTADESK_OPEN_MIGRATED(db, holder);
        store::TenantRepository tenants(*db);
        auto before = tenants.create(QStringLiteral("before"));
        auto large = tenants.create(QStringLiteral("large"));
        auto after = tenants.create(QStringLiteral("after"));
        QVERIFY(before && large && after);
        const auto rows = [](int n, const QString &model) {
            QList<ProvisionRow> list;
            for (int i = 0; i < n; ++i) {
                ProvisionRow r;
                r.line = i + 1;
                r.device.serial = QStringLiteral("SN-%1").arg(i);
                r.device.model = i % 3 == 0 ? model : QStringLiteral("other");
                list << r;
            }
            return list;
        };
        const QList<std::tuple<qint64, int, QString>> plan = {
            {before->id, 300, QStringLiteral("A")}, {large->id, 12000, QStringLiteral("B")}, {after->id, 500, QStringLiteral("B")}};
        for (const auto &[tenant, n, model] : plan) {
            auto imported = store::DeviceImporter(*db).import(tenant, rows(n, model), {});
            QVERIFY2(imported.has_value(), qPrintable(test::why(imported)));
            QCOMPARE(imported->created, qint64(n));
        }
        store::DeviceRepository repo(*db);
        FilterContext ctx;
        for (const auto &[tenant, n, model] : plan) {
            for (const auto &[text, expected] : QList<std::pair<QString, qint64>>{
                     {QString(), n}, {QStringLiteral("model!=") + model, n - (n + 2) / 3},
                     {QStringLiteral("not(model==other)"), (n + 2) / 3}}) {
                const auto filter = Filter::parse(text);
                QVERIFY(filter.has_value());
                auto count = repo.count(tenant, store::DeviceWhere::fromFilter(*filter, db->dialect(), ctx));
                QVERIFY2(count.has_value(), qPrintable(test::why(count)));
                QVERIFY2(*count == expected, qPrintable(QStringLiteral("tenant %1, %2: %3 devices, expected %4")
                                                            .arg(tenant)
                                                            .arg(text)
                                                            .arg(*count)
                                                            .arg(expected)));
            }
        }
    }

    // Pages picked by id first are the pages of the plain query: every sort column, both directions, deep
    // offsets, with and without a filter.
    void pages_data() { test::addBackendRows(); }
    void pages()
    {
        OTADESK_STORE_DATABASE(holder);
        OTADESK_OPEN_MIGRATED(db, holder);
        auto tenant = store::TenantRepository(*db).create(QStringLiteral("t"));
        auto other = store::TenantRepository(*db).create(QStringLiteral("o"));
        QVERIFY(tenant && other);
        const Status written = writeFleet(*db, {tenant->id, other->id}, 150);
        QVERIFY2(written.has_value(), qPrintable(test::why(written)));
        store::DeviceRepository repo(*db);
        FilterContext ctx;
        ctx.nowMs = kNow;
        for (const QString &text : {QString(), QStringLiteral("model==GW-200"), QStringLiteral("tag==beta,fw.main=ge=2.3")}) {
            const auto filter = Filter::parse(text);
            QVERIFY(filter.has_value());
            const store::DeviceWhere where = store::DeviceWhere::fromFilter(*filter, db->dialect(), ctx);
            for (const QString &sort : store::DeviceRepository::sortNames()) {
                for (bool descending : {false, true}) {
                    store::ListQuery all;
                    all.sort = sort;
                    all.descending = descending;
                    all.limit = store::ListQuery::kMaxLimit;
                    auto whole = repo.list(tenant->id, where, all);
                    QVERIFY2(whole.has_value(), qPrintable(test::why(whole)));
                    QVERIFY(whole->total > 0 && whole->items.size() == whole->total);
                    QList<qint64> pagedIds, wholeIds;
                    for (const Device &d : whole->items) {
                        wholeIds << d.id;
                        QCOMPARE(d.tenantId, tenant->id);
                    }
                    store::ListQuery page = all;
                    page.limit = 7;
                    for (page.offset = 0; page.offset < whole->total; page.offset += page.limit) {
                        auto p = repo.list(tenant->id, where, page, false);
                        QVERIFY2(p.has_value(), qPrintable(test::why(p)));
                        for (const Device &d : p->items)
                            pagedIds << d.id;
                    }
                    QVERIFY2(pagedIds == wholeIds, qPrintable(QStringLiteral("%1 sorted by %2").arg(text, sort)));
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestFleetFilterCount)
#include "tst_fleet_filter_count.moc"
