// The fleet as a whole: lists and counts over a filter, the values the filter builder offers, CSV export and
// bulk registration (CSV or JSON, row-by-row validation, dry run).
#include "core/fleet/DeviceImport.h"
#include "core/server/api/ApiContext.h"
#include "core/server/api/DeviceViews.h"
#include "core/server/api/Router.h"
#include "core/store/DeviceImporter.h"

#include <QElapsedTimer>
#include <QJsonArray>

namespace otadesk::server {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("otadesk::server", text);
}

bool flag(const ApiRequest &req, const QString &name, bool fallback)
{
    const QString v = req.query(name).toLower();
    if (v.isEmpty())
        return fallback;
    return v == QLatin1String("1") || v == QLatin1String("true") || v == QLatin1String("yes");
}

ApiResponse listDevices(ApiContext &ctx, const ApiRequest &req)
{
    auto query = listQueryFrom(req);
    if (auto *r = std::get_if<ApiResponse>(&query))
        return *r;
    auto where = ctx.deviceWhere(req, req.query(QStringLiteral("filter")));
    if (auto *r = std::get_if<ApiResponse>(&where))
        return *r;
    const bool withTotal = flag(req, QStringLiteral("total"), true);
    auto page = store::DeviceRepository(ctx.db).list(req.principal.tenantId, std::get<store::DeviceWhere>(where),
                                                     std::get<store::ListQuery>(query), withTotal);
    if (!page)
        return ApiResponse::fromError(page.error());
    QJsonArray items;
    for (const fleet::Device &d : page->items)
        items.append(deviceJson(d, false));
    QJsonObject out = pageJson(items, withTotal ? page->total : -1, std::get<store::ListQuery>(query));
    return ApiResponse::json(200, out);
}

ApiResponse countDevices(ApiContext &ctx, const ApiRequest &req)
{
    QElapsedTimer clock;
    clock.start();
    auto where = ctx.deviceWhere(req, req.query(QStringLiteral("filter")));
    if (auto *r = std::get_if<ApiResponse>(&where))
        return *r;
    auto n = store::DeviceRepository(ctx.db).count(req.principal.tenantId, std::get<store::DeviceWhere>(where));
    if (!n)
        return ApiResponse::fromError(n.error());
    return ApiResponse::json(200, {{QStringLiteral("count"), double(*n)},
                                   {QStringLiteral("elapsed_ms"), double(clock.nsecsElapsed()) / 1e6}});
}

ApiResponse facets(ApiContext &ctx, const ApiRequest &req)
{
    auto values = store::DeviceRepository(ctx.db).facets(req.principal.tenantId, 1000);
    if (!values)
        return ApiResponse::fromError(values.error());
    QJsonObject out;
    for (auto it = values->begin(); it != values->end(); ++it)
        out.insert(it.key(), QJsonArray::fromStringList(it.value()));
    return ApiResponse::json(200, out);
}

ApiResponse exportDevices(ApiContext &ctx, const ApiRequest &req)
{
    auto where = ctx.deviceWhere(req, req.query(QStringLiteral("filter")));
    if (auto *r = std::get_if<ApiResponse>(&where))
        return *r;
    const store::DeviceRepository devices(ctx.db);
    auto names = devices.facets(req.principal.tenantId, 200);
    if (!names)
        return ApiResponse::fromError(names.error());
    const QStringList meta = names->value(QStringLiteral("meta"));
    ApiResponse r;
    r.contentType = "text/csv; charset=utf-8";
    r.body = fleet::DeviceImport::csvHeader(meta);
    auto st = devices.forEach(req.principal.tenantId, std::get<store::DeviceWhere>(where), 5000,
                              [&](const QList<fleet::Device> &page) {
                                  for (const fleet::Device &d : page)
                                      r.body += fleet::DeviceImport::csvRow(d, meta);
                                  return true;
                              },
                              !meta.isEmpty());
    if (!st)
        return ApiResponse::fromError(st.error());
    r.headers.push_back({"Content-Disposition", "attachment; filename=\"devices.csv\""});
    return r;
}

QJsonArray problemsJson(const QList<fleet::RowProblem> &problems, int limit)
{
    QJsonArray out;
    for (const fleet::RowProblem &p : problems) {
        if (out.size() >= limit)
            break;
        out.append(QJsonObject{{QStringLiteral("line"), double(p.line)},
                               {QStringLiteral("column"), p.column},
                               {QStringLiteral("message"), p.message}});
    }
    return out;
}

