#pragma once
// Incremental HTTP/1.1 request parser of otadesk-server (it replaced Qt HttpServer 6.4's, which reads a request
// head one byte per QIODevice::read call: 40 % of the CPU of a device check-in). Bytes are appended as they
// arrive; next() hands out complete requests in order (pipelining works), with Content-Length or chunked bodies.
// Malformed input ends in an error with the status to answer (400, 413, 431, 501, 505); the connection is then
// closed. Untrusted input: every length is checked before it is used (fuzz target tests/fuzz/fuzz_http_parser).
#include "core/server/http/HttpRequest.h"

namespace otadesk::server {

class HttpRequestParser
{
public:
    explicit HttpRequestParser(qint64 maxBodyBytes, QHostAddress remote = {}, bool tls = false)
        : m_maxBody(maxBodyBytes), m_remote(std::move(remote)), m_tls(tls)
    {
    }

    void append(QByteArrayView bytes);
    void append(const QByteArray &bytes); // shared, not copied, when nothing is buffered

    enum class Outcome { NeedMore, Request, Error };
    // The next complete request, if the buffer holds one.
    Outcome next(HttpRequest &out);
    // After NeedMore: the head of the request in progress asked for "Expect: 100-continue" and the interim
    // answer was not given yet (the caller writes "HTTP/1.1 100 Continue" and calls continueSent()).
    bool wantsContinue() const { return m_wantsContinue && !m_continueSent; }
    void continueSent() { m_continueSent = true; }
    int errorStatus() const { return m_errorStatus; }
    QByteArray errorMessage() const { return m_errorMessage; }
    qsizetype buffered() const { return m_buffer.size() - m_pos; }

    static constexpr qsizetype kMaxHeadBytes = 64 * 1024;
    static constexpr int kMaxHeaders = 100;

private:
    Outcome fail(int status, const char *message);
    Outcome parseHead(qsizetype end);
    Outcome parseChunked(HttpRequest &out);
    void compact();

    qint64 m_maxBody;
    QHostAddress m_remote;
    bool m_tls;
    QByteArray m_buffer;
    qsizetype m_pos = 0; // start of the unparsed bytes
    // The request whose head was parsed and whose body is awaited.
    bool m_haveHead = false;
    HttpRequest m_current;
    qint64 m_contentLength = 0;
    bool m_chunked = false;
    bool m_wantsContinue = false;
    bool m_continueSent = false;
    int m_errorStatus = 0;
    QByteArray m_errorMessage;
};

} // namespace otadesk::server
