#pragma once
// A small command framework for otactl: "otactl [global options] GROUP COMMAND [options] [arguments]".
// Every command has its own QCommandLineParser (so --help lists exactly its options) plus the global options
// --workspace, --json and --log-rules, which may appear before or after the command words.
#include "app/otactl/ExitCodes.h"
#include "core/library/FirmwareLibrary.h"

#include <QCommandLineParser>
#include <QMap>
#include <QTextStream>
#include <atomic>
#include <functional>
#include <memory>

namespace otadesk::cli {

// What a running command can use: output streams, the global options, the library (opened on first use).
class Context
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::cli::Context)
public:
    Context();
    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }
    bool json() const { return m_json; }
    QString workspacePath() const;
    // Opens the library of the workspace (once).
    Result<library::FirmwareLibrary *> library();
    // Prints "otactl: <error>" to stderr and returns the matching exit code.
    int fail(const Error &error);
    int usage(const QString &message);
    void printJson(const QJsonValue &value);
    // Progress on stderr when it is a terminal; polls SIGINT for cancellation.
    firmware::Progress progress(const QString &label);
    static std::atomic<bool> &interrupted();

private:
    friend class CommandLine;
    QTextStream m_out;
    QTextStream m_err;
    bool m_json = false;
    QString m_workspaceOption;
    std::unique_ptr<library::FirmwareLibrary> m_library;
};

struct Command
{
    QString group;   // "firmware", "bundle"
    QString name;    // "import"
    QString summary; // one line, translated
    QString arguments; // for the usage line: "FILE..."
    std::function<void(QCommandLineParser &)> setup;
    std::function<int(Context &, const QCommandLineParser &)> run;
};

class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::cli::CommandLine)
public:
    void add(Command command);
    // Text for "otactl GROUP help" / "otactl GROUP --help" (groups without one show the overview).
    void setGroupHelp(const QString &group, const QString &text);
    int run(const QStringList &arguments);

private:
    static void addGlobalOptions(QCommandLineParser &parser);
    QString overview() const;
    const Command *find(const QString &group, const QString &name) const;
    QList<Command> m_commands;
    QMap<QString, QString> m_groupHelp;
};

void registerFirmwareCommands(CommandLine &cli);
void registerBundleCommands(CommandLine &cli);
void registerKeyCommands(CommandLine &cli);
void registerManifestCommands(CommandLine &cli);
void registerServerCommands(CommandLine &cli);
void registerRemoteCommands(CommandLine &cli); // RemoteCommands.cpp: otactl remote ...
// "--server URL" -> "--server=URL" (also --token, --ca-cert, --timeout) so that the remote options may come
// before the command words like the global ones.
QStringList joinRemoteValueOptions(const QStringList &arguments);

} // namespace otadesk::cli
