#pragma once
// One HTTP/1.1 request as otadesk-server's own parser (HttpRequestParser) delivers it: method, target, headers
// (names as sent; lookups ignore case), body (already de-chunked) and the peer's address.
#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QUrl>
#include <QUrlQuery>

namespace otadesk::server {

enum class Method { Unknown, Get, Head, Post, Put, Patch, Delete, Options };

class HttpRequest
{
public:
    Method method() const { return m_method; }
    QByteArray methodText() const { return m_methodText; }
    QByteArray target() const { return m_target; } // as sent: "/api/v1/devices?filter=..."
    // The path, percent-decoded the way QUrl::path() shows it.
    QString path() const;
    QUrlQuery query() const;
    // http(s)://<Host header>/<target>
    QUrl url() const;
    bool http10() const { return m_http10; }
    const QList<QPair<QByteArray, QByteArray>> &headers() const { return m_headers; }
    // The first header of that name (any case), or an empty array.
    QByteArray value(QByteArrayView name) const;
    const QByteArray &body() const { return m_body; }
    QHostAddress remoteAddress() const { return m_remote; }
    // HTTP/1.1 without "Connection: close", or HTTP/1.0 with "Connection: keep-alive".
    bool keepAlive() const;

private:
    friend class HttpRequestParser;
    Method m_method = Method::Unknown;
    QByteArray m_methodText;
    QByteArray m_target;
    bool m_http10 = false;
    bool m_tls = false;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QByteArray m_body;
    QHostAddress m_remote;
};

Method methodFromText(QByteArrayView text);
QByteArray methodName(Method method);
// "OK", "Not Found", ... for a status code ("Unknown" for codes without a name here).
QByteArray reasonPhrase(int status);

} // namespace otadesk::server
