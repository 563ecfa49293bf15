// otadesk-server: the headless update server. Reads its settings (defaults < config file < environment <
// flags), serves HTTP(S) on core/server's HttpService, prints one line "listening on URL" on stdout once it
// accepts connections (parents such as the GUI's bundled local server read the port from it), logs to stderr
// and stops gracefully on SIGTERM / SIGINT. Exit codes: 0 stopped normally, 1 cannot serve (e.g. the port is
// taken), 2 bad configuration.
#include "core/common/Logging.h"
#include "core/common/Version.h"
#include "core/server/HttpService.h"
#include "core/server/ServerConfig.h"
#include "core/server/ServerLog.h"
#include "core/server/SignalWatcher.h"
#include "core/store/Database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <cstdio>

using namespace otadesk;
using namespace otadesk::server;

namespace {
enum ServerExit { ExitOk = 0, ExitCannotServe = 1, ExitBadConfig = 2 };

QString tr(const char *text) { return QCoreApplication::translate("otadesk-server", text); }

void addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        tr("OTA Desk update server. Settings come from built-in defaults, the config file (--config or "
           "$OTADESK_SERVER_CONFIG), OTADESK_SERVER_* environment variables and these options, each overriding "
           "the one before."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("config"), tr("Read settings from the INI file FILE ([server] section)."), tr("FILE")},
        {QStringLiteral("listen"), tr("Address to listen on: an IP address, localhost or * (default 127.0.0.1)."),
         tr("ADDR")},
        {QStringLiteral("port"), tr("TCP port (default 8080; 0 picks a free port)."), tr("N")},
        {QStringLiteral("database"), tr("Database URL: sqlite:PATH or postgresql://USER@HOST/DB."), tr("URL")},
        {QStringLiteral("tls-cert"), tr("PEM certificate (chain) for HTTPS."), tr("FILE")},
        {QStringLiteral("tls-key"), tr("Unencrypted PEM private key for HTTPS."), tr("FILE")},
        {QStringLiteral("log-format"), tr("Log lines on stderr as json or text (default text)."), tr("FORMAT")},
        {QStringLiteral("max-body-bytes"), tr("Largest accepted request body (default 16777216)."), tr("N")},
        {QStringLiteral("request-timeout-ms"),
         tr("A request head must arrive, and a body must progress, within MS (default 30000); else 408."), tr("MS")},
        {QStringLiteral("idle-timeout-ms"), tr("Close keep-alive connections idle for MS (default 120000)."), tr("MS")},
        {QStringLiteral("data-dir"), tr("Folder for payloads and upload parts (default: DATABASE_FOLDER/data)."), tr("DIR")},
        {QStringLiteral("accel-redirect-prefix"), tr("Let nginx send payloads: answer downloads with X-Accel-Redirect: PREFIX..."), tr("PREFIX")},
        {QStringLiteral("device-poll-seconds"), tr("Check-in interval told to devices (default 300)."), tr("N")},
        {QStringLiteral("last-seen-interval-seconds"),
         tr("Write a device's last-seen time and check-in count at most every N seconds (default 30; 0: within a "
            "second of every check-in)."),
         tr("N")},
        {QStringLiteral("client-cert-header"),
         tr("Header in which a TLS proxy passes the device's client certificate fingerprint."), tr("NAME")},
        {QStringLiteral("trusted-proxies"),
         tr("Addresses whose client-certificate header is believed (default 127.0.0.1,::1)."), tr("LIST")},
        {QStringLiteral("shutdown-timeout-ms"),
         tr("How long a shutdown waits for requests in progress (default 10000)."), tr("MS")},
        {QStringLiteral("log-rules"), tr("Logging filter rules, e.g. \"otadesk.*.debug=true\"."), tr("RULES")},
        {QStringLiteral("print-config"), tr("Print the resolved settings and where each came from as JSON, then "
                                            "exit.")},
    });
}

ConfigSources sourcesFrom(const QCommandLineParser &parser)
{
    ConfigSources sources;
    sources.configFile = parser.value(QStringLiteral("config"));
    for (const ConfigKey &k : serverConfigKeys()) {
        const QString flag = QString::fromLatin1(k.flag);
        if (parser.isSet(flag))
            sources.flags.insert(QString::fromLatin1(k.key), parser.value(flag));
    }
    return sources;
}
} // namespace

int main(int argc, char *argv[])
{
    // Qt's own poll()-based event dispatcher: about 10 % less CPU per request than the GLib one, and the server
    // needs nothing from GLib. QT_NO_GLIB=0 in the environment keeps GLib.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("otadesk-server"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(kVersion));
    QCommandLineParser parser;
    addOptions(parser);
    parser.process(app); // --help, --version and unknown options exit here
    if (!parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "otadesk-server: %s\n",
                     qPrintable(tr("Unexpected argument \"%1\".").arg(parser.positionalArguments().first())));
        return ExitBadConfig;
    }

    QStringList warnings;
    auto config = loadServerConfig(sourcesFrom(parser), &warnings);
    if (!config) {
        std::fprintf(stderr, "otadesk-server: %s\n", qPrintable(config.error().message()));
        return ExitBadConfig;
    }
    installServerLogHandler(config->logFormat);
    if (parser.isSet(QStringLiteral("log-rules")))
        applyLogRules(parser.value(QStringLiteral("log-rules")));
    for (const QString &w : std::as_const(warnings))
        qCWarning(lcServer).noquote() << w;
    if (parser.isSet(QStringLiteral("print-config"))) {
        std::fprintf(stdout, "%s", QJsonDocument(config->toJson()).toJson(QJsonDocument::Indented).constData());
        return ExitOk;
    }

    // The database is opened and migrated before the port opens, so "listening" means ready to serve.
    std::unique_ptr<store::Database> database;
    if (!config->database.isEmpty()) {
        auto opened = store::Database::open(config->database);
        if (!opened) {
            qCCritical(lcServer).noquote() << opened.error().message();
            return ExitCannotServe;
        }
        if (auto migrated = (*opened)->migrate(); !migrated) {
            qCCritical(lcServer).noquote() << migrated.error().message();
            return ExitCannotServe;
        }
        const auto version = (*opened)->schemaVersion();
        {
            const LogFields fields(QJsonObject{{QStringLiteral("database"), (*opened)->spec().displayName()},
                                               {QStringLiteral("schema_version"), version ? *version : -1}});
            qCInfo(lcServer, "database ready");
        }
        database = std::move(*opened);
    }

    SignalWatcher signals;
    HttpService service(*config, database.get());
    if (auto started = service.start(); !started) {
        qCCritical(lcServer).noquote() << started.error().message();
        return started.error().code() == ErrorCode::InvalidArgument ? ExitBadConfig : ExitCannotServe;
    }
    QObject::connect(&signals, &SignalWatcher::received, &service, [&service](int signal) {
        {
            const LogFields fields(QJsonObject{{QStringLiteral("signal"), SignalWatcher::signalName(signal)}});
            qCInfo(lcServer, "stop requested");
        }
        service.shutdown();
    });
    QObject::connect(&service, &HttpService::stopped, &app, [] {
        qCInfo(lcServer, "stopped");
        QCoreApplication::exit(ExitOk);
    });
    // The one machine-readable line on stdout; everything else goes to stderr.
    std::fprintf(stdout, "listening on %s\n", service.url().toString().toUtf8().constData());
    std::fflush(stdout);
    return QCoreApplication::exec();
}
