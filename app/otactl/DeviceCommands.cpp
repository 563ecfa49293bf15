// otactl devices list|count|show|export|tag|untag|accept|reject|token|remove: the fleet on a server, through
// the management API (--server/--token as for "otactl remote"). Import lives in DeviceImportCommand.cpp,
// groups and enrolment tokens in GroupCommands.cpp.
#include "app/otactl/DeviceCommands.h"
#include "app/otactl/Output.h"
#include "app/otactl/RemoteSession.h"
#include "core/client/FleetClient.h"

#include <QDateTime>
#include <QFile>
#include <QSaveFile>

namespace otadesk::cli {

using namespace remote;

namespace devices {

QString seenText(qint64 ms)
{
    if (ms <= 0)
        return tr("never");
    return timeText(QDateTime::fromMSecsSinceEpoch(ms));
}

QString componentsText(const fleet::Device &d)
{
    QStringList parts;
    for (const fleet::InstalledComponent &c : d.components)
        parts.append(c.name + u' ' + c.version);
    return parts.join(QStringLiteral(", "));
}

int sessionFor(Context &ctx, const QCommandLineParser &p, std::unique_ptr<Session> &session)
{
    int code = ExitOk;
    session = Session::open(ctx, p, &code);
    return session ? ExitOk : code;
}

} // namespace devices

namespace {
using namespace devices;

int runList(Context &ctx, const QCommandLineParser &p)
{
    auto query = listQueryFrom(p);
    if (!query)
        return ctx.usage(query.error().message());
    std::unique_ptr<Session> s;
    if (int rc = sessionFor(ctx, p, s))
        return rc;
    std::unique_ptr<client::ApiCall> call;
    if (int rc = s->run(client::FleetClient(&s->client()).listDevices(p.value(QStringLiteral("filter")), *query), &call))
        return rc;
    if (ctx.json()) {
        ctx.printJson(call->object());
        return ExitOk;
    }
    const client::DevicePage page = client::FleetClient::devicePageFromJson(call->object());
    QList<QStringList> rows;
    for (const fleet::Device &d : page.items)
        rows.append({d.serial, d.model, d.hardwareRevision, d.batch, d.year ? QString::number(d.year) : QString(),
                     componentsText(d), d.tags.join(u' '), d.status, seenText(d.lastSeen)});
    printTable(ctx.out(), {tr("SERIAL"), tr("MODEL"), tr("HW"), tr("BATCH"), tr("YEAR"), tr("COMPONENTS"), tr("TAGS"),
                           tr("STATUS"), tr("LAST SEEN")},
               rows);
    ctx.out() << tr("%1–%2 of %3 devices.").arg(page.items.isEmpty() ? 0 : page.offset + 1)
                     .arg(page.offset + page.items.size())
                     .arg(page.total)
              << '\n';
    return ExitOk;
}

int runCount(Context &ctx, const QCommandLineParser &p)
{
    std::unique_ptr<Session> s;
    if (int rc = sessionFor(ctx, p, s))
        return rc;
    std::unique_ptr<client::ApiCall> call;
    if (int rc = s->run(client::FleetClient(&s->client()).countDevices(p.value(QStringLiteral("filter"))), &call))
        return rc;
    if (ctx.json())
        ctx.printJson(call->object());
    else
        ctx.out() << qint64(call->object().value(QStringLiteral("count")).toDouble()) << '\n';
    return ExitOk;
}

int runShow(Context &ctx, const QCommandLineParser &p)
{
    const QStringList args = p.positionalArguments();
    if (args.size() != 1)
        return ctx.usage(tr("devices show needs one SERIAL."));
    std::unique_ptr<Session> s;
    if (int rc = sessionFor(ctx, p, s))
        return rc;
    std::unique_ptr<client::ApiCall> call;
    if (int rc = s->run(client::FleetClient(&s->client()).device(args.first()), &call))
        return rc;
    if (ctx.json()) {
        ctx.printJson(call->object());
        return ExitOk;
    }
    const client::DeviceDetails details = client::FleetClient::deviceDetailsFromJson(call->object());
    const fleet::Device &d = details.device;
    QTextStream &out = ctx.out();
    out << tr("Serial:       %1").arg(d.serial) << '\n'
        << tr("Model:        %1 (hardware %2)").arg(d.model, d.hardwareRevision.isEmpty() ? tr("?") : d.hardwareRevision)
        << '\n'
        << tr("Batch / year: %1 / %2").arg(d.batch, d.year ? QString::number(d.year) : tr("?")) << '\n'
        << tr("Status:       %1, update state %2").arg(d.status, d.updateState) << '\n'
        << tr("Seen:         first %1, last %2 from %3").arg(seenText(d.firstSeen), seenText(d.lastSeen), d.address)
        << '\n'
        << tr("Tags:         %1").arg(d.tags.join(u' ')) << '\n';
    for (const fleet::InstalledComponent &c : d.components)
        out << tr("Component:    %1 %2%3%4")
                   .arg(c.name, c.version, c.slot >= 0 ? tr(" (slot %1)").arg(c.slot) : QString(),
                        c.digest.isEmpty() ? QString() : QStringLiteral(" sha256:") + QString::fromLatin1(c.digest.toHex().left(16)))
            << '\n';
    for (auto it = d.attributes.begin(); it != d.attributes.end(); ++it)
        out << tr("Attribute:    %1 = %2").arg(it.key(), it.value()) << '\n';
    for (auto it = d.metadata.begin(); it != d.metadata.end(); ++it)
        out << tr("Metadata:     %1 = %2").arg(it.key(), it.value()) << '\n';
    for (const client::DeviceHistoryEntry &e : details.history)
        out << tr("History:      %1 %2 %3")
                   .arg(timeText(e.at), e.kind,
                        QString::fromUtf8(QJsonDocument(e.details).toJson(QJsonDocument::Compact)))
            << '\n';
    return ExitOk;
}

int runExport(Context &ctx, const QCommandLineParser &p)
{
    std::unique_ptr<Session> s;
    if (int rc = sessionFor(ctx, p, s))
        return rc;
    std::unique_ptr<client::ApiCall> call;
    if (int rc = s->run(client::FleetClient(&s->client()).exportDevices(p.value(QStringLiteral("filter"))), &call))
        return rc;
    const QString path = p.value(QStringLiteral("output"));
    if (path.isEmpty() || path == QLatin1String("-")) {
        ctx.out().flush();
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly) || out.write(call->body()) != call->body().size())
            return ctx.fail(Error(ErrorCode::Io, tr("Cannot write to standard output.")));
        return ExitOk;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(call->body()) != call->body().size() || !file.commit())
        return ctx.fail(Error(ErrorCode::Io, tr("Cannot write %1: %2").arg(path, file.errorString())));
    ctx.err() << tr("Wrote %1 devices to %2.").arg(qMax(0, int(call->body().count('\n')) - 1)).arg(path) << '\n';
    return ExitOk;
}

