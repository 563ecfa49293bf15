#include "app/otactl/RemoteSession.h"
#include "app/otactl/Output.h"

#include <cstdio>
#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>
#include <unistd.h>

namespace otadesk::cli::remote {

QString tr(const char *text)
{
    return QCoreApplication::translate("otactl", text);
}

QCommandLineOption opt(const QString &name, const char *description, const char *valueName)
{
    return valueName ? QCommandLineOption(name, tr(description), tr(valueName))
                     : QCommandLineOption(name, tr(description));
}

void addConnectionOptions(QCommandLineParser &parser)
{
    parser.addOptions(
        {opt(QStringLiteral("server"), "Server URL, e.g. https://host:8443 (default: $OTADESK_SERVER).",
             "URL"),
         opt(QStringLiteral("token"), "API token otd_... (default: $OTADESK_TOKEN).", "TOKEN"),
         opt(QStringLiteral("ca-cert"),
             "Trust the certificate(s) in this PEM file, e.g. the server.crt of \"otactl server init\" "
             "(default: $OTADESK_CA_CERT).",
             "FILE"),
         opt(QStringLiteral("insecure"), "Do not verify the server's TLS certificate (warns on stderr)."),
         opt(QStringLiteral("timeout"),
             "Give up a request when no data moved for MS milliseconds "
             "(default 15000).",
             "MS")});
}

void addListOptions(QCommandLineParser &parser)
{
    parser.addOptions({opt(QStringLiteral("offset"), "Skip the first N items.", "N"),
                       opt(QStringLiteral("limit"), "At most N items (1-500, default 50).", "N"),
                       opt(QStringLiteral("sort"), "Sort by FIELD.", "FIELD"),
                       opt(QStringLiteral("desc"), "Descending order.")});
}

Result<client::ListQuery> listQueryFrom(const QCommandLineParser &parser)
{
    client::ListQuery q;
    bool ok = true;
    if (parser.isSet(QStringLiteral("offset"))) {
        q.offset = parser.value(QStringLiteral("offset")).toLongLong(&ok);
        if (!ok || q.offset < 0)
            return fail(ErrorCode::InvalidArgument, tr("--offset needs a number of 0 or more."));
    }
    if (parser.isSet(QStringLiteral("limit"))) {
        q.limit = parser.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || q.limit < 1 || q.limit > 500)
            return fail(ErrorCode::InvalidArgument, tr("--limit needs a number from 1 to 500."));
    }
    q.sort = parser.value(QStringLiteral("sort"));
    q.descending = parser.isSet(QStringLiteral("desc"));
    return q;
}

std::unique_ptr<Session> Session::open(Context &ctx, const QCommandLineParser &p, int *exitCode)
{
    const auto fromEnv = [&p](const char *option, const char *variable) {
        const QString name = QLatin1String(option);
        return p.isSet(name) ? p.value(name) : qEnvironmentVariable(variable);
    };
    client::ServerEndpoint endpoint;
    auto url = client::ServerEndpoint::parseUrl(fromEnv("server", "OTADESK_SERVER"));
    if (!url) {
        *exitCode = ctx.usage(url.error().message());
        return nullptr;
    }
    endpoint.baseUrl = *url;
    endpoint.token = fromEnv("token", "OTADESK_TOKEN").trimmed();
    if (endpoint.token.isEmpty()) {
        *exitCode =
            ctx.usage(tr("No API token given. Pass --token TOKEN or set OTADESK_TOKEN (an administrator "
                         "creates one with \"otactl remote token create\" or \"otactl server token\")."));
        return nullptr;
    }
    endpoint.caCertificateFile = fromEnv("ca-cert", "OTADESK_CA_CERT");
    endpoint.insecureSkipTlsVerify = p.isSet(QStringLiteral("insecure"));
    if (p.isSet(QStringLiteral("timeout"))) {
        bool ok = false;
        endpoint.timeoutMs = p.value(QStringLiteral("timeout")).toInt(&ok);
        if (!ok || endpoint.timeoutMs < 1) {
            *exitCode = ctx.usage(tr("--timeout needs a number of milliseconds."));
            return nullptr;
        }
    }
    if (auto valid = endpoint.validate(); !valid) {
        *exitCode = ctx.fail(valid.error());
        return nullptr;
    }
    if (endpoint.insecureSkipTlsVerify)
        ctx.err()
            << tr("otactl: warning: --insecure: the TLS certificate of %1 is NOT verified; anyone on the "
                  "network path can read and change this connection.")
                   .arg(endpoint.displayName())
            << Qt::endl;
    auto session = std::unique_ptr<Session>(new Session(ctx));
    session->m_client = std::make_unique<client::ApiClient>(endpoint);
    return session;
}

