#pragma once
// What `otactl manifest show` reports about a SUIT envelope: the decoded manifest reduced to what a release
// engineer checks (sequence number, components with digest / size / URI / slot, text, characteristics,
// severed members, integrated payloads, signatures with alg and kid), as stable JSON and as text.
#include "core/manifest/SuitModel.h"

#include <QJsonObject>
#include <QTextStream>

namespace otadesk::cli {

// keyNames: key id (lower-case hex) -> name of that key in the workspace, to name the signers.
QJsonObject manifestSummaryJson(const manifest::SuitEnvelope &envelope,
                                const manifest::SuitManifest &manifest,
                                const QMap<QString, QString> &keyNames);
void printManifestSummary(QTextStream &out, const QJsonObject &summary);

// Printable identifier part: the text when it is printable ASCII, otherwise "h'<hex>'".
QString identifierPartText(const QByteArray &part);

} // namespace otadesk::cli
