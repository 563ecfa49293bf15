// libFuzzer target: otadesk-server's HTTP/1.1 request parser on any byte stream. The same bytes fed whole and
// fed in pieces (cut where the input's first byte says) give the same requests and the same outcome; bodies
// never exceed the limit; a request's target always starts with "/".
#include "core/server/http/HttpRequestParser.h"

#include <cstdlib>

using namespace otadesk::server;

namespace {
struct Seen
{
    QList<QByteArray> requests; // method target body-size
    int error = 0;
};

Seen run(const QByteArray &input, qsizetype piece)
{
    constexpr qint64 kMaxBody = 4096;
    HttpRequestParser parser(kMaxBody);
    Seen seen;
    for (qsizetype at = 0; at < input.size() && seen.error == 0; at += piece) {
        parser.append(QByteArrayView(input).sliced(at, std::min(piece, input.size() - at)));
        HttpRequest r;
        for (;;) {
            const auto outcome = parser.next(r);
            if (outcome == HttpRequestParser::Outcome::NeedMore)
                break;
            if (outcome == HttpRequestParser::Outcome::Error) {
                seen.error = parser.errorStatus();
                if (seen.error < 400 || seen.error > 505 || parser.errorMessage().isEmpty())
                    std::abort();
                break;
            }
            if (r.body().size() > kMaxBody || !r.target().startsWith('/'))
                std::abort();
            (void)r.path();
            (void)r.query();
            (void)r.keepAlive();
            seen.requests.append(r.methodText() + ' ' + r.target() + ' ' + QByteArray::number(r.body().size()));
        }
    }
    return seen;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const qsizetype piece = 1 + data[0] % 37;
    const QByteArray input(reinterpret_cast<const char *>(data) + 1, qsizetype(size) - 1);
    const Seen whole = run(input, std::max<qsizetype>(1, input.size()));
    const Seen split = run(input, piece);
    // Pieces may stop earlier at an error found in a prefix only when the whole input errs too.
    if (whole.error == 0 && split.error == 0 && whole.requests != split.requests)
        std::abort();
    if ((whole.error == 0) != (split.error == 0))
        std::abort();
    return 0;
}
