#pragma once
// The Merkle tree over a patch payload's transport chunks (decoder/otad_merkle.h defines the hashing): root,
// digest path of one chunk, and verification of a chunk against a root.
#include <QByteArray>
#include <QList>

namespace otadesk::delta {

class ChunkTree
{
public:
    ChunkTree(QByteArrayView payload, quint32 chunkSize);
    quint32 count() const { return quint32(m_levels.isEmpty() ? 0 : m_levels.first().size()); }
    QByteArray root() const;
    // Sibling digests from the leaf up, concatenated (32 bytes each).
    QByteArray proof(quint32 index) const;
    static bool verify(const QByteArray &root, quint32 index, quint32 count, QByteArrayView chunk,
                       QByteArrayView proof);
    static quint32 chunkCount(qint64 payloadSize, quint32 chunkSize);
    // Chunk `index` of the payload (the last one may be shorter).
    static QByteArrayView chunk(QByteArrayView payload, quint32 index, quint32 chunkSize);

private:
    QList<QList<QByteArray>> m_levels; // leaves first
};

} // namespace otadesk::delta
