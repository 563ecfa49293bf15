// otactl bundle create | list | show | export | remove.
#include "app/otactl/CommandLine.h"
#include "app/otactl/Output.h"

namespace otadesk::cli {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("otactl", text); }

Result<qint64> bundleId(const QString &text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0)
        return fail(ErrorCode::InvalidArgument, tr("\"%1\" is not a bundle id.").arg(text));
    return id;
}

void printBundle(QTextStream &out, const library::BundleEntry &b)
{
    out << tr("Bundle %1 \"%2\"").arg(b.id).arg(b.name) << '\n'
        << "  " << tr("product") << ": " << b.product << '\n'
        << "  " << tr("version") << ": " << b.version << '\n'
        << "  " << tr("source") << ": " << b.source << '\n'
        << "  " << tr("created") << ": " << b.createdAt.toLocalTime().toString(Qt::ISODate) << '\n'
        << "  " << tr("components") << ":\n";
    for (const auto &e : b.items)
        out << "    " << e.component << ": " << tr("entry %1 %2").arg(e.id).arg(e.name) << " ("
            << (e.kind == library::EntryKind::Auxiliary ? tr("auxiliary") : e.format) << ", " << e.fileSize << ' '
            << tr("bytes") << ", SHA-256 " << hex(e.fileSha256).left(16) << ")\n";
    out.flush();
}

int runCreate(Context &ctx, const QCommandLineParser &p)
{
    const QStringList args = p.positionalArguments();
    if (args.size() < 2)
        return ctx.usage(tr("bundle create needs NAME and at least one REF:COMPONENT."));
    auto lib = ctx.library();
    if (!lib)
        return ctx.fail(lib.error());
    QList<qint64> ids;
    QStringList components;
    for (const QString &item : args.mid(1)) {
        const qsizetype colon = item.indexOf(QLatin1Char(':'));
        auto e = (*lib)->find(colon < 0 ? item : item.left(colon));
        if (!e)
            return ctx.fail(e.error());
        ids.append(e->id);
        components.append(colon < 0 ? e->component : item.mid(colon + 1));
    }
    auto b = (*lib)->createBundle(args.first(), p.value(QStringLiteral("product")), p.value(QStringLiteral("version")),
                                  ids, components);
    if (!b)
        return ctx.fail(b.error());
    if (ctx.json())
        ctx.printJson(bundleToJson(*b, true));
    else
        printBundle(ctx.out(), *b);
    return ExitOk;
}

int runList(Context &ctx, const QCommandLineParser &)
{
    auto lib = ctx.library();
    if (!lib)
        return ctx.fail(lib.error());
    auto bundles = (*lib)->bundles();
    if (!bundles)
        return ctx.fail(bundles.error());
    if (ctx.json()) {
        QJsonArray a;
        for (const auto &b : *bundles)
            a.append(bundleToJson(b, false));
        ctx.printJson(a);
        return ExitOk;
    }
    if (bundles->isEmpty())
        ctx.out() << tr("The library holds no bundles.") << '\n';
    QList<QStringList> rows;
    for (const auto &b : *bundles)
        rows.append({QString::number(b.id), b.name, b.product, b.version, b.source, QString::number(b.items.size())});
    if (!bundles->isEmpty())
        printTable(ctx.out(),
                   {QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("PRODUCT"), QStringLiteral("VERSION"),
                    QStringLiteral("SOURCE"), QStringLiteral("ITEMS")},
                   rows);
    ctx.out().flush();
    return ExitOk;
}

int runShow(Context &ctx, const QCommandLineParser &p)
{
    if (p.positionalArguments().size() != 1)
        return ctx.usage(tr("bundle show needs exactly one ID."));
    auto id = bundleId(p.positionalArguments().first());
    if (!id)
        return ctx.fail(id.error());
    auto lib = ctx.library();
    if (!lib)
        return ctx.fail(lib.error());
    auto b = (*lib)->bundle(*id);
    if (!b)
        return ctx.fail(b.error());
    if (ctx.json())
        ctx.printJson(bundleToJson(*b, true));
    else
        printBundle(ctx.out(), *b);
    return ExitOk;
}