std::unique_ptr<client::ApiCall> Session::wait(client::ApiCall *call)
{
    call->setAutoDelete(false);
    std::unique_ptr<client::ApiCall> owned(call);
    waitFor(
        call, SIGNAL(finished()), [call] { return call->isFinished(); }, [call] { call->abort(); });
    return owned;
}

int Session::run(client::ApiCall *call, std::unique_ptr<client::ApiCall> *done)
{
    auto finished = wait(call);
    if (finished->failed())
        return fail(finished->error());
    if (done)
        *done = std::move(finished);
    return ExitOk;
}

void Session::waitFor(QObject *job, const char *finishedSignal, const std::function<bool()> &done,
                      const std::function<void()> &cancel)
{
    if (done())
        return;
    QEventLoop loop;
    QObject::connect(job, finishedSignal, &loop, SLOT(quit()));
    QTimer poll;
    bool cancelled = false;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (!cancelled && Context::interrupted().load()) {
            cancelled = true;
            cancel();
        }
    });
    poll.start(100);
    loop.exec();
}

int Session::fail(const client::ApiError &error)
{
    m_ctx.out().flush();
    m_ctx.err() << "otactl: " << error.toString() << Qt::endl;
    return exitCodeFor(error);
}

int exitCodeFor(const client::ApiError &error)
{
    using Kind = client::ApiError::Kind;
    switch (error.kind()) {
    case Kind::None:
        return ExitOk;
    case Kind::Cancelled:
        return ExitCancelled;
    case Kind::Local:
        return ExitIo;
    case Kind::Network:
    case Kind::Tls:
    case Kind::Timeout:
        return ExitUnreachable;
    case Kind::InvalidResponse:
        return ExitRefused;
    case Kind::Http:
        break;
    }
    const QString &code = error.code();
    if (error.httpStatus() == 401 || error.httpStatus() == 403)
        return ExitUnauthorized;
    if (error.httpStatus() == 404)
        return ExitNotFound;
    if (code == QLatin1String("rollback"))
        return ExitRollback;
    if (code == QLatin1String("signature_invalid") || code == QLatin1String("unknown_key"))
        return ExitVerificationFailed;
    if (code == QLatin1String("invalid_envelope"))
        return ExitInput;
    return ExitRefused;
}

Result<qint64> parseId(const QString &text, const QString &what)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id < 1)
        return fail(ErrorCode::InvalidArgument,
                    tr("\"%1\" is not a %2 id (a positive number).").arg(text, what));
    return id;
}

QString timeText(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QStringLiteral("Z")
                       : QStringLiteral("-");
}

std::function<void(qint64, qint64)> progressPrinter(Context &ctx, const QString &label)
{
    if (ctx.json() || !isatty(fileno(stderr)))
        return [](qint64, qint64) {};
    auto last = std::make_shared<int>(-1);
    return [&ctx, label, last](qint64 done, qint64 total) {
        const int percent = total > 0 ? int(done * 100 / total) : 100;
        if (percent == *last)
            return;
        *last = percent;
        ctx.err() << '\r' << label << ": " << percent << "% (" << humanSize(done) << " / " << humanSize(total)
                  << ')' << (percent >= 100 ? "\n" : "");
        ctx.err().flush();
    };
}

} // namespace otadesk::cli::remote
