#include "core/library/LibraryImporter.h"
#include "core/crypto/Digest.h"

#include "core/common/Logging.h"
#include "core/firmware/FormatRegistry.h"
#include "core/library/EntryRows.h"
#include "core/library/ImageFacts.h"
#include "core/library/PackageReader.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>

namespace otadesk::library {

namespace {
Error cancelledError() { return Error(ErrorCode::Cancelled, LibraryImporter::tr("The import was cancelled.")); }

QString mcubootVersion(const FirmwareEntry &e)
{
    return e.metadata.value(QStringLiteral("mcuboot")).toMap().value(QStringLiteral("version")).toString();
}

bool fileLooksLikeZip(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) && ZipArchive::looksLikeZip(f.read(4));
}

// Maps the progress of one phase onto half of the whole import.
firmware::Progress phase(const firmware::Progress &outer, int index)
{
    firmware::Progress p;
    p.cancelled = outer.cancelled;
    if (outer.report) {
        auto report = outer.report;
        p.report = [report, index](qint64 done, qint64 total) { report(index * total + done, 2 * total); };
    }
    return p;
}
} // namespace

Result<ImportOutcome> LibraryImporter::importFile(const ImportRequest &request)
{
    if (!QFileInfo(request.path).isFile())
        return fail(ErrorCode::Io, tr("Cannot open %1: no such file.").arg(request.path));
    const bool zip = request.formatId == QLatin1String("zip") ||
                     (request.formatId.isEmpty() && fileLooksLikeZip(request.path));
    return zip ? importPackage(request) : importSingle(request);
}

Result<ImportOutcome> LibraryImporter::importSingle(const ImportRequest &request)
{
    firmware::ReadOptions options;
    options.baseAddress = request.baseAddress;
    options.overlaps = request.overlaps;
    options.fileName = request.path;
    options.progress = phase(request.progress, 0);
    auto loaded = firmware::loadImageFile(request.path, options, request.formatId);
    if (!loaded)
        return std::unexpected(loaded.error()); // the reader's error, line number and all
    if (request.progress.isCancelled())
        return std::unexpected(cancelledError());

    const QFileInfo info(request.path);
    Pending item;
    item.entry = entryFromLoadedImage(*loaded, info.fileName());
    item.entry.product = request.product;
    item.entry.version = request.version.isEmpty() ? mcubootVersion(item.entry) : request.version;
    item.entry.component = request.component.isEmpty() ? info.completeBaseName() : request.component;
    item.sourcePath = request.path;

    ImportOutcome outcome;
    outcome.warnings = loaded->result.warnings;
    auto dup = findDuplicate(item.entry);
    if (!dup)
        return std::unexpected(dup.error());
    if (*dup) {
        outcome.entries.append(**dup);
        outcome.alreadyPresent = true;
        return outcome;
    }
    auto stored = store({item}, std::nullopt, {}, phase(request.progress, 1));
    if (!stored)
        return stored;
    stored->warnings = outcome.warnings;
    return stored;
}

Result<FirmwareEntry> LibraryImporter::importAuxiliary(const QString &path, const QString &component,
                                                       const QString &product, const QString &version)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, tr("Cannot open %1: %2").arg(path, f.errorString()));
    crypto::Digest hash;
    if (!hash.addData(&f))
        return fail(ErrorCode::Io, tr("Cannot read %1: %2").arg(path, f.errorString()));
    Pending item;
    const QFileInfo info(path);
    item.entry.name = info.fileName();
    item.entry.kind = EntryKind::Auxiliary;
    item.entry.component = component.isEmpty() ? info.completeBaseName() : component;
    item.entry.product = product;
    item.entry.version = version;
    item.entry.fileSha256 = hash.result();
    item.entry.fileSize = f.size();
    item.sourcePath = path;
    auto dup = findDuplicate(item.entry);
    if (!dup)
        return std::unexpected(dup.error());
    if (*dup)
        return **dup;
    auto stored = store({item}, std::nullopt, {}, {});
    if (!stored)
        return std::unexpected(stored.error());
    return stored->entries.first();
}

