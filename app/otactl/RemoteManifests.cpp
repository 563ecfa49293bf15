// otactl remote manifest publish|list|show|remove: signed SUIT envelopes on the server, which verifies them
// against the tenant's registered public keys (otactl remote key add) before it accepts them.
#include "app/otactl/Output.h"
#include "app/otactl/RemoteCommands.h"
#include "app/otactl/RemoteSession.h"

#include <QDir>
#include <QFile>

namespace otadesk::cli {

using namespace remote;

namespace {

void printManifest(Context &ctx, const client::Manifest &m)
{
    QTextStream &out = ctx.out();
    out << tr("Manifest:        %1").arg(m.id) << '\n'
        << tr("Product:         %1").arg(m.product) << '\n'
        << tr("Sequence number: %1").arg(m.sequenceNumber) << '\n'
        << tr("Manifest digest: %1").arg(m.manifestDigest) << '\n'
        << tr("Envelope SHA-256: %1 (%2 bytes)").arg(m.envelopeSha256).arg(m.size) << '\n'
        << tr("Signer:          %1").arg(m.signer) << '\n'
        << tr("Created:         %1 by %2").arg(timeText(m.createdAt), m.createdBy) << '\n';
}

int publish(Session &s, const QCommandLineParser &p, const QStringList &args)
{
    Context &ctx = s.ctx();
    if (args.size() != 2)
        return ctx.usage(tr("remote manifest publish needs exactly one ENVELOPE file."));
    QFile file(args.at(1));
    if (!file.open(QIODevice::ReadOnly))
        return ctx.fail(
            Error(file.exists() ? ErrorCode::Io : ErrorCode::NotFound,
                  tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(args.at(1)), file.errorString())));
    const QByteArray envelope = file.readAll();
    std::unique_ptr<client::ApiCall> call;
    if (int rc = s.run(s.client().publishManifest(envelope, p.value(QStringLiteral("product"))), &call))
        return rc;
    const bool existing = call->status() == 200;
    if (ctx.json()) {
        QJsonObject o = call->object();
        o.insert(QStringLiteral("existing"), existing);
        ctx.printJson(o);
        return ExitOk;
    }
    printManifest(ctx, client::Manifest::fromJson(call->object()));
    if (existing)
        ctx.out() << tr("The server had this envelope already.") << '\n';
    return ExitOk;
}

int list(Session &s, const QCommandLineParser &p)
{
    auto query = listQueryFrom(p);
    if (!query)
        return s.ctx().usage(query.error().message());
    std::unique_ptr<client::ApiCall> call;
    if (int rc = s.run(s.client().listManifests(*query), &call))
        return rc;
    if (s.ctx().json()) {
        s.ctx().printJson(call->object());
        return ExitOk;
    }
    const auto page = client::Page<client::Manifest>::fromJson(call->object());
    QList<QStringList> rows;
    for (const auto &m : page.items)
        rows.append({QString::number(m.id), m.product, QString::number(m.sequenceNumber), m.signer,
                     QString::number(m.size), timeText(m.createdAt)});
    printTable(s.ctx().out(),
               {tr("ID"), tr("PRODUCT"), tr("SEQUENCE"), tr("SIGNER"), tr("SIZE"), tr("CREATED")}, rows);
    s.ctx().out()
        << tr("%1 of %2 manifests (offset %3)").arg(page.items.size()).arg(page.total).arg(page.offset)
        << '\n';
    return ExitOk;
}

int showOrRemove(Session &s, const QStringList &args, bool remove)
{
    if (args.size() != 2)
        return s.ctx().usage(tr("remote manifest %1 needs one ID.").arg(args.value(0)));
    auto id = parseId(args.at(1), tr("manifest"));
    if (!id)
        return s.ctx().usage(id.error().message());
    std::unique_ptr<client::ApiCall> call;
    if (int rc = s.run(remove ? s.client().removeManifest(*id) : s.client().manifest(*id), &call))
        return rc;
    if (remove) {
        if (s.ctx().json())
            s.ctx().printJson(QJsonObject{{QStringLiteral("id"), *id}, {QStringLiteral("removed"), true}});
        else
            s.ctx().out() << tr("Removed manifest %1.").arg(*id) << '\n';
    } else if (s.ctx().json()) {
        s.ctx().printJson(call->object());
    } else {
        printManifest(s.ctx(), client::Manifest::fromJson(call->object()));
    }
    return ExitOk;
}

int runManifest(Context &ctx, const QCommandLineParser &p)
{
    const QStringList args = p.positionalArguments();
    const QString sub = args.value(0);
    static const QStringList known = {QStringLiteral("publish"), QStringLiteral("list"),
                                      QStringLiteral("show"), QStringLiteral("remove")};
    if (!known.contains(sub))
        return ctx.usage(sub.isEmpty()
                             ? tr("remote manifest needs a command: publish, list, show, remove.")
                             : tr("Unknown command \"remote manifest %1\"; use publish, list, show or "
                                  "remove.")
                                   .arg(sub));
    int code = ExitOk;
    auto session = Session::open(ctx, p, &code);
    if (!session)
        return code;
    if (sub == QLatin1String("publish"))
        return publish(*session, p, args);
    if (sub == QLatin1String("list"))
        return args.size() == 1 ? list(*session, p)
                                : ctx.usage(tr("remote manifest list takes no arguments."));
    return showOrRemove(*session, args, sub == QLatin1String("remove"));
}

} // namespace

void registerRemoteManifestCommands(CommandLine &cli)
{
    cli.add({QStringLiteral("remote"), QStringLiteral("manifest"),
             tr("Signed SUIT manifests on the server: publish (verified by the server), list, show, remove."),
             QStringLiteral("publish ENVELOPE [--product P] | list | show ID | remove ID"),
             [](QCommandLineParser &p) {
                 p.addPositionalArgument(QStringLiteral("COMMAND"), tr("publish, list, show or remove."));
                 addConnectionOptions(p);
                 addListOptions(p);
                 p.addOption(opt(
                     QStringLiteral("product"),
                     "publish: the product name (default: VENDOR-UUID/CLASS-UUID of the manifest).", "P"));
             },
             runManifest});
}

} // namespace otadesk::cli
