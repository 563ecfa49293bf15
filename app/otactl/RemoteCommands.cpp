// otactl remote ...: the management API of an otadesk-server through core/client. This file registers the
// command groups and holds whoami, audit and events; payloads, manifests and the administration commands
// (keys, tokens, accounts) live in RemotePayloads.cpp, RemoteManifests.cpp and RemoteAdmin.cpp.
#include "app/otactl/RemoteCommands.h"
#include "app/otactl/Output.h"
#include "app/otactl/RemoteSession.h"
#include "core/client/EventStream.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QTimer>

namespace otadesk::cli {

using namespace remote;

namespace {

int runWhoami(Context &ctx, const QCommandLineParser &p)
{
    if (!p.positionalArguments().isEmpty())
        return ctx.usage(tr("remote whoami takes no arguments."));
    int code = ExitOk;
    auto session = Session::open(ctx, p, &code);
    if (!session)
        return code;
    std::unique_ptr<client::ApiCall> call;
    if (int rc = session->run(session->client().whoami(), &call))
        return rc;
    if (ctx.json()) {
        QJsonObject o = call->object();
        o.insert(QStringLiteral("server"), session->client().endpoint().displayName());
        ctx.printJson(o);
        return ExitOk;
    }
    const client::WhoAmI me = client::WhoAmI::fromJson(call->object());
    QTextStream &out = ctx.out();
    out << tr("Server:      %1").arg(session->client().endpoint().displayName()) << '\n'
        << tr("Tenant:      %1 (id %2)").arg(me.tenant.name).arg(me.tenant.id) << '\n'
        << tr("Account:     %1 (id %2), role %3%4")
               .arg(me.account.name)
               .arg(me.account.id)
               .arg(me.account.role, me.account.serverAdmin ? tr(", server administrator") : QString())
        << '\n'
        << tr("Token:       %1 (id %2), expires %3")
               .arg(me.tokenPrefix)
               .arg(me.tokenId)
               .arg(me.tokenExpiresAt.isValid() ? timeText(me.tokenExpiresAt) : tr("never"))
        << '\n'
        << tr("Permissions: %1").arg(me.permissions.join(QStringLiteral(", "))) << '\n';
    return ExitOk;
}

int runAudit(Context &ctx, const QCommandLineParser &p)
{
    if (!p.positionalArguments().isEmpty())
        return ctx.usage(tr("remote audit takes no arguments."));
    auto query = listQueryFrom(p);
    if (!query)
        return ctx.usage(query.error().message());
    int code = ExitOk;
    auto session = Session::open(ctx, p, &code);
    if (!session)
        return code;
    std::unique_ptr<client::ApiCall> call;
    if (int rc = session->run(session->client().listAudit(*query), &call))
        return rc;
    if (ctx.json()) {
        ctx.printJson(call->object());
        return ExitOk;
    }
    const auto page = client::Page<client::AuditEntry>::fromJson(call->object());
    QList<QStringList> rows;
    for (const auto &e : page.items)
        rows.append({QString::number(e.id), timeText(e.at), e.actor, e.action, e.objectType, e.objectId,
                     QString::fromUtf8(QJsonDocument(e.details).toJson(QJsonDocument::Compact))});
    printTable(ctx.out(),
               {tr("ID"), tr("AT"), tr("ACTOR"), tr("ACTION"), tr("OBJECT"), tr("OBJECT ID"), tr("DETAILS")},
               rows);
    ctx.out() << tr("%1 of %2 entries (offset %3)").arg(page.items.size()).arg(page.total).arg(page.offset)
              << '\n';
    return ExitOk;
}

// Prints events until Ctrl+C (exit 0) or --count events were printed. --json: one JSON object per line.
int runEvents(Context &ctx, const QCommandLineParser &p)
{
    if (!p.positionalArguments().isEmpty())
        return ctx.usage(tr("remote events takes no arguments."));
    int count = -1;
    if (p.isSet(QStringLiteral("count"))) {
        bool ok = false;
        count = p.value(QStringLiteral("count")).toInt(&ok);
        if (!ok || count < 1)
            return ctx.usage(tr("--count needs a number of 1 or more."));
    }
    int code = ExitOk;
    auto session = Session::open(ctx, p, &code);
    if (!session)
        return code;
    client::EventStream stream(&session->client());
    if (p.isSet(QStringLiteral("since")))
        stream.setLastEventId(p.value(QStringLiteral("since")));
    int printed = 0;
    bool done = false;
    client::ApiError failure;
    QEventLoop loop;
    QObject::connect(&stream, &client::EventStream::connected, &stream, [&] {
        if (!ctx.json())
            ctx.err() << tr("otactl: connected to %1; waiting for events (Ctrl+C ends).")
                             .arg(session->client().endpoint().displayName())
                      << Qt::endl;
    });
    QObject::connect(&stream, &client::EventStream::disconnected, &stream,
                     [&](const client::ApiError &reason) {
                         ctx.err() << tr("otactl: %1 (reconnecting)").arg(reason.toString()) << Qt::endl;
                     });
    QObject::connect(&stream, &client::EventStream::failed, &stream, [&](const client::ApiError &error) {
        failure = error;
        done = true;
        loop.quit();
    });
    QObject::connect(
        &stream, &client::EventStream::eventReceived, &stream, [&](const client::ServerEvent &e) {
            const QJsonDocument data = QJsonDocument::fromJson(e.data);
            if (ctx.json()) {
                QJsonObject line{{QStringLiteral("id"), e.id}, {QStringLiteral("event"), e.type}};
                line.insert(QStringLiteral("data"), data.isObject() ? QJsonValue(data.object())
                                                                    : QJsonValue(QString::fromUtf8(e.data)));
                ctx.out() << QString::fromUtf8(QJsonDocument(line).toJson(QJsonDocument::Compact)) << '\n';
            } else if (e.type == QLatin1String("audit") && data.isObject()) {
                const auto a = client::AuditEntry::fromJson(data.object());
                ctx.out() << timeText(a.at) << "  " << e.type << "  #" << a.id << "  " << a.actor << "  "
                          << a.action << "  " << a.objectType << ' ' << a.objectId << '\n';
            } else {
                ctx.out() << e.type << "  " << e.id << "  " << QString::fromUtf8(e.data) << '\n';
            }
            ctx.out().flush();
            if (count > 0 && ++printed >= count) {
                done = true;
                loop.quit();
            }
        });
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (Context::interrupted().load())
            done = true;
        if (done)
            loop.quit();
    });
    poll.start(50);
    stream.start();
    if (!done)
        loop.exec();
    stream.stop();
    if (failure.isError())
        return session->fail(failure);
    return ExitOk;
}

