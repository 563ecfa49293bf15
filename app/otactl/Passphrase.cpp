#include "app/otactl/Passphrase.h"

#include "core/crypto/Key.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace otadesk::cli {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("otactl", text); }

// One line from the terminal with echo off; the terminal settings are restored afterwards.
QByteArray readHiddenLine(const QString &prompt)
{
    std::fputs(prompt.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
    termios saved{};
    const bool haveTermios = tcgetattr(STDIN_FILENO, &saved) == 0;
    if (haveTermios) {
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        quiet.c_lflag |= ECHONL;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    QByteArray line;
    char c = 0;
    while (::read(STDIN_FILENO, &c, 1) == 1 && c != '\n')
        line.append(c);
    if (haveTermios)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

Result<QByteArray> fromFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, tr("Cannot read the passphrase file %1: %2").arg(path, f.errorString()));
    QByteArray content = f.readAll();
    // The first line; a trailing newline is not part of the passphrase.
    const qsizetype newline = content.indexOf('\n');
    QByteArray pass = content.left(newline < 0 ? content.size() : newline);
    crypto::wipe(content);
    if (pass.endsWith('\r'))
        pass.chop(1);
    return pass;
}
} // namespace

bool stdinIsTerminal()
{
    return isatty(STDIN_FILENO) == 1;
}

Result<QByteArray> readPassphrase(const QCommandLineParser &parser, const PassphraseSource &source)
{
    Result<QByteArray> pass = QByteArray();
    const QStringList options = parser.optionNames();
    if (!source.fileOption.isEmpty() && options.contains(source.fileOption)) {
        pass = fromFile(parser.value(source.fileOption));
    } else if (qEnvironmentVariableIsSet(source.envVar)) {
        pass = qgetenv(source.envVar);
    } else if (stdinIsTerminal()) {
        pass = readHiddenLine(source.prompt + QStringLiteral(": "));
        if (source.confirm && !pass->isEmpty()) {
            QByteArray again = readHiddenLine(tr("Repeat the passphrase: "));
            const bool same = again == *pass;
            crypto::wipe(again);
            if (!same) {
                crypto::wipe(*pass);
                return fail(ErrorCode::InvalidArgument, tr("The two passphrases differ; nothing was changed."));
            }
        }
    } else {
        return fail(ErrorCode::InvalidArgument,
                    tr("A passphrase is needed and stdin is not a terminal: set %1 or use --%2 FILE.")
                        .arg(QString::fromLatin1(source.envVar), source.fileOption));
    }
    if (!pass)
        return pass;
    if (pass->isEmpty())
        return fail(ErrorCode::InvalidArgument, tr("The passphrase is empty; key files are always encrypted."));
    return pass;
}

bool confirmOnTerminal(const QString &question)
{
    if (!stdinIsTerminal())
        return false;
    std::fputs((question + QStringLiteral(" [y/N] ")).toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
    char buffer[16] = {};
    if (!std::fgets(buffer, sizeof buffer, stdin))
        return false;
    return buffer[0] == 'y' || buffer[0] == 'Y';
}

} // namespace otadesk::cli
