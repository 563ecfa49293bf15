#pragma once
// Manifest drafts on disk (*.suitspec.json, ManifestSpec::toJson/fromJson) and the image bytes of library
// entries. Reading a draft reloads the payloads of integrated components: from their payload files, or —
// for firmware picked from the library — from the workspace's library (checked against the digest).
#include "core/library/FirmwareLibrary.h"
#include "core/manifest/ManifestSpec.h"

namespace otadesk::ui {

// The bytes a device flashes for a library entry: the flattened image, or the file of auxiliary content.
Result<QByteArray> libraryImageBytes(const library::FirmwareLibrary &library,
                                     const library::FirmwareEntry &entry);

Result<manifest::ManifestSpec> readDraft(const QString &path, const QString &workspacePath);
Status writeDraft(const QString &path, const manifest::ManifestSpec &spec);

} // namespace otadesk::ui
