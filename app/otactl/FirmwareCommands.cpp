// otactl firmware import | list | show | inspect | remove. Export and convert: FirmwareExport.cpp.
#include "app/otactl/Arguments.h"
#include "app/otactl/CommandLine.h"
#include "app/otactl/Output.h"

#include <QFileInfo>

namespace otadesk::cli {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("otactl", text); }

QCommandLineOption opt(const QString &name, const char *description, const char *valueName = nullptr)
{
    return valueName ? QCommandLineOption(name, tr(description), tr(valueName))
                     : QCommandLineOption(name, tr(description));
}

void printImported(Context &ctx, const library::ImportOutcome &o)
{
    QTextStream &out = ctx.out();
    if (o.bundle)
        out << (o.alreadyPresent ? tr("Bundle %1 \"%2\" is already in the library") : tr("Imported bundle %1 \"%2\""))
                   .arg(o.bundle->id)
                   .arg(o.bundle->name)
            << " (" << o.bundle->source << ", " << o.bundle->product << ' ' << o.bundle->version << ")\n";
    for (const auto &e : o.entries) {
        out << (o.alreadyPresent ? tr("Already in the library: entry %1 %2") : tr("Imported entry %1 %2"))
                   .arg(e.id)
                   .arg(e.name);
        if (e.kind == library::EntryKind::Image)
            out << " (" << e.format << ", " << QCoreApplication::translate("otactl", "%n segment(s)", nullptr, int(e.segments.size())) << ", "
                << e.dataSize << ' ' << tr("bytes") << ")";
        else
            out << " (" << tr("auxiliary") << ", " << e.fileSize << ' ' << tr("bytes") << ")";
        out << '\n' << "  " << tr("component") << ' ' << e.component;
        if (!e.product.isEmpty())
            out << ", " << tr("product") << ' ' << e.product;
        if (!e.version.isEmpty())
            out << ", " << tr("version") << ' ' << e.version;
        out << '\n' << "  SHA-256 " << hex(e.fileSha256) << '\n';
    }
    for (const Diagnostic &w : o.warnings)
        out << "  " << w.toString() << '\n';
    out.flush();
}

int runImport(Context &ctx, const QCommandLineParser &p)
{
    const QStringList files = p.positionalArguments();
    if (files.isEmpty())
        return ctx.usage(tr("firmware import needs at least one FILE."));
    library::ImportRequest base;
    base.product = p.value(QStringLiteral("product"));
    base.version = p.value(QStringLiteral("version"));
    base.component = p.value(QStringLiteral("component"));
    if (!base.component.isEmpty() && files.size() > 1)
        return ctx.usage(tr("--component names one file; import the files one at a time."));
    auto format = formatIdFor(p.value(QStringLiteral("format")));
    if (!format && p.value(QStringLiteral("format")).toLower() != QLatin1String("zip"))
        return ctx.fail(format.error());
    base.formatId = format ? *format : QStringLiteral("zip");
    auto read = readOptionsFrom(p);
    if (!read)
        return ctx.fail(read.error());
    base.baseAddress = read->baseAddress;
    base.overlaps = read->overlaps;
    auto lib = ctx.library();
    if (!lib)
        return ctx.fail(lib.error());
    QJsonArray results;
    for (const QString &file : files) {
        library::ImportRequest request = base;
        request.path = file;
        request.progress = ctx.progress(QFileInfo(file).fileName());
        Result<library::ImportOutcome> outcome = [&]() -> Result<library::ImportOutcome> {
            if (!p.isSet(QStringLiteral("auxiliary")))
                return (*lib)->importFile(request);
            auto e = (*lib)->importAuxiliary(file, request.component, request.product, request.version);
            if (!e)
                return std::unexpected(e.error());
            library::ImportOutcome o;
            o.entries.append(*e);
            return o;
        }();
        if (!outcome) {
            if (ctx.json() && !results.isEmpty())
                ctx.printJson(results);
            return ctx.fail(outcome.error());
        }
        if (ctx.json()) {
            QJsonArray entries;
            for (const auto &e : outcome->entries)
                entries.append(entryToJson(e));
            QJsonObject o{{QStringLiteral("file"), file},
                          {QStringLiteral("alreadyPresent"), outcome->alreadyPresent},
                          {QStringLiteral("entries"), entries},
                          {QStringLiteral("warnings"), diagnosticsToJson(outcome->warnings)}};
            if (outcome->bundle)
                o.insert(QStringLiteral("bundle"), bundleToJson(*outcome->bundle, false));
            results.append(o);
        } else {
            printImported(ctx, *outcome);
        }
    }
    if (ctx.json())
        ctx.printJson(results);
    return ExitOk;
}