Result<ImportOutcome> LibraryImporter::importPackage(const ImportRequest &request)
{
    auto zip = ZipArchive::fromFile(request.path);
    if (!zip)
        return std::unexpected(zip.error());
    const QFileInfo info(request.path);
    auto plan = PackageReader::plan(*zip, info.fileName());
    if (!plan)
        return std::unexpected(plan.error());
    const QByteArray packageSha = crypto::sha256(zip->archiveData());
    const QString product = request.product.isEmpty() ? plan->product : request.product;
    const QString version = request.version.isEmpty() ? plan->version : request.version;

    ImportOutcome outcome;
    outcome.warnings = plan->warnings;
    auto dup = findDuplicateBundle(packageSha, product, version);
    if (!dup)
        return std::unexpected(dup.error());
    if (*dup) {
        outcome.bundle = **dup;
        outcome.alreadyPresent = true;
        return outcome;
    }

    QList<Pending> items;
    qint64 total = 0;
    for (const PackageItem &p : plan->items)
        total += p.data.size();
    qint64 done = 0;
    for (const PackageItem &p : plan->items) {
        if (request.progress.isCancelled())
            return std::unexpected(cancelledError());
        Pending item;
        const QString memberPath = info.fileName() + QLatin1Char('/') + p.memberName;
        if (p.kind == EntryKind::Image) {
            firmware::ReadOptions options;
            options.baseAddress = p.baseAddress ? p.baseAddress : request.baseAddress;
            options.overlaps = request.overlaps;
            options.fileName = memberPath;
            options.progress.cancelled = request.progress.cancelled;
            const QString formatId = p.formatId.isEmpty() ? request.formatId : p.formatId;
            auto loaded = firmware::loadImageData(p.data, options,
                                                  formatId == QLatin1String("zip") ? QString() : formatId);
            if (!loaded)
                return std::unexpected(loaded.error());
            item.entry = entryFromLoadedImage(*loaded, p.memberName);
            for (Diagnostic w : loaded->result.warnings) {
                if (w.where.file.isEmpty())
                    w.where.file = memberPath;
                outcome.warnings.append(w);
            }
        } else {
            item.entry.name = p.memberName;
            item.entry.kind = EntryKind::Auxiliary;
            item.entry.fileSha256 = crypto::sha256(p.data);
            item.entry.fileSize = p.data.size();
        }
        for (auto it = p.metadata.cbegin(); it != p.metadata.cend(); ++it)
            item.entry.metadata.insert(it.key(), it.value());
        item.entry.product = product;
        item.entry.version = !p.version.isEmpty() ? p.version
                             : !version.isEmpty() ? version
                                                  : mcubootVersion(item.entry);
        item.entry.component = p.component;
        item.bundleComponent = p.component;
        item.data = p.data;
        items.append(item);
        done += p.data.size();
        if (request.progress.report)
            request.progress.report(done, 2 * total);
    }

    BundleEntry bundle;
    bundle.name = plan->name;
    bundle.product = product;
    bundle.version = version;
    bundle.source = plan->source;
    bundle.metadata = plan->metadata;
    auto stored = store(items, bundle, packageSha, phase(request.progress, 1));
    if (!stored)
        return stored;
    stored->warnings = outcome.warnings;
    return stored;
}

Result<std::optional<FirmwareEntry>> LibraryImporter::findDuplicate(const FirmwareEntry &e) const
{
    auto id = m_db.scalar(QStringLiteral("SELECT id FROM entries WHERE file_sha256 = ? AND product = ? AND "
                                         "version = ? AND component = ? AND kind = ? ORDER BY id LIMIT 1"),
                          {toHex(e.fileSha256), e.product, e.version, e.component, entryKindName(e.kind)});
    if (!id)
        return std::unexpected(id.error());
    if (id->isNull())
        return std::optional<FirmwareEntry>();
    FirmwareEntry found = e;
    found.id = id->toLongLong();
    return std::optional<FirmwareEntry>(found);
}

