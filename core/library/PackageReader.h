#pragma once
// Recognises what a zip package holds and plans its import: a Pybricks firmware zip (firmware-base.bin +
// firmware.metadata.json), a Zephyr / nRF Connect dfu_application.zip (manifest.json), or any other zip (members
// that look like firmware become images, the rest auxiliary content).
#include "core/common/Error.h"
#include "core/library/FirmwareLibrary.h"
#include "core/library/ZipArchive.h"

namespace otadesk::library {

struct PackageItem
{
    QString memberName;
    QByteArray data;
    EntryKind kind = EntryKind::Image;
    QString component;
    QString formatId;         // empty: detect from content
    quint64 baseAddress = 0;  // raw binary members
    QString version;          // per-item version (nRF manifest), empty: the package's
    QVariantMap metadata;     // merged into the entry's metadata
};

struct PackagePlan
{
    QString source;   // "pybricks-zip", "nrf-dfu-zip", "zip"
    QString name;     // bundle name
    QString product;
    QString version;
    QVariantMap metadata; // vendor metadata (Pybricks JSON, nRF manifest)
    QList<PackageItem> items;
    Diagnostics warnings;
};

class PackageReader
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::library::PackageReader)
public:
    // zipName: the package's file name (for the bundle name and messages).
    static Result<PackagePlan> plan(const ZipArchive &zip, const QString &zipName);

private:
    static Result<PackagePlan> planPybricks(const ZipArchive &zip, const QString &zipName);
    static Result<PackagePlan> planNordic(const ZipArchive &zip, const QString &zipName);
    static Result<PackagePlan> planGeneric(const ZipArchive &zip, const QString &zipName);
};

} // namespace otadesk::library
