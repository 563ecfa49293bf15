#include "core/store/BlobStore.h"

#include "core/common/Logging.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QRandomGenerator>
#include <unistd.h>

namespace otadesk::store {

namespace {
bool fsyncPath(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

QString tmpDir(const QString &root)
{
    return root + QStringLiteral("/tmp");
}
} // namespace

BlobWriter::BlobWriter(QString root, const QString &tempPath) : m_root(std::move(root)), m_file(tempPath) {}

BlobWriter::~BlobWriter()
{
    abort();
}

void BlobWriter::abort()
{
    if (m_done)
        return;
    m_done = true;
    m_file.close();
    QFile::remove(m_file.fileName());
}

Status BlobWriter::append(QByteArrayView chunk)
{
    if (m_done)
        return fail(ErrorCode::InvalidArgument, tr("The blob writer is already finished."));
    if (m_file.write(chunk.data(), chunk.size()) != chunk.size()) {
        const QString why = m_file.errorString();
        abort();
        return fail(ErrorCode::Io, tr("Cannot write the temporary file %1: %2").arg(m_file.fileName(), why));
    }
    m_digest.addData(chunk);
    m_size += chunk.size();
    return {};
}

Result<BlobInfo> BlobWriter::finish(const QString &expectedSha256)
{
    if (m_done)
        return fail(ErrorCode::InvalidArgument, tr("The blob writer is already finished."));
    BlobInfo info;
    info.sha256 = QString::fromLatin1(m_digest.result().toHex());
    info.size = m_size;
    if (!expectedSha256.isEmpty() && expectedSha256.toLower() != info.sha256) {
        abort();
        return fail(ErrorCode::Checksum,
                    tr("The data has SHA-256 %1, not the announced %2; nothing was stored.")
                        .arg(info.sha256, expectedSha256));
    }
    if (!m_file.flush() || ::fsync(m_file.handle()) != 0) {
        const QString why = m_file.errorString();
        abort();
        return fail(ErrorCode::Io, tr("Cannot write the temporary file %1: %2").arg(m_file.fileName(), why));
    }
    m_file.close();
    BlobStore store(m_root);
    const QString target = store.pathFor(info.sha256);
    const QString dir = QFileInfo(target).absolutePath();
    if (QFileInfo::exists(target)) {
        abort(); // identical content is already there
        return info;
    }
    if (!QDir().mkpath(dir)) {
        abort();
        return fail(ErrorCode::Io, tr("Cannot create the folder %1.").arg(dir));
    }
    // rename(2) atomically replaces: concurrent writers of the same blob all succeed with the same content.
    if (::rename(QFile::encodeName(m_file.fileName()).constData(), QFile::encodeName(target).constData()) !=
        0) {
        const QString why = QString::fromLocal8Bit(std::strerror(errno));
        abort();
        return fail(ErrorCode::Io, tr("Cannot move the blob into %1: %2").arg(target, why));
    }
    m_done = true;
    fsyncPath(dir);
    info.created = true;
    return info;
}

BlobStore::BlobStore(QString root) : m_root(QDir::cleanPath(std::move(root))) {}

bool BlobStore::isValidDigest(const QString &hex)
{
    if (hex.size() != 64)
        return false;
    for (QChar c : hex) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
}

QString BlobStore::pathFor(const QString &hex) const
{
    return m_root + QStringLiteral("/sha256/") + hex.left(2) + u'/' + hex;
}

bool BlobStore::contains(const QString &hex) const
{
    return isValidDigest(hex) && QFileInfo::exists(pathFor(hex));
}

Result<std::unique_ptr<BlobWriter>> BlobStore::begin() const
{
    const QString dir = tmpDir(m_root);
    if (!QDir().mkpath(dir))
        return fail(ErrorCode::Io, tr("Cannot create the folder %1.").arg(dir));
    for (int attempt = 0; attempt < 8; ++attempt) {
        const QString path =
            dir + QStringLiteral("/blob-%1-%2.part")
                      .arg(QCoreApplication::applicationPid())
                      .arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'));
        std::unique_ptr<BlobWriter> w(new BlobWriter(m_root, path));
        if (w->m_file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            return w;
        w->m_done = true; // nothing of ours to remove
        if (QFileInfo::exists(path))
            continue;
        return fail(ErrorCode::Io,
                    tr("Cannot create a temporary file in %1: %2").arg(dir, w->m_file.errorString()));
    }
    return fail(ErrorCode::Io, tr("Cannot create a temporary file in %1.").arg(dir));
}

Result<BlobInfo> BlobStore::store(QByteArrayView data, const QString &expectedSha256) const
{
    auto w = begin();
    if (!w)
        return std::unexpected(w.error());
    if (auto st = (*w)->append(data); !st)
        return std::unexpected(st.error());
    return (*w)->finish(expectedSha256);
}

Result<std::unique_ptr<QIODevice>> BlobStore::open(const QString &hex) const
{
    if (!isValidDigest(hex))
        return fail(ErrorCode::InvalidArgument, tr("\"%1\" is not a SHA-256 in lower-case hex.").arg(hex));
    auto file = std::make_unique<QFile>(pathFor(hex));
    if (!file->exists())
        return fail(ErrorCode::NotFound, tr("No payload with SHA-256 %1 is stored.").arg(hex));
    if (!file->open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, tr("Cannot open %1: %2").arg(file->fileName(), file->errorString()));
    return std::unique_ptr<QIODevice>(std::move(file));
}

Result<qint64> BlobStore::size(const QString &hex) const
{
    if (!contains(hex))
        return fail(ErrorCode::NotFound, tr("No payload with SHA-256 %1 is stored.").arg(hex));
    return QFileInfo(pathFor(hex)).size();
}

Status BlobStore::remove(const QString &hex) const
{
    if (!contains(hex))
        return fail(ErrorCode::NotFound, tr("No payload with SHA-256 %1 is stored.").arg(hex));
    if (!QFile::remove(pathFor(hex)))
        return fail(ErrorCode::Io, tr("Cannot remove %1.").arg(pathFor(hex)));
    return {};
}

int BlobStore::purgeTemporaryFiles(qint64 olderThanMs) const
{
    int removed = 0;
    const QDateTime cutoff = QDateTime::currentDateTimeUtc().addMSecs(-olderThanMs);
    QDirIterator it(tmpDir(m_root), {QStringLiteral("blob-*.part")}, QDir::Files);
    while (it.hasNext()) {
        const QFileInfo fi(it.next());
        if (fi.lastModified().toUTC() <= cutoff && QFile::remove(fi.absoluteFilePath()))
            ++removed;
    }
    if (removed > 0)
        qCInfo(lcServer) << "removed" << removed << "stale temporary blob file(s) under" << tmpDir(m_root);
    return removed;
}

} // namespace otadesk::store