ApiResponse importDevices(ApiContext &ctx, const ApiRequest &req)
{
    const QByteArray type = req.header("content-type").toLower();
    bool lineOk = true;
    const QString firstLineText = req.query(QStringLiteral("first_line"));
    const qint64 firstLine = firstLineText.isEmpty() ? 1 : firstLineText.toLongLong(&lineOk);
    if (!lineOk || firstLine < 1)
        return ApiResponse::error(400, QStringLiteral("invalid_request"), tr("first_line must be a positive number."));
    const QByteArray start = req.body().left(64).trimmed();
    const bool json = type.startsWith("application/json") ||
                      (!type.startsWith("text/csv") && (start.startsWith('[') || start.startsWith('{')));
    auto file = json ? fleet::DeviceImport::readJson(req.body())
                                                    : fleet::DeviceImport::readCsv(req.body(), firstLine);
    if (!file)
        return ApiResponse::error(400, QStringLiteral("invalid_file"), file.error().message());
    store::ImportOptions options;
    options.dryRun = flag(req, QStringLiteral("dry_run"), false);
    options.updateExisting = flag(req, QStringLiteral("update"), true);
    options.issueTokens = flag(req, QStringLiteral("issue_tokens"), false);
    options.allOrNothing = flag(req, QStringLiteral("all_or_nothing"), true);
    if (options.allOrNothing && !file->problems.isEmpty())
        options.dryRun = true; // still classify the good rows for the report, write nothing
    auto outcome = store::DeviceImporter(ctx.db).import(req.principal.tenantId, file->rows, options);
    if (!outcome)
        return ApiResponse::fromError(outcome.error());
    const bool refuse = options.allOrNothing && (!file->problems.isEmpty() || !outcome->problems.isEmpty());
    QList<fleet::RowProblem> problems = file->problems + outcome->problems;
    std::sort(problems.begin(), problems.end(), [](const auto &a, const auto &b) { return a.line < b.line; });
    QJsonArray tokens;
    for (const auto &[serial, token] : std::as_const(outcome->tokens))
        tokens.append(QJsonObject{{QStringLiteral("serial"), serial}, {QStringLiteral("device_token"), token}});
    const QJsonObject report{{QStringLiteral("dry_run"), options.dryRun},
                             {QStringLiteral("written"), outcome->written},
                             {QStringLiteral("rows"), double(file->rows.size() + file->problems.size())},
                             {QStringLiteral("created"), double(outcome->created)},
                             {QStringLiteral("updated"), double(outcome->updated)},
                             {QStringLiteral("unchanged"), double(outcome->unchanged)},
                             {QStringLiteral("problems_total"), double(problems.size())},
                             {QStringLiteral("problems"), problemsJson(problems, 1000)},
                             {QStringLiteral("tokens"), tokens}};
    if (refuse)
        return ApiResponse::error(422, QStringLiteral("invalid_rows"),
                                  QCoreApplication::translate("otadesk::server",
                                                              "%n row(s) of the file have problems; nothing was "
                                                              "registered. Fix them, or import only the valid rows "
                                                              "(all_or_nothing=false).",
                                                              nullptr, int(problems.size())),
                                  report);
    if (outcome->written)
        ctx.audit(req.principal, QStringLiteral("device.import"), QStringLiteral("device"), QString(),
                  {{QStringLiteral("created"), double(outcome->created)},
                   {QStringLiteral("updated"), double(outcome->updated)},
                   {QStringLiteral("skipped"), double(problems.size())}});
    return ApiResponse::json(outcome->written ? 201 : 200, report);
}
} // namespace

void addDeviceListRoutes(Router &r, ApiContext &ctx)
{
    r.add(Method::Get, QStringLiteral("/api/v1/devices"), Permission::DevicesRead,
          [&ctx](ApiRequest &req) { return listDevices(ctx, req); });
    r.add(Method::Get, QStringLiteral("/api/v1/devices/count"), Permission::DevicesRead,
          [&ctx](ApiRequest &req) { return countDevices(ctx, req); });
    r.add(Method::Get, QStringLiteral("/api/v1/devices/facets"), Permission::DevicesRead,
          [&ctx](ApiRequest &req) { return facets(ctx, req); });
    r.add(Method::Get, QStringLiteral("/api/v1/devices/export"), Permission::DevicesRead,
          [&ctx](ApiRequest &req) { return exportDevices(ctx, req); });
    r.add(Method::Post, QStringLiteral("/api/v1/devices/import"), Permission::DevicesImport,
          [&ctx](ApiRequest &req) { return importDevices(ctx, req); });
}

} // namespace otadesk::server
