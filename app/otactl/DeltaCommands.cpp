// otactl delta create | apply | info: delta patches between two raw firmware images (core/delta, docs/delta.md).
#include "app/otactl/DeltaCommands.h"

#include "app/otactl/Arguments.h"
#include "app/otactl/CommandLine.h"
#include "app/otactl/Output.h"
#include "core/delta/ChunkTree.h"
#include "core/delta/DeltaApplier.h"
#include "core/delta/DeltaEncoder.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QSaveFile>

namespace otadesk::cli {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("otactl", text); }

QCommandLineOption opt(const QString &name, const char *description, const char *valueName = nullptr)
{
    return valueName ? QCommandLineOption(name, tr(description), tr(valueName))
                     : QCommandLineOption(name, tr(description));
}

QCommandLineOption outputOption(const char *description, const char *valueName)
{
    return QCommandLineOption({QStringLiteral("o"), QStringLiteral("output")}, tr(description), tr(valueName));
}

Result<QByteArray> readWhole(const QString &path)
{
    QFile f(path);
    if (!f.exists())
        return fail(ErrorCode::NotFound, tr("%1 does not exist.").arg(path));
    if (!f.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, tr("Cannot read %1: %2").arg(path, f.errorString()));
    if (f.size() > qint64(OTAD_MAX_IMAGE) + OTAD_HEADER_SIZE)
        return fail(ErrorCode::Unsupported, tr("%1 is larger than 1 GiB, the limit of delta patches.").arg(path));
    return f.readAll();
}

// Atomic: the file appears (or is replaced) only when everything was written.
Status writeWhole(const QString &path, const QByteArray &data)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit())
        return fail(ErrorCode::Io, tr("Cannot write %1: %2").arg(path, f.errorString()));
    return {};
}

QJsonObject infoToJson(const delta::DeltaInfo &i)
{
    return QJsonObject{
        {QStringLiteral("version"), int(i.header.version)},
        {QStringLiteral("profile"), i.profileName()},
        {QStringLiteral("mode"), i.modeName()},
        {QStringLiteral("pointerPrediction"),
         i.header.mode == OTAD_MODE_THUMB2 && !(i.header.flags & OTAD_FLAG_NO_POINTERS)},
        {QStringLiteral("baseSize"), qint64(i.header.base_size)},
        {QStringLiteral("baseSha256"), hex(i.baseSha256)},
        {QStringLiteral("targetSize"), qint64(i.header.target_size)},
        {QStringLiteral("targetSha256"), hex(i.targetSha256)},
        {QStringLiteral("oldBaseAddress"), qint64(i.header.old_base_address)},
        {QStringLiteral("newBaseAddress"), qint64(i.header.new_base_address)},
        {QStringLiteral("mapEntries"), qint64(i.header.map_entries)},
        {QStringLiteral("patchSize"), i.patchSize},
        {QStringLiteral("payloadSize"), qint64(i.header.payload_size)},
        {QStringLiteral("chunkSize"), qint64(i.header.chunk_size)},
        {QStringLiteral("chunkCount"), qint64(i.chunkCount)},
        {QStringLiteral("chunkRoot"), hex(i.chunkRoot)},
        {QStringLiteral("headerSha256"), hex(i.headerSha256)},
    };
}

void printInfo(QTextStream &out, const delta::DeltaInfo &i)
{
    const auto address = [](quint32 a) { return QStringLiteral("0x%1").arg(a, 8, 16, QLatin1Char('0')); };
    QString mode = i.modeName();
    if (i.header.mode == OTAD_MODE_THUMB2)
        mode += (i.header.flags & OTAD_FLAG_NO_POINTERS)
                    ? tr(" (branches; no pointers: load address unknown)")
                    : tr(" (branches and pointers, load address %1 -> %2)")
                          .arg(address(i.header.old_base_address), address(i.header.new_base_address));
    // Key/value lines, not printTable: digests must not be shortened to the terminal width.
    const QList<QStringList> rows = {{tr("Format"), tr("OTA Desk delta, version %1, decoder profile %2").arg(i.header.version).arg(i.profileName())},
                {tr("Mode"), mode},
                {tr("Base image"), tr("%1 bytes, SHA-256 %2").arg(i.header.base_size).arg(hex(i.baseSha256))},
                {tr("Target image"), tr("%1 bytes, SHA-256 %2").arg(i.header.target_size).arg(hex(i.targetSha256))},
                {tr("Patch"), tr("%1 bytes (%2 header + %3 payload)").arg(i.patchSize).arg(OTAD_HEADER_SIZE).arg(i.header.payload_size)},
                {tr("Streams"), tr("displacement map (%1 entries), then ops in target order: seek/copy/extra lengths, "
                                   "diff bytes, literals; one range coder").arg(i.header.map_entries)},
                {tr("Chunks"), tr("%1 of %2 bytes").arg(i.chunkCount).arg(i.header.chunk_size)},
                {tr("Chunk root"), hex(i.chunkRoot)},
                {tr("Header SHA-256"), hex(i.headerSha256)}};
    qsizetype width = 0;
    for (const QStringList &row : rows)
        width = qMax(width, row[0].size());
    for (const QStringList &row : rows)
        out << row[0].leftJustified(width + 2) << row[1] << '\n';
}

