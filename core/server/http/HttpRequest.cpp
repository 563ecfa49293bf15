#include "core/server/http/HttpRequest.h"

namespace otadesk::server {

QString HttpRequest::path() const
{
    const qsizetype q = m_target.indexOf('?');
    const QByteArrayView raw = QByteArrayView(m_target).first(q < 0 ? m_target.size() : q);
    if (!raw.contains('%'))
        return QString::fromLatin1(raw); // the parser admits only visible ASCII in the target
    return QUrl(QString::fromLatin1(raw)).path();
}

QUrlQuery HttpRequest::query() const
{
    const qsizetype q = m_target.indexOf('?');
    return q < 0 ? QUrlQuery() : QUrlQuery(QString::fromLatin1(m_target.mid(q + 1)));
}

QUrl HttpRequest::url() const
{
    QByteArray host = value("host");
    if (host.isEmpty())
        host = "localhost";
    return QUrl(QString::fromLatin1((m_tls ? "https://" : "http://") + host + m_target));
}

QByteArray HttpRequest::value(QByteArrayView name) const
{
    for (const auto &[key, v] : m_headers) {
        if (key.size() == name.size() && QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

bool HttpRequest::keepAlive() const
{
    const QByteArray connection = value("connection").toLower();
    if (m_http10)
        return connection.contains("keep-alive");
    return !connection.contains("close");
}

Method methodFromText(QByteArrayView text)
{
    static const std::pair<const char *, Method> kMethods[] = {
        {"GET", Method::Get},     {"HEAD", Method::Head},     {"POST", Method::Post},     {"PUT", Method::Put},
        {"PATCH", Method::Patch}, {"DELETE", Method::Delete}, {"OPTIONS", Method::Options}};
    for (const auto &[name, method] : kMethods) {
        if (text == name)
            return method;
    }
    return Method::Unknown;
}

QByteArray methodName(Method method)
{
    switch (method) {
    case Method::Get: return "GET";
    case Method::Head: return "HEAD";
    case Method::Post: return "POST";
    case Method::Put: return "PUT";
    case Method::Patch: return "PATCH";
    case Method::Delete: return "DELETE";
    case Method::Options: return "OPTIONS";
    case Method::Unknown: break;
    }
    return "UNKNOWN";
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 417: return "Expectation Failed";
    case 422: return "Unprocessable Entity";
    case 428: return "Precondition Required";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    case 507: return "Insufficient Storage";
    }
    return "Unknown";
}

} // namespace otadesk::server
