// otactl server init: a self-signed TLS certificate and key for otadesk-server (core/crypto/SelfSignedCertificate)
// plus a starter config file that points at them.
#include "app/otactl/CommandLine.h"
#include "core/crypto/SelfSignedCertificate.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace otadesk::cli {

void registerServerTokenCommand(CommandLine &cli); // ServerToken.cpp
void registerServerDemoFleetCommand(CommandLine &cli); // ServerDemoFleet.cpp

namespace {
QString tr(const char *text) { return QCoreApplication::translate("otactl", text); }

const QString kCertName = QStringLiteral("server.crt");
const QString kKeyName = QStringLiteral("server.key");
const QString kConfigName = QStringLiteral("otadesk-server.conf");

QString iniQuoted(const QString &value)
{
    QString v = value;
    v.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + v + QLatin1Char('"');
}

// Creates (or with force replaces) path with the given permissions before any byte is written.
Status writeNewFile(const QString &path, const QByteArray &content, QFileDevice::Permissions permissions, bool force)
{
    if (QFileInfo::exists(path)) {
        if (!force)
            return fail(ErrorCode::InvalidArgument,
                        tr("%1 exists already; use --force to replace it.").arg(QDir::toNativeSeparators(path)));
        QFile::remove(path);
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, permissions) || file.write(content) != content.size()
        || !file.setPermissions(permissions) || !file.flush())
        return fail(ErrorCode::Io, tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    return {};
}

QByteArray starterConfig(const QString &cert, const QString &key, int port)
{
    return QStringLiteral("# otadesk-server settings, written by \"otactl server init\" on %1.\n"
                          "# Keys (see docs/server.md): listen, port, database, tls_cert, tls_key, log_format,\n"
                          "# max_body_bytes, shutdown_timeout_ms. Environment variables and flags override them.\n"
                          "[server]\n"
                          "listen=127.0.0.1\n"
                          "port=%2\n"
                          "tls_cert=%3\n"
                          "tls_key=%4\n"
                          "log_format=text\n")
        .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate))
        .arg(port)
        .arg(iniQuoted(cert), iniQuoted(key))
        .toUtf8();
}

int runInit(Context &ctx, const QCommandLineParser &p)
{
    if (!p.positionalArguments().isEmpty())
        return ctx.usage(tr("server init takes no arguments."));
    bool ok = false;
    const int days = p.isSet(QStringLiteral("days")) ? p.value(QStringLiteral("days")).toInt(&ok) : 825;
    if (p.isSet(QStringLiteral("days")) && !ok)
        return ctx.usage(tr("--days needs a number of days."));
    const int port = p.isSet(QStringLiteral("port")) ? p.value(QStringLiteral("port")).toInt(&ok) : 8443;
    if (p.isSet(QStringLiteral("port")) && (!ok || port < 0 || port > 65535))
        return ctx.usage(tr("--port needs a port number from 0 to 65535."));
    const bool force = p.isSet(QStringLiteral("force"));
    const QString dirPath = QFileInfo(p.isSet(QStringLiteral("dir"))
                                          ? p.value(QStringLiteral("dir"))
                                          : QDir(ctx.workspacePath()).filePath(QStringLiteral("server")))
                                .absoluteFilePath();
    auto cert = crypto::SelfSignedCertificate::generate(p.values(QStringLiteral("host")), days);
    if (!cert)
        return cert.error().code() == ErrorCode::InvalidArgument ? ctx.usage(cert.error().message())
                                                                  : ctx.fail(cert.error());
    if (!QDir().mkpath(dirPath))
        return ctx.fail(Error(ErrorCode::Io, tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(dirPath))));
    const QDir dir(dirPath);
    const QString certPath = dir.filePath(kCertName);
    const QString keyPath = dir.filePath(kKeyName);
    const QString configPath = dir.filePath(kConfigName);
    for (const QString &path : {certPath, keyPath, configPath}) {
        if (QFileInfo::exists(path) && !force)
            return ctx.fail(Error(ErrorCode::InvalidArgument, tr("%1 exists already; use --force to replace it.")
                                                                  .arg(QDir::toNativeSeparators(path))));
    }
    const auto owner = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    const auto everyone = owner | QFileDevice::ReadGroup | QFileDevice::ReadOther;
    for (const auto &[path, content, permissions] :
         {std::tuple{keyPath, cert->privateKeyPem(), owner}, std::tuple{certPath, cert->certificatePem(), everyone},
          std::tuple{configPath, starterConfig(certPath, keyPath, port), everyone}}) {
        if (auto st = writeNewFile(path, content, permissions, force); !st)
            return ctx.fail(st.error());
    }
    const QString fingerprint = QString::fromLatin1(cert->sha256Fingerprint().toHex(':').toUpper());
    if (ctx.json()) {
        ctx.printJson(QJsonObject{{QStringLiteral("certificate"), certPath},
                                  {QStringLiteral("privateKey"), keyPath},
                                  {QStringLiteral("config"), configPath},
                                  {QStringLiteral("subjectAltNames"), QJsonArray::fromStringList(cert->subjectAltNames())},
                                  {QStringLiteral("sha256Fingerprint"), fingerprint},
                                  {QStringLiteral("validDays"), days}});
        return ExitOk;
    }
    ctx.out() << tr("Certificate") << ": " << QDir::toNativeSeparators(certPath) << '\n'
              << tr("Private key") << ": " << QDir::toNativeSeparators(keyPath) << ' ' << tr("(mode 0600)") << '\n'
              << tr("Config file") << ": " << QDir::toNativeSeparators(configPath) << '\n'
              << tr("Names") << ": " << cert->subjectAltNames().join(QStringLiteral(", ")) << '\n'
              << tr("SHA-256") << ": " << fingerprint << '\n'
              << tr("Start the server with: otadesk-server --config %1").arg(QDir::toNativeSeparators(configPath))
              << '\n';
    ctx.out().flush();
    return ExitOk;
}
} // namespace

void registerServerCommands(CommandLine &cli)
{
    const QString server = QStringLiteral("server");
    cli.add({server, QStringLiteral("init"),
             tr("Create a self-signed TLS certificate, its key and a starter config file for otadesk-server."),
             QString(),
             [](QCommandLineParser &p) {
                 p.addOptions({{QStringLiteral("dir"), tr("Write the files into DIR (default: WORKSPACE/server)."),
                                tr("DIR")},
                               {QStringLiteral("host"),
                                tr("Also valid for this host name or IP address (repeatable); localhost, 127.0.0.1 "
                                   "and ::1 are always included."),
                                tr("NAME")},
                               {QStringLiteral("days"), tr("Validity in days (default 825)."), tr("N")},
                               {QStringLiteral("port"), tr("Port written into the config file (default 8443)."),
                                tr("N")},
                               {QStringLiteral("force"), tr("Replace existing files.")}});
             },
             runInit});
    registerServerTokenCommand(cli);
    registerServerDemoFleetCommand(cli);
}

} // namespace otadesk::cli
