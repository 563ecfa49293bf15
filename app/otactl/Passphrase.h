#pragma once
// Where otactl takes key passphrases from — never from a plain command-line argument (it would show in ps and
// the shell history): a --*passphrase-file FILE option, an environment variable, or the terminal without echo.
#include "core/common/Error.h"

#include <QByteArray>
#include <QString>

class QCommandLineParser;

namespace otadesk::cli {

struct PassphraseSource
{
    QString fileOption;  // e.g. "passphrase-file" (the option may be absent from the parser)
    const char *envVar;  // e.g. "OTADESK_PASSPHRASE"
    QString prompt;      // shown on the terminal
    bool confirm = false; // a new passphrase: ask twice on the terminal and refuse an empty one
};

// The passphrase, or InvalidArgument explaining how to give one when stdin is no terminal.
Result<QByteArray> readPassphrase(const QCommandLineParser &parser, const PassphraseSource &source);
// A yes/no question on the terminal; false if stdin is not a terminal.
bool confirmOnTerminal(const QString &question);
bool stdinIsTerminal();

} // namespace otadesk::cli
