// Removing entries and bundles. A blob is deleted once no entry refers to its content any more.
#include "core/common/Logging.h"
#include "core/library/EntryRows.h"
#include "core/library/FirmwareLibrary.h"
#include "core/library/LibraryPrivate.h"

namespace otadesk::library {

namespace {
// Deletes the blobs of `digests` that no entry refers to. Called after the rows were committed.
void collectGarbage(const LibraryDatabase &db, BlobStore &blobs, const QList<QByteArray> &digests)
{
    for (const QByteArray &sha : digests) {
        auto refs = db.scalar(QStringLiteral("SELECT COUNT(*) FROM entries WHERE file_sha256 = ?"), {toHex(sha)});
        if (!refs || refs->toLongLong() > 0)
            continue;
        if (auto st = blobs.remove(sha); !st)
            qCWarning(lcLibrary) << st.error().message();
    }
}
} // namespace

Status FirmwareLibrary::remove(qint64 id)
{
    auto existing = entry(id);
    if (!existing)
        return std::unexpected(existing.error());
    {
        Transaction tx(*d->db);
        if (auto st = tx.begin(); !st)
            return st;
        if (auto q = d->db->exec(QStringLiteral("DELETE FROM entries WHERE id = ?"), {id}); !q)
            return std::unexpected(q.error());
        if (auto st = tx.commit(); !st)
            return st;
    }
    collectGarbage(*d->db, d->blobs, {existing->fileSha256});
    qCDebug(lcLibrary) << "removed entry" << id << existing->name;
    return {};
}

Status FirmwareLibrary::removeBundle(qint64 id, bool withItems)
{
    auto b = bundle(id);
    if (!b)
        return std::unexpected(b.error());
    QList<QByteArray> digests;
    {
        Transaction tx(*d->db);
        if (auto st = tx.begin(); !st)
            return st;
        if (withItems) {
            for (const FirmwareEntry &item : b->items) {
                // Items that other bundles still use stay.
                auto others = d->db->scalar(
                    QStringLiteral("SELECT COUNT(*) FROM bundle_items WHERE entry_id = ? AND bundle_id <> ?"),
                    {item.id, id});
                if (!others)
                    return std::unexpected(others.error());
                if (others->toLongLong() > 0)
                    continue;
                if (auto q = d->db->exec(QStringLiteral("DELETE FROM entries WHERE id = ?"), {item.id}); !q)
                    return std::unexpected(q.error());
                digests.append(item.fileSha256);
            }
        }
        if (auto q = d->db->exec(QStringLiteral("DELETE FROM bundles WHERE id = ?"), {id}); !q)
            return std::unexpected(q.error());
        if (auto st = tx.commit(); !st)
            return st;
    }
    collectGarbage(*d->db, d->blobs, digests);
    return {};
}

} // namespace otadesk::library
