// otactl devices import FILE: registers devices from a CSV (or JSON) provisioning file. The file is checked
// here first (every problem listed with its line; nothing is sent while any row is wrong unless
// --skip-invalid), then sent in chunks of whole rows; the server checks again (e.g. serials that exist with
// --no-update). --dry-run shows what would happen. --tokens-out writes each new device's token once.
#include "app/otactl/DeviceCommands.h"
#include "app/otactl/Output.h"
#include "app/otactl/RemoteSession.h"
#include "core/client/FleetClient.h"
#include "core/fleet/CsvReader.h"
#include "core/fleet/DeviceImport.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace otadesk::cli {

using namespace remote;

namespace {

struct Chunk
{
    QByteArray body; // header line + whole records
    qint64 firstLine = 1; // header line number to pass so that lines are those of the whole file
    qint64 rows = 0;
};

// Cuts a CSV file into chunks of at most `rows` records, each starting with the header line.
QList<Chunk> csvChunks(const QByteArray &data, qint64 rows)
{
    fleet::CsvReader reader(data);
    QStringList fields;
    QList<Chunk> out;
    if (!reader.next(fields))
        return out;
    const QByteArray header = data.left(reader.position());
    qsizetype start = reader.position();
    Chunk current;
    while (reader.next(fields)) {
        if (current.rows == 0)
            current.firstLine = reader.line() - 1;
        if (++current.rows == rows) {
            current.body = header + data.mid(start, reader.position() - start);
            start = reader.position();
            out.append(current);
            current = {};
        }
    }
    if (current.rows > 0) {
        current.body = header + data.mid(start);
        out.append(current);
    }
    return out;
}

void printProblems(Context &ctx, const QList<client::ImportProblem> &problems, qint64 total)
{
    for (const client::ImportProblem &p : problems)
        ctx.err() << tr("line %1%2: %3").arg(p.line).arg(p.column.isEmpty() ? QString() : u' ' + p.column, p.message)
                  << '\n';
    if (total > problems.size())
        ctx.err() << tr("… and %1 more problems.").arg(total - problems.size()) << '\n';
}

int runImport(Context &ctx, const QCommandLineParser &p)
{
    const QStringList args = p.positionalArguments();
    if (args.size() != 1)
        return ctx.usage(tr("devices import needs one FILE (.csv or .json)."));
    QFile file(args.first());
    if (!file.open(QIODevice::ReadOnly))
        return ctx.fail(Error(file.exists() ? ErrorCode::Io : ErrorCode::NotFound,
                              tr("Cannot read %1: %2").arg(args.first(), file.errorString())));
    const QByteArray data = file.readAll();
    const bool json = args.first().endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
    auto local = json ? fleet::DeviceImport::readJson(data) : fleet::DeviceImport::readCsv(data);
    if (!local)
        return ctx.fail(local.error());
    const bool skipInvalid = p.isSet(QStringLiteral("skip-invalid"));
    if (!local->problems.isEmpty()) {
        QList<client::ImportProblem> shown;
        for (const fleet::RowProblem &r : std::as_const(local->problems).first(std::min<qsizetype>(50, local->problems.size())))
            shown.append({r.line, r.column, r.message});
        printProblems(ctx, shown, local->problems.size());
        if (!skipInvalid)
            return ctx.fail(Error(ErrorCode::Format,
                                  tr("%1 of %2 rows have problems; nothing was sent. Fix them, or import only the "
                                     "valid rows with --skip-invalid.")
                                      .arg(local->problems.size())
                                      .arg(local->rows.size() + local->problems.size())));
    }
    std::unique_ptr<Session> s;
    if (int rc = devices::sessionFor(ctx, p, s))
        return rc;
    client::ImportOptions options;
    options.dryRun = p.isSet(QStringLiteral("dry-run"));
    options.update = !p.isSet(QStringLiteral("no-update"));
    options.issueTokens = p.isSet(QStringLiteral("tokens-out"));
    options.allOrNothing = !skipInvalid;
    const QList<Chunk> chunks = json ? QList<Chunk>{{data, 1, local->rows.size()}}
                                     : csvChunks(data, p.value(QStringLiteral("chunk-rows")).toLongLong() > 0
                                                           ? p.value(QStringLiteral("chunk-rows")).toLongLong()
                                                           : 20000);
    client::ImportReport total;
    QByteArray tokensCsv = "serial,device_token\n";
    const client::FleetClient fleet(&s->client());
    auto progress = progressPrinter(ctx, tr("Importing"));
    qint64 sent = 0;
    for (const Chunk &c : chunks) {
        options.firstLine = c.firstLine;
        std::unique_ptr<client::ApiCall> call(s->wait(fleet.importDevices(c.body, json, options)));
        // A refused chunk carries the same report inside its error object.
        const QJsonObject body = call->failed() ? call->object().value(QStringLiteral("error")).toObject() : call->object();
        const client::ImportReport r = client::FleetClient::importReportFromJson(body);
        if (call->failed()) {
            printProblems(ctx, r.problems, r.problemsTotal);
            if (sent > 0)
                ctx.err() << tr("%1 rows before line %2 were imported; running the import again updates them "
                                "instead of duplicating them.").arg(sent).arg(c.firstLine + 1)
                          << '\n';
            return s->fail(call->error());
        }
        total.created += r.created;
        total.updated += r.updated;
        total.unchanged += r.unchanged;
        total.problemsTotal += r.problemsTotal;
        total.problems += r.problems;
        for (const auto &[serial, token] : r.tokens)
            tokensCsv += fleet::CsvReader::quote(serial) + ',' + token.toLatin1() + '\n';
        sent += c.rows;
        if (progress)
            progress(sent, local->rows.size() + local->problems.size());
    }
    if (options.issueTokens && !options.dryRun) {
        QSaveFile out(p.value(QStringLiteral("tokens-out")));
        if (!out.open(QIODevice::WriteOnly) || out.write(tokensCsv) != tokensCsv.size() || !out.commit())
            return ctx.fail(Error(ErrorCode::Io, tr("The devices were imported but their tokens cannot be written to "
                                                    "%1: %2. Issue new ones with \"otactl devices token SERIAL\".")
                                                     .arg(out.fileName(), out.errorString())));
        QFile::setPermissions(out.fileName(), QFile::ReadOwner | QFile::WriteOwner);
    }
    if (ctx.json()) {
        ctx.printJson(QJsonObject{{QStringLiteral("dry_run"), options.dryRun},
                                  {QStringLiteral("created"), double(total.created)},
                                  {QStringLiteral("updated"), double(total.updated)},
                                  {QStringLiteral("unchanged"), double(total.unchanged)},
                                  {QStringLiteral("skipped"), double(total.problemsTotal + (skipInvalid ? local->problems.size() : 0))}});
    } else {
        ctx.out() << (options.dryRun ? tr("Dry run — nothing was written. Would create %1, update %2, leave %3 "
                                          "unchanged.")
                                     : tr("Created %1, updated %2, unchanged %3."))
                         .arg(total.created)
                         .arg(total.updated)
                         .arg(total.unchanged)
                  << '\n';
    }
    return ExitOk;
}
} // namespace

