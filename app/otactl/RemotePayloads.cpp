// otactl remote payload upload|list|show|download|remove: firmware payloads on the server, uploaded in
// resumable parts (client::UploadJob) and downloaded with Range resume and a SHA-256 check
// (client::DownloadJob).
#include "app/otactl/Output.h"
#include "app/otactl/RemoteCommands.h"
#include "app/otactl/RemoteSession.h"
#include "core/client/DownloadJob.h"
#include "core/client/UploadJob.h"

#include <QDir>
#include <QFileInfo>

namespace otadesk::cli {

using namespace remote;

namespace {

void printPayload(Context &ctx, const client::Payload &p)
{
    QTextStream &out = ctx.out();
    out << tr("Payload:    %1").arg(p.id) << '\n'
        << tr("Name:       %1").arg(p.name) << '\n'
        << tr("Size:       %1 bytes (%2)").arg(p.size).arg(humanSize(p.size)) << '\n'
        << tr("SHA-256:    %1").arg(p.sha256) << '\n'
        << tr("Created:    %1 by %2").arg(timeText(p.createdAt), p.createdBy) << '\n';
}

int upload(Session &s, const QCommandLineParser &p, const QStringList &args)
{
    Context &ctx = s.ctx();
    if (args.size() != 2)
        return ctx.usage(tr("remote payload upload needs exactly one FILE."));
    const QString path = args.at(1);
    if (!QFileInfo(path).isFile())
        return ctx.fail(
            Error(ErrorCode::NotFound, tr("%1 is not a file.").arg(QDir::toNativeSeparators(path))));
    client::UploadJob job(&s.client(), path, p.value(QStringLiteral("name")));
    if (p.isSet(QStringLiteral("resume"))) {
        job.resumeUpload(p.value(QStringLiteral("resume")));
    }
    const auto report = progressPrinter(ctx, tr("Uploading %1").arg(QFileInfo(path).fileName()));
    QObject::connect(&job, &client::UploadJob::progress, &job, report);
    QObject::connect(
        &job, &client::UploadJob::resuming, &job, [&ctx](qint64 at, const client::ApiError &why) {
            ctx.err() << '\n'
                      << tr("otactl: %1 - continuing at byte %2").arg(why.toString()).arg(at) << Qt::endl;
        });
    job.start();
    s.waitFor(
        &job, SIGNAL(finished()), [&job] { return job.isFinished(); }, [&job] { job.cancel(false); });
    if (!job.ok()) {
        if (job.error().kind() != client::ApiError::Kind::Cancelled || job.uploadId().isEmpty())
            return s.fail(job.error());
        ctx.err() << tr("otactl: upload %1 interrupted after %2 of %3 bytes; continue it with\n"
                        "  otactl remote payload upload %4 --resume %1")
                         .arg(job.uploadId())
                         .arg(job.bytesSent())
                         .arg(job.totalBytes())
                         .arg(path)
                  << Qt::endl;
        return ExitCancelled;
    }
    if (ctx.json()) {
        QJsonObject o = job.payload().json;
        o.insert(QStringLiteral("upload_id"), job.uploadId());
        o.insert(QStringLiteral("existing"), job.reusedExisting());
        ctx.printJson(o);
        return ExitOk;
    }
    printPayload(ctx, job.payload());
    if (job.reusedExisting())
        ctx.out() << tr("The server had this content already; no new payload was created.") << '\n';
    return ExitOk;
}

int list(Session &s, const QCommandLineParser &p)
{
    auto query = listQueryFrom(p);
    if (!query)
        return s.ctx().usage(query.error().message());
    std::unique_ptr<client::ApiCall> call;
    if (int rc = s.run(s.client().listPayloads(*query), &call))
        return rc;
    if (s.ctx().json()) {
        s.ctx().printJson(call->object());
        return ExitOk;
    }
    const auto page = client::Page<client::Payload>::fromJson(call->object());
    QList<QStringList> rows;
    for (const auto &e : page.items)
        rows.append({QString::number(e.id), e.name, QString::number(e.size), e.sha256.left(16),
                     timeText(e.createdAt), e.createdBy});
    printTable(s.ctx().out(), {tr("ID"), tr("NAME"), tr("SIZE"), tr("SHA-256"), tr("CREATED"), tr("BY")},
               rows);
    s.ctx().out()
        << tr("%1 of %2 payloads (offset %3)").arg(page.items.size()).arg(page.total).arg(page.offset)
        << '\n';
    return ExitOk;
}

int show(Session &s, const QStringList &args)
{
    if (args.size() != 2)
        return s.ctx().usage(tr("remote payload show needs one ID."));
    auto id = parseId(args.at(1), tr("payload"));
    if (!id)
        return s.ctx().usage(id.error().message());
    std::unique_ptr<client::ApiCall> call;
    if (int rc = s.run(s.client().payload(*id), &call))
        return rc;
    if (s.ctx().json())
        s.ctx().printJson(call->object());
    else
        printPayload(s.ctx(), client::Payload::fromJson(call->object()));
    return ExitOk;
}

int download(Session &s, const QCommandLineParser &p, const QStringList &args)
{
    Context &ctx = s.ctx();
    if (args.size() != 3)
        return ctx.usage(tr("remote payload download needs an ID and a FILE."));
    auto id = parseId(args.at(1), tr("payload"));
    if (!id)
        return ctx.usage(id.error().message());
    client::DownloadJob job(&s.client(), *id, args.at(2));
    job.setOverwrite(p.isSet(QStringLiteral("force")));
    QObject::connect(&job, &client::DownloadJob::progress, &job,
                     progressPrinter(ctx, tr("Downloading payload %1").arg(*id)));
    QObject::connect(
        &job, &client::DownloadJob::resuming, &job, [&ctx](qint64 at, const client::ApiError &why) {
            ctx.err() << '\n'
                      << tr("otactl: %1 - continuing at byte %2").arg(why.toString()).arg(at) << Qt::endl;
        });
    job.start();
    s.waitFor(
        &job, SIGNAL(finished()), [&job] { return job.isFinished(); }, [&job] { job.cancel(); });
    if (!job.ok()) {
        if (job.error().kind() == client::ApiError::Kind::Cancelled)
            ctx.err()
                << tr("otactl: download interrupted; %1 keeps the %2 bytes received, run the same command "
                      "again to continue.")
                       .arg(QDir::toNativeSeparators(job.partFilePath()))
                       .arg(job.bytesReceived())
                << Qt::endl;
        return s.fail(job.error());
    }
    const client::Payload &pl = job.payload();
    if (ctx.json()) {
        ctx.printJson(QJsonObject{{QStringLiteral("payload_id"), pl.id},
                                  {QStringLiteral("file"), QFileInfo(args.at(2)).absoluteFilePath()},
                                  {QStringLiteral("size"), pl.size},
                                  {QStringLiteral("sha256"), pl.sha256},
                                  {QStringLiteral("resumes"), job.resumesUsed()}});
        return ExitOk;
    }
    ctx.out() << tr("Downloaded payload %1 (%2, %3 bytes, SHA-256 %4 verified) to %5")
                     .arg(pl.id)
                     .arg(pl.name)
                     .arg(pl.size)
                     .arg(pl.sha256, QDir::toNativeSeparators(args.at(2)))
              << '\n';
    return ExitOk;
}

int remove(Session &s, const QStringList &args)
{
    if (args.size() != 2)
        return s.ctx().usage(tr("remote payload remove needs one ID."));
    auto id = parseId(args.at(1), tr("payload"));
    if (!id)
        return s.ctx().usage(id.error().message());
    if (int rc = s.run(s.client().removePayload(*id), nullptr))
        return rc;
    if (s.ctx().json())
        s.ctx().printJson(QJsonObject{{QStringLiteral("id"), *id}, {QStringLiteral("removed"), true}});
    else
        s.ctx().out() << tr("Removed payload %1.").arg(*id) << '\n';
    return ExitOk;
}

int runPayload(Context &ctx, const QCommandLineParser &p)
{
    const QStringList args = p.positionalArguments();
    const QString sub = args.value(0);
    static const QStringList known = {QStringLiteral("upload"), QStringLiteral("list"),
                                      QStringLiteral("show"), QStringLiteral("download"),
                                      QStringLiteral("remove")};
    if (!known.contains(sub))
        return ctx.usage(sub.isEmpty()
                             ? tr("remote payload needs a command: upload, list, show, download, remove.")
                             : tr("Unknown command \"remote payload %1\"; use upload, list, show, download "
                                  "or remove.")
                                   .arg(sub));
    int code = ExitOk;
    auto session = Session::open(ctx, p, &code);
    if (!session)
        return code;
    if (sub == QLatin1String("upload"))
        return upload(*session, p, args);
    if (sub == QLatin1String("list"))
        return args.size() == 1 ? list(*session, p)
                                : ctx.usage(tr("remote payload list takes no arguments."));
    if (sub == QLatin1String("show"))
        return show(*session, args);
    if (sub == QLatin1String("download"))
        return download(*session, p, args);
    return remove(*session, args);
}

} // namespace

void registerRemotePayloadCommands(CommandLine &cli)
{
    cli.add(
        {QStringLiteral("remote"), QStringLiteral("payload"),
         tr("Firmware payloads on the server: upload (resumable), list, show, download (verified), remove."),
         QStringLiteral("upload FILE [--name N] | list | show ID | download ID FILE | remove ID"),
         [](QCommandLineParser &p) {
             p.addPositionalArgument(QStringLiteral("COMMAND"),
                                     tr("upload, list, show, download or remove."));
             addConnectionOptions(p);
             addListOptions(p);
             p.addOptions(
                 {opt(QStringLiteral("name"), "upload: the payload name (default: the file name).", "N"),
                  opt(QStringLiteral("resume"), "upload: continue this earlier upload.", "UPLOAD_ID"),
                  opt(QStringLiteral("force"), "download: overwrite FILE if it exists.")});
         },
         runPayload});
}

} // namespace otadesk::cli
