#pragma once
// The bytes of resumable uploads: <root>/uploads/<upload id>.part, next to the blob store. A part is written at
// its offset and fdatasync'ed before it is acknowledged; bytes beyond the acknowledged length (a write the
// server was killed in) are cut off by the next part. publish() hashes the file, checks the digest and renames it
// into the content-addressed store, so a payload is visible completely or not at all.
#include "core/common/Error.h"
#include "core/store/BlobStore.h"

#include <QCoreApplication>

namespace otadesk::store {

class UploadFiles
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::store::UploadFiles)
public:
    explicit UploadFiles(const BlobStore &blobs) : m_blobs(blobs) {}

    QString pathFor(const QString &uploadId) const;
    // Writes data at offset; offset must not be beyond the bytes on disk (acknowledged ones).
    Status writePart(const QString &uploadId, qint64 offset, QByteArrayView data) const;
    // The file must hold exactly `size` bytes (more are cut off); digest checked (empty = not checked).
    Result<BlobInfo> publish(const QString &uploadId, qint64 size, const QString &expectedSha256) const;
    void remove(const QString &uploadId) const;

private:
    const BlobStore &m_blobs;
};

} // namespace otadesk::store
