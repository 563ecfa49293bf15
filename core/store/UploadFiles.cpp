#include "core/store/UploadFiles.h"

#include "core/crypto/Digest.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <unistd.h>

namespace otadesk::store {

namespace {
void fsyncDir(const QString &dir)
{
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}
} // namespace

QString UploadFiles::pathFor(const QString &uploadId) const
{
    return m_blobs.root() + QStringLiteral("/uploads/") + uploadId + QStringLiteral(".part");
}

Status UploadFiles::writePart(const QString &uploadId, qint64 offset, QByteArrayView data) const
{
    const QString path = pathFor(uploadId);
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir))
        return fail(ErrorCode::Io, tr("Cannot create the folder %1.").arg(dir));
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite))
        return fail(ErrorCode::Io, tr("Cannot open %1: %2").arg(path, file.errorString()));
    if (file.size() < offset)
        return fail(ErrorCode::Internal,
                    tr("The upload file %1 holds %2 bytes, fewer than the %3 acknowledged.")
                        .arg(path)
                        .arg(file.size())
                        .arg(offset));
    if (file.size() != offset && !file.resize(offset))
        return fail(ErrorCode::Io, tr("Cannot truncate %1: %2").arg(path, file.errorString()));
    if (!file.seek(offset) || file.write(data.data(), data.size()) != data.size() || !file.flush() ||
        ::fdatasync(file.handle()) != 0)
        return fail(ErrorCode::Io, tr("Cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

Result<BlobInfo> UploadFiles::publish(const QString &uploadId, qint64 size, const QString &expectedSha256) const
{
    const QString path = pathFor(uploadId);
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite))
        return fail(ErrorCode::Io, tr("Cannot open %1: %2").arg(path, file.errorString()));
    if (file.size() < size)
        return fail(ErrorCode::Internal, tr("The upload file %1 is shorter than expected.").arg(path));
    if (file.size() > size && !file.resize(size))
        return fail(ErrorCode::Io, tr("Cannot truncate %1: %2").arg(path, file.errorString()));
    crypto::Digest digest;
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n < 0)
            return fail(ErrorCode::Io, tr("Cannot read %1: %2").arg(path, file.errorString()));
        if (n == 0)
            break;
        digest.addData(QByteArrayView(buffer.constData(), n));
    }
    BlobInfo info{QString::fromLatin1(digest.result().toHex()), size, false};
    if (!expectedSha256.isEmpty() && expectedSha256.toLower() != info.sha256)
        return fail(ErrorCode::Checksum, tr("The uploaded data has SHA-256 %1, not the announced %2.")
                                             .arg(info.sha256, expectedSha256.toLower()));
    if (::fsync(file.handle()) != 0)
        return fail(ErrorCode::Io, tr("Cannot write %1: %2").arg(path, file.errorString()));
    file.close();
    const QString target = m_blobs.pathFor(info.sha256);
    if (QFileInfo::exists(target)) {
        QFile::remove(path);
        return info;
    }
    const QString dir = QFileInfo(target).absolutePath();
    if (!QDir().mkpath(dir))
        return fail(ErrorCode::Io, tr("Cannot create the folder %1.").arg(dir));
    if (::rename(QFile::encodeName(path).constData(), QFile::encodeName(target).constData()) != 0)
        return fail(ErrorCode::Io, tr("Cannot move the upload into %1: %2")
                                       .arg(target, QString::fromLocal8Bit(std::strerror(errno))));
    fsyncDir(dir);
    info.created = true;
    return info;
}

void UploadFiles::remove(const QString &uploadId) const
{
    QFile::remove(pathFor(uploadId));
}

} // namespace otadesk::store
