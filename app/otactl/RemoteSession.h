#pragma once
// Shared by the "otactl remote ..." commands (RemoteCommands.cpp, RemotePayloads.cpp, RemoteManifests.cpp,
// RemoteAdmin.cpp): the connection options (--server/$OTADESK_SERVER, --token/$OTADESK_TOKEN, --ca-cert,
// --insecure, --timeout), a blocking wait on ApiCalls that Ctrl+C interrupts, exit codes for API errors, and
// the text/JSON output of the API's objects.
#include "app/otactl/CommandLine.h"
#include "core/client/ApiClient.h"

#include <memory>
#include <QCommandLineParser>

namespace otadesk::cli::remote {

QString tr(const char *text);
QCommandLineOption opt(const QString &name, const char *description, const char *valueName = nullptr);

// --server, --token, --ca-cert, --insecure, --timeout (every remote command).
void addConnectionOptions(QCommandLineParser &parser);
// --offset, --limit, --sort, --desc (list commands).
void addListOptions(QCommandLineParser &parser);
Result<client::ListQuery> listQueryFrom(const QCommandLineParser &parser);

// The client built from the options; prints the --insecure warning on stderr.
class Session
{
public:
    // Returns an exit code != 0 through *exitCode when the options are unusable.
    static std::unique_ptr<Session> open(Context &ctx, const QCommandLineParser &parser, int *exitCode);
    client::ApiClient &client() { return *m_client; }
    Context &ctx() { return m_ctx; }
    // Runs the event loop until call finished (Ctrl+C aborts it). Returns the call (owned by the caller).
    std::unique_ptr<client::ApiCall> wait(client::ApiCall *call);
    // wait(call); on failure prints the error and returns the exit code, on success returns ExitOk.
    int run(client::ApiCall *call, std::unique_ptr<client::ApiCall> *done);
    // Runs the event loop until done() is true (checked whenever finishedSignal of job fires and every 100
    // ms); Ctrl+C calls cancel once.
    void waitFor(QObject *job, const char *finishedSignal, const std::function<bool()> &done,
                 const std::function<void()> &cancel);
    int fail(const client::ApiError &error);

private:
    explicit Session(Context &ctx) : m_ctx(ctx) {}
    Context &m_ctx;
    std::unique_ptr<client::ApiClient> m_client;
};

// Exit code for an API error (documented in docs/client.md).
int exitCodeFor(const client::ApiError &error);
// Positive integer id from a command-line word.
Result<qint64> parseId(const QString &text, const QString &what);

QString timeText(const QDateTime &t);
// A progress reporter on stderr ("label: 42% (12 MiB of 20 MiB)"), only when stderr is a terminal.
std::function<void(qint64, qint64)> progressPrinter(Context &ctx, const QString &label);

} // namespace otadesk::cli::remote
