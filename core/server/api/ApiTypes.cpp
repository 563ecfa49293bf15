#include "core/server/api/ApiTypes.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonParseError>

namespace otadesk::server {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("otadesk::server", text);
}
} // namespace

QByteArray ApiRequest::header(const QByteArray &name) const
{
    return http.value(name);
}

QString ApiRequest::query(const QString &name) const
{
    return http.query().queryItemValue(name, QUrl::FullyDecoded);
}

QByteArray ApiRequest::body() const
{
    return http.body();
}

Result<QJsonObject> ApiRequest::jsonBody() const
{
    if (http.body().trimmed().isEmpty())
        return QJsonObject{};
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(http.body(), &error);
    if (error.error != QJsonParseError::NoError)
        return fail(ErrorCode::InvalidArgument,
                    tr("The request body is not valid JSON: %1 at byte %2.").arg(error.errorString()).arg(error.offset));
    if (!doc.isObject())
        return fail(ErrorCode::InvalidArgument, tr("The request body must be a JSON object."));
    return doc.object();
}

std::optional<qint64> ApiRequest::idParam(int i) const
{
    if (i >= params.size())
        return std::nullopt;
    bool ok = false;
    const qint64 id = params.at(i).toLongLong(&ok);
    if (!ok || id <= 0)
        return std::nullopt;
    return id;
}

ApiResponse ApiResponse::json(int status, const QJsonObject &object)
{
    ApiResponse r;
    r.status = status;
    r.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return r;
}

ApiResponse ApiResponse::error(int status, const QString &code, const QString &message, const QJsonObject &extra)
{
    QJsonObject e = extra;
    e.insert(QStringLiteral("code"), code);
    e.insert(QStringLiteral("message"), message);
    return json(status, QJsonObject{{QStringLiteral("error"), e}});
}

ApiResponse ApiResponse::noContent()
{
    ApiResponse r;
    r.status = 204;
    r.contentType.clear();
    return r;
}

ApiResponse ApiResponse::fromError(const Error &e)
{
    switch (e.code()) {
    case ErrorCode::NotFound:
        return error(404, QStringLiteral("not_found"), e.message());
    case ErrorCode::InvalidArgument:
    case ErrorCode::Format:
        return error(400, QStringLiteral("invalid_request"), e.message());
    case ErrorCode::Conflict:
        return error(409, QStringLiteral("conflict"), e.message());
    case ErrorCode::Checksum:
        return error(422, QStringLiteral("checksum_mismatch"), e.message());
    case ErrorCode::Database:
        return error(503, QStringLiteral("unavailable"), tr("The database is unavailable: %1").arg(e.message()));
    default:
        return error(500, QStringLiteral("internal"), e.message());
    }
}

QJsonObject pageJson(const QJsonArray &items, qint64 total, const store::ListQuery &query)
{
    return {{QStringLiteral("items"), items},
            {QStringLiteral("total"), double(total)},
            {QStringLiteral("offset"), double(query.offset)},
            {QStringLiteral("limit"), query.limit}};
}

std::variant<store::ListQuery, ApiResponse> listQueryFrom(const ApiRequest &request)
{
    store::ListQuery q;
    auto number = [&](const QString &name, qint64 low, qint64 high, qint64 &out) -> std::optional<ApiResponse> {
        const QString text = request.query(name);
        if (text.isEmpty())
            return std::nullopt;
        bool ok = false;
        const qint64 v = text.toLongLong(&ok);
        if (!ok || v < low || v > high)
            return ApiResponse::error(400, QStringLiteral("invalid_request"),
                                      tr("The query parameter %1 must be a whole number from %2 to %3, not \"%4\".")
                                          .arg(name)
                                          .arg(low)
                                          .arg(high)
                                          .arg(text));
        out = v;
        return std::nullopt;
    };
    qint64 limit = q.limit;
    if (auto bad = number(QStringLiteral("offset"), 0, std::numeric_limits<qint64>::max() / 2, q.offset))
        return *bad;
    if (auto bad = number(QStringLiteral("limit"), 1, store::ListQuery::kMaxLimit, limit))
        return *bad;
    q.limit = int(limit);
    q.sort = request.query(QStringLiteral("sort"));
    const QString order = request.query(QStringLiteral("order"));
    if (!order.isEmpty() && order != QLatin1String("asc") && order != QLatin1String("desc"))
        return ApiResponse::error(400, QStringLiteral("invalid_request"),
                                  tr("The query parameter order must be asc or desc, not \"%1\".").arg(order));
    q.descending = order == QLatin1String("desc");
    return q;
}

ApiResponse pagedList(const ApiRequest &req, QList<QJsonObject> all, const QStringList &sortable)
{
    auto query = listQueryFrom(req);
    if (auto *r = std::get_if<ApiResponse>(&query))
        return *r;
    const auto &q = std::get<store::ListQuery>(query);
    const QString sort = q.sort.isEmpty() ? QStringLiteral("id") : q.sort;
    if (!sortable.contains(sort))
        return ApiResponse::error(400, QStringLiteral("invalid_request"),
                                  tr("Cannot sort by \"%1\"; use one of %2.").arg(sort, sortable.join(QStringLiteral(", "))));
    std::stable_sort(all.begin(), all.end(), [&](const QJsonObject &a, const QJsonObject &b) {
        const QJsonValue x = a.value(sort), y = b.value(sort);
        const bool less = x.isDouble() ? x.toDouble() < y.toDouble() : x.toString() < y.toString();
        const bool more = x.isDouble() ? y.toDouble() < x.toDouble() : y.toString() < x.toString();
        return q.descending ? more : less;
    });
    QJsonArray items;
    for (qint64 i = q.offset; i < all.size() && items.size() < q.limit; ++i)
        items.append(all.at(i));
    return ApiResponse::json(200, pageJson(items, all.size(), q));
}

QJsonValue isoTime(std::optional<qint64> ms)
{
    if (!ms)
        return QJsonValue::Null;
    return QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace otadesk::server