Result<std::optional<quint32>> baseOption(const QCommandLineParser &p, const QString &name)
{
    if (!p.isSet(name))
        return std::optional<quint32>();
    auto v = parseAddress(p.value(name), QStringLiteral("--") + name);
    if (!v)
        return std::unexpected(v.error());
    if (*v > 0xFFFFFFFFull)
        return fail(ErrorCode::InvalidArgument, tr("--%1 must be a 32-bit address.").arg(name));
    return std::optional<quint32>(quint32(*v));
}

int runCreate(Context &ctx, const QCommandLineParser &p)
{
    const QStringList args = p.positionalArguments();
    if (args.size() != 2 || !p.isSet(QStringLiteral("output")))
        return ctx.usage(tr("delta create needs OLD and NEW and -o PATCH."));
    delta::DeltaOptions options;
    const auto arch = delta::DeltaEncoder::archFromName(p.value(QStringLiteral("arch")));
    if (!arch)
        return ctx.usage(tr("Unknown --arch \"%1\"; use auto, thumb2 or generic.").arg(p.value(QStringLiteral("arch"))));
    options.arch = *arch;
    if (p.isSet(QStringLiteral("chunk-size"))) {
        auto chunk = parseInt(p.value(QStringLiteral("chunk-size")), QStringLiteral("--chunk-size"), int(OTAD_MIN_CHUNK),
                              int(OTAD_MAX_CHUNK));
        if (!chunk)
            return ctx.fail(chunk.error());
        options.chunkSize = quint32(*chunk);
    }
    auto oldBase = baseOption(p, QStringLiteral("old-base"));
    auto newBase = baseOption(p, QStringLiteral("new-base"));
    if (!oldBase || !newBase)
        return ctx.fail(!oldBase ? oldBase.error() : newBase.error());
    options.oldBase = *oldBase;
    options.newBase = *newBase;
    auto oldImage = readWhole(args[0]);
    if (!oldImage)
        return ctx.fail(oldImage.error());
    auto newImage = readWhole(args[1]);
    if (!newImage)
        return ctx.fail(newImage.error());
    QElapsedTimer timer;
    timer.start();
    auto created = delta::DeltaEncoder::create(*oldImage, *newImage, options);
    if (!created)
        return ctx.fail(created.error());
    const qint64 ms = timer.elapsed();
    const QString output = p.value(QStringLiteral("output"));
    if (auto s = writeWhole(output, created->patch); !s)
        return ctx.fail(s.error());
    if (ctx.json()) {
        QJsonObject o = infoToJson(created->info);
        o.insert(QStringLiteral("output"), output);
        o.insert(QStringLiteral("thumb2Size"), created->thumb2Size);
        o.insert(QStringLiteral("genericSize"), created->genericSize);
        o.insert(QStringLiteral("encodeMs"), ms);
        ctx.printJson(o);
        return ExitOk;
    }
    QTextStream &out = ctx.out();
    out << tr("Wrote %1: %2 bytes, %3 % of the new image (%4 mode, verified by decoding), %5 ms")
               .arg(output)
               .arg(created->patch.size())
               .arg(newImage->isEmpty() ? 0.0 : 100.0 * double(created->patch.size()) / double(newImage->size()), 0, 'f', 1)
               .arg(created->info.modeName())
               .arg(ms)
        << '\n';
    if (created->thumb2Size >= 0 && created->genericSize >= 0)
        out << tr("  candidates: thumb2 %1 bytes, generic %2 bytes").arg(created->thumb2Size).arg(created->genericSize)
            << '\n';
    out << tr("  %1 chunks of %2 bytes, root %3").arg(created->info.chunkCount).arg(created->info.header.chunk_size)
               .arg(hex(created->info.chunkRoot))
        << '\n';
    out.flush();
    return ExitOk;
}

