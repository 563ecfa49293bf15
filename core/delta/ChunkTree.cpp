#include "core/delta/ChunkTree.h"

#include "core/delta/decoder/otad_merkle.h"

namespace otadesk::delta {

namespace {
const auto *u8(QByteArrayView v) { return reinterpret_cast<const uint8_t *>(v.data()); }
} // namespace

quint32 ChunkTree::chunkCount(qint64 payloadSize, quint32 chunkSize)
{
    return chunkSize ? quint32((payloadSize + chunkSize - 1) / chunkSize) : 0;
}

QByteArrayView ChunkTree::chunk(QByteArrayView payload, quint32 index, quint32 chunkSize)
{
    const qint64 start = qint64(index) * chunkSize;
    if (start >= payload.size())
        return {};
    return payload.sliced(start, qMin<qint64>(chunkSize, payload.size() - start));
}

ChunkTree::ChunkTree(QByteArrayView payload, quint32 chunkSize)
{
    const quint32 n = chunkCount(payload.size(), chunkSize);
    QList<QByteArray> level;
    for (quint32 i = 0; i < n; ++i) {
        QByteArray leaf(32, Qt::Uninitialized);
        const QByteArrayView chunk = ChunkTree::chunk(payload, i, chunkSize);
        otad_merkle_leaf(i, u8(chunk), size_t(chunk.size()), reinterpret_cast<uint8_t *>(leaf.data()));
        level.append(leaf);
    }
    m_levels.append(level);
    while (m_levels.last().size() > 1) {
        const QList<QByteArray> &below = m_levels.last();
        QList<QByteArray> up;
        for (qsizetype i = 0; i < below.size(); i += 2) {
            if (i + 1 == below.size()) {
                up.append(below[i]);
                continue;
            }
            QByteArray node(32, Qt::Uninitialized);
            otad_merkle_node(u8(below[i]), u8(below[i + 1]), reinterpret_cast<uint8_t *>(node.data()));
            up.append(node);
        }
        m_levels.append(up);
    }
}

QByteArray ChunkTree::root() const
{
    return m_levels.isEmpty() || m_levels.last().isEmpty() ? QByteArray(32, '\0') : m_levels.last().first();
}

QByteArray ChunkTree::proof(quint32 index) const
{
    QByteArray out;
    qsizetype idx = index;
    for (qsizetype l = 0; l + 1 < m_levels.size(); ++l) {
        const QList<QByteArray> &level = m_levels[l];
        if (idx & 1)
            out += level[idx - 1];
        else if (idx + 1 < level.size())
            out += level[idx + 1];
        idx /= 2;
    }
    return out;
}

bool ChunkTree::verify(const QByteArray &root, quint32 index, quint32 count, QByteArrayView chunk,
                       QByteArrayView proof)
{
    if (root.size() != 32 || proof.size() % 32 != 0)
        return false;
    return otad_merkle_verify(u8(root), index, count, u8(chunk), size_t(chunk.size()), u8(proof),
                              quint32(proof.size() / 32)) == 1;
}

} // namespace otadesk::delta
