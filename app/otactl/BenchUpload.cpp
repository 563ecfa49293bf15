// otactl bench upload FILE | --entry REF: the whole bench update (BenchFlasher): upload, verify the hash,
// test, reset, wait, verify the new image runs, confirm. Phases and progress go to stderr; the result to
// stdout (text or --json). Exit codes: docs/bench.md.
#include "app/otactl/Arguments.h"
#include "app/otactl/BenchCommands.h"
#include "app/otactl/Output.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <cstdio>
#include <unistd.h>

namespace otadesk::cli::bench {

namespace {

Result<BenchImage> loadImage(Context &ctx, const QCommandLineParser &parser)
{
    const QStringList args = parser.positionalArguments();
    const bool entry = parser.isSet(QStringLiteral("entry"));
    if (args.size() + (entry ? 1 : 0) != 1)
        return fail(ErrorCode::InvalidArgument, tr("Give one firmware file or --entry REF (a library entry)."));
    const QString format = parser.value(QStringLiteral("format"));
    if (entry) {
        auto lib = ctx.library();
        if (!lib)
            return std::unexpected(lib.error());
        auto e = (*lib)->find(parser.value(QStringLiteral("entry")));
        if (!e)
            return std::unexpected(e.error());
        auto content = (*lib)->fileContent(*e);
        if (!content)
            return std::unexpected(content.error());
        return BenchImage::fromData(*content, e->name, format.isEmpty() ? e->format : format);
    }
    if (!QFileInfo::exists(args.first()))
        return fail(ErrorCode::NotFound, tr("%1: no such file.").arg(args.first()));
    QString formatId;
    if (!format.isEmpty()) {
        auto id = formatIdFor(format);
        if (!id)
            return std::unexpected(id.error());
        formatId = *id;
    }
    return BenchImage::fromFile(args.first(), formatId);
}

Result<FlashOptions> flashOptions(const QCommandLineParser &parser)
{
    FlashOptions o;
    o.uploadOnly = parser.isSet(QStringLiteral("upload-only"));
    struct IntOption { const char *name; int *target; int min; int max; int scale; };
    const IntOption options[] = {
        {"timeout", &o.requestTimeoutMs, 10, 600000, 1},
        {"erase-timeout", &o.firstChunkTimeoutMs, 1, 3600, 1000},
        {"chunk-timeout", &o.chunkTimeoutMs, 10, 600000, 1},
        {"reboot-timeout", &o.rebootTimeoutMs, 1, 3600, 1000},
        {"image", &o.image, 0, 255, 1},
        {"window", &o.maxWindow, 1, 32, 1},
        {"max-packet", &o.maxPacket, 64, 65535, 1},
    };
    for (const IntOption &opt : options) {
        const QString name = QString::fromLatin1(opt.name);
        if (!parser.isSet(name))
            continue;
        auto v = parseInt(parser.value(name), QStringLiteral("--") + name, opt.min, opt.max);
        if (!v)
            return std::unexpected(v.error());
        *opt.target = *v * opt.scale;
    }
    return o;
}

QJsonObject outcomeToJson(const BenchOutcome &o, const BenchImage &image)
{
    QJsonObject j{{QStringLiteral("ok"), o.ok},
                  {QStringLiteral("summary"), o.summary},
                  {QStringLiteral("image"), QJsonObject{{QStringLiteral("name"), image.name},
                                                        {QStringLiteral("version"), image.version},
                                                        {QStringLiteral("hash"), QString::fromLatin1(image.hash.toHex())},
                                                        {QStringLiteral("size"), image.bytes.size()}}},
                  {QStringLiteral("uploadedBytes"), o.uploadedBytes},
                  {QStringLiteral("uploadSeconds"), o.uploadSeconds},
                  {QStringLiteral("bytesPerSecond"), o.uploadSeconds > 0 ? o.uploadedBytes / o.uploadSeconds : 0.0},
                  {QStringLiteral("resumes"), o.resumes},
                  {QStringLiteral("uploadSkipped"), o.uploadSkipped}};
    if (!o.ok) {
        j.insert(QStringLiteral("failure"), failureName(o.failure));
        j.insert(QStringLiteral("error"), o.error.message());
    } else if (!o.hash.isEmpty()) {
        j.insert(QStringLiteral("running"), QJsonObject{{QStringLiteral("version"), o.version},
                                                         {QStringLiteral("hash"), QString::fromLatin1(o.hash.toHex())}});
    }
    return j;
}

int runUpload(Context &ctx, const QCommandLineParser &parser)
{
    auto options = flashOptions(parser);
    if (!options)
        return ctx.usage(options.error().message());
    auto image = loadImage(ctx, parser);
    if (!image) {
        if (image.error().code() == ErrorCode::InvalidArgument)
            return ctx.usage(image.error().message());
        return image.error().code() == ErrorCode::NotFound || image.error().code() == ErrorCode::Io
            ? ctx.fail(image.error())
            : failWith(ctx, BenchFailure::BadImage, image.error());
    }
    auto c = openDevice(parser);
    if (!c)
        return c.error().code() == ErrorCode::InvalidArgument ? ctx.usage(c.error().message())
                                                               : failWith(ctx, BenchFailure::Unreachable, c.error());
    c->client.reset(); // the flasher has its own client
    BenchFlasher flasher(c->transport.get());
    flasher.setImage(*image);
    flasher.setOptions(*options);

    QTextStream &err = ctx.err();
    const bool tty = isatty(fileno(stderr));
    err << tr("Image %1: version %2, %3 bytes, hash %4")
               .arg(image->name, image->version)
               .arg(image->bytes.size())
               .arg(QString::fromLatin1(image->hash.toHex()))
        << '\n';
    QObject::connect(&flasher, &BenchFlasher::phaseChanged, [&err, tty](BenchPhase, const QString &text) {
        err << (tty ? "\r\033[K" : "") << "* " << text << '\n';
        err.flush();
    });
    QObject::connect(&flasher, &BenchFlasher::message, [&err, tty](const QString &text) {
        err << (tty ? "\r\033[K" : "") << "  " << text << '\n';
        err.flush();
    });
    auto lastStep = std::make_shared<int>(-1);
    QObject::connect(&flasher, &BenchFlasher::progress,
                     [&err, tty, lastStep](qint64 bytes, qint64 total, double speed, double eta) {
                         const int percent = total > 0 ? int(bytes * 100 / total) : 100;
                         const int step = tty ? percent : percent / 25; // a few lines when not a terminal
                         if (step == *lastStep)
                             return;
                         *lastStep = step;
                         const QString line = tr("  %1% %2 / %3, %4/s, ETA %5 s")
                                                  .arg(percent)
                                                  .arg(humanSize(bytes), humanSize(total), humanSize(qint64(speed)))
                                                  .arg(eta >= 0 ? QString::number(qRound(eta)) : QStringLiteral("?"));
                         err << (tty ? "\r\033[K" : "") << line << (tty ? "" : "\n");
                         err.flush();
                     });
    std::optional<BenchOutcome> outcome;
    QObject::connect(&flasher, &BenchFlasher::finished, [&outcome](const BenchOutcome &o) { outcome = o; });
    flasher.start();
    waitUntil([&outcome] { return outcome.has_value(); }, [&flasher] { flasher.cancel(); });
    if (ctx.json())
        ctx.printJson(outcomeToJson(*outcome, *image));
    if (!outcome->ok)
        return failWith(ctx, outcome->failure, outcome->error);
    if (!ctx.json()) {
        ctx.out() << outcome->summary << '\n';
        if (outcome->uploadSeconds > 0)
            ctx.out() << tr("Uploaded %1 in %2 s (%3/s, %4 resumes).")
                             .arg(humanSize(outcome->uploadedBytes))
                             .arg(outcome->uploadSeconds, 0, 'f', 1)
                             .arg(humanSize(qint64(outcome->uploadedBytes / outcome->uploadSeconds)))
                             .arg(outcome->resumes)
                      << '\n';
    }
    return ExitOk;
}

} // namespace

void registerUpload(CommandLine &cli)
{
    cli.add({QStringLiteral("bench"), QStringLiteral("upload"),
             tr("Flash an MCUboot image: upload, verify, test, reset, verify it runs, confirm."),
             tr("FILE"),
             [](QCommandLineParser &p) {
                 addDeviceOptions(p);
                 p.addOption({QStringLiteral("entry"), tr("Upload a firmware library entry (id or name) instead of a "
                                                          "file."), tr("REF")});
                 p.addOption({QStringLiteral("format"), tr("Input format (bin, ihex, srec, elf); default: detected."),
                              tr("FORMAT")});
                 p.addOption({QStringLiteral("upload-only"), tr("Only upload and check the hash; do not test, reset "
                                                                "or confirm.")});
                 p.addOption({QStringLiteral("image"), tr("Image number on multi-image devices (default 0)."), tr("N")});
                 p.addOption({QStringLiteral("erase-timeout"), tr("Seconds the device may take to erase the slot "
                                                                  "before the first chunk (default 30)."), tr("S")});
                 p.addOption({QStringLiteral("chunk-timeout"), tr("Milliseconds to wait for each chunk (default "
                                                                  "5000)."), tr("MS")});
                 p.addOption({QStringLiteral("reboot-timeout"), tr("Seconds to wait for the device after the reset "
                                                                   "(default 60)."), tr("S")});
                 p.addOption({QStringLiteral("window"), tr("Chunks in flight at most (default 4, also limited by "
                                                           "the device's buffer count)."), tr("N")});
                 p.addOption({QStringLiteral("max-packet"), tr("Largest SMP packet in bytes (default: the device's "
                                                               "buffer size)."), tr("N")});
             },
             runUpload});
}

} // namespace otadesk::cli::bench
