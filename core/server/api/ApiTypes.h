#pragma once
// What a management API handler sees and returns: the request with its path parameters and the authenticated
// principal, and a response that is JSON, raw bytes, a file range to stream, or a Server-Sent Events stream.
#include "core/common/Error.h"
#include "core/server/http/HttpRequest.h"
#include "core/store/DeviceCredentials.h"
#include "core/store/StoreTypes.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QStringList>
#include <QUrlQuery>
#include <memory>

namespace otadesk::server {

// Who is calling (from a valid API token).
struct Principal
{
    qint64 tenantId = 0;
    qint64 accountId = 0;
    QString accountName;
    store::Role role = store::Role::Viewer;
    bool serverAdmin = false;
    qint64 tokenId = 0;
    QString tokenPrefix;
    std::optional<qint64> tokenExpiresAt;
    QString tenantName;
};

struct ApiRequest
{
    const HttpRequest &http;
    QStringList params; // the {…} segments of the route, in order
    Principal principal;
    QByteArray requestId;
    store::DeviceIdentity device; // routes with Permission::Device: the device that signed in

    QByteArray header(const QByteArray &name) const;
    QString query(const QString &name) const;
    QByteArray body() const;
    // The body as a JSON object; an InvalidArgument error naming the problem otherwise.
    Result<QJsonObject> jsonBody() const;
    // params[i] as a positive integer id; nullopt when it is not one (the route then answers 404).
    std::optional<qint64> idParam(int i = 0) const;

    Q_DECLARE_TR_FUNCTIONS(otadesk::server::ApiRequest) // last: the macro ends in "private:"
};

// A file range streamed as the body (the server pumps it with bounded memory).
struct StreamedFile
{
    QString path;
    qint64 offset = 0;
    qint64 length = 0;
};

struct ApiResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    std::vector<std::pair<QByteArray, QByteArray>> headers;
    std::optional<StreamedFile> file;
    bool eventStream = false; // keep the connection open and register it with the event hub
    qint64 eventTenant = 0;

    static ApiResponse json(int status, const QJsonObject &object);
    static ApiResponse error(int status, const QString &code, const QString &message,
                             const QJsonObject &extra = {});
    static ApiResponse noContent();
    // Maps a core error to an HTTP error: NotFound 404, InvalidArgument 400, Conflict 409, Checksum 422, else 500.
    static ApiResponse fromError(const Error &error);

    Q_DECLARE_TR_FUNCTIONS(otadesk::server::ApiResponse) // last: the macro ends in "private:"
};

// A page of a list: {"items":[…],"total":N,"offset":O,"limit":L}.
QJsonObject pageJson(const QJsonArray &items, qint64 total, const store::ListQuery &query);
// offset/limit/sort/order from the query string; an error response when they are malformed.
std::variant<store::ListQuery, ApiResponse> listQueryFrom(const ApiRequest &request);
// For short lists read whole (tenants, accounts, tokens, keys): sorted by one of `sortable` (JSON field names)
// and paged in memory with the same query parameters and checks as the database-paged lists.
ApiResponse pagedList(const ApiRequest &request, QList<QJsonObject> all, const QStringList &sortable);
// Milliseconds since the epoch as ISO 8601 UTC with milliseconds; null for an unset value.
QJsonValue isoTime(std::optional<qint64> ms);

} // namespace otadesk::server
