#include "core/agent/ChunkLeaves.h"

#include "core/delta/decoder/otad_merkle.h"

namespace otadesk::agent {

namespace {
const uint8_t *u8(QByteArrayView v) { return reinterpret_cast<const uint8_t *>(v.data()); }

QList<QByteArray> up(const QList<QByteArray> &below)
{
    QList<QByteArray> level;
    for (qsizetype i = 0; i < below.size(); i += 2) {
        if (i + 1 == below.size()) {
            level.append(below[i]); // promoted unchanged
            continue;
        }
        QByteArray node(32, Qt::Uninitialized);
        otad_merkle_node(u8(below[i]), u8(below[i + 1]), reinterpret_cast<uint8_t *>(node.data()));
        level.append(node);
    }
    return level;
}
} // namespace

QByteArray ChunkLeaves::leaf(quint32 index, QByteArrayView chunk)
{
    QByteArray out(32, Qt::Uninitialized);
    otad_merkle_leaf(index, u8(chunk), size_t(chunk.size()), reinterpret_cast<uint8_t *>(out.data()));
    return out;
}

QByteArray ChunkLeaves::root(const QList<QByteArray> &leaves)
{
    if (leaves.isEmpty())
        return QByteArray(32, '\0');
    QList<QByteArray> level = leaves;
    while (level.size() > 1)
        level = up(level);
    return level.first();
}

QByteArray ChunkLeaves::proof(const QList<QByteArray> &leaves, quint32 index)
{
    QByteArray out;
    QList<QByteArray> level = leaves;
    qsizetype idx = index;
    while (level.size() > 1) {
        const qsizetype sibling = idx ^ 1;
        if (sibling < level.size())
            out += level[sibling];
        level = up(level);
        idx /= 2;
    }
    return out;
}

} // namespace otadesk::agent
