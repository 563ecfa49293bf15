#pragma once
// Content-addressed storage of imported files: blobs/sha256/ab/<64 hex digits>. Files are streamed in small
// chunks into a temporary file beside the store, their SHA-256 computed on the way, checked against the digest
// the caller expects, then renamed into place — a blob either exists completely or not at all.
#include "core/common/Error.h"
#include "core/firmware/ImageFormat.h"

#include <QByteArray>
#include <QString>

namespace otadesk::library {

class BlobStore
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::library::BlobStore)
public:
    explicit BlobStore(QString root);

    struct Stored
    {
        QByteArray sha256; // raw 32 bytes
        qint64 size = 0;
        bool created = false; // false: the blob was already present
    };

    static constexpr qint64 kChunkSize = 1 << 20;

    QString root() const { return m_root; }
    QString pathFor(const QByteArray &sha256) const;
    bool contains(const QByteArray &sha256) const;

    // Streams a file into the store. If expectedSha256 is given and the file's digest differs (the file
    // changed after it was parsed), nothing is stored and an Io error is returned.
    Result<Stored> storeFile(const QString &path, const QByteArray &expectedSha256 = {},
                             const firmware::Progress &progress = {});
    Result<Stored> storeData(QByteArrayView data);

    Result<QByteArray> read(const QByteArray &sha256) const;
    // Streams a blob to a file (atomically: temp file + rename).
    Status copyTo(const QByteArray &sha256, const QString &destination) const;
    Status remove(const QByteArray &sha256);

private:
    template <typename Feed> Result<Stored> store(Feed &&feed, const QByteArray &expectedSha256);
    QString m_root;
};

QString toHex(const QByteArray &raw);

} // namespace otadesk::library
