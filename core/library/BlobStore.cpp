#include "core/library/BlobStore.h"
#include "core/crypto/Digest.h"

#include "core/common/Logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTemporaryFile>

namespace otadesk::library {

QString toHex(const QByteArray &raw) { return QString::fromLatin1(raw.toHex()); }

BlobStore::BlobStore(QString root) : m_root(std::move(root)) {}

QString BlobStore::pathFor(const QByteArray &sha256) const
{
    const QString hex = toHex(sha256);
    return m_root + QStringLiteral("/sha256/") + hex.left(2) + QLatin1Char('/') + hex;
}

bool BlobStore::contains(const QByteArray &sha256) const { return QFileInfo::exists(pathFor(sha256)); }

// `feed(write)` calls write(chunk) for every chunk of the content and returns a Status.
template <typename Feed> Result<BlobStore::Stored> BlobStore::store(Feed &&feed, const QByteArray &expectedSha256)
{
    const QString tmpDir = m_root + QStringLiteral("/tmp");
    if (!QDir().mkpath(tmpDir))
        return fail(ErrorCode::Io, tr("Cannot create the folder %1.").arg(tmpDir));
    QTemporaryFile tmp(tmpDir + QStringLiteral("/blob-XXXXXX"));
    if (!tmp.open())
        return fail(ErrorCode::Io, tr("Cannot create a temporary file in %1: %2").arg(tmpDir, tmp.errorString()));
    crypto::Digest hash;
    Stored out;
    auto write = [&](QByteArrayView chunk) -> Status {
        hash.addData(chunk);
        out.size += chunk.size();
        if (tmp.write(chunk.data(), chunk.size()) != chunk.size())
            return fail(ErrorCode::Io, tr("Cannot write %1: %2").arg(tmp.fileName(), tmp.errorString()));
        return {};
    };
    if (auto st = feed(write); !st)
        return std::unexpected(st.error());
    if (!tmp.flush())
        return fail(ErrorCode::Io, tr("Cannot write %1: %2").arg(tmp.fileName(), tmp.errorString()));
    out.sha256 = hash.result();
    if (!expectedSha256.isEmpty() && expectedSha256 != out.sha256)
        return fail(ErrorCode::Io, tr("The file changed while it was imported (SHA-256 %1, expected %2). "
                                      "Import it again once it is no longer being written.")
                                       .arg(toHex(out.sha256), toHex(expectedSha256)));
    const QString dest = pathFor(out.sha256);
    if (QFileInfo::exists(dest))
        return out; // already stored: the temporary file is removed by its destructor
    if (!QDir().mkpath(QFileInfo(dest).absolutePath()))
        return fail(ErrorCode::Io, tr("Cannot create the folder %1.").arg(QFileInfo(dest).absolutePath()));
    tmp.setPermissions(QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther);
    tmp.setAutoRemove(false); // from here on the temporary file is removed by hand if the rename fails
    const QString tmpName = tmp.fileName();
    if (!tmp.rename(dest)) {
        const QString why = tmp.errorString();
        tmp.close();
        QFile::remove(tmpName);
        if (QFileInfo::exists(dest)) // another instance stored the same content at the same moment
            return out;
        return fail(ErrorCode::Io, tr("Cannot move the new blob to %1: %2").arg(dest, why));
    }
    out.created = true;
    qCDebug(lcLibrary) << "stored blob" << dest << out.size << "bytes";
    return out;
}

Result<BlobStore::Stored> BlobStore::storeFile(const QString &path, const QByteArray &expectedSha256,
                                               const firmware::Progress &progress)
{
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, tr("Cannot open %1: %2").arg(path, in.errorString()));
    const qint64 total = in.size();
    return store(
        [&](auto &&write) -> Status {
            QByteArray buffer(qsizetype(kChunkSize), Qt::Uninitialized);
            qint64 done = 0;
            for (;;) {
                if (progress.isCancelled())
                    return fail(ErrorCode::Cancelled, tr("The import was cancelled."));
                const qint64 n = in.read(buffer.data(), buffer.size());
                if (n < 0)
                    return fail(ErrorCode::Io, tr("Cannot read %1: %2").arg(path, in.errorString()));
                if (n == 0)
                    return {};
                if (auto st = write(QByteArrayView(buffer.constData(), n)); !st)
                    return st;
                done += n;
                if (progress.report)
                    progress.report(done, total);
            }
        },
        expectedSha256);
}

Result<BlobStore::Stored> BlobStore::storeData(QByteArrayView data)
{
    return store(
        [&](auto &&write) -> Status {
            for (qsizetype at = 0; at < data.size(); at += kChunkSize) {
                if (auto st = write(data.sliced(at, qMin<qsizetype>(kChunkSize, data.size() - at))); !st)
                    return st;
            }
            return {};
        },
        {});
}

Result<QByteArray> BlobStore::read(const QByteArray &sha256) const
{
    QFile f(pathFor(sha256));
    if (!f.open(QIODevice::ReadOnly))
        return fail(ErrorCode::NotFound, tr("The stored file %1 is missing from the blob store: %2")
                                             .arg(f.fileName(), f.errorString()));
    QByteArray all = f.readAll();
    if (crypto::sha256(all) != sha256)
        return fail(ErrorCode::Io, tr("The stored file %1 is damaged: its SHA-256 no longer matches its name.")
                                       .arg(f.fileName()));
    return all;
}

Status BlobStore::copyTo(const QByteArray &sha256, const QString &destination) const
{
    QFile in(pathFor(sha256));
    if (!in.open(QIODevice::ReadOnly))
        return fail(ErrorCode::NotFound, tr("The stored file %1 is missing from the blob store: %2")
                                             .arg(in.fileName(), in.errorString()));
    QSaveFile out(destination);
    if (!out.open(QIODevice::WriteOnly))
        return fail(ErrorCode::Io, tr("Cannot write %1: %2").arg(destination, out.errorString()));
    crypto::Digest hash;
    QByteArray buffer(qsizetype(kChunkSize), Qt::Uninitialized);
    for (;;) {
        const qint64 n = in.read(buffer.data(), buffer.size());
        if (n < 0)
            return fail(ErrorCode::Io, tr("Cannot read %1: %2").arg(in.fileName(), in.errorString()));
        if (n == 0)
            break;
        hash.addData(QByteArrayView(buffer.constData(), n));
        if (out.write(buffer.constData(), n) != n)
            return fail(ErrorCode::Io, tr("Cannot write %1: %2").arg(destination, out.errorString()));
    }
    if (hash.result() != sha256) {
        out.cancelWriting();
        return fail(ErrorCode::Io, tr("The stored file %1 is damaged: its SHA-256 no longer matches its name.")
                                       .arg(in.fileName()));
    }
    if (!out.commit())
        return fail(ErrorCode::Io, tr("Cannot write %1: %2").arg(destination, out.errorString()));
    return {};
}

Status BlobStore::remove(const QByteArray &sha256)
{
    const QString p = pathFor(sha256);
    if (!QFileInfo::exists(p))
        return {};
    QFile::setPermissions(p, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (!QFile::remove(p))
        return fail(ErrorCode::Io, tr("Cannot delete the stored file %1.").arg(p));
    QDir().rmdir(QFileInfo(p).absolutePath()); // only succeeds when empty
    return {};
}

} // namespace otadesk::library
