#pragma once
// The `otactl manifest …` command lines equivalent to the Manifests page: `create` for the current form,
// `sign`/`verify`/`show` for the envelope actions.
#include "core/manifest/ManifestSpec.h"

#include <QString>

namespace otadesk::ui::manifestcommands {

// `otactl manifest create --template … -o OUT.suit` reproducing the spec (library ids for firmware picked from
// the library, file paths for firmware read from files, FIRMWARE where none was chosen yet).
QString create(const manifest::ManifestSpec &spec, const QString &outPath = {});
QString sign(const QString &envelopePath, const QString &keyReference);
QString verify(const QString &envelopePath);

} // namespace otadesk::ui::manifestcommands
