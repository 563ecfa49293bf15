#include "core/server/http/HttpRequestParser.h"

#include <cstring>

namespace otadesk::server {

namespace {
bool isToken(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

QByteArrayView trimmed(QByteArrayView v)
{
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r'))
        v.chop(1);
    return v;
}

// A non-negative decimal (Content-Length) or hexadecimal (chunk size) number; -1 when malformed or too large.
qint64 parseNumber(QByteArrayView text, int base)
{
    if (text.isEmpty() || text.size() > 15)
        return -1;
    qint64 n = 0;
    for (const char c : text) {
        int digit = -1;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (base == 16 && c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (base == 16 && c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        if (digit < 0)
            return -1;
        n = n * base + digit;
    }
    return n;
}
// Where "\r\n\r\n" starts at or after `from`, or -1 (memchr for the last '\n', then a look back).
qsizetype findHeadEnd(const QByteArray &buffer, qsizetype from)
{
    const char *d = buffer.constData();
    const qsizetype n = buffer.size();
    for (qsizetype i = from; i + 3 < n;) {
        const auto *nl = static_cast<const char *>(std::memchr(d + i + 3, '\n', size_t(n - i - 3)));
        if (!nl)
            return -1;
        const qsizetype j = nl - d;
        if (d[j - 1] == '\r' && d[j - 2] == '\n' && d[j - 3] == '\r')
            return j - 3;
        i = j - 2;
    }
    return -1;
}
} // namespace

void HttpRequestParser::append(const QByteArray &bytes)
{
    if (m_pos == m_buffer.size()) {
        m_buffer = bytes;
        m_pos = 0;
        return;
    }
    append(QByteArrayView(bytes));
}

void HttpRequestParser::append(QByteArrayView bytes)
{
    if (m_pos > 0 && m_pos == m_buffer.size()) {
        m_buffer.clear();
        m_pos = 0;
    }
    m_buffer.append(bytes);
}

void HttpRequestParser::compact()
{
    if (m_pos == m_buffer.size()) {
        m_buffer.clear();
        m_pos = 0;
    } else if (m_pos > 64 * 1024 && m_pos > m_buffer.size() / 2) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
}

HttpRequestParser::Outcome HttpRequestParser::fail(int status, const char *message)
{
    m_errorStatus = status;
    m_errorMessage = message;
    return Outcome::Error;
}

HttpRequestParser::Outcome HttpRequestParser::next(HttpRequest &out)
{
    if (m_errorStatus)
        return Outcome::Error;
    if (!m_haveHead) {
        // Blank lines before a request are allowed (RFC 9112 2.2).
        while (m_pos < m_buffer.size() && (m_buffer[m_pos] == '\r' || m_buffer[m_pos] == '\n'))
            ++m_pos;
        const qsizetype end = findHeadEnd(m_buffer, m_pos);
        if (end < 0) {
            if (m_buffer.size() - m_pos > kMaxHeadBytes)
                return fail(431, QT_TRANSLATE_NOOP("otadesk::server::HttpRequestParser", "The request head is too large."));
            compact();
            return Outcome::NeedMore;
        }
        if (end - m_pos > kMaxHeadBytes)
            return fail(431, QT_TRANSLATE_NOOP("otadesk::server::HttpRequestParser", "The request head is too large."));
        if (const Outcome o = parseHead(end); o == Outcome::Error)
            return o;
        m_pos = end + 4;
    }
    if (m_chunked) {
        const Outcome o = parseChunked(out);
        if (o == Outcome::NeedMore)
            compact();
        return o;
    }
    if (m_buffer.size() - m_pos < m_contentLength) {
        compact();
        return Outcome::NeedMore;
    }
    m_current.m_body = m_buffer.mid(m_pos, m_contentLength);
    m_pos += m_contentLength;
    out = std::move(m_current);
    m_current = HttpRequest();
    m_haveHead = false;
    m_wantsContinue = false;
    compact();
    return Outcome::Request;
}

HttpRequestParser::Outcome HttpRequestParser::parseHead(qsizetype end)
{
    const QByteArrayView head = QByteArrayView(m_buffer).sliced(m_pos, end - m_pos);
    qsizetype lineEnd = head.indexOf('\n');
    const QByteArrayView requestLine = trimmed(lineEnd < 0 ? head : head.first(lineEnd));
    // METHOD SP request-target SP HTTP-version
    const qsizetype sp1 = requestLine.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : requestLine.sliced(sp1 + 1).indexOf(' ');
    if (sp1 <= 0 || sp2 <= 0)
        return fail(400, QT_TRANSLATE_NOOP("otadesk::server::HttpRequestParser", "The request line is not \"METHOD target HTTP/1.1\"."));
    const QByteArrayView method = requestLine.first(sp1);
    const QByteArrayView target = requestLine.sliced(sp1 + 1, sp2);
    const QByteArrayView version = requestLine.sliced(sp1 + 2 + sp2);
    for (const char c : method) {
        if (!isToken(c))
            return fail(400, QT_TRANSLATE_NOOP("otadesk::server::HttpRequestParser", "The request method is malformed."));
    }
    for (const char c : target) {
        if (c <= 0x20 || c >= 0x7f)
            return fail(400, QT_TRANSLATE_NOOP("otadesk::server::HttpRequestParser", "The request target contains a character that must be percent-encoded."));
    }
    if (target.isEmpty() || target.front() != '/')
        return fail(400, QT_TRANSLATE_NOOP("otadesk::server::HttpRequestParser", "The request target must be a path that starts with \"/\"."));
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        if (version.startsWith("HTTP/"))
            return fail(505, QT_TRANSLATE_NOOP("otadesk::server::HttpRequestParser", "Only HTTP/1.1 and HTTP/1.0 are supported."));
        return fail(400, QT_TRANSLATE_NOOP("otadesk::server::HttpRequestParser", "The request line is not \"METHOD target HTTP/1.1\"."));
    }
    HttpRequest r;
    r.m_methodText = method.toByteArray();
    r.m_method = methodFromText(method);
    r.m_target = target.toByteArray();
    r.m_http10 = version == "HTTP/1.0";
    r.m_remote = m_remote;
    r.m_tls = m_tls;
    qint64 contentLength = -1;
    bool chunked = false;
    bool expectContinue = false;
    QByteArrayView rest = lineEnd < 0 ? QByteArrayView() : head.sliced(lineEnd + 1);
    while (!rest.isEmpty()) {
        lineEnd = rest.indexOf('\n');
        const QByteArrayView line = lineEnd < 0 ? rest : rest.first(lineEnd);
        rest = lineEnd < 0 ? QByteArrayView() : rest.sliced(lineEnd + 1);
        if (line.isEmpty() || line == "\r")
            continue;
        if (line.front() == ' ' || line.front() == '\t')
            return fail(400, QT_TRANSLATE_NOOP("otadesk::server::HttpRequestParser", "Folded header lines are not allowed."));
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return fail(400, QT_TRANSLATE_NOOP("otadesk::server::HttpRequestParser", "A header line has no name."));
        const QByteArrayView name = line.first(colon);
        for (const char c : name) {
            if (!isToken(c))
                return fail(400, QT_TRANSLATE_NOOP("otadesk::server::HttpRequestParser", "A header name is malformed."));
        }
        const QByteArrayView value = trimmed(line.sliced(colon + 1));
        if (r.m_headers.size() >= kMaxHeaders)
            return fail(431, QT_TRANSLATE_NOOP("otadesk::server::HttpRequestParser", "The request has too many headers."));
        r.m_headers.append({name.toByteArray(), value.toByteArray()});
        if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
            const qint64 n = parseNumber(value, 10);
            if (n < 0 || (contentLength >= 0 && contentLength != n))
                return fail(400, QT_TRANSLATE_NOOP("otadesk::server::HttpRequestParser", "The Content-Length header is malformed."));
            contentLength = n;
        } else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
            if (value.compare("chunked", Qt::CaseInsensitive) == 0)
                chunked = true;
            else if (value.compare("identity", Qt::CaseInsensitive) != 0)
                return fail(501, QT_TRANSLATE_NOOP("otadesk::server::HttpRequestParser", "Only the chunked transfer coding is supported."));
        } else if (name.compare("expect", Qt::CaseInsensitive) == 0) {
            expectContinue = value.compare("100-continue", Qt::CaseInsensitive) == 0;
        }
    }
    if (chunked && contentLength >= 0)
        return fail(400, QT_TRANSLATE_NOOP("otadesk::server::HttpRequestParser", "A request may not have both Content-Length and Transfer-Encoding."));
    if (contentLength > m_maxBody)
        return fail(413, QT_TRANSLATE_NOOP("otadesk::server::HttpRequestParser", "The request body is larger than the server's limit."));
    m_current = std::move(r);
    m_haveHead = true;
    m_chunked = chunked;
    m_contentLength = chunked ? 0 : std::max<qint64>(0, contentLength);
    m_wantsContinue = expectContinue && (chunked || m_contentLength > 0);
    m_continueSent = false;
    return Outcome::Request;
}

// chunk = size [; ext] CRLF data CRLF ... last-chunk = 0 CRLF, then optional trailer lines and CRLF. The body
// is assembled only when the whole chunked message is in the buffer (bounded by the body limit).
HttpRequestParser::Outcome HttpRequestParser::parseChunked(HttpRequest &out)
{
    qsizetype p = m_pos;
    qint64 total = 0;
    QList<QPair<qsizetype, qint64>> pieces;
    for (;;) {
        const qsizetype lineEnd = m_buffer.indexOf("\r\n", p);
        if (lineEnd < 0)
            return m_buffer.size() - p > 1024 ? fail(400, QT_TRANSLATE_NOOP("otadesk::server::HttpRequestParser", "A chunk size line is too long.")) : Outcome::NeedMore;
        QByteArrayView sizeText = QByteArrayView(m_buffer).sliced(p, lineEnd - p);
        if (const qsizetype semi = sizeText.indexOf(';'); semi >= 0)
            sizeText = sizeText.first(semi);
        const qint64 size = parseNumber(trimmed(sizeText), 16);
        if (size < 0)
            return fail(400, QT_TRANSLATE_NOOP("otadesk::server::HttpRequestParser", "A chunk size is malformed."));
        p = lineEnd + 2;
        if (size == 0)
            break;
        total += size;
        if (total > m_maxBody)
            return fail(413, QT_TRANSLATE_NOOP("otadesk::server::HttpRequestParser", "The request body is larger than the server's limit."));
        if (m_buffer.size() - p < size + 2)
            return Outcome::NeedMore;
        if (m_buffer[p + size] != '\r' || m_buffer[p + size + 1] != '\n')
            return fail(400, QT_TRANSLATE_NOOP("otadesk::server::HttpRequestParser", "A chunk does not end with CRLF."));
        pieces.append({p, size});
        p += size + 2;
    }
    // Trailer section: header lines until an empty line.
    for (;;) {
        const qsizetype lineEnd = m_buffer.indexOf("\r\n", p);
        if (lineEnd < 0)
            return m_buffer.size() - p > kMaxHeadBytes ? fail(431, QT_TRANSLATE_NOOP("otadesk::server::HttpRequestParser", "The trailer section is too large."))
                                                       : Outcome::NeedMore;
        const bool empty = lineEnd == p;
        p = lineEnd + 2;
        if (empty)
            break;
    }
    QByteArray body;
    body.reserve(total);
    for (const auto &[offset, size] : pieces)
        body.append(QByteArrayView(m_buffer).sliced(offset, size));
    m_current.m_body = std::move(body);
    m_pos = p;
    out = std::move(m_current);
    m_current = HttpRequest();
    m_haveHead = false;
    m_chunked = false;
    m_wantsContinue = false;
    compact();
    return Outcome::Request;
}

} // namespace otadesk::server
