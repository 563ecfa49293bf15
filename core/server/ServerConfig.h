#pragma once
// Settings of otadesk-server. Sources, lowest to highest precedence: built-in defaults, an INI config file
// ([server] section, read with QSettings), OTADESK_SERVER_* environment variables, command-line flags.
// Every value is validated; errors name the key and where the value came from.
#include "core/common/Error.h"
#include "core/server/ServerLog.h"

#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QStringList>

namespace otadesk::server {

struct ServerConfig
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::server::ServerConfig)
public:
    QHostAddress listen = QHostAddress(QHostAddress::LocalHost);
    QString listenText = QStringLiteral("127.0.0.1");
    quint16 port = 8080; // 0: any free port
    QString database;    // sqlite:PATH or postgresql://...; empty: none configured
    QString tlsCert;
    QString tlsKey;
    LogFormat logFormat = LogFormat::Text;
    qint64 maxBodyBytes = 16 * 1024 * 1024;
    int shutdownTimeoutMs = 10000;
    int requestTimeoutMs = 30000; // a request head must arrive within this; a body must not stall this long
    int idleTimeoutMs = 120000;   // an idle keep-alive connection is closed after this
    QString dataDir;            // payload blobs and upload parts; default: <SQLite file's folder>/data
    QString accelRedirectPrefix; // when set, payload downloads answer with X-Accel-Redirect for nginx
    int devicePollSeconds = 300;  // the check-in interval devices are told
    int lastSeenIntervalSeconds = 30; // a device's last_seen/check-in count is written at most this often
    QString clientCertHeader;     // header carrying a device's certificate fingerprint (set by a TLS proxy)
    QList<QHostAddress> trustedProxies{QHostAddress(QHostAddress::LocalHost), QHostAddress(QHostAddress::LocalHostIPv6)};
    QString configFile;              // the file that was read, if any
    QHash<QString, QString> origins; // key -> "default", "file", "env:NAME", "flag"

    bool tlsEnabled() const { return !tlsCert.isEmpty(); }
    // The resolved settings and their origins; the database password is masked.
    QJsonObject toJson() const;
};

// One setting: its name in the config file ([server] section), environment variable and flag.
struct ConfigKey
{
    const char *key;
    const char *env;
    const char *flag;
};
const QList<ConfigKey> &serverConfigKeys();

struct ConfigSources
{
    QString configFile;            // --config (else $OTADESK_SERVER_CONFIG)
    QHash<QString, QString> flags; // config key -> value given on the command line
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
};

// Unknown keys in the file are not fatal: they are appended to warnings.
Result<ServerConfig> loadServerConfig(const ConfigSources &sources, QStringList *warnings);

// "postgresql://user:secret@host/db" -> "postgresql://user:***@host/db".
QString maskedDatabaseUrl(const QString &url);

} // namespace otadesk::server
