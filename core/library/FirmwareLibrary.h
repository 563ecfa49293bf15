#pragma once
// The firmware library of a workspace: every imported file is kept byte for byte in a content-addressed blob
// store (blobs/sha256/ab/abcdef…), and what was learned from parsing it (format, segments, digests, entry point,
// MCUboot header, warnings) is kept in SQLite (library.sqlite). Bundles group several entries, each with a
// component name (firmware images and auxiliary content such as sounds, logos, child-device firmware).
//
// One FirmwareLibrary object = one database connection, usable from the thread that opened it only. A worker
// thread (GUI import) opens its own instance on the same workspace; SQLite runs in WAL mode.
#include "core/common/Error.h"
#include "core/common/Workspace.h"
#include "core/firmware/FormatRegistry.h"
#include "core/firmware/ImageFormat.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QVariantMap>
#include <memory>
#include <optional>

namespace otadesk::library {

enum class EntryKind { Image, Auxiliary }; // Auxiliary: stored as-is, not parsed as firmware

struct FirmwareEntry
{
    qint64 id = 0;
    QString name;          // original file name (or member name inside a zip)
    QString product;
    QString version;
    QString component;
    EntryKind kind = EntryKind::Image;
    QString format;        // format id ("ihex", "srec", "elf", "bin"), empty for auxiliary content
    QByteArray fileSha256; // content address of the stored blob (raw 32 bytes)
    qint64 fileSize = 0;
    QByteArray imageSha256; // digest of the flattened image (== digest of its .bin export)
    quint32 imageCrc32 = 0;
    quint64 dataSize = 0;   // bytes present in segments
    QList<firmware::AddressRange> segments;
    QList<firmware::AddressRange> overlaps; // ranges the file wrote more than once (ReadResult::overlaps)
    std::optional<quint64> entryPoint;
    QStringList warnings;   // reader diagnostics at import, as text
    QVariantMap metadata;   // format metadata; "mcuboot" holds the MCUboot header/TLV map if recognised
    qint64 bundleId = 0;    // 0 = not in a bundle
    QDateTime importedAt;

    firmware::AddressRange extent() const
    {
        return segments.isEmpty() ? firmware::AddressRange{}
                                  : firmware::AddressRange{segments.first().start, segments.last().end};
    }
};

struct BundleEntry
{
    qint64 id = 0;
    QString name;
    QString product;
    QString version;
    QString source;   // "files", "pybricks-zip", "nrf-dfu-zip", "zip"
    QVariantMap metadata; // vendor metadata JSON of the package, if any
    QDateTime createdAt;
    QList<FirmwareEntry> items;
};

struct ImportRequest
{
    QString path;
    QString product;   // empty: taken from the package metadata if it has one
    QString version;   // empty: taken from the package / MCUboot header if present
    QString component; // empty: derived from the file name
    QString formatId;  // empty: detect from content
    quint64 baseAddress = 0; // raw binary only
    firmware::OverlapPolicy overlaps = firmware::OverlapPolicy::LastWins;
    firmware::Progress progress;
};

struct ImportOutcome
{
    QList<FirmwareEntry> entries;       // one for a single image, several for a bundle
    std::optional<BundleEntry> bundle;  // set when a zip package (or several files) became a bundle
    Diagnostics warnings;
    bool alreadyPresent = false;        // same file with the same product/version/component was in the library
};

struct ListQuery
{
    QString product;  // exact match if not empty
    QString text;     // substring of name / product / version / component
    enum class Sort { ImportedDesc, Name, Product, Version, Size } sort = Sort::ImportedDesc;
    int limit = -1;
    int offset = 0;
};

class FirmwareLibrary
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::library::FirmwareLibrary)
public:
    ~FirmwareLibrary();
    FirmwareLibrary(const FirmwareLibrary &) = delete;
    FirmwareLibrary &operator=(const FirmwareLibrary &) = delete;

    // Creates the workspace folder and database if needed and migrates the schema.
    static Result<std::unique_ptr<FirmwareLibrary>> open(const Workspace &workspace);

    const Workspace &workspace() const;

    // Imports a firmware file, an auxiliary file (kind from ImportRequest via importAuxiliary), or a vendor
    // zip package (Pybricks firmware zip, Zephyr/nRF dfu_application.zip, or any zip → bundle).
    Result<ImportOutcome> importFile(const ImportRequest &request);
    // Groups existing entries into a new bundle; components[i] names entryIds[i] inside the bundle.
    Result<BundleEntry> createBundle(const QString &name, const QString &product, const QString &version,
                                     const QList<qint64> &entryIds, const QStringList &components);
    // Adds an auxiliary file (stored as-is) and returns its entry.
    Result<FirmwareEntry> importAuxiliary(const QString &path, const QString &component,
                                          const QString &product = {}, const QString &version = {});

    Result<QList<FirmwareEntry>> list(const ListQuery &query = {}) const;
    Result<qint64> count(const ListQuery &query = {}) const;
    // "12" (id) or a hex prefix of at least 6 characters of the file SHA-256.
    Result<FirmwareEntry> find(const QString &reference) const;
    Result<FirmwareEntry> entry(qint64 id) const;
    Result<QList<BundleEntry>> bundles() const;
    Result<BundleEntry> bundle(qint64 id) const;

    // The stored file, byte for byte.
    Result<QByteArray> fileContent(const FirmwareEntry &entry) const;
    QString blobPath(const QByteArray &sha256) const;
    // The parsed image of an entry (re-read from its blob).
    Result<firmware::LoadedImage> loadImage(const FirmwareEntry &entry) const;
    // Writes the entry in a format ("ihex", "srec", "bin", "elf") to a file.
    Status exportEntry(const FirmwareEntry &entry, const QString &path, const QString &formatId,
                       const firmware::WriteOptions &options = {}) const;

    // Writes a bundle as a zip: every item byte for byte under its file name, plus bundle.json describing the
    // bundle and its components (name, version, format, SHA-256, size).
    Status exportBundle(qint64 id, const QString &zipPath) const;

    // Removes an entry; its blob is deleted when no other entry uses it.
    Status remove(qint64 id);
    Status removeBundle(qint64 id, bool withItems);

private:
    struct Private;
    explicit FirmwareLibrary(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

QString entryKindName(EntryKind kind);

} // namespace otadesk::library