Result<std::optional<BundleEntry>> LibraryImporter::findDuplicateBundle(const QByteArray &sha, const QString &product,
                                                                        const QString &version) const
{
    auto id = m_db.scalar(QStringLiteral("SELECT id FROM bundles WHERE file_sha256 = ? AND product = ? AND "
                                         "version = ? ORDER BY id LIMIT 1"),
                          {toHex(sha), product, version});
    if (!id)
        return std::unexpected(id.error());
    if (id->isNull())
        return std::optional<BundleEntry>();
    BundleEntry b;
    b.id = id->toLongLong();
    return std::optional<BundleEntry>(b);
}

Result<ImportOutcome> LibraryImporter::store(QList<Pending> items, std::optional<BundleEntry> bundle,
                                             const QByteArray &packageSha, const firmware::Progress &progress)
{
    QList<QByteArray> created;
    auto result = storeUnsafe(items, bundle, packageSha, progress, created);
    if (!result) {
        // The transaction has been rolled back; remove the blobs this import added unless a row (of another
        // import that committed meanwhile) uses them.
        for (const QByteArray &sha : created) {
            auto refs = m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM entries WHERE file_sha256 = ?"), {toHex(sha)});
            if (refs && refs->toLongLong() == 0)
                (void)m_blobs.remove(sha);
        }
        qCDebug(lcLibrary) << "import rolled back:" << result.error().message();
    }
    return result;
}

Result<ImportOutcome> LibraryImporter::storeUnsafe(QList<Pending> &items, std::optional<BundleEntry> &bundle,
                                                   const QByteArray &packageSha, const firmware::Progress &progress,
                                                   QList<QByteArray> &createdBlobs)
{
    // Blobs first, outside the write lock: large files take a while.
    for (Pending &p : items) {
        if (progress.isCancelled())
            return std::unexpected(cancelledError());
        auto blob = p.sourcePath.isEmpty() ? m_blobs.storeData(p.data)
                                           : m_blobs.storeFile(p.sourcePath, p.entry.fileSha256, progress);
        if (!blob)
            return std::unexpected(blob.error());
        if (blob->created)
            createdBlobs.append(blob->sha256);
        p.entry.fileSha256 = blob->sha256;
        p.entry.fileSize = blob->size;
    }
    if (progress.isCancelled())
        return std::unexpected(cancelledError());

    Transaction tx(m_db);
    if (auto st = tx.begin(); !st)
        return std::unexpected(st.error());
    ImportOutcome outcome;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (Pending &p : items) {
        auto dup = findDuplicate(p.entry); // an identical standalone entry is reused inside a bundle
        if (!dup)
            return std::unexpected(dup.error());
        if (*dup) {
            p.entry.id = (*dup)->id;
        } else {
            p.entry.importedAt = now;
            auto id = rows::insertEntry(m_db, p.entry);
            if (!id)
                return std::unexpected(id.error());
            p.entry.id = *id;
        }
        outcome.entries.append(p.entry);
    }
    if (bundle) {
        auto q = m_db.exec(QStringLiteral("INSERT INTO bundles(name, product, version, source, metadata, file_sha256, "
                                          "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                           {bundle->name, bundle->product, bundle->version, bundle->source,
                            rows::toJson(bundle->metadata), toHex(packageSha), rows::timestamp(now)});
        if (!q)
            return std::unexpected(q.error());
        bundle->id = q->lastInsertId().toLongLong();
        for (qsizetype i = 0; i < items.size(); ++i) {
            auto r = m_db.exec(QStringLiteral("INSERT OR IGNORE INTO bundle_items(bundle_id, entry_id, component, "
                                              "position) VALUES (?, ?, ?, ?)"),
                               {bundle->id, items[i].entry.id, items[i].bundleComponent, qint64(i)});
            if (!r)
                return std::unexpected(r.error());
        }
        outcome.bundle = bundle;
    }
    if (progress.isCancelled())
        return std::unexpected(cancelledError());
    if (auto st = tx.commit(); !st)
        return std::unexpected(st.error());
    qCDebug(lcLibrary) << "imported" << items.size() << "item(s)" << (bundle ? bundle->name : QString());
    return outcome;
}

} // namespace otadesk::library
