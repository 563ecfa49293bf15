#include "core/agent/ContentStore.h"

#include "core/agent/DeviceFiles.h"
#include "core/crypto/Digest.h"

#include <QDir>
#include <QFile>
#include <cstdio>

namespace otadesk::agent {

ContentStore::ContentStore(QString root) : m_root(std::move(root)) {}

Status ContentStore::ensure() const
{
    if (!QDir().mkpath(m_root + QStringLiteral("/objects")))
        return fail(ErrorCode::Io, tr("Cannot create the image store %1; check the permissions of the state "
                                      "folder.")
                                       .arg(m_root));
    return {};
}

QString ContentStore::pathFor(const QByteArray &sha256) const
{
    return m_root + QStringLiteral("/objects/") + QString::fromLatin1(sha256.toHex());
}

bool ContentStore::contains(const QByteArray &sha256) const { return QFile::exists(pathFor(sha256)); }

Result<QByteArray> ContentStore::put(QByteArrayView bytes)
{
    const QByteArray digest = crypto::sha256(bytes);
    if (contains(digest))
        return digest;
    if (auto st = DeviceFiles::replace(pathFor(digest), bytes, nullptr); !st)
        return std::unexpected(st.error());
    return digest;
}

Status ContentStore::adopt(const QString &file, const QByteArray &sha256)
{
    const QString target = pathFor(sha256);
    if (QFile::exists(target)) {
        QFile::remove(file);
        return {};
    }
    if (std::rename(QFile::encodeName(file).constData(), QFile::encodeName(target).constData()) != 0)
        return fail(ErrorCode::Io, tr("Cannot move %1 into the image store %2.").arg(file, m_root));
    return {};
}

Result<QByteArray> ContentStore::read(const QByteArray &sha256, qint64 offset, qint64 size) const
{
    return DeviceFiles::read(pathFor(sha256), offset, size);
}

Result<QByteArray> ContentStore::hashFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, tr("Cannot read %1: %2").arg(path, f.errorString()));
    crypto::Digest d;
    if (!d.addData(&f))
        return fail(ErrorCode::Io, tr("Cannot read %1: %2").arg(path, f.errorString()));
    return d.result();
}

} // namespace otadesk::agent
