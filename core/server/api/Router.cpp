#include "core/server/api/Router.h"

#include <QMetaEnum>

namespace otadesk::server {

void Router::add(Method method, const QString &pattern, Permission permission, Handler handler)
{
    m_routes.append({method, pattern.split(u'/', Qt::SkipEmptyParts), permission, std::move(handler)});
}

Router::Match Router::match(Method method, const QString &path) const
{
    const QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
    Match m;
    for (const Route &route : m_routes) {
        if (route.segments.size() != parts.size())
            continue;
        QStringList params;
        bool same = true;
        for (qsizetype i = 0; i < parts.size() && same; ++i) {
            const QString &seg = route.segments.at(i);
            if (seg.startsWith(u'{'))
                params << parts.at(i);
            else
                same = seg == parts.at(i);
        }
        if (!same)
            continue;
        if (route.method == method) {
            m.route = &route;
            m.params = params;
            m.allowed.clear();
            return m;
        }
        if (!m.allowed.contains(methodName(route.method)))
            m.allowed << methodName(route.method);
    }
    return m;
}

QByteArray Router::methodName(Method m)
{
    return otadesk::server::methodName(m);
}

} // namespace otadesk::server
