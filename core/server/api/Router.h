#pragma once
// Routes of the management API: a method, a path pattern with {name} segments ("/api/v1/payloads/{id}"), the
// permission the caller needs and the handler. match() finds the route and its parameters, or the methods the
// path allows (for 405).
#include "core/server/api/ApiTypes.h"
#include "core/server/api/Permissions.h"

#include "core/server/http/HttpRequest.h"

#include <functional>

namespace otadesk::server {

using Handler = std::function<ApiResponse(ApiRequest &)>;

class Router
{
public:
    struct Route
    {
        Method method;
        QStringList segments;
        Permission permission;
        Handler handler;
    };
    struct Match
    {
        const Route *route = nullptr;
        QStringList params;
        QByteArrayList allowed; // methods for this path when no route of the request's method exists
    };

    void add(Method method, const QString &pattern, Permission permission, Handler handler);
    Match match(Method method, const QString &path) const;
    static QByteArray methodName(Method method);

private:
    QList<Route> m_routes;
};

} // namespace otadesk::server
