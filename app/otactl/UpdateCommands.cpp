#include "app/otactl/UpdateCommands.h"

#include "app/otactl/ExitCodes.h"
#include "app/otactl/Output.h"
#include "app/otactl/RemoteSession.h"
#include "core/client/UpdateClient.h"

#include <QJsonArray>

namespace otadesk::cli {

using namespace remote;

namespace {
int sessionFor(Context &ctx, const QCommandLineParser &p, std::unique_ptr<Session> &session)
{
    int code = ExitOk;
    session = Session::open(ctx, p, &code);
    return session ? ExitOk : code;
}

QString stateText(const client::UpdateInfo &u)
{
    return u.reason.isEmpty() ? u.state : QStringLiteral("%1 (%2)").arg(u.state, u.reason);
}

int runAssign(Context &ctx, const QCommandLineParser &p)
{
    auto manifest = parseId(p.value(QStringLiteral("manifest")), tr("manifest id"));
    if (!manifest)
        return ctx.usage(manifest.error().message());
    const QStringList serials = p.values(QStringLiteral("serial"));
    const bool hasFilter = p.isSet(QStringLiteral("filter"));
    if (hasFilter == !serials.isEmpty())
        return ctx.usage(tr("updates assign needs either --filter F (\"\" for every device) or --serial S..., not both."));
    std::unique_ptr<Session> s;
    if (int rc = sessionFor(ctx, p, s))
        return rc;
    std::unique_ptr<client::ApiCall> call;
    if (int rc = s->run(client::UpdateClient(&s->client())
                            .assign(*manifest, p.value(QStringLiteral("filter")), serials,
                                    p.isSet(QStringLiteral("download-only"))),
                        &call))
        return rc;
    const QJsonObject o = call->object();
    if (ctx.json()) {
        ctx.printJson(o);
        return ExitOk;
    }
    ctx.out() << tr("Manifest %1 assigned to %2 devices (%3 skipped: they are already working on an update; %4 "
                    "pending updates replaced).")
                     .arg(*manifest)
                     .arg(qint64(o.value(QStringLiteral("assigned")).toDouble()))
                     .arg(qint64(o.value(QStringLiteral("skipped")).toDouble()))
                     .arg(qint64(o.value(QStringLiteral("replaced")).toDouble()))
              << '\n';
    const QJsonArray unknown = o.value(QStringLiteral("unknown_serials")).toArray();
    if (!unknown.isEmpty()) {
        QStringList names;
        for (const QJsonValue &v : unknown)
            names << v.toString();
        ctx.err() << tr("Not assigned (unknown or not accepted): %1").arg(names.join(QStringLiteral(", "))) << '\n';
    }
    return ExitOk;
}

void printUpdates(Context &ctx, const QList<client::UpdateInfo> &updates)
{
    QList<QStringList> rows;
    for (const client::UpdateInfo &u : updates)
        rows.append({QString::number(u.id), u.serial, QString::number(u.manifestId), stateText(u),
                     u.downloadOnly ? tr("download only") : QString(), timeText(u.updatedAt), u.message});
    printTable(ctx.out(), {tr("ID"), tr("SERIAL"), tr("MANIFEST"), tr("STATE"), tr("MODE"), tr("UPDATED"), tr("MESSAGE")},
               rows);
}

int runList(Context &ctx, const QCommandLineParser &p)
{
    auto query = listQueryFrom(p);
    if (!query)
        return ctx.usage(query.error().message());
    std::optional<qint64> manifest;
    if (p.isSet(QStringLiteral("manifest"))) {
        auto id = parseId(p.value(QStringLiteral("manifest")), tr("manifest id"));
        if (!id)
            return ctx.usage(id.error().message());
        manifest = *id;
    }
    std::unique_ptr<Session> s;
    if (int rc = sessionFor(ctx, p, s))
        return rc;
    std::unique_ptr<client::ApiCall> call;
    if (int rc = s->run(client::UpdateClient(&s->client()).list(manifest, p.value(QStringLiteral("state")), *query),
                        &call))
        return rc;
    const QJsonObject o = call->object();
    if (ctx.json()) {
        ctx.printJson(o);
        return ExitOk;
    }
    const auto items = client::UpdateClient::updatesFromJson(o.value(QStringLiteral("items")).toArray());
    printUpdates(ctx, items);
    const qint64 offset = qint64(o.value(QStringLiteral("offset")).toDouble());
    ctx.out() << tr("%1–%2 of %3 updates.")
                     .arg(items.isEmpty() ? 0 : offset + 1)
                     .arg(offset + items.size())
                     .arg(qint64(o.value(QStringLiteral("total")).toDouble()))
              << '\n';
    return ExitOk;
}

int runSummary(Context &ctx, const QCommandLineParser &p)
{
    auto manifest = parseId(p.value(QStringLiteral("manifest")), tr("manifest id"));
    if (!manifest)
        return ctx.usage(manifest.error().message());
    std::unique_ptr<Session> s;
    if (int rc = sessionFor(ctx, p, s))
        return rc;
    std::unique_ptr<client::ApiCall> call;
    if (int rc = s->run(client::UpdateClient(&s->client()).summary(*manifest), &call))
        return rc;
    const QJsonObject o = call->object();
    if (ctx.json()) {
        ctx.printJson(o);
        return ExitOk;
    }
    const QJsonObject states = o.value(QStringLiteral("states")).toObject();
    QList<QStringList> rows;
    for (auto it = states.begin(); it != states.end(); ++it) {
        if (it.value().toDouble() > 0)
            rows.append({it.key(), QString::number(qint64(it.value().toDouble()))});
    }
    printTable(ctx.out(), {tr("STATE"), tr("DEVICES")}, rows);
    ctx.out() << tr("%1 updates of manifest %2.").arg(qint64(o.value(QStringLiteral("total")).toDouble())).arg(*manifest)
              << '\n';
    return ExitOk;
}

int runCancel(Context &ctx, const QCommandLineParser &p)
{
    const QStringList args = p.positionalArguments();
    if (args.isEmpty())
        return ctx.usage(tr("updates cancel needs at least one update ID."));
    QList<qint64> ids;
    for (const QString &a : args) {
        auto id = parseId(a, tr("update id"));
        if (!id)
            return ctx.usage(id.error().message());
        ids << *id;
    }
    std::unique_ptr<Session> s;
    if (int rc = sessionFor(ctx, p, s))
        return rc;
    QJsonArray results;
    for (qint64 id : std::as_const(ids)) {
        std::unique_ptr<client::ApiCall> call;
        if (int rc = s->run(client::UpdateClient(&s->client()).cancel(id), &call))
            return rc;
        results.append(call->object());
        if (!ctx.json())
            ctx.out() << tr("Update %1 (%2) canceled.").arg(id).arg(call->object().value(QStringLiteral("serial")).toString())
                      << '\n';
    }
    if (ctx.json())
        ctx.printJson(results);
    return ExitOk;
}

int runDeviceUpdates(Context &ctx, const QCommandLineParser &p)
{
    const QStringList args = p.positionalArguments();
    if (args.size() != 1)
        return ctx.usage(tr("devices updates needs one SERIAL."));
    std::unique_ptr<Session> s;
    if (int rc = sessionFor(ctx, p, s))
        return rc;
    std::unique_ptr<client::ApiCall> call;
    if (int rc = s->run(client::UpdateClient(&s->client()).deviceUpdates(args.first()), &call))
        return rc;
    const QJsonObject o = call->object();
    if (ctx.json()) {
        ctx.printJson(o);
        return ExitOk;
    }
    const auto items = client::UpdateClient::updatesFromJson(o.value(QStringLiteral("items")).toArray());
    if (items.isEmpty())
        ctx.out() << tr("Device %1 has no updates.").arg(args.first()) << '\n';
    for (const client::UpdateInfo &u : items) {
        ctx.out() << tr("Update %1: manifest %2, %3%4").arg(u.id).arg(u.manifestId).arg(stateText(u),
                                                                                   u.downloadOnly ? tr(", download only") : QString())
                  << '\n';
        for (const client::UpdateStepInfo &st : u.steps)
            ctx.out() << QStringLiteral("  %1  %2%3%4")
                             .arg(timeText(st.at), st.state, st.reason.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(st.reason),
                                  st.message.isEmpty() ? QString() : QStringLiteral("  ") + st.message)
                      << '\n';
    }
    return ExitOk;
}
} // namespace

void registerUpdateCommands(CommandLine &cli)
{
    const QString group = QStringLiteral("updates");
    cli.setGroupHelp(group, tr("Device updates on a server: assign a manifest to devices, follow and cancel them."));
    cli.add({group, QStringLiteral("assign"), tr("Assign a signed manifest to devices (by filter or serials)."),
             QStringLiteral("--manifest ID (--filter F | --serial S...) [--download-only]"),
             [](QCommandLineParser &p) {
                 addConnectionOptions(p);
                 p.addOption(opt(QStringLiteral("manifest"), "The manifest's id on the server.", "ID"));
                 p.addOption(opt(QStringLiteral("filter"), "Devices matching this filter (\"\" for all).", "F"));
                 p.addOption(opt(QStringLiteral("serial"), "A device serial (repeat the option for more).", "S"));
                 p.addOption(opt(QStringLiteral("download-only"), "Devices download but do not install yet."));
             },
             runAssign});
    cli.add({group, QStringLiteral("list"), tr("List updates, optionally of one manifest or in one state."),
             QStringLiteral("[--manifest ID] [--state S] [--offset N] [--limit N] [--sort FIELD] [--desc]"),
             [](QCommandLineParser &p) {
                 addConnectionOptions(p);
                 addListOptions(p);
                 p.addOption(opt(QStringLiteral("manifest"), "Only updates of this manifest.", "ID"));
                 p.addOption(opt(QStringLiteral("state"), "Only updates in this state (e.g. failed).", "S"));
             },
             runList});
    cli.add({group, QStringLiteral("summary"), tr("How many devices are in which state for a manifest."),
             QStringLiteral("--manifest ID"),
             [](QCommandLineParser &p) {
                 addConnectionOptions(p);
                 p.addOption(opt(QStringLiteral("manifest"), "The manifest's id on the server.", "ID"));
             },
             runSummary});
    cli.add({group, QStringLiteral("cancel"), tr("Cancel updates that are not over yet."), QStringLiteral("ID..."),
             [](QCommandLineParser &p) {
                 addConnectionOptions(p);
                 p.addPositionalArgument(QStringLiteral("ID"), tr("Update id (see updates list)."));
             },
             runCancel});
    cli.add({QStringLiteral("devices"), QStringLiteral("updates"), tr("A device's updates, newest first, with every step."),
             QStringLiteral("SERIAL"),
             [](QCommandLineParser &p) {
                 addConnectionOptions(p);
                 p.addPositionalArgument(QStringLiteral("SERIAL"), tr("The device's serial number."));
             },
             runDeviceUpdates});
}

} // namespace otadesk::cli
