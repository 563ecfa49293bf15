#include "core/library/ImageFacts.h"

#include "core/firmware/McubootImage.h"

namespace otadesk::library {

namespace {
// The library keeps the first symbols of an ELF file only: enough to browse, without storing megabytes of
// metadata per entry. The full list is one re-read of the stored blob away.
constexpr qsizetype kStoredElfSymbols = 2000;

void capElfSymbols(QVariantMap &metadata)
{
    auto elf = metadata.find(QStringLiteral("elf"));
    if (elf == metadata.end())
        return;
    QVariantMap map = elf->toMap();
    QVariantList symbols = map.value(QStringLiteral("symbols")).toList();
    if (symbols.size() <= kStoredElfSymbols)
        return;
    map.insert(QStringLiteral("symbolCount"), symbols.size());
    symbols.resize(kStoredElfSymbols);
    map.insert(QStringLiteral("symbols"), symbols);
    map.insert(QStringLiteral("symbolsTruncated"), true);
    *elf = map;
}
} // namespace

QVariantMap mcubootMetadata(const firmware::MemoryImage &image)
{
    if (image.isEmpty() || !firmware::looksLikeMcuboot(image.segments().first().data))
        return {};
    if (auto info = firmware::inspectMcuboot(image)) {
        QVariantMap map = info->toVariantMap();
        map.insert(QStringLiteral("version"), info->version());
        return map;
    }
    return {};
}

FirmwareEntry entryFromLoadedImage(const firmware::LoadedImage &loaded, const QString &name)
{
    const firmware::MemoryImage &image = loaded.result.image;
    FirmwareEntry e;
    e.name = name;
    e.kind = EntryKind::Image;
    e.format = loaded.format ? loaded.format->id() : QString();
    e.fileSha256 = loaded.fileSha256;
    e.fileSize = loaded.fileSize;
    e.imageSha256 = image.sha256();
    e.imageCrc32 = image.crc32();
    e.dataSize = image.dataSize();
    for (const firmware::Segment &s : image.segments())
        e.segments.append({s.address, s.end()});
    e.overlaps = loaded.result.overlaps;
    e.entryPoint = image.entryPoint();
    for (const Diagnostic &w : loaded.result.warnings)
        e.warnings.append(w.toString());
    e.metadata = image.metadata();
    capElfSymbols(e.metadata);
    if (const QVariantMap mcuboot = mcubootMetadata(image); !mcuboot.isEmpty())
        e.metadata.insert(QStringLiteral("mcuboot"), mcuboot);
    return e;
}

} // namespace otadesk::library