int runExport(Context &ctx, const QCommandLineParser &p)
{
    if (p.positionalArguments().size() != 2)
        return ctx.usage(tr("bundle export needs ID and OUT.zip."));
    auto id = bundleId(p.positionalArguments().first());
    if (!id)
        return ctx.fail(id.error());
    auto lib = ctx.library();
    if (!lib)
        return ctx.fail(lib.error());
    const QString out = p.positionalArguments().at(1);
    if (auto st = (*lib)->exportBundle(*id, out); !st)
        return ctx.fail(st.error());
    if (ctx.json())
        ctx.printJson(QJsonObject{{QStringLiteral("bundle"), *id}, {QStringLiteral("file"), out}});
    else
        ctx.out() << tr("Wrote bundle %1 to %2").arg(*id).arg(out) << Qt::endl;
    return ExitOk;
}

int runRemove(Context &ctx, const QCommandLineParser &p)
{
    if (p.positionalArguments().size() != 1)
        return ctx.usage(tr("bundle remove needs exactly one ID."));
    auto id = bundleId(p.positionalArguments().first());
    if (!id)
        return ctx.fail(id.error());
    auto lib = ctx.library();
    if (!lib)
        return ctx.fail(lib.error());
    if (auto st = (*lib)->removeBundle(*id, p.isSet(QStringLiteral("with-items"))); !st)
        return ctx.fail(st.error());
    if (ctx.json())
        ctx.printJson(QJsonObject{{QStringLiteral("removed"), *id}});
    else
        ctx.out() << tr("Removed bundle %1").arg(*id) << Qt::endl;
    return ExitOk;
}
} // namespace

void registerBundleCommands(CommandLine &cli)
{
    cli.add({QStringLiteral("bundle"), QStringLiteral("create"), tr("Group library entries into a bundle."),
             QStringLiteral("NAME REF:COMPONENT..."),
             [](QCommandLineParser &p) {
                 p.addPositionalArgument(QStringLiteral("NAME"), tr("Bundle name."));
                 p.addPositionalArgument(QStringLiteral("REF:COMPONENT"),
                                         tr("Entry (id or SHA-256 prefix) and its component name in the bundle."),
                                         QStringLiteral("REF:COMPONENT..."));
                 p.addOption({QStringLiteral("product"), tr("Product of the bundle."), tr("P")});
                 p.addOption({QStringLiteral("version"), tr("Version of the bundle."), tr("V")});
             },
             runCreate});
    cli.add({QStringLiteral("bundle"), QStringLiteral("list"), tr("List the bundles."), QString(),
             [](QCommandLineParser &) {}, runList});
    cli.add({QStringLiteral("bundle"), QStringLiteral("show"), tr("Show a bundle and its components."),
             QStringLiteral("ID"),
             [](QCommandLineParser &p) { p.addPositionalArgument(QStringLiteral("ID"), tr("Bundle id.")); }, runShow});
    cli.add({QStringLiteral("bundle"), QStringLiteral("export"), tr("Write a bundle as a zip with bundle.json."),
             QStringLiteral("ID OUT.zip"),
             [](QCommandLineParser &p) {
                 p.addPositionalArgument(QStringLiteral("ID"), tr("Bundle id."));
                 p.addPositionalArgument(QStringLiteral("OUT.zip"), tr("Zip file to write."));
             },
             runExport});
    cli.add({QStringLiteral("bundle"), QStringLiteral("remove"), tr("Remove a bundle."), QStringLiteral("ID"),
             [](QCommandLineParser &p) {
                 p.addPositionalArgument(QStringLiteral("ID"), tr("Bundle id."));
                 p.addOption({QStringLiteral("with-items"), tr("Also remove its entries that no other bundle uses.")});
             },
             runRemove});
}

} // namespace otadesk::cli
