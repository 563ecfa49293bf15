#include "app/otactl/CommandLine.h"

#include "core/common/Logging.h"
#include "core/common/Settings.h"
#include "core/common/Version.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>
#include <unistd.h>

namespace otadesk::cli {

namespace {
const QStringList kValueOptions = {QStringLiteral("--workspace"), QStringLiteral("--log-rules")};
} // namespace

Context::Context() : m_out(stdout), m_err(stderr) {}

std::atomic<bool> &Context::interrupted()
{
    static std::atomic<bool> flag{false};
    return flag;
}

QString Context::workspacePath() const
{
    if (!m_workspaceOption.isEmpty() || !qEnvironmentVariableIsEmpty("OTADESK_WORKSPACE"))
        return Workspace::resolvePath(m_workspaceOption);
    return Workspace::resolvePath({}, Settings().workspacePath());
}

Result<library::FirmwareLibrary *> Context::library()
{
    if (!m_library) {
        auto opened = library::FirmwareLibrary::open(Workspace(workspacePath()));
        if (!opened)
            return std::unexpected(opened.error());
        m_library = std::move(*opened);
    }
    return m_library.get();
}

int Context::fail(const Error &error)
{
    m_out.flush();
    m_err << "otactl: " << error.toString() << Qt::endl;
    return exitCodeFor(error.code());
}

int Context::usage(const QString &message)
{
    m_out.flush();
    m_err << "otactl: " << message << Qt::endl;
    return ExitUsage;
}

void Context::printJson(const QJsonValue &value)
{
    const QJsonDocument doc = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    m_out << QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    m_out.flush();
}

firmware::Progress Context::progress(const QString &label)
{
    firmware::Progress p;
    p.cancelled = &interrupted();
    if (!isatty(fileno(stderr)))
        return p;
    auto last = std::make_shared<int>(-1);
    p.report = [this, label, last](qint64 done, qint64 total) {
        const int percent = total > 0 ? int(done * 100 / total) : 100;
        if (percent == *last)
            return;
        *last = percent;
        m_err << '\r' << label << ": " << percent << '%' << (percent >= 100 ? "\n" : "");
        m_err.flush();
    };
    return p;
}

void CommandLine::add(Command command) { m_commands.append(std::move(command)); }

void CommandLine::setGroupHelp(const QString &group, const QString &text) { m_groupHelp.insert(group, text); }

const Command *CommandLine::find(const QString &group, const QString &name) const
{
    for (const Command &c : m_commands) {
        if (c.group == group && c.name == name)
            return &c;
    }
    return nullptr;
}

void CommandLine::addGlobalOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("workspace"),
                      tr("Workspace folder (default: $OTADESK_WORKSPACE, then the settings, then %1).")
                          .arg(Workspace::defaultPath()),
                      tr("DIR")});
    parser.addOption({QStringLiteral("json"), tr("Machine-readable JSON output.")});
    parser.addOption({QStringLiteral("log-rules"),
                      tr("Logging rules, e.g. \"otadesk.library.debug=true\"."), tr("RULES")});
    parser.addHelpOption();
}

QString CommandLine::overview() const
{
    QString text = tr("Usage: otactl [--workspace DIR] [--json] [--log-rules RULES] GROUP COMMAND [options]\n\n"
                      "Manage the OTA Desk firmware library from the command line.\n\nCommands:\n");
    for (const Command &c : m_commands)
        text += QStringLiteral("  %1 %2 %3\n      %4\n").arg(c.group, c.name, c.arguments, c.summary);
    text += tr("\nRun \"otactl GROUP COMMAND --help\" for the options of a command; \"otactl --version\" prints "
               "the version.\n\nExit codes: 0 ok, 1 usage, 2 input/format error, 3 not found, 4 I/O error, "
               "5 database error, 6 manifest verification failed, 7 sequence number rollback refused, "
               "8 server unreachable, 9 refused by the server, 10 token not valid or permission missing, "
               "130 cancelled.\n");
    return text;
}

int CommandLine::run(const QStringList &arguments)
{
    Context ctx;
    QStringList args = arguments;
    if (args.size() > 1 && args.at(1) == QLatin1String("help")) { // "otactl help [GROUP COMMAND]"
        args.removeAt(1);
        args.append(QStringLiteral("--help"));
    }
    QStringList rest = args.mid(0, 1);
    QStringList words;
    bool help = false;
    bool version = false;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (words.size() < 2 && !a.startsWith(QLatin1Char('-'))) {
            words.append(a);
            continue;
        }
        rest.append(a);
        if (kValueOptions.contains(a) && i + 1 < args.size())
            rest.append(args.at(++i));
        help = help || a == QLatin1String("--help") || a == QLatin1String("-h");
        version = version || (words.isEmpty() && a == QLatin1String("--version"));
    }
    if (words.isEmpty()) {
        if (version) {
            ctx.out() << "otactl " << kVersion << Qt::endl;
            return ExitOk;
        }
        if (help) {
            ctx.out() << overview();
            return ExitOk;
        }
        ctx.err() << overview();
        return ExitUsage;
    }
    const Command *command = words.size() == 2 ? find(words.at(0), words.at(1)) : nullptr;
    if (!command) {
        bool groupKnown = false;
        for (const Command &c : m_commands)
            groupKnown = groupKnown || c.group == words.at(0);
        const bool groupHelp =
            (help && words.size() == 1) || (words.size() == 2 && words.at(1) == QLatin1String("help"));
        if (groupKnown && groupHelp && m_groupHelp.contains(words.at(0))) {
            ctx.out() << m_groupHelp.value(words.at(0))
                      << tr("\nRun \"otactl %1 COMMAND --help\" for the options of a command.\n").arg(words.at(0));
            return ExitOk;
        }
        if (help && groupKnown && words.size() == 1) {
            ctx.out() << overview();
            return ExitOk;
        }
        return ctx.usage(words.size() < 2 && groupKnown
                             ? tr("\"%1\" needs a command. Run \"otactl --help\" for the list.").arg(words.at(0))
                             : tr("Unknown command \"%1\". Run \"otactl --help\" for the list.")
                                   .arg(words.join(QLatin1Char(' '))));
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(command->summary);
    addGlobalOptions(parser);
    command->setup(parser);
    if (!parser.parse(rest)) {
        return ctx.usage(parser.errorText() + QLatin1Char('\n') +
                         tr("Run \"otactl %1 %2 --help\" for its options.").arg(command->group, command->name));
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QString text = parser.helpText();
        text.replace(text.indexOf(QStringLiteral("[options]")), 9,
                     command->group + QLatin1Char(' ') + command->name + QStringLiteral(" [options]"));
        ctx.out() << text;
        return ExitOk;
    }
    ctx.m_json = parser.isSet(QStringLiteral("json"));
    ctx.m_workspaceOption = parser.value(QStringLiteral("workspace"));
    QString rules = parser.value(QStringLiteral("log-rules"));
    if (rules.isEmpty() && parser.value(QStringLiteral("workspace")).isEmpty())
        rules = Settings().value(Settings::LogRules).toString();
    // The CLI reports through its own output; subsystem chatter only when asked for.
    applyLogRules(QStringLiteral("otadesk.*.info=false;") + rules);
    qCDebug(lcCli) << "running" << command->group << command->name;
    return command->run(ctx, parser);
}

} // namespace otadesk::cli
