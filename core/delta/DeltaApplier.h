#pragma once
// Applies a delta patch through the C decoder core, chunk by chunk: every transport chunk is checked against
// the header's Merkle root with its digest path before the decoder sees it (a corrupt chunk is reported with
// ErrorCode::Checksum and leaves the state untouched, so only that chunk is fetched again), the decoder state
// can be saved after any chunk and restored to resume an interrupted apply. The old image is read by random
// access, the new one written sequentially.
#include "core/common/Error.h"
#include "core/delta/DeltaInfo.h"
#include "core/delta/decoder/otad_decoder.h"

#include <functional>
#include <memory>

namespace otadesk::delta {

class DeltaApplier
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::delta::DeltaApplier)
public:
    // Return false on failure.
    using ReadOld = std::function<bool(quint32 offset, uint8_t *buffer, quint32 size)>;
    using WriteNew = std::function<bool(quint32 offset, const uint8_t *data, quint32 size)>;

    DeltaApplier(ReadOld readOld, WriteNew writeNew);
    ~DeltaApplier();

    // Parses the header; with checkBase, hashes the old image (oldSize bytes) and compares it first.
    Status begin(QByteArrayView header, quint32 oldSize, bool checkBase = true);
    // Chunk `index` must be nextChunk(); proof = its digest path (ChunkTree::proof).
    Status feedChunk(quint32 index, QByteArrayView chunk, QByteArrayView proof);
    quint32 nextChunk() const;
    bool isDone() const { return m_done; }
    const DeltaInfo &info() const { return m_info; }

    // The decoder state (a POD struct, sizeof(otad_decoder) bytes) to persist between chunks.
    QByteArray saveState() const;
    Status restoreState(QByteArrayView header, QByteArrayView state);

    // Whole-patch convenience: checks the base, verifies every chunk, returns the new image (verified against
    // the target digest by the decoder).
    static Result<QByteArray> apply(QByteArrayView oldImage, QByteArrayView patch);
    static Error errorFor(int status);

private:
    otad_io io() const;
    static int readThunk(void *ctx, uint32_t offset, uint8_t *buf, uint32_t size);
    static int writeThunk(void *ctx, uint32_t offset, const uint8_t *buf, uint32_t size);
    ReadOld m_readOld;
    WriteNew m_writeNew;
    std::unique_ptr<otad_decoder> m_state;
    DeltaInfo m_info;
    bool m_done = false;
};

} // namespace otadesk::delta
