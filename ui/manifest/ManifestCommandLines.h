#pragma once
// The `otactl manifest …` command lines equivalent to the Manifests page: `create` for the current form,
// `sign`/`verify`/`show` for the envelope actions.
#include "core/manifest/ManifestSpec.h"

#include <QString>

namespace otadesk::ui::manifestcommands {

// `otactl manifest create --template … -o OUT.suit` reproducing the spec (library ids for firmware picked
// from the library, file:PATH for firmware read from files, FIRMWARE where none was chosen yet).
QString create(const manifest::ManifestSpec &spec, const QString &outPath = {});
// algorithm: a COSE algorithm name ("ESP256"), empty for the key type's default.
QString sign(const QString &envelopePath, const QString &product, const QString &keyReference,
             const QString &algorithm = {}, const QString &outPath = {});
QString verify(const QString &envelopePath);

} // namespace otadesk::ui::manifestcommands
