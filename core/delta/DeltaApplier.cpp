#include "core/delta/DeltaApplier.h"

#include "core/delta/ChunkTree.h"

#include <cstring>

namespace otadesk::delta {

DeltaApplier::DeltaApplier(ReadOld readOld, WriteNew writeNew)
    : m_readOld(std::move(readOld)), m_writeNew(std::move(writeNew)), m_state(std::make_unique<otad_decoder>())
{
    std::memset(m_state.get(), 0, sizeof(otad_decoder));
}

DeltaApplier::~DeltaApplier() = default;

int DeltaApplier::readThunk(void *ctx, uint32_t offset, uint8_t *buf, uint32_t size)
{
    return static_cast<DeltaApplier *>(ctx)->m_readOld(offset, buf, size) ? 0 : -1;
}

int DeltaApplier::writeThunk(void *ctx, uint32_t offset, const uint8_t *buf, uint32_t size)
{
    return static_cast<DeltaApplier *>(ctx)->m_writeNew(offset, buf, size) ? 0 : -1;
}

otad_io DeltaApplier::io() const
{
    return otad_io{const_cast<DeltaApplier *>(this), &DeltaApplier::readThunk, &DeltaApplier::writeThunk};
}

Error DeltaApplier::errorFor(int status)
{
    ErrorCode code = ErrorCode::Format;
    switch (status) {
    case OTAD_E_VERSION:
    case OTAD_E_PROFILE: code = ErrorCode::Unsupported; break;
    case OTAD_E_IO: code = ErrorCode::Io; break;
    case OTAD_E_TARGET_DIGEST:
    case OTAD_E_BASE: code = ErrorCode::Checksum; break;
    case OTAD_E_STATE: code = ErrorCode::InvalidArgument; break;
    default: break;
    }
    return Error(code, DeltaInfo::statusMessage(status));
}

Status DeltaApplier::begin(QByteArrayView header, quint32 oldSize, bool checkBase)
{
    m_done = false;
    auto info = DeltaInfo::parse(header, false);
    if (!info)
        return std::unexpected(info.error());
    m_info = *info;
    const int rc = otad_decoder_init(m_state.get(), reinterpret_cast<const uint8_t *>(header.data()),
                                     size_t(header.size()));
    if (rc < 0)
        return std::unexpected(errorFor(rc));
    if (checkBase) {
        const otad_io callbacks = io();
        const int base = otad_check_base(&m_state->header, &callbacks, oldSize);
        if (base < 0)
            return std::unexpected(errorFor(base));
    } else if (oldSize != m_state->header.base_size) {
        return std::unexpected(errorFor(OTAD_E_BASE));
    }
    return {};
}

quint32 DeltaApplier::nextChunk() const
{
    const quint32 size = m_state->header.chunk_size;
    return size ? otad_decoder_resume_offset(m_state.get()) / size : 0;
}

Status DeltaApplier::feedChunk(quint32 index, QByteArrayView chunk, QByteArrayView proof)
{
    if (m_done)
        return fail(ErrorCode::Conflict, tr("The patch has been applied completely already."));
    const otad_header &h = m_state->header;
    const quint32 count = otad_chunk_count(&h);
    if (index != nextChunk() || index >= count)
        return fail(ErrorCode::InvalidArgument,
                    tr("Chunk %1 was given, but the decoder needs chunk %2 of %3 next.").arg(index).arg(nextChunk()).arg(count));
    const qint64 expected = qMin<qint64>(h.chunk_size, qint64(h.payload_size) - qint64(index) * h.chunk_size);
    if (chunk.size() != expected ||
        !ChunkTree::verify(m_info.chunkRoot, index, count, chunk, proof))
        return fail(ErrorCode::Checksum,
                    tr("Chunk %1 of the patch does not match its digest under the patch root; fetch this chunk "
                       "again.").arg(index),
                    SourceLocation{{}, -1, qint64(index) + 1, qint64(OTAD_HEADER_SIZE) + qint64(index) * h.chunk_size});
    const otad_io callbacks = io();
    const int rc = otad_decoder_feed(m_state.get(), &callbacks, reinterpret_cast<const uint8_t *>(chunk.data()),
                                     size_t(chunk.size()));
    if (rc < 0)
        return std::unexpected(errorFor(rc));
    m_done = rc == OTAD_DONE;
    return {};
}

QByteArray DeltaApplier::saveState() const
{
    return QByteArray(reinterpret_cast<const char *>(m_state.get()), sizeof(otad_decoder));
}

Status DeltaApplier::restoreState(QByteArrayView header, QByteArrayView state)
{
    auto info = DeltaInfo::parse(header, false);
    if (!info)
        return std::unexpected(info.error());
    if (state.size() != qsizetype(sizeof(otad_decoder)))
        return std::unexpected(errorFor(OTAD_E_STATE));
    auto restored = std::make_unique<otad_decoder>();
    std::memcpy(restored.get(), state.data(), sizeof(otad_decoder));
    if (otad_decoder_check_state(restored.get()) < 0 ||
        std::memcmp(header.data(), OTAD_MAGIC, 8) != 0)
        return std::unexpected(errorFor(OTAD_E_STATE));
    uint8_t raw[OTAD_HEADER_SIZE];
    otad_header_write(&restored->header, raw);
    if (std::memcmp(raw, header.data(), OTAD_HEADER_SIZE) != 0)
        return fail(ErrorCode::InvalidArgument, tr("The saved decoder state belongs to a different patch."));
    m_state = std::move(restored);
    m_info = *info;
    m_done = false;
    return {};
}

Result<QByteArray> DeltaApplier::apply(QByteArrayView oldImage, QByteArrayView patch)
{
    auto info = DeltaInfo::parse(patch);
    if (!info)
        return std::unexpected(info.error());
    QByteArray out;
    out.reserve(info->header.target_size);
    DeltaApplier applier(
        [&](quint32 offset, uint8_t *buffer, quint32 size) {
            if (qint64(offset) + size > oldImage.size())
                return false;
            std::memcpy(buffer, oldImage.data() + offset, size);
            return true;
        },
        [&](quint32 offset, const uint8_t *data, quint32 size) {
            if (offset != quint32(out.size()))
                out.truncate(offset);
            out.append(reinterpret_cast<const char *>(data), size);
            return true;
        });
    if (auto s = applier.begin(patch.first(OTAD_HEADER_SIZE), quint32(qMin<qint64>(oldImage.size(), 0xFFFFFFFF))); !s)
        return std::unexpected(s.error());
    const QByteArrayView payload = patch.sliced(OTAD_HEADER_SIZE);
    const ChunkTree tree(payload, info->header.chunk_size);
    if (tree.root() != info->chunkRoot)
        return fail(ErrorCode::Checksum, tr("The patch payload does not match the chunk root in its header; the "
                                            "patch is corrupt. Download it again."));
    for (quint32 i = 0; i < tree.count(); ++i) {
        const QByteArrayView chunk = ChunkTree::chunk(payload, i, info->header.chunk_size);
        if (auto s = applier.feedChunk(i, chunk, tree.proof(i)); !s)
            return std::unexpected(s.error());
    }
    if (!applier.isDone())
        return std::unexpected(errorFor(OTAD_E_TRUNCATED));
    return out;
}

} // namespace otadesk::delta