QString shortHelp()
{
    return tr(
        "otactl remote: the management API of an otadesk-server.\n\n"
        "Connection: --server URL ($OTADESK_SERVER), --token TOKEN ($OTADESK_TOKEN), --ca-cert FILE\n"
        "($OTADESK_CA_CERT) to trust a self-signed server certificate, --insecure to skip the check "
        "(warns).\n\n"
        "  remote whoami\n"
        "  remote payload upload FILE [--name N] [--resume UPLOAD_ID] | list | show ID | download ID FILE "
        "[--force] | remove ID\n"
        "  remote manifest publish ENVELOPE [--product P] | list | show ID | remove ID\n"
        "  remote key add PEMFILE --name N | list | remove ID\n"
        "  remote token create [--label L] [--expires-in-days N] [--account-id ID] | list [--account-id ID] "
        "| revoke ID\n"
        "  remote account create NAME --role ROLE | list | show ID | set-role ID ROLE\n"
        "  remote audit [--limit N] [--offset N]\n"
        "  remote events [--since ID] [--count N]\n\n"
        "Exit codes: 3 not found, 6 signature/key refused, 7 rollback, 8 server unreachable (or TLS not "
        "trusted, timeout), 9 refused by the server, 10 token not valid / permission missing.\n");
}

} // namespace

void registerRemoteCommands(CommandLine &cli)
{
    const QString group = QStringLiteral("remote");
    cli.setGroupHelp(group, shortHelp());
    cli.add({group, QStringLiteral("whoami"),
             tr("Show the tenant, account, role and permissions of the token."), QString(),
             [](QCommandLineParser &p) { addConnectionOptions(p); }, runWhoami});
    cli.add({group, QStringLiteral("audit"), tr("List the audit log of the tenant, newest first."), QString(),
             [](QCommandLineParser &p) {
                 addConnectionOptions(p);
                 addListOptions(p);
             },
             runAudit});
    cli.add({group, QStringLiteral("events"), tr("Print the tenant's live events until Ctrl+C."), QString(),
             [](QCommandLineParser &p) {
                 addConnectionOptions(p);
                 p.addOptions({opt(QStringLiteral("since"), "Also the events after this event id.", "ID"),
                               opt(QStringLiteral("count"), "Stop after N events.", "N")});
             },
             runEvents});
    registerRemotePayloadCommands(cli);
    registerRemoteManifestCommands(cli);
    registerRemoteAdminCommands(cli);
}

QStringList joinRemoteValueOptions(const QStringList &arguments)
{
    // "--server URL" before the command words would make URL a command word; "--server=URL" does not.
    static const QStringList valueOptions = {QStringLiteral("--server"), QStringLiteral("--token"),
                                             QStringLiteral("--ca-cert"), QStringLiteral("--timeout")};
    QStringList out;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        if (i > 0 && valueOptions.contains(arguments.at(i)) && i + 1 < arguments.size()) {
            out.append(arguments.at(i) + QLatin1Char('=') + arguments.at(i + 1));
            ++i;
        } else {
            out.append(arguments.at(i));
        }
    }
    return out;
}

} // namespace otadesk::cli
