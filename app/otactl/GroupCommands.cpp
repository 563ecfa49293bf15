// otactl groups list|show|create|add|remove|delete (static lists and dynamic saved filters) and
// otactl devices enrolment create|list|revoke (tenant-wide tokens with which devices register themselves).
#include "app/otactl/DeviceCommands.h"
#include "app/otactl/Output.h"
#include "app/otactl/RemoteSession.h"
#include "core/client/FleetClient.h"

namespace otadesk::cli {

using namespace remote;

namespace {

using Action = std::function<client::ApiCall *(const client::FleetClient &, const QCommandLineParser &,
                                               const QStringList &)>;

// Opens the session, runs the call, prints JSON or the text `describe` makes of the answer.
int runCall(Context &ctx, const QCommandLineParser &p, const Action &action,
            const std::function<void(const QJsonObject &)> &describe)
{
    std::unique_ptr<Session> s;
    if (int rc = devices::sessionFor(ctx, p, s))
        return rc;
    std::unique_ptr<client::ApiCall> call;
    if (int rc = s->run(action(client::FleetClient(&s->client()), p, p.positionalArguments()), &call))
        return rc;
    if (ctx.json())
        ctx.printJson(call->object());
    else
        describe(call->object());
    return ExitOk;
}

int runGroups(Context &ctx, const QCommandLineParser &p, const QString &sub)
{
    const QStringList args = p.positionalArguments();
    const QString name = args.value(0);
    const QStringList rest = args.mid(1);
    const QString filter = p.value(QStringLiteral("filter"));
    if (sub == QLatin1String("list")) {
        return runCall(ctx, p, [](const auto &f, auto &, auto &) { return f.listGroups(); }, [&](const QJsonObject &o) {
            QList<QStringList> rows;
            for (const QJsonValue &v : o.value(QStringLiteral("items")).toArray()) {
                const client::DeviceGroupInfo g = client::FleetClient::groupFromJson(v.toObject());
                rows.append({g.name, g.kind, g.kind == QLatin1String("dynamic") ? g.filter : tr("%1 devices").arg(g.members),
                             g.description});
            }
            printTable(ctx.out(), {tr("NAME"), tr("KIND"), tr("FILTER / MEMBERS"), tr("DESCRIPTION")}, rows);
        });
    }
    if (name.isEmpty())
        return ctx.usage(tr("groups %1 needs a group NAME.").arg(sub.isEmpty() ? QStringLiteral("COMMAND") : sub));
    auto printGroup = [&](const QJsonObject &o) {
        const client::DeviceGroupInfo g = client::FleetClient::groupFromJson(o);
        ctx.out() << tr("%1 (%2): %3").arg(g.name, g.kind,
                                          g.kind == QLatin1String("dynamic") ? g.filter : tr("%1 devices").arg(g.members))
                  << '\n';
    };
    if (sub == QLatin1String("show"))
        return runCall(ctx, p, [&](const auto &f, auto &, auto &) { return f.group(name); }, printGroup);
    if (sub == QLatin1String("create"))
        return runCall(ctx, p,
                       [&](const auto &f, auto &, auto &) {
                           return f.createGroup(name, filter, p.value(QStringLiteral("description")));
                       },
                       printGroup);
    if (sub == QLatin1String("delete"))
        return runCall(ctx, p, [&](const auto &f, auto &, auto &) { return f.removeGroup(name); },
                       [&](const QJsonObject &) { ctx.out() << tr("Deleted the group %1.").arg(name) << '\n'; });
    if (sub == QLatin1String("add")) {
        if (rest.isEmpty() == filter.isEmpty())
            return ctx.usage(tr("groups add needs NAME and either SERIAL... or --filter F."));
        return runCall(ctx, p,
                       [&](const auto &f, auto &, auto &) {
                           return filter.isEmpty() ? f.addGroupMembers(name, rest) : f.addGroupMatching(name, filter);
                       },
                       [&](const QJsonObject &o) {
                           ctx.out() << tr("Added %1 devices to %2.").arg(o.value(QStringLiteral("added")).toInteger()).arg(name)
                                     << '\n';
                           const QJsonArray unknown = o.value(QStringLiteral("unknown")).toArray();
                           for (const QJsonValue &u : unknown)
                               ctx.err() << tr("unknown serial: %1").arg(u.toString()) << '\n';
                       });
    }
    if (sub == QLatin1String("remove")) {
        if (rest.isEmpty())
            return ctx.usage(tr("groups remove needs NAME SERIAL..."));
        return runCall(ctx, p, [&](const auto &f, auto &, auto &) { return f.removeGroupMembers(name, rest); },
                       [&](const QJsonObject &o) {
                           ctx.out() << tr("Removed %1 devices from %2.")
                                            .arg(o.value(QStringLiteral("removed")).toInteger())
                                            .arg(name)
                                     << '\n';
                       });
    }
    return ctx.usage(tr("Unknown command \"groups %1\".").arg(sub));
}

int runEnrolment(Context &ctx, const QCommandLineParser &p)
{
    const QStringList args = p.positionalArguments();
    const QString sub = args.value(0);
    if (sub == QLatin1String("create")) {
        std::optional<int> days;
        if (p.isSet(QStringLiteral("expires-in-days")))
            days = p.value(QStringLiteral("expires-in-days")).toInt();
        return runCall(ctx, p,
                       [&](const auto &f, auto &, auto &) {
                           return f.createEnrolmentToken(p.value(QStringLiteral("label")),
                                                         p.isSet(QStringLiteral("auto-accept")), days);
                       },
                       [&](const QJsonObject &o) { ctx.out() << o.value(QStringLiteral("token")).toString() << '\n'; });
    }
    if (sub == QLatin1String("list"))
        return runCall(ctx, p, [](const auto &f, auto &, auto &) { return f.listEnrolmentTokens(); },
                       [&](const QJsonObject &o) {
                           QList<QStringList> rows;
                           for (const QJsonValue &v : o.value(QStringLiteral("items")).toArray()) {
                               const QJsonObject t = v.toObject();
                               rows.append({QString::number(t.value(QStringLiteral("id")).toInteger()),
                                            t.value(QStringLiteral("prefix")).toString(),
                                            t.value(QStringLiteral("label")).toString(),
                                            t.value(QStringLiteral("auto_accept")).toBool() ? tr("yes") : tr("no"),
                                            t.value(QStringLiteral("revoked")).toBool() ? tr("revoked") : tr("active")});
                           }
                           printTable(ctx.out(), {tr("ID"), tr("PREFIX"), tr("LABEL"), tr("AUTO-ACCEPT"), tr("STATE")}, rows);
                       });
    if (sub == QLatin1String("revoke")) {
        auto id = parseId(args.value(1), tr("enrolment token id"));
        if (!id)
            return ctx.usage(id.error().message());
        return runCall(ctx, p, [&](const auto &f, auto &, auto &) { return f.revokeEnrolmentToken(*id); },
                       [&](const QJsonObject &) { ctx.out() << tr("Revoked enrolment token %1.").arg(*id) << '\n'; });
    }
    return ctx.usage(tr("devices enrolment needs create, list or revoke ID."));
}
} // namespace

void registerGroupCommands(CommandLine &cli)
{
    cli.setGroupHelp(QStringLiteral("groups"),
                     tr("Device groups on a server: static lists of devices, or dynamic saved filters."));
    cli.add({QStringLiteral("groups"), QStringLiteral("list"), tr("List the tenant's groups."), QString(),
             [](QCommandLineParser &p) { addConnectionOptions(p); },
             [](Context &ctx, const QCommandLineParser &p) { return runGroups(ctx, p, QStringLiteral("list")); }});
    const char *subs[] = {"show", "create", "add", "remove", "delete"};
    for (const char *sub : subs) {
        const QString s = QString::fromLatin1(sub);
        cli.add({QStringLiteral("groups"), s,
                 s == QLatin1String("create")   ? tr("Create a group: static, or dynamic with --filter.")
                 : s == QLatin1String("add")    ? tr("Add devices to a static group, by serial or --filter snapshot.")
                 : s == QLatin1String("remove") ? tr("Remove devices from a static group.")
                 : s == QLatin1String("delete") ? tr("Delete a group (its devices stay).")
                                                : tr("Show a group."),
                 s == QLatin1String("create") ? QStringLiteral("NAME [--filter F] [--description TEXT]")
                 : s == QLatin1String("add")  ? QStringLiteral("NAME (SERIAL... | --filter F)")
                 : s == QLatin1String("remove") ? QStringLiteral("NAME SERIAL...")
                                                : QStringLiteral("NAME"),
                 [](QCommandLineParser &p) {
                     addConnectionOptions(p);
                     p.addOptions({opt(QStringLiteral("filter"), "Filter of a dynamic group, or of the devices to add.", "F"),
                                   opt(QStringLiteral("description"), "What the group is for.", "TEXT")});
                 },
                 [s](Context &ctx, const QCommandLineParser &p) { return runGroups(ctx, p, s); }});
    }
    cli.add({QStringLiteral("devices"), QStringLiteral("enrolment"),
             tr("Enrolment tokens with which devices register themselves: create (prints it once), list, revoke."),
             QStringLiteral("create [--label L] [--auto-accept] [--expires-in-days N] | list | revoke ID"),
             [](QCommandLineParser &p) {
                 addConnectionOptions(p);
                 p.addOptions({opt(QStringLiteral("label"), "What the token is for (e.g. the factory line).", "L"),
                               opt(QStringLiteral("auto-accept"), "Devices registering with it are accepted at once."),
                               opt(QStringLiteral("expires-in-days"), "The token stops working after N days.", "N")});
             },
             runEnrolment});
}

} // namespace otadesk::cli