void registerDeviceImportCommand(CommandLine &cli)
{
    cli.add({QStringLiteral("devices"), QStringLiteral("import"),
             tr("Register devices from a CSV or JSON provisioning file (checked row by row first)."),
             QStringLiteral("FILE [--dry-run] [--no-update] [--skip-invalid] [--tokens-out FILE]"),
             [](QCommandLineParser &p) {
                 addConnectionOptions(p);
                 p.addPositionalArgument(QStringLiteral("FILE"),
                                         tr("CSV with a header row (serial,model,hw_rev,batch,year,vendor_id,"
                                            "class_id,tags,cert_fingerprint,meta.NAME) or a JSON array."));
                 p.addOptions({opt(QStringLiteral("dry-run"), "Show what would be created or updated; write nothing."),
                               opt(QStringLiteral("no-update"), "Refuse serials that are registered already."),
                               opt(QStringLiteral("skip-invalid"), "Import the valid rows even if others have problems."),
                               opt(QStringLiteral("tokens-out"), "Give each new device a token and write SERIAL,TOKEN "
                                                                 "lines to FILE (readable by you only).", "FILE"),
                               opt(QStringLiteral("chunk-rows"), "Rows per request (default 20000).", "N")});
             },
             runImport});
}

} // namespace otadesk::cli