int runApply(Context &ctx, const QCommandLineParser &p)
{
    const QStringList args = p.positionalArguments();
    if (args.size() != 2 || !p.isSet(QStringLiteral("output")))
        return ctx.usage(tr("delta apply needs OLD and PATCH and -o NEW."));
    auto oldImage = readWhole(args[0]);
    if (!oldImage)
        return ctx.fail(oldImage.error());
    auto patch = readWhole(args[1]);
    if (!patch)
        return ctx.fail(patch.error());
    auto info = delta::DeltaInfo::parse(*patch);
    if (!info)
        return ctx.fail(info.error().withFile(args[1]));
    auto result = delta::DeltaApplier::apply(*oldImage, *patch); // base digest first, target digest at the end
    if (!result) {
        Error e = result.error();
        return ctx.fail(e.withFile(e.code() == ErrorCode::Checksum && e.message().contains(QLatin1String("base"))
                                       ? args[0]
                                       : args[1]));
    }
    const QString output = p.value(QStringLiteral("output"));
    if (auto s = writeWhole(output, *result); !s)
        return ctx.fail(s.error());
    if (ctx.json())
        ctx.printJson(QJsonObject{{QStringLiteral("output"), output},
                                  {QStringLiteral("size"), result->size()},
                                  {QStringLiteral("sha256"), hex(info->targetSha256)}});
    else
        ctx.out() << tr("Wrote %1: %2 bytes, SHA-256 %3 (matches the patch's target)")
                         .arg(output)
                         .arg(result->size())
                         .arg(hex(info->targetSha256))
                  << Qt::endl;
    return ExitOk;
}

int runInfo(Context &ctx, const QCommandLineParser &p)
{
    const QStringList args = p.positionalArguments();
    if (args.size() != 1)
        return ctx.usage(tr("delta info needs one PATCH."));
    auto patch = readWhole(args[0]);
    if (!patch)
        return ctx.fail(patch.error());
    auto info = delta::DeltaInfo::parse(*patch);
    if (!info)
        return ctx.fail(info.error().withFile(args[0]));
    // The chunk root must match the payload: a damaged download is reported here already.
    const delta::ChunkTree tree(QByteArrayView(*patch).sliced(OTAD_HEADER_SIZE), info->header.chunk_size);
    const bool intact = tree.root() == info->chunkRoot;
    if (ctx.json()) {
        QJsonObject o = infoToJson(*info);
        o.insert(QStringLiteral("chunksIntact"), intact);
        ctx.printJson(o);
    } else {
        printInfo(ctx.out(), *info);
        ctx.out().flush();
    }
    if (!intact)
        return ctx.fail(Error(ErrorCode::Checksum,
                              tr("The payload does not match the chunk root in the header; the patch is corrupt."))
                            .withFile(args[0]));
    return ExitOk;
}

} // namespace

void registerDeltaCommands(CommandLine &cli)
{
    cli.setGroupHelp(QStringLiteral("delta"),
                     tr("Delta patches between two raw firmware images (.bin): create, apply, info. Thumb-2 "
                        "firmware (Cortex-M) gets branch and pointer prediction; the patch is verified by decoding "
                        "before it is written. Format: docs/delta.md."));
    cli.add({QStringLiteral("delta"), QStringLiteral("create"), tr("Create a delta patch from OLD to NEW."),
             QStringLiteral("OLD NEW -o PATCH"),
             [](QCommandLineParser &p) {
                 p.addPositionalArgument(QStringLiteral("OLD"), tr("The image devices run now (raw binary)."));
                 p.addPositionalArgument(QStringLiteral("NEW"), tr("The image to update to (raw binary)."));
                 p.addOptions({outputOption("Write the patch to PATCH.", "PATCH"),
                               opt(QStringLiteral("arch"), "thumb2, generic or auto (default: both, keep the smaller).", "ARCH"),
                               opt(QStringLiteral("chunk-size"), "Transport chunk size in bytes (default 4096).", "N"),
                               opt(QStringLiteral("old-base"), "Load address of OLD (default: inferred from the vector table).", "ADDR"),
                               opt(QStringLiteral("new-base"), "Load address of NEW (default: inferred).", "ADDR")});
             },
             runCreate});
    cli.add({QStringLiteral("delta"), QStringLiteral("apply"),
             tr("Apply PATCH to OLD; checks the base digest first and the target digest at the end."),
             QStringLiteral("OLD PATCH -o NEW"),
             [](QCommandLineParser &p) {
                 p.addPositionalArgument(QStringLiteral("OLD"), tr("The base image the patch was made for."));
                 p.addPositionalArgument(QStringLiteral("PATCH"), tr("The delta patch."));
                 p.addOption(outputOption("Write the new image to NEW (atomically).", "NEW"));
             },
             runApply});
    cli.add({QStringLiteral("delta"), QStringLiteral("info"),
             tr("Show a patch's header: images, mode, streams, chunk count and root."), QStringLiteral("PATCH"),
             [](QCommandLineParser &p) { p.addPositionalArgument(QStringLiteral("PATCH"), tr("The delta patch.")); },
             runInfo});
}

} // namespace otadesk::cli
