#include "core/server/ServerConfig.h"

#include "core/store/ConnectionSpec.h"

#include <QFileInfo>
#include <QSettings>
#include <QSslCertificate>
#include <QSslKey>
#include <QUrl>

namespace otadesk::server {

namespace {
const QString kGroup = QStringLiteral("server");

struct RawValue
{
    QString value;
    QString origin;
};

QString tr(const char *text) { return ServerConfig::tr(text); }

std::unexpected<Error> bad(const QString &key, const RawValue &raw, const QString &why)
{
    return fail(ErrorCode::InvalidArgument,
                tr("Invalid setting %1 = \"%2\" (from %3): %4").arg(key, raw.value, raw.origin, why));
}

Result<qint64> parseInteger(const QString &key, const RawValue &raw, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 v = raw.value.trimmed().toLongLong(&ok);
    if (!ok || v < min || v > max)
        return bad(key, raw, tr("expected a whole number from %1 to %2").arg(min).arg(max));
    return v;
}

Result<QByteArray> readPem(const QString &key, const RawValue &raw)
{
    QFile f(raw.value);
    if (!f.open(QIODevice::ReadOnly))
        return bad(key, raw, tr("cannot read the file: %1").arg(f.errorString()));
    return f.readAll();
}

Status validateTls(const ServerConfig &c, const QHash<QString, RawValue> &raw)
{
    if (c.tlsCert.isEmpty() != c.tlsKey.isEmpty()) {
        const QString given = c.tlsCert.isEmpty() ? QStringLiteral("tls_key") : QStringLiteral("tls_cert");
        const QString missing = c.tlsCert.isEmpty() ? QStringLiteral("tls_cert") : QStringLiteral("tls_key");
        return fail(ErrorCode::InvalidArgument,
                    tr("Setting %1 is given but %2 is not; HTTPS needs both the certificate and the key.")
                        .arg(given, missing));
    }
    if (c.tlsCert.isEmpty())
        return {};
    auto certPem = readPem(QStringLiteral("tls_cert"), raw.value(QStringLiteral("tls_cert")));
    if (!certPem)
        return std::unexpected(certPem.error());
    if (QSslCertificate::fromData(*certPem, QSsl::Pem).isEmpty())
        return bad(QStringLiteral("tls_cert"), raw.value(QStringLiteral("tls_cert")),
                   tr("no PEM certificate in the file"));
    auto keyPem = readPem(QStringLiteral("tls_key"), raw.value(QStringLiteral("tls_key")));
    if (!keyPem)
        return std::unexpected(keyPem.error());
    if (QSslKey(*keyPem, QSsl::Ec).isNull() && QSslKey(*keyPem, QSsl::Rsa).isNull())
        return bad(QStringLiteral("tls_key"), raw.value(QStringLiteral("tls_key")),
                   tr("no unencrypted PEM private key (EC or RSA) in the file"));
    return {};
}

Status readFile(const QString &path, QHash<QString, RawValue> &raw, QStringList *warnings)
{
    const QFileInfo info(path);
    if (!info.isFile() || !info.isReadable())
        return fail(ErrorCode::InvalidArgument, tr("Cannot read the config file %1.").arg(path));
    QSettings ini(path, QSettings::IniFormat);
    if (ini.status() != QSettings::NoError)
        return fail(ErrorCode::InvalidArgument, tr("The config file %1 is not a valid INI file.").arg(path));
    QStringList known;
    for (const ConfigKey &k : serverConfigKeys())
        known << QString::fromLatin1(k.key);
    const QString origin = tr("config file %1").arg(path);
    for (const QString &fullKey : ini.allKeys()) {
        const QString group = fullKey.section(QLatin1Char('/'), 0, -2);
        const QString key = fullKey.section(QLatin1Char('/'), -1);
        if (group != kGroup || !known.contains(key)) {
            if (warnings)
                warnings->append(tr("Unknown key \"%1\" in the config file %2 is ignored (settings go into the "
                                    "[server] section: %3).")
                                     .arg(fullKey, path, known.join(QStringLiteral(", "))));
            continue;
        }
        const QVariant value = ini.value(fullKey); // an unquoted value with commas reads as a list
        raw.insert(key, {value.typeId() == QMetaType::QStringList ? value.toStringList().join(QLatin1Char(','))
                                                                  : value.toString(),
                         origin});
    }
    return {};
}
} // namespace

const QList<ConfigKey> &serverConfigKeys()
{
    static const QList<ConfigKey> keys{
        {"listen", "OTADESK_SERVER_LISTEN", "listen"},
        {"port", "OTADESK_SERVER_PORT", "port"},
        {"database", "OTADESK_SERVER_DATABASE", "database"},
        {"tls_cert", "OTADESK_SERVER_TLS_CERT", "tls-cert"},
        {"tls_key", "OTADESK_SERVER_TLS_KEY", "tls-key"},
        {"log_format", "OTADESK_SERVER_LOG_FORMAT", "log-format"},
        {"max_body_bytes", "OTADESK_SERVER_MAX_BODY_BYTES", "max-body-bytes"},
        {"shutdown_timeout_ms", "OTADESK_SERVER_SHUTDOWN_TIMEOUT_MS", "shutdown-timeout-ms"},
        {"request_timeout_ms", "OTADESK_SERVER_REQUEST_TIMEOUT_MS", "request-timeout-ms"},
        {"idle_timeout_ms", "OTADESK_SERVER_IDLE_TIMEOUT_MS", "idle-timeout-ms"},
        {"data_dir", "OTADESK_SERVER_DATA_DIR", "data-dir"},
        {"accel_redirect_prefix", "OTADESK_SERVER_ACCEL_REDIRECT_PREFIX", "accel-redirect-prefix"},
        {"device_poll_seconds", "OTADESK_SERVER_DEVICE_POLL_SECONDS", "device-poll-seconds"},
        {"last_seen_interval_seconds", "OTADESK_SERVER_LAST_SEEN_INTERVAL_SECONDS", "last-seen-interval-seconds"},
        {"client_cert_header", "OTADESK_SERVER_CLIENT_CERT_HEADER", "client-cert-header"},
        {"trusted_proxies", "OTADESK_SERVER_TRUSTED_PROXIES", "trusted-proxies"},
    };
    return keys;
}

Result<ServerConfig> loadServerConfig(const ConfigSources &sources, QStringList *warnings)
{
    ServerConfig c;
    QHash<QString, RawValue> raw;
    QString file = sources.configFile;
    if (file.isEmpty())
        file = sources.env.value(QStringLiteral("OTADESK_SERVER_CONFIG"));
    if (!file.isEmpty()) {
        if (auto st = readFile(file, raw, warnings); !st)
            return std::unexpected(st.error());
        c.configFile = QFileInfo(file).absoluteFilePath();
    }
    for (const ConfigKey &k : serverConfigKeys()) {
        const QString key = QString::fromLatin1(k.key);
        const QString envName = QString::fromLatin1(k.env);
        const QString envValue = sources.env.value(envName);
        if (!envValue.isEmpty())
            raw.insert(key, {envValue, tr("environment variable %1").arg(envName)});
        if (sources.flags.contains(key))
            raw.insert(key, {sources.flags.value(key), tr("option --%1").arg(QString::fromLatin1(k.flag))});
        c.origins.insert(key, raw.contains(key) ? raw.value(key).origin : QStringLiteral("default"));
    }
    for (const ConfigKey &k : serverConfigKeys()) { // in table order, so the first bad key is reported
        const QString key = QString::fromLatin1(k.key);
        if (!raw.contains(key))
            continue;
        const RawValue v = raw.value(key);
        if (key == QLatin1String("listen")) {
            const QString t = v.value.trimmed();
            QHostAddress a;
            if (t == QLatin1String("localhost"))
                a = QHostAddress(QHostAddress::LocalHost);
            else if (t == QLatin1String("*") || t == QLatin1String("any"))
                a = QHostAddress(QHostAddress::Any);
            else if (!a.setAddress(t))
                return bad(key, v, tr("expected an IP address, \"localhost\" or \"*\""));
            c.listen = a;
            c.listenText = t;
        } else if (key == QLatin1String("port")) {
            auto p = parseInteger(key, v, 0, 65535);
            if (!p)
                return std::unexpected(p.error());
            c.port = quint16(*p);
        } else if (key == QLatin1String("database")) {
            const QString d = v.value.trimmed();
            if (!d.isEmpty()) {
                if (auto spec = store::ConnectionSpec::parse(d); !spec)
                    return bad(key, v, spec.error().message());
            }
            c.database = d;
        } else if (key == QLatin1String("tls_cert")) {
            c.tlsCert = v.value;
        } else if (key == QLatin1String("tls_key")) {
            c.tlsKey = v.value;
        } else if (key == QLatin1String("log_format")) {
            const auto f = logFormatFromName(v.value.trimmed());
            if (!f)
                return bad(key, v, tr("expected json or text"));
            c.logFormat = *f;
        } else if (key == QLatin1String("max_body_bytes")) {
            auto n = parseInteger(key, v, 1, qint64(1) << 40);
            if (!n)
                return std::unexpected(n.error());
            c.maxBodyBytes = *n;
        } else if (key == QLatin1String("shutdown_timeout_ms")) {
            auto n = parseInteger(key, v, 0, 3600 * 1000);
            if (!n)
                return std::unexpected(n.error());
            c.shutdownTimeoutMs = int(*n);
        } else if (key == QLatin1String("request_timeout_ms") || key == QLatin1String("idle_timeout_ms")) {
            auto n = parseInteger(key, v, 100, 3600 * 1000);
            if (!n)
                return std::unexpected(n.error());
            (key == QLatin1String("request_timeout_ms") ? c.requestTimeoutMs : c.idleTimeoutMs) = int(*n);
        } else if (key == QLatin1String("data_dir")) {
            c.dataDir = v.value.trimmed().isEmpty() ? QString() : QFileInfo(v.value.trimmed()).absoluteFilePath();
        } else if (key == QLatin1String("accel_redirect_prefix")) {
            const QString p = v.value.trimmed();
            if (!p.isEmpty() && (!p.startsWith(u'/') || !p.endsWith(u'/') || p.contains(QLatin1String(".."))))
                return bad(key, v, tr("expected a URI path that starts and ends with /, e.g. /_otadesk_blobs/"));
            c.accelRedirectPrefix = p;
        } else if (key == QLatin1String("device_poll_seconds")) {
            auto n = parseInteger(key, v, 5, 7 * 24 * 3600);
            if (!n)
                return std::unexpected(n.error());
            c.devicePollSeconds = int(*n);
        } else if (key == QLatin1String("last_seen_interval_seconds")) {
            auto n = parseInteger(key, v, 0, 3600);
            if (!n)
                return std::unexpected(n.error());
            c.lastSeenIntervalSeconds = int(*n);
        } else if (key == QLatin1String("client_cert_header")) {
            c.clientCertHeader = v.value.trimmed();
        } else if (key == QLatin1String("trusted_proxies")) {
            c.trustedProxies.clear();
            for (const QString &part : v.value.split(u',', Qt::SkipEmptyParts)) {
                QHostAddress a;
                if (!a.setAddress(part.trimmed()))
                    return bad(key, v, tr("expected IP addresses separated by commas"));
                c.trustedProxies.append(a);
            }
        }
    }
    if (c.dataDir.isEmpty() && !c.database.isEmpty()) {
        const auto spec = store::ConnectionSpec::parse(c.database);
        if (spec && spec->dialect == store::Dialect::Sqlite) {
            c.dataDir = QFileInfo(QFileInfo(spec->path).absolutePath() + QStringLiteral("/data")).absoluteFilePath();
            c.origins.insert(QStringLiteral("data_dir"), tr("next to the database"));
        } else {
            return fail(ErrorCode::InvalidArgument,
                        tr("Invalid setting data_dir: a PostgreSQL database needs a data folder for payloads "
                           "(--data-dir DIR, OTADESK_SERVER_DATA_DIR or data_dir in the config file)."));
        }
    }
    if (auto st = validateTls(c, raw); !st)
        return std::unexpected(st.error());
    return c;
}

QString maskedDatabaseUrl(const QString &url)
{
    QUrl u(url);
    if (!u.isValid() || u.password().isEmpty())
        return url;
    u.setPassword(QStringLiteral("***"));
    return u.toString();
}

QJsonObject ServerConfig::toJson() const
{
    QJsonObject values{{QStringLiteral("listen"), listenText},
                       {QStringLiteral("port"), int(port)},
                       {QStringLiteral("database"), maskedDatabaseUrl(database)},
                       {QStringLiteral("tls_cert"), tlsCert},
                       {QStringLiteral("tls_key"), tlsKey},
                       {QStringLiteral("log_format"), logFormatName(logFormat)},
                       {QStringLiteral("max_body_bytes"), double(maxBodyBytes)},
                       {QStringLiteral("shutdown_timeout_ms"), shutdownTimeoutMs},
                       {QStringLiteral("request_timeout_ms"), requestTimeoutMs},
                       {QStringLiteral("idle_timeout_ms"), idleTimeoutMs},
                       {QStringLiteral("data_dir"), dataDir},
                       {QStringLiteral("accel_redirect_prefix"), accelRedirectPrefix},
                       {QStringLiteral("device_poll_seconds"), devicePollSeconds},
                       {QStringLiteral("last_seen_interval_seconds"), lastSeenIntervalSeconds},
                       {QStringLiteral("client_cert_header"), clientCertHeader}};
    QStringList proxies;
    for (const QHostAddress &a : trustedProxies)
        proxies.append(a.toString());
    values.insert(QStringLiteral("trusted_proxies"), proxies.join(u','));
    QJsonObject origin;
    for (auto it = origins.cbegin(); it != origins.cend(); ++it)
        origin.insert(it.key(), it.value());
    return QJsonObject{{QStringLiteral("config_file"), configFile},
                       {QStringLiteral("settings"), values},
                       {QStringLiteral("origins"), origin}};
}

} // namespace otadesk::server
