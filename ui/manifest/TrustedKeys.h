#pragma once
// The public keys of a workspace's KeyStore as trust anchors for SuitVerifier (every key, private or
// public-only, under its name).
#include "core/manifest/SuitVerifier.h"

#include <QList>
#include <QString>

namespace otadesk::ui {

QList<manifest::SuitTrustedKey> trustedKeys(const QString &workspacePath);

} // namespace otadesk::ui