// tag / untag / accept / reject / remove / token SERIAL...
int runEdit(Context &ctx, const QCommandLineParser &p, const QString &action)
{
    QStringList args = p.positionalArguments();
    const bool tags = action == QLatin1String("tag") || action == QLatin1String("untag");
    if (args.size() < (tags ? 2 : 1))
        return ctx.usage(tags ? tr("devices %1 needs a TAG and at least one SERIAL.").arg(action)
                              : tr("devices %1 needs at least one SERIAL.").arg(action));
    const QString tag = tags ? args.takeFirst() : QString();
    std::unique_ptr<Session> s;
    if (int rc = sessionFor(ctx, p, s))
        return rc;
    const client::FleetClient fleet(&s->client());
    QJsonArray results;
    for (const QString &serial : std::as_const(args)) {
        client::ApiCall *call = nullptr;
        if (tags)
            call = fleet.editDevice(serial, {{action == QLatin1String("tag") ? QStringLiteral("add_tags")
                                                                              : QStringLiteral("remove_tags"),
                                              QJsonArray{tag}}});
        else if (action == QLatin1String("accept") || action == QLatin1String("reject"))
            call = fleet.editDevice(serial, {{QStringLiteral("status"), action == QLatin1String("accept")
                                                                            ? QStringLiteral("accepted")
                                                                            : QStringLiteral("rejected")}});
        else if (action == QLatin1String("remove"))
            call = fleet.removeDevice(serial);
        else
            call = fleet.newDeviceToken(serial);
        std::unique_ptr<client::ApiCall> done;
        if (int rc = s->run(call, &done))
            return rc;
        if (action == QLatin1String("token")) {
            if (!ctx.json())
                ctx.out() << serial << ',' << done->object().value(QStringLiteral("device_token")).toString() << '\n';
            results.append(done->object());
        } else {
            results.append(QJsonObject{{QStringLiteral("serial"), serial}, {QStringLiteral("done"), action}});
            if (!ctx.json())
                ctx.out() << tr("%1: %2 done.").arg(serial, action) << '\n';
        }
    }
    if (ctx.json())
        ctx.printJson(results);
    return ExitOk;
}

