// otactl firmware export (library entry -> file) and firmware convert (file -> file, no library).
#include "app/otactl/Arguments.h"
#include "core/crypto/Digest.h"
#include "app/otactl/CommandLine.h"
#include "app/otactl/Output.h"

#include <QFile>
#include <QFileInfo>

namespace otadesk::cli {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("otactl", text); }

QList<QCommandLineOption> writeOptions()
{
    return {{QStringLiteral("bytes-per-record"), tr("Data bytes per HEX / S-record record (default 32)."), tr("N")},
            {QStringLiteral("fill"), tr("Byte for gaps in a binary, in hex (default FF)."), tr("HH")},
            {QStringLiteral("range"), tr("Only the addresses START-END (END exclusive) or START+SIZE."), tr("RANGE")}};
}

struct WriteRequest
{
    QString formatId;
    firmware::WriteOptions options;
    std::optional<firmware::AddressRange> range;
};

Result<WriteRequest> writeRequest(const QCommandLineParser &p, const QString &formatOption, const QString &outPath)
{
    WriteRequest w;
    auto format = p.isSet(formatOption) ? formatIdFor(p.value(formatOption)) : formatIdFromFileName(outPath);
    if (!format)
        return std::unexpected(format.error());
    w.formatId = *format;
    if (p.isSet(QStringLiteral("bytes-per-record"))) {
        auto n = parseInt(p.value(QStringLiteral("bytes-per-record")), QStringLiteral("bytes-per-record"), 1, 255);
        if (!n)
            return std::unexpected(n.error());
        w.options.bytesPerRecord = *n;
    }
    if (p.isSet(QStringLiteral("fill"))) {
        auto b = parseByte(p.value(QStringLiteral("fill")), QStringLiteral("fill"));
        if (!b)
            return std::unexpected(b.error());
        w.options.fill = *b;
    }
    if (p.isSet(QStringLiteral("range"))) {
        auto r = parseRange(p.value(QStringLiteral("range")));
        if (!r)
            return std::unexpected(r.error());
        w.range = *r;
    }
    return w;
}

Status writeImage(firmware::MemoryImage image, const QString &path, const WriteRequest &w)
{
    if (w.range) {
        image = image.slice(*w.range);
        if (image.isEmpty())
            return fail(ErrorCode::InvalidArgument,
                        tr("The image has no data in %1.").arg(firmware::formatRange(*w.range)));
    }
    return firmware::saveImageFile(image, path, w.formatId, w.options);
}

int reportWritten(Context &ctx, const QString &path, const QString &formatId)
{
    QFile f(path);
    const QByteArray sha = f.open(QIODevice::ReadOnly) ? crypto::sha256(f.readAll())
                                                        : QByteArray();
    if (ctx.json())
        ctx.printJson(QJsonObject{{QStringLiteral("file"), path},
                                  {QStringLiteral("format"), formatId},
                                  {QStringLiteral("size"), f.size()},
                                  {QStringLiteral("sha256"), hex(sha)}});
    else
        ctx.out() << tr("Wrote %1 (%2, %3 bytes, SHA-256 %4)").arg(path, formatId).arg(f.size()).arg(hex(sha))
                  << Qt::endl;
    return ExitOk;
}

int runExport(Context &ctx, const QCommandLineParser &p)
{
    if (p.positionalArguments().size() != 2)
        return ctx.usage(tr("firmware export needs REF and OUT."));
    const QString out = p.positionalArguments().at(1);
    auto lib = ctx.library();
    if (!lib)
        return ctx.fail(lib.error());
    auto e = (*lib)->find(p.positionalArguments().first());
    if (!e)
        return ctx.fail(e.error());
    if (p.value(QStringLiteral("format")) == QLatin1String("original") || e->kind == library::EntryKind::Auxiliary) {
        if (auto st = (*lib)->exportEntry(*e, out, {}); !st)
            return ctx.fail(st.error());
        return reportWritten(ctx, out, e->format.isEmpty() ? QStringLiteral("original") : e->format);
    }
    auto w = writeRequest(p, QStringLiteral("format"), out);
    if (!w)
        return ctx.fail(w.error());
    auto loaded = (*lib)->loadImage(*e);
    if (!loaded)
        return ctx.fail(loaded.error());
    if (auto st = writeImage(loaded->result.image, out, *w); !st)
        return ctx.fail(st.error());
    return reportWritten(ctx, out, w->formatId);
}

int runConvert(Context &ctx, const QCommandLineParser &p)
{
    if (p.positionalArguments().size() != 2)
        return ctx.usage(tr("firmware convert needs IN and OUT."));
    const QString in = p.positionalArguments().at(0);
    const QString out = p.positionalArguments().at(1);
    auto from = formatIdFor(p.value(QStringLiteral("from")));
    if (!from)
        return ctx.fail(from.error());
    auto w = writeRequest(p, QStringLiteral("to"), out);
    if (!w)
        return ctx.fail(w.error());
    auto read = readOptionsFrom(p);
    if (!read)
        return ctx.fail(read.error());
    firmware::ReadOptions options = *read;
    options.progress = ctx.progress(QFileInfo(in).fileName());
    options.fileDigest = false; // the input's digest is not reported by convert
    auto loaded = firmware::loadImageFile(in, options, *from);
    if (!loaded)
        return ctx.fail(loaded.error());
    if (!ctx.json()) {
        for (const Diagnostic &d : loaded->result.warnings)
            ctx.err() << "otactl: " << d.toString() << Qt::endl;
    }
    if (auto st = writeImage(loaded->result.image, out, *w); !st)
        return ctx.fail(st.error());
    return reportWritten(ctx, out, w->formatId);
}
} // namespace

void registerFirmwareExportCommands(CommandLine &cli)
{
    cli.add({QStringLiteral("firmware"), QStringLiteral("export"),
             tr("Write a library entry to a file (format from --format or OUT's extension)."), QStringLiteral("REF OUT"),
             [](QCommandLineParser &p) {
                 p.addPositionalArgument(QStringLiteral("REF"), tr("Entry id or SHA-256 prefix."));
                 p.addPositionalArgument(QStringLiteral("OUT"), tr("Output file."));
                 p.addOption({QStringLiteral("format"), tr("hex, srec, bin, elf, or original (the file as imported)."),
                              tr("F")});
                 p.addOptions(writeOptions());
             },
             runExport});
    cli.add({QStringLiteral("firmware"), QStringLiteral("convert"),
             tr("Convert a firmware file to another format (no library needed)."), QStringLiteral("IN OUT"),
             [](QCommandLineParser &p) {
                 p.addPositionalArgument(QStringLiteral("IN"), tr("Input file."));
                 p.addPositionalArgument(QStringLiteral("OUT"), tr("Output file."));
                 p.addOption({QStringLiteral("from"), tr("Input format (default: by content)."), tr("F")});
                 p.addOption({QStringLiteral("to"), tr("Output format (default: from OUT's extension)."), tr("F")});
                 p.addOption({QStringLiteral("base-address"), tr("Load address of a raw binary input."), tr("ADDR")});
                 p.addOption({QStringLiteral("strict"), tr("Reject inputs that write different bytes to one address.")});
                 p.addOptions(writeOptions());
             },
             runConvert});
}

} // namespace otadesk::cli
