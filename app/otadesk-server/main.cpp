// otadesk-server: the headless update server. This version only identifies itself; the server proper (device
// and management APIs, storage) arrives with the server issue.
#include "core/common/Logging.h"
#include "core/common/Version.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("otadesk-server"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(otadesk::kVersion));
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "OTA Desk update server. This build only reports its version; serving devices is not "
                "available yet."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);
    std::fprintf(stdout, "otadesk-server %s\n", otadesk::kVersion);
    std::fprintf(stdout, "%s\n",
                 qPrintable(QCoreApplication::translate(
                     "main", "The server is not part of this build yet; nothing to serve. Exiting.")));
    return 0;
}
