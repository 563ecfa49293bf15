#include "core/server/api/RangeHeader.h"

namespace otadesk::server {

namespace {
std::optional<qint64> number(const QByteArray &text)
{
    if (text.isEmpty() || text.size() > 18)
        return std::nullopt;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
    }
    return text.toLongLong();
}
} // namespace

RangeRequest parseRange(const QByteArray &header, qint64 size)
{
    RangeRequest r;
    const QByteArray h = header.trimmed();
    if (!h.startsWith("bytes=") || h.contains(','))
        return r;
    const QByteArray spec = h.mid(6).trimmed();
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0)
        return r;
    const QByteArray first = spec.left(dash).trimmed();
    const QByteArray last = spec.mid(dash + 1).trimmed();
    if (first.isEmpty()) { // suffix: the last n bytes
        const auto n = number(last);
        if (!n)
            return r;
        if (*n == 0) {
            r.unsatisfiable = true;
            return r;
        }
        const qint64 len = std::min(*n, size);
        r.range = ByteRange{size - len, len};
        if (len == 0)
            r.unsatisfiable = true;
        return r;
    }
    const auto start = number(first);
    if (!start)
        return r;
    std::optional<qint64> end;
    if (!last.isEmpty()) {
        end = number(last);
        if (!end || *end < *start)
            return r;
    }
    if (*start >= size) {
        r.unsatisfiable = true;
        return r;
    }
    const qint64 stop = end ? std::min(*end, size - 1) : size - 1;
    r.range = ByteRange{*start, stop - *start + 1};
    return r;
}

void streamFile(ApiResponse &r, const QString &path, qint64 size, const RangeRequest &range)
{
    StreamedFile file{path, 0, size};
    if (range.range) {
        r.status = 206;
        file.offset = range.range->offset;
        file.length = range.range->length;
        r.headers.push_back({"Content-Range", "bytes " + QByteArray::number(file.offset) + '-' +
                                               QByteArray::number(file.offset + file.length - 1) + '/' +
                                               QByteArray::number(size)});
    }
    r.file = file;
}

} // namespace otadesk::server
