#include "core/client/ServerEndpoint.h"

#include <QDir>
#include <QFile>
#include <QSslCertificate>

namespace otadesk::client {

bool ServerEndpoint::isHttps() const
{
    return baseUrl.scheme() == QLatin1String("https");
}

QUrl ServerEndpoint::normalizedBaseUrl() const
{
    QUrl u = baseUrl;
    QString path = u.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (path.endsWith(QLatin1String("/api/v1")))
        path.chop(7);
    u.setPath(path);
    u.setQuery(QString());
    u.setFragment(QString());
    return u;
}

QString ServerEndpoint::displayName() const
{
    return normalizedBaseUrl().toDisplayString(QUrl::RemoveUserInfo);
}

Result<QUrl> ServerEndpoint::parseUrl(const QString &text)
{
    QString t = text.trimmed();
    if (t.isEmpty())
        return fail(ErrorCode::InvalidArgument,
                    tr("No server given. Pass --server URL or set OTADESK_SERVER (e.g. https://host:8443)."));
    if (!t.contains(QLatin1String("://")))
        t.prepend(QLatin1String("http://"));
    const QUrl url(t, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return fail(
            ErrorCode::InvalidArgument,
            tr("\"%1\" is not a server URL; expected http://HOST:PORT or https://HOST:PORT.").arg(text));
    return url;
}

Status ServerEndpoint::validate() const
{
    if (!baseUrl.isValid() || baseUrl.host().isEmpty() ||
        (baseUrl.scheme() != QLatin1String("http") && baseUrl.scheme() != QLatin1String("https")))
        return fail(ErrorCode::InvalidArgument,
                    tr("\"%1\" is not a server URL; expected http://HOST:PORT or https://HOST:PORT.")
                        .arg(baseUrl.toString()));
    auto ssl = sslConfiguration();
    if (!ssl)
        return std::unexpected(ssl.error());
    return {};
}

Result<QSslConfiguration> ServerEndpoint::sslConfiguration() const
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    if (insecureSkipTlsVerify) {
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
        return config;
    }
    if (caCertificateFile.isEmpty())
        return config;
    QFile file(caCertificateFile);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, tr("Cannot read the CA certificate file %1: %2")
                                       .arg(QDir::toNativeSeparators(caCertificateFile), file.errorString()));
    const QByteArray pem = file.readAll();
    QList<QSslCertificate> certificates = QSslCertificate::fromData(pem, QSsl::Pem);
    if (certificates.isEmpty())
        certificates = QSslCertificate::fromData(pem, QSsl::Der);
    if (certificates.isEmpty())
        return fail(ErrorCode::Format,
                    tr("%1 holds no certificate (expected PEM, e.g. the server.crt written by "
                       "\"otactl server init\").")
                        .arg(QDir::toNativeSeparators(caCertificateFile)));
    config.addCaCertificates(certificates);
    return config;
}

} // namespace otadesk::client
