#pragma once
// Chunk integrity on the device side (docs/device-updates.md §5): leaf i = SHA-256(0x00 ‖ le32(i) ‖ chunk),
// the Merkle root over the leaf list (the same tree as core/delta/ChunkTree, built from the leaves the server
// sends instead of from the payload), the digest path of one chunk for DeltaApplier.
#include <QByteArray>
#include <QList>

namespace otadesk::agent {

class ChunkLeaves
{
public:
    static QByteArray leaf(quint32 index, QByteArrayView chunk);
    static QByteArray root(const QList<QByteArray> &leaves);
    static QByteArray proof(const QList<QByteArray> &leaves, quint32 index);
    static bool matches(const QList<QByteArray> &leaves, quint32 index, QByteArrayView chunk)
    {
        return index < quint32(leaves.size()) && leaf(index, chunk) == leaves.at(index);
    }
};

} // namespace otadesk::agent
