#pragma once
// A small synchronous HTTP client for bench_server's set-up and checks (QNetworkAccessManager driven by a
// local event loop): single requests with an optional bearer token, bodies hashed while they stream in (so a
// large download is never held in memory), and the chunked upload of a payload file through /api/v1/uploads.
#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;

namespace otadesk::bench {

struct HttpResult
{
    int status = 0;    // 0: no HTTP answer (see error)
    QString error;     // transport error, empty when an answer arrived
    QByteArray body;   // empty when the body was only hashed
    QByteArray sha256; // hex, when hashing was asked for
    qint64 bodyBytes = 0;
    QList<QPair<QByteArray, QByteArray>> headers;

    QByteArray header(const QByteArray &name) const;
    // "HTTP 409 offset_mismatch: <the server's message>" or the transport error, for messages.
    QString describe() const;
};

class BenchHttp
{
public:
    explicit BenchHttp(QByteArray token = {});
    ~BenchHttp();
    BenchHttp(const BenchHttp &) = delete;
    BenchHttp &operator=(const BenchHttp &) = delete;

    void setToken(const QByteArray &token) { m_token = token; }
    QByteArray token() const { return m_token; }

    HttpResult request(const QByteArray &verb, const QUrl &url, const QByteArray &body = {},
                       const QByteArray &contentType = {}, bool hashOnly = false,
                       const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {});

    // Uploads the file through POST /uploads, PUT /uploads/{id}/parts/{offset} (part_size each), POST
    // /uploads/{id}/finish and returns the payload id; on failure an empty string and *error names the step
    // and the server's reason.
    QString uploadPayload(const QUrl &base, const QString &path, const QString &sha256Hex, QString *error);

private:
    QNetworkAccessManager *m_manager;
    QByteArray m_token;
};

} // namespace otadesk::bench
