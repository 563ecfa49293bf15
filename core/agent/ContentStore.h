#pragma once
// The images of every simulated device of a process, content-addressed: objects/<sha256 hex>. A slot of a
// SimulatedFlash holds only the digest and size of its image; the bytes live here once, however many devices
// run them (100,000 devices on the same two releases need two images, not 200,000). A finished download is
// moved in with rename(2) (or dropped when the object exists), so an object is whole or absent.
#include "core/common/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace otadesk::agent {

class ContentStore
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::agent::ContentStore)
public:
    explicit ContentStore(QString root);
    Status ensure() const;
    const QString &root() const { return m_root; }
    QString pathFor(const QByteArray &sha256) const;
    bool contains(const QByteArray &sha256) const;
    // Stores bytes under their SHA-256 (no-op when present); returns the digest.
    Result<QByteArray> put(QByteArrayView bytes);
    // Moves a finished file in under `sha256` (which the caller verified); removes it when already present.
    Status adopt(const QString &file, const QByteArray &sha256);
    Result<QByteArray> read(const QByteArray &sha256, qint64 offset = 0, qint64 size = -1) const;
    // SHA-256 of a file, streamed.
    static Result<QByteArray> hashFile(const QString &path);

private:
    QString m_root;
};

} // namespace otadesk::agent
