#include "core/server/device/ChunkIndex.h"

#include "core/delta/ChunkTree.h"
#include "core/delta/decoder/otad_merkle.h"

#include <QFile>

namespace otadesk::server {

Result<ChunkDigests> ChunkIndex::compute(const QString &path, quint32 chunkSize)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, tr("Cannot open the payload file %1: %2").arg(path, file.errorString()));
    const qint64 size = file.size();
    const uchar *mapped = size > 0 ? file.map(0, size) : nullptr;
    if (size > 0 && !mapped)
        return fail(ErrorCode::Io, tr("Cannot map the payload file %1: %2").arg(path, file.errorString()));
    const QByteArrayView payload(reinterpret_cast<const char *>(mapped), size);
    ChunkDigests d;
    d.chunkSize = chunkSize;
    const quint32 n = delta::ChunkTree::chunkCount(size, chunkSize);
    d.leaves.reserve(n);
    for (quint32 i = 0; i < n; ++i) {
        const QByteArrayView chunk = delta::ChunkTree::chunk(payload, i, chunkSize);
        QByteArray leaf(32, Qt::Uninitialized);
        otad_merkle_leaf(i, reinterpret_cast<const uint8_t *>(chunk.data()), size_t(chunk.size()),
                         reinterpret_cast<uint8_t *>(leaf.data()));
        d.leaves.append(leaf);
    }
    d.root = delta::ChunkTree(payload, chunkSize).root();
    return d;
}

Result<std::shared_ptr<const ChunkDigests>> ChunkIndex::digestsOf(const QString &sha256, const QString &path)
{
    auto it = m_entries.find(sha256);
    if (it != m_entries.end()) {
        it->lastUse = ++m_clock;
        ++m_hits;
        return it->digests;
    }
    auto computed = compute(path, kChunkSize);
    if (!computed)
        return std::unexpected(computed.error());
    if (m_entries.size() >= kMaxEntries) {
        auto oldest = m_entries.begin();
        for (auto e = m_entries.begin(); e != m_entries.end(); ++e) {
            if (e->lastUse < oldest->lastUse)
                oldest = e;
        }
        m_entries.erase(oldest);
    }
    auto shared = std::make_shared<const ChunkDigests>(std::move(*computed));
    m_entries.insert(sha256, {shared, ++m_clock});
    return shared;
}

} // namespace otadesk::server
