#include "core/agent/DeviceFiles.h"

#include "core/agent/PowerCut.h"

#include <QFile>
#include <QFileInfo>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace otadesk::agent {

namespace {
Error ioError(const QString &what, const QString &path)
{
    return Error(ErrorCode::Io, DeviceFiles::tr("Cannot %1 %2: %3. Check that the state folder is writable and "
                                                "the disk is not full.")
                                    .arg(what, path, QString::fromLocal8Bit(std::strerror(errno))));
}

bool writeAll(int fd, QByteArrayView data, qint64 offset)
{
    qint64 done = 0;
    while (done < data.size()) {
        const ssize_t n = ::pwrite(fd, data.data() + done, size_t(data.size() - done), off_t(offset + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}
} // namespace

Error DeviceFiles::powerLost()
{
    return Error(ErrorCode::Cancelled, tr("The simulated device lost power."));
}

Status DeviceFiles::replace(const QString &path, QByteArrayView content, PowerCut *cut)
{
    const QByteArray tmp = QFile::encodeName(path) + ".tmp";
    if (cut && !cut->tick())
        return std::unexpected(powerLost());
    const int fd = ::open(tmp.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return std::unexpected(ioError(tr("create"), QString::fromLocal8Bit(tmp)));
    const bool ok = writeAll(fd, content, 0);
    ::close(fd);
    if (!ok)
        return std::unexpected(ioError(tr("write"), QString::fromLocal8Bit(tmp)));
    if (cut && !cut->tick())
        return std::unexpected(powerLost()); // the temporary file stays behind; the old content is intact
    if (::rename(tmp.constData(), QFile::encodeName(path).constData()) != 0)
        return std::unexpected(ioError(tr("rename"), path));
    return {};
}

Status DeviceFiles::writeAt(const QString &path, qint64 offset, QByteArrayView data, PowerCut *cut)
{
    if (cut && !cut->tick())
        return std::unexpected(powerLost());
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return std::unexpected(ioError(tr("open"), path));
    const bool ok = writeAll(fd, data, offset);
    ::close(fd);
    if (!ok)
        return std::unexpected(ioError(tr("write"), path));
    return {};
}

Status DeviceFiles::truncate(const QString &path, qint64 size, PowerCut *cut)
{
    if (cut && !cut->tick())
        return std::unexpected(powerLost());
    if (size == 0 && !QFile::exists(path)) {
        const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0)
            return std::unexpected(ioError(tr("create"), path));
        ::close(fd);
        return {};
    }
    if (::truncate(QFile::encodeName(path).constData(), off_t(size)) != 0)
        return std::unexpected(ioError(tr("truncate"), path));
    return {};
}

Result<QByteArray> DeviceFiles::read(const QString &path, qint64 offset, qint64 size)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, tr("Cannot read %1: %2").arg(path, f.errorString()));
    if (offset > 0 && !f.seek(offset))
        return fail(ErrorCode::Io, tr("Cannot seek to %1 in %2").arg(offset).arg(path));
    return size < 0 ? f.readAll() : f.read(size);
}

qint64 DeviceFiles::size(const QString &path)
{
    const QFileInfo info(path);
    return info.exists() ? info.size() : -1;
}

} // namespace otadesk::agent
