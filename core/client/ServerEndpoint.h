#pragma once
// Where a client talks to: the server's base URL, the API token, and how its TLS certificate is checked.
// Shared by otactl (--server/--token/--ca-cert/--insecure) and the GUI's connection profiles.
#include "core/common/Error.h"

#include <QSslConfiguration>
#include <QString>
#include <QUrl>

namespace otadesk::client {

struct ServerEndpoint
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::client::ServerEndpoint)
public:
    // "https://host:8443" (a trailing "/api/v1" is accepted and ignored; the client adds it).
    QUrl baseUrl;
    // "otd_<prefix>_<secret>"; empty only for health/version.
    QString token;
    // PEM file with the certificate(s) to trust in addition to the system CAs, e.g. the self-signed
    // server.crt written by "otactl server init".
    QString caCertificateFile;
    // Explicit opt-out of certificate verification. Callers MUST make it visible (otactl prints a warning on
    // stderr; the GUI shows it in the status bar).
    bool insecureSkipTlsVerify = false;
    // Per request: aborted when no byte moves for this long (QNetworkRequest::setTransferTimeout).
    int timeoutMs = 15000;
    // Extra attempts for idempotent calls (GET/PUT/DELETE/HEAD) after network errors, timeouts, 502/503/504.
    int retries = 3;

    bool isHttps() const;
    // baseUrl normalised: no trailing slash, no "/api/v1".
    QUrl normalizedBaseUrl() const;
    // "https://host:8443" for messages.
    QString displayName() const;
    // Checks the URL (http/https with a host) and that the CA file can be read and holds a certificate.
    Status validate() const;
    // The TLS configuration for requests: system CAs + caCertificateFile, or no verification when insecure.
    Result<QSslConfiguration> sslConfiguration() const;
    // Parses "http(s)://host[:port][/api/v1]"; a bare "host:port" gets http://.
    static Result<QUrl> parseUrl(const QString &text);
};

} // namespace otadesk::client
