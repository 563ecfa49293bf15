#pragma once
// The Range request header for one byte range (RFC 9110 §14): "bytes=a-b", "bytes=a-", "bytes=-n". A
// malformed header or several ranges are ignored (the whole content is sent, as the RFC allows); a range that
// starts beyond the end is unsatisfiable (416).
#include "core/server/api/ApiTypes.h"

#include <QByteArray>
#include <optional>

namespace otadesk::server {

struct ByteRange
{
    qint64 offset = 0;
    qint64 length = 0;
};

struct RangeRequest
{
    bool unsatisfiable = false;
    std::optional<ByteRange> range; // unset: send everything
};

RangeRequest parseRange(const QByteArray &header, qint64 size);

// Makes `r` stream the file `path` of `size` bytes: whole, or (206, Content-Range) the satisfiable range asked for.
void streamFile(ApiResponse &r, const QString &path, qint64 size, const RangeRequest &range);

} // namespace otadesk::server
