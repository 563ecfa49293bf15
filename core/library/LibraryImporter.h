#pragma once
// Import of files and zip packages into the library. Everything of one import is stored in one transaction:
// blobs first (streamed), then the rows; on an error or a cancellation the rows are rolled back and the blobs
// this import created are deleted again, so a failed import leaves the library as it was.
#include "core/library/BlobStore.h"
#include "core/library/FirmwareLibrary.h"
#include "core/library/LibraryDatabase.h"

namespace otadesk::library {

struct PackagePlan;

class LibraryImporter
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::library::LibraryImporter)
public:
    LibraryImporter(LibraryDatabase &db, BlobStore &blobs) : m_db(db), m_blobs(blobs) {}

    Result<ImportOutcome> importFile(const ImportRequest &request);
    Result<FirmwareEntry> importAuxiliary(const QString &path, const QString &component, const QString &product,
                                          const QString &version);

    // One entry to store: either streamed from a file or from bytes in memory (zip members).
    struct Pending
    {
        FirmwareEntry entry;
        QString sourcePath;
        QByteArray data;
        QString bundleComponent;
    };

private:
    Result<ImportOutcome> importSingle(const ImportRequest &request);
    Result<ImportOutcome> importPackage(const ImportRequest &request);
    Result<std::optional<FirmwareEntry>> findDuplicate(const FirmwareEntry &e) const;
    Result<std::optional<BundleEntry>> findDuplicateBundle(const QByteArray &sha, const QString &product,
                                                           const QString &version) const;
    // Stores blobs and rows of all items (and the bundle, if any) atomically.
    Result<ImportOutcome> store(QList<Pending> items, std::optional<BundleEntry> bundle, const QByteArray &packageSha,
                                const firmware::Progress &progress);
    Result<ImportOutcome> storeUnsafe(QList<Pending> &items, std::optional<BundleEntry> &bundle,
                                      const QByteArray &packageSha, const firmware::Progress &progress,
                                      QList<QByteArray> &createdBlobs);
    LibraryDatabase &m_db;
    BlobStore &m_blobs;
};

} // namespace otadesk::library