int runList(Context &ctx, const QCommandLineParser &p)
{
    library::ListQuery q;
    q.product = p.value(QStringLiteral("product"));
    q.text = p.value(QStringLiteral("search"));
    const QString sort = p.value(QStringLiteral("sort")).toLower();
    using S = library::ListQuery::Sort;
    static const QList<std::pair<QString, S>> sorts = {{QStringLiteral("imported"), S::ImportedDesc},
                                                        {QStringLiteral("name"), S::Name},
                                                        {QStringLiteral("product"), S::Product},
                                                        {QStringLiteral("version"), S::Version},
                                                        {QStringLiteral("size"), S::Size}};
    bool known = sort.isEmpty();
    for (const auto &[name, value] : sorts) {
        if (name == sort) {
            q.sort = value;
            known = true;
        }
    }
    if (!known)
        return ctx.usage(tr("--sort: \"%1\" is not one of imported, name, product, version, size.").arg(sort));
    if (p.isSet(QStringLiteral("limit"))) {
        auto n = parseInt(p.value(QStringLiteral("limit")), QStringLiteral("limit"), 0, 1 << 30);
        if (!n)
            return ctx.fail(n.error());
        q.limit = *n;
    }
    auto lib = ctx.library();
    if (!lib)
        return ctx.fail(lib.error());
    auto entries = (*lib)->list(q);
    if (!entries)
        return ctx.fail(entries.error());
    if (ctx.json()) {
        QJsonArray a;
        for (const auto &e : *entries)
            a.append(entryToJson(e));
        ctx.printJson(a);
    } else if (entries->isEmpty()) {
        ctx.out() << tr("The library holds no matching entries.") << Qt::endl;
    } else {
        printEntryTable(ctx.out(), *entries);
        ctx.out().flush();
    }
    return ExitOk;
}

int runShow(Context &ctx, const QCommandLineParser &p)
{
    if (p.positionalArguments().size() != 1)
        return ctx.usage(tr("firmware show needs exactly one REF (an id or a SHA-256 prefix)."));
    auto lib = ctx.library();
    if (!lib)
        return ctx.fail(lib.error());
    auto e = (*lib)->find(p.positionalArguments().first());
    if (!e)
        return ctx.fail(e.error());
    if (ctx.json())
        ctx.printJson(entryToJson(*e));
    else
        printEntryDetails(ctx.out(), *e);
    return ExitOk;
}

int runInspect(Context &ctx, const QCommandLineParser &p)
{
    if (p.positionalArguments().size() != 1)
        return ctx.usage(tr("firmware inspect needs exactly one FILE."));
    const QString path = p.positionalArguments().first();
    auto format = formatIdFor(p.value(QStringLiteral("format")));
    if (!format)
        return ctx.fail(format.error());
    auto read = readOptionsFrom(p);
    if (!read)
        return ctx.fail(read.error());
    firmware::ReadOptions options = *read;
    options.progress = ctx.progress(QFileInfo(path).fileName());
    auto loaded = firmware::loadImageFile(path, options, *format);
    if (!loaded)
        return ctx.fail(loaded.error());
    const QJsonObject facts = loadedImageToJson(*loaded, QFileInfo(path).fileName());
    if (ctx.json()) {
        ctx.printJson(facts);
        return ExitOk;
    }
    QTextStream &out = ctx.out();
    out << tr("File") << ": " << path << '\n'
        << tr("Format") << ": " << loaded->format->displayName() << " (" << loaded->format->id() << ")\n"
        << tr("File size") << ": " << loaded->fileSize << '\n'
        << "SHA-256: " << hex(loaded->fileSha256) << '\n'
        << tr("Image SHA-256") << ": " << facts.value(QStringLiteral("imageSha256")).toString() << '\n'
        << tr("Image CRC-32") << ": " << facts.value(QStringLiteral("imageCrc32")).toString() << '\n'
        << tr("Entry point") << ": " << facts.value(QStringLiteral("entryPoint")).toString(tr("none")) << '\n';
    QList<firmware::AddressRange> segments;
    for (const auto &s : loaded->result.image.segments())
        segments.append({s.address, s.end()});
    printSegments(out, segments, loaded->result.overlaps);
    const QJsonObject mcuboot = facts.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("mcuboot")).toObject();
    if (!mcuboot.isEmpty())
        out << tr("MCUboot image, version") << ' ' << mcuboot.value(QStringLiteral("version")).toString() << '\n';
    for (const Diagnostic &w : loaded->result.warnings)
        out << w.toString() << '\n';
    out.flush();
    return ExitOk;
}

