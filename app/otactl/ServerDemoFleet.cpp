// otactl server demo-fleet: fills a server database with a demo fleet — three gateway/sensor models, several
// production batches and years, serial ranges, tags, components at a spread of versions, reported attributes,
// last-seen times over the past days and a few devices awaiting acceptance — so that a new user of the bundled
// local server sees a fleet to filter. Deterministic (same seed, same fleet); refuses a tenant that has devices.
#include "app/otactl/CommandLine.h"
#include "core/store/Database.h"
#include "core/store/DeviceCheckins.h"
#include "core/store/DeviceImporter.h"
#include "core/store/DeviceRepository.h"
#include "core/store/TenantRepository.h"

#include <QRandomGenerator>

namespace otadesk::cli {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("otactl", text); }

struct Model
{
    const char *code;
    const char *prefix;
    const char *versions[4];
};

const Model kModels[] = {
    {"GW-200", "GW2", {"2.1.0", "2.2.3", "2.3.0", "2.3.1"}},
    {"GW-100", "GW1", {"1.8.2", "1.9.0", "1.9.0", "2.0.0"}},
    {"SN-40", "S40", {"0.9.7", "1.0.0", "1.0.2", "1.1.0"}},
};
const char *kRegions[] = {"eu-west", "eu-north", "us-east", "ap-south"};

int runDemoFleet(Context &ctx, const QCommandLineParser &p)
{
    const QString database = p.value(QStringLiteral("database"));
    if (database.isEmpty())
        return ctx.usage(tr("server demo-fleet needs --database URL (the server's sqlite:PATH or postgresql://…)."));
    bool ok = false;
    const int count = p.isSet(QStringLiteral("devices")) ? p.value(QStringLiteral("devices")).toInt(&ok) : 3000;
    if (p.isSet(QStringLiteral("devices")) && (!ok || count < 1 || count > 1'000'000))
        return ctx.usage(tr("--devices needs a number from 1 to 1000000."));
    auto db = store::Database::open(database);
    if (!db)
        return ctx.fail(db.error());
    if (auto st = (*db)->migrate(); !st)
        return ctx.fail(st.error());
    const QString tenantName = p.value(QStringLiteral("tenant"));
    const store::TenantRepository tenants(**db);
    auto tenant = tenants.findByName(tenantName);
    if (!tenant)
        tenant = tenants.create(tenantName);
    if (!tenant)
        return ctx.fail(tenant.error());
    auto existing = store::DeviceRepository(**db).count(tenant->id, {});
    if (!existing)
        return ctx.fail(existing.error());
    if (*existing > 0)
        return ctx.fail(Error(ErrorCode::Conflict, tr("The tenant \"%1\" has %2 devices already; the demo fleet is "
                                                      "only added to an empty tenant.").arg(tenantName).arg(*existing)));
    QRandomGenerator rng(20261129);
    QList<fleet::ProvisionRow> rows;
    for (int i = 0; i < count; ++i) {
        const Model &m = kModels[i % 3];
        fleet::ProvisionRow row;
        row.line = i + 2;
        fleet::Device &d = row.device;
        d.serial = QStringLiteral("%1-%2").arg(QLatin1String(m.prefix)).arg(10000 + i / 3, 6, 10, QLatin1Char('0'));
        d.model = QString::fromLatin1(m.code);
        d.year = 2022 + int(rng.bounded(5));
        d.batch = QStringLiteral("B%1").arg((d.year - 2022) * 4 + 10 + int(rng.bounded(4)));
        d.hardwareRevision = QString(QChar(u'A' + int(rng.bounded(3))));
        if (rng.bounded(10) == 0)
            d.tags.append(QStringLiteral("beta"));
        if (rng.bounded(25) == 0)
            d.tags.append(QStringLiteral("lab"));
        d.metadata.insert(QStringLiteral("customer"), QStringLiteral("ACME-%1").arg(rng.bounded(12) + 1));
        rows.append(row);
    }
    store::ImportOptions options;
    auto imported = store::DeviceImporter(**db).import(tenant->id, rows, options);
    if (!imported)
        return ctx.fail(imported.error());
    // What the devices report: most of them checked in, at a spread of versions and times.
    auto ids = (*db)->exec(QStringLiteral("SELECT id, model FROM devices WHERE tenant_id = ? ORDER BY id"), {tenant->id});
    if (!ids)
        return ctx.fail(ids.error());
    QList<std::pair<qint64, QString>> devices;
    while (ids->next())
        devices.append({ids->value(0).toLongLong(), ids->value(1).toString()});
    ids->finish();
    const store::DeviceCheckins checkins(**db);
    const qint64 now = store::nowMs();
    int reported = 0;
    for (const auto &[id, model] : std::as_const(devices)) {
        if (rng.bounded(20) == 0)
            continue; // never checked in
        const Model *m = &kModels[0];
        for (const Model &candidate : kModels)
            if (model == QLatin1String(candidate.code))
                m = &candidate;
        store::ReportedState s;
        s.components = {{QStringLiteral("main"), QString::fromLatin1(m->versions[rng.bounded(4)]), {}, int(rng.bounded(2))},
                        {QStringLiteral("bootloader"), QStringLiteral("1.%1.0").arg(rng.bounded(3)), {}, -1}};
        s.attributes.insert(QStringLiteral("region"), QString::fromLatin1(kRegions[rng.bounded(4)]));
        s.attributes.insert(QStringLiteral("signal"), QString::number(-60 - int(rng.bounded(40))));
        s.updateState = QStringLiteral("idle");
        s.fingerprint = QStringLiteral("demo");
        const qint64 seen = now - qint64(rng.bounded(7 * 24 * 3600)) * 1000;
        const QString address = QStringLiteral("10.%1.%2.%3").arg(rng.bounded(4)).arg(rng.bounded(255)).arg(rng.bounded(255));
        if (auto st = checkins.applyReport(tenant->id, id, s, {id, seen, address, 1 + int(rng.bounded(500))}); !st)
            return ctx.fail(st.error());
        ++reported;
    }
    ctx.out() << tr("Added %1 demo devices to tenant \"%2\" (%3 of them have checked in).")
                     .arg(imported->created)
                     .arg(tenantName)
                     .arg(reported)
              << Qt::endl;
    return 0;
}
} // namespace

void registerServerDemoFleetCommand(CommandLine &cli)
{
    cli.add({QStringLiteral("server"), QStringLiteral("demo-fleet"),
             tr("Fill an empty tenant of a server database with a demo fleet (models, batches, versions)."),
             QStringLiteral("--database URL [--tenant NAME] [--devices N]"),
             [](QCommandLineParser &p) {
                 p.addOptions({{QStringLiteral("database"), tr("The server's database: sqlite:PATH or postgresql://…"),
                                tr("URL")},
                               {QStringLiteral("tenant"), tr("Tenant to fill (default: local, the bundled server's)."),
                                tr("NAME"), QStringLiteral("local")},
                               {QStringLiteral("devices"), tr("How many devices (default 3000)."), tr("N")}});
             },
             runDemoFleet});
}

} // namespace otadesk::cli