void filterOption(QCommandLineParser &p)
{
    p.addOption(opt(QStringLiteral("filter"), "Only devices matching this filter (docs/filter-language.md).", "F"));
}
} // namespace

void registerDeviceCommands(CommandLine &cli)
{
    const QString group = QStringLiteral("devices");
    cli.setGroupHelp(group, tr("The fleet on a server: import, export, list, count, show, tag, accept, token."));
    cli.add({group, QStringLiteral("list"), tr("List devices (a page at a time), optionally filtered."),
             QStringLiteral("[--filter F] [--offset N] [--limit N] [--sort FIELD] [--desc]"),
             [](QCommandLineParser &p) {
                 addConnectionOptions(p);
                 addListOptions(p);
                 filterOption(p);
             },
             runList});
    cli.add({group, QStringLiteral("count"), tr("Count the devices matching a filter."), QStringLiteral("[--filter F]"),
             [](QCommandLineParser &p) {
                 addConnectionOptions(p);
                 filterOption(p);
             },
             runCount});
    cli.add({group, QStringLiteral("show"), tr("Everything about one device, with its history."), QStringLiteral("SERIAL"),
             [](QCommandLineParser &p) {
                 addConnectionOptions(p);
                 p.addPositionalArgument(QStringLiteral("SERIAL"), tr("The device's serial number."));
             },
             runShow});
    cli.add({group, QStringLiteral("export"), tr("Write the devices (matching a filter) as CSV."),
             QStringLiteral("[--filter F] [-o FILE]"),
             [](QCommandLineParser &p) {
                 addConnectionOptions(p);
                 filterOption(p);
                 p.addOption(QCommandLineOption({QStringLiteral("o"), QStringLiteral("output")},
                                                tr("CSV file to write (default: standard output)."), tr("FILE")));
             },
             runExport});
    const std::pair<const char *, const char *> edits[] = {
        {"tag", QT_TRANSLATE_NOOP("otactl", "Add a TAG to devices: tag TAG SERIAL...")},
        {"untag", QT_TRANSLATE_NOOP("otactl", "Remove a TAG from devices: untag TAG SERIAL...")},
        {"accept", QT_TRANSLATE_NOOP("otactl", "Accept self-registered (pending) devices.")},
        {"reject", QT_TRANSLATE_NOOP("otactl", "Reject devices: their check-ins are refused.")},
        {"token", QT_TRANSLATE_NOOP("otadesk::cli::remote",
                                    "Issue a new device token (the old one stops working); prints SERIAL,TOKEN.")},
        {"remove", QT_TRANSLATE_NOOP("otactl", "Remove devices from the server.")},
    };
    for (const auto &[name, summary] : edits) {
        const QString action = QString::fromLatin1(name);
        cli.add({group, action, tr(summary),
                 action.endsWith(QLatin1String("tag")) ? QStringLiteral("TAG SERIAL...") : QStringLiteral("SERIAL..."),
                 [](QCommandLineParser &p) { addConnectionOptions(p); },
                 [action](Context &ctx, const QCommandLineParser &p) { return runEdit(ctx, p, action); }});
    }
    registerDeviceImportCommand(cli);
    registerGroupCommands(cli);
}

} // namespace otadesk::cli
