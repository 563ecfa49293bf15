#pragma once
// Shared by the `otactl manifest` command files (ManifestCommands.cpp: show / verify; ManifestAuthoring.cpp:
// create / sign).
#include "app/otactl/CommandLine.h"

#include <QMap>

namespace otadesk::cli {

// The envelope file (binary CBOR, or hex text such as the drafts' *.hex examples): NotFound if it does not
// exist, Io if it cannot be read.
Result<QByteArray> readManifestFile(const QString &path);
// key id (lower-case hex) -> key name, for every key of the workspace (empty if there is no key store).
QMap<QString, QString> workspaceKeyNames(Context &ctx);
// Appends a paragraph to the command's --help description (after its one-line summary).
void describe(QCommandLineParser &p, const QString &details);
// `otactl manifest help` / `otactl manifest --help`.
QString manifestGroupHelp();

void registerManifestAuthoringCommands(CommandLine &cli);
int runManifestCreate(Context &ctx, const QCommandLineParser &p); // ManifestCreate.cpp

} // namespace otadesk::cli
