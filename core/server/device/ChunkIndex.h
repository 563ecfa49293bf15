#pragma once
// Per-chunk digests of a payload as the resolve answer lists them (docs/device-updates.md §5): leaf i =
// SHA-256(0x00 ‖ le32(i) ‖ chunk i) and the Merkle root over the leaves (core/delta/ChunkTree, the delta
// format's hashing). Computed once per payload (the file is memory-mapped, not read into memory) and kept in
// a small LRU keyed by the payload's SHA-256: payloads are content-addressed, so an entry never goes stale.
#include "core/common/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <memory>

namespace otadesk::server {

struct ChunkDigests
{
    quint32 chunkSize = 0;
    QByteArray root;          // 32 bytes
    QList<QByteArray> leaves; // 32 bytes each
};

class ChunkIndex
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::server::ChunkIndex)
public:
    static constexpr quint32 kChunkSize = 4096;
    static constexpr int kMaxEntries = 64;

    // The digests of the file holding the payload with this SHA-256.
    Result<std::shared_ptr<const ChunkDigests>> digestsOf(const QString &sha256, const QString &path);
    static Result<ChunkDigests> compute(const QString &path, quint32 chunkSize);
    int hits() const { return m_hits; }

private:
    struct Entry
    {
        std::shared_ptr<const ChunkDigests> digests;
        quint64 lastUse = 0;
    };
    QHash<QString, Entry> m_entries;
    quint64 m_clock = 0;
    int m_hits = 0;
};

} // namespace otadesk::server
