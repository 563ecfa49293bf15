#pragma once
// What the library records about a parsed image: digests, segments, overlaps, entry point, warnings, format
// metadata and — when the lowest address holds an MCUboot header — the MCUboot description.
#include "core/firmware/FormatRegistry.h"
#include "core/library/FirmwareLibrary.h"

namespace otadesk::library {

// Fills every image-derived field of an entry (not id / product / version / component / importedAt).
FirmwareEntry entryFromLoadedImage(const firmware::LoadedImage &loaded, const QString &name);
// The MCUboot header description of an image, or an empty map.
QVariantMap mcubootMetadata(const firmware::MemoryImage &image);

} // namespace otadesk::library
