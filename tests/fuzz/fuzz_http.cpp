// libFuzzer target: the server's parsers of request heads a client controls — the Range header against
// payloads of any size (a satisfiable range always lies inside the payload and is non-empty) and the API router
// matching any path (parameters come only from {…} segments; it never crashes).
#include "core/server/api/RangeHeader.h"
#include "core/server/api/Router.h"

#include <cstdlib>
#include <cstring>

using namespace otadesk::server;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype newline = input.indexOf('\n');
    const QByteArray header = newline < 0 ? input : input.left(newline);
    for (qint64 length : {qint64(0), qint64(1), qint64(1000), qint64(1) << 40, qint64(size)}) {
        const RangeRequest r = parseRange(header, length);
        if (r.range && !r.unsatisfiable) {
            if (r.range->offset < 0 || r.range->length <= 0 || r.range->offset + r.range->length > length)
                std::abort();
        }
    }
    static Router router = [] {
        Router rt;
        const Handler none = [](ApiRequest &) { return ApiResponse::noContent(); };
        rt.add(Method::Get, QStringLiteral("/api/v1/payloads/{id}/content"), Permission::PayloadsRead, none);
        rt.add(Method::Put, QStringLiteral("/api/v1/uploads/{id}/parts/{offset}"), Permission::PayloadsWrite, none);
        rt.add(Method::Get, QStringLiteral("/api/v1/payloads"), Permission::PayloadsRead, none);
        return rt;
    }();
    const QString path = QString::fromUtf8(newline < 0 ? QByteArray() : input.mid(newline + 1));
    for (Method m : {Method::Get, Method::Put, Method::Delete}) {
        const Router::Match match = router.match(m, path);
        if (match.route && match.params.size() != match.route->segments.filter(QStringLiteral("{")).size())
            std::abort();
        if (match.route && !match.allowed.isEmpty())
            std::abort();
    }
    return 0;
}