int runRemove(Context &ctx, const QCommandLineParser &p)
{
    if (p.positionalArguments().isEmpty())
        return ctx.usage(tr("firmware remove needs at least one REF."));
    auto lib = ctx.library();
    if (!lib)
        return ctx.fail(lib.error());
    for (const QString &ref : p.positionalArguments()) {
        auto e = (*lib)->find(ref);
        if (!e)
            return ctx.fail(e.error());
        if (auto st = (*lib)->remove(e->id); !st)
            return ctx.fail(st.error());
        if (!ctx.json())
            ctx.out() << tr("Removed entry %1 %2").arg(e->id).arg(e->name) << Qt::endl;
    }
    if (ctx.json())
        ctx.printJson(QJsonObject{{QStringLiteral("removed"), QJsonArray::fromStringList(p.positionalArguments())}});
    return ExitOk;
}
} // namespace

void registerFirmwareExportCommands(CommandLine &cli);

void registerFirmwareCommands(CommandLine &cli)
{
    cli.add({QStringLiteral("firmware"), QStringLiteral("import"),
             tr("Import firmware files or zip packages into the library."), QStringLiteral("FILE..."),
             [](QCommandLineParser &p) {
                 p.addPositionalArgument(QStringLiteral("FILE"), tr("Files to import (HEX, S-record, ELF, bin, zip)."),
                                         QStringLiteral("FILE..."));
                 p.addOptions({opt(QStringLiteral("product"), "Product the firmware is for.", "P"),
                               opt(QStringLiteral("version"), "Version (default: from the package or MCUboot header).", "V"),
                               opt(QStringLiteral("component"), "Component name (default: the file name).", "C"),
                               opt(QStringLiteral("format"), "Format: ihex, srec, elf, bin, zip (default: by content).", "F"),
                               opt(QStringLiteral("base-address"), "Load address of a raw binary.", "ADDR"),
                               opt(QStringLiteral("strict"), "Reject files that write different bytes to one address."),
                               opt(QStringLiteral("auxiliary"), "Store the files as-is as auxiliary content.")});
             },
             runImport});
    cli.add({QStringLiteral("firmware"), QStringLiteral("list"), tr("List the entries of the library."), QString(),
             [](QCommandLineParser &p) {
                 p.addOptions({opt(QStringLiteral("product"), "Only entries of this product.", "P"),
                               opt(QStringLiteral("search"), "Only entries whose name, product, version, component or "
                                                             "SHA-256 contains TEXT.", "TEXT"),
                               opt(QStringLiteral("sort"), "Order: imported (default), name, product, version, size.", "KEY"),
                               opt(QStringLiteral("limit"), "At most N entries.", "N")});
             },
             runList});
    cli.add({QStringLiteral("firmware"), QStringLiteral("show"), tr("Show one entry: memory map, digests, MCUboot, warnings."),
             QStringLiteral("REF"),
             [](QCommandLineParser &p) {
                 p.addPositionalArgument(QStringLiteral("REF"), tr("Entry id or SHA-256 prefix (6+ hex digits)."));
             },
             runShow});
    cli.add({QStringLiteral("firmware"), QStringLiteral("inspect"), tr("Parse a file and show it, without importing it."),
             QStringLiteral("FILE"),
             [](QCommandLineParser &p) {
                 p.addPositionalArgument(QStringLiteral("FILE"), tr("Firmware file."));
                 p.addOptions({opt(QStringLiteral("format"), "Format (default: by content).", "F"),
                               opt(QStringLiteral("base-address"), "Load address of a raw binary.", "ADDR"),
                               opt(QStringLiteral("strict"), "Reject files that write different bytes to one address.")});
             },
             runInspect});
    cli.add({QStringLiteral("firmware"), QStringLiteral("remove"), tr("Remove entries (and unused stored files)."),
             QStringLiteral("REF..."),
             [](QCommandLineParser &p) {
                 p.addPositionalArgument(QStringLiteral("REF"), tr("Entry ids or SHA-256 prefixes."), QStringLiteral("REF..."));
             },
             runRemove});
    registerFirmwareExportCommands(cli);
}

} // namespace otadesk::cli
