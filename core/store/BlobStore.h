#pragma once
// Content-addressed payload files: <root>/sha256/ab/<64 hex digits>. A BlobWriter streams chunks into a
// temporary file under <root>/tmp (same file system), hashing on the way; finish() checks the SHA-256 the
// client announced, fsyncs, and renames the file into place (then fsyncs the folder). A blob is therefore
// visible completely or not at all: a crashed or killed writer leaves only a temporary file, which
// purgeTemporaryFiles() removes at the next start.
#include "core/common/Error.h"
#include "core/crypto/Digest.h"

#include <memory>
#include <QFile>
#include <QString>

class QIODevice;

namespace otadesk::store {

struct BlobInfo
{
    QString sha256; // lower-case hex
    qint64 size = 0;
    bool created = false; // false: an identical blob was already stored
};

class BlobWriter
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::store::BlobWriter)
public:
    ~BlobWriter(); // discards the temporary file unless finish() succeeded
    BlobWriter(const BlobWriter &) = delete;
    BlobWriter &operator=(const BlobWriter &) = delete;

    Status append(QByteArrayView chunk);
    qint64 size() const { return m_size; }
    QString temporaryPath() const { return m_file.fileName(); }
    // Checks the digest (hex, any case; empty: not checked) and publishes the blob. On a mismatch nothing is
    // stored and a Checksum error is returned. The writer cannot be used afterwards.
    Result<BlobInfo> finish(const QString &expectedSha256 = {});
    void abort();

private:
    friend class BlobStore;
    BlobWriter(QString root, const QString &tempPath);
    QString m_root;
    QFile m_file;
    crypto::Digest m_digest;
    qint64 m_size = 0;
    bool m_done = false;
};

class BlobStore
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::store::BlobStore)
public:
    explicit BlobStore(QString root);

    QString root() const { return m_root; }
    static bool isValidDigest(const QString &sha256Hex);
    QString pathFor(const QString &sha256Hex) const;
    bool contains(const QString &sha256Hex) const;

    Result<std::unique_ptr<BlobWriter>> begin() const;
    Result<BlobInfo> store(QByteArrayView data, const QString &expectedSha256 = {}) const;
    // The blob opened read-only (a QFile: seekable, so Range requests can be served from it).
    Result<std::unique_ptr<QIODevice>> open(const QString &sha256Hex) const;
    Result<qint64> size(const QString &sha256Hex) const;
    Status remove(const QString &sha256Hex) const;
    // Removes temporary files older than the given age (left by killed writers). Returns how many.
    int purgeTemporaryFiles(qint64 olderThanMs = 3600 * 1000) const;

private:
    QString m_root;
};

} // namespace otadesk::store
