#include "core/delta/DeltaEncoder.h"

#include "core/delta/DeltaLogging.h"
#include "core/crypto/Digest.h"
#include "core/delta/ChunkTree.h"
#include "core/delta/DeltaApplier.h"
#include "core/delta/SuffixArray.h"
#include "core/delta/Thumb2Model.h"

#include <cstring>

namespace otadesk::delta {

namespace {

struct Candidate
{
    quint8 mode = OTAD_MODE_GENERIC;
    quint8 flags = 0;
    quint32 oldBase = 0;
    quint32 newBase = 0;
    quint32 mapEntries = 0;
    QByteArray payload;
    PayloadStats stats;
};

// The matcher's threshold trades long approximate copies against more, exact ones; which one the range coder
// codes smaller depends on the pair, so every candidate is coded with a few thresholds and the smallest kept.
constexpr int kMinGains[] = {4, 6, 8};

Candidate generic(QByteArrayView oldImage, QByteArrayView newImage)
{
    const std::vector<qint32> sa = buildSuffixArray(oldImage);
    Candidate best;
    for (int gain : kMinGains) {
        PayloadInput in{oldImage, newImage, matchImages(oldImage, newImage, sa, gain), {}};
        Candidate c;
        c.payload = encodePayload(in, &c.stats);
        if (best.payload.isEmpty() || c.payload.size() < best.payload.size())
            best = std::move(c);
    }
    return best;
}

Candidate literal(QByteArrayView newImage)
{
    PayloadInput in{{}, newImage, {}, {}};
    if (!newImage.isEmpty())
        in.ops.append(DeltaOp{0, 0, 0, qint32(newImage.size())});
    Candidate c;
    c.payload = encodePayload(in, &c.stats);
    return c;
}

Candidate thumb2(QByteArrayView oldImage, QByteArrayView newImage, const DeltaOptions &options)
{
    std::optional<quint32> oldBase = options.oldBase ? options.oldBase : Thumb2Model::inferBaseAddress(oldImage);
    std::optional<quint32> newBase = options.newBase ? options.newBase : Thumb2Model::inferBaseAddress(newImage);
    if (!newBase)
        newBase = oldBase;
    if (!oldBase)
        oldBase = newBase;
    Candidate c;
    c.mode = OTAD_MODE_THUMB2;
    c.flags = oldBase ? 0 : OTAD_FLAG_NO_POINTERS;
    c.oldBase = oldBase.value_or(0);
    c.newBase = newBase.value_or(0);
    const bool pointers = oldBase.has_value();
    // Without a load address nothing is a pointer: a base above every word disables that part of normalise.
    const QByteArray normOld = Thumb2Model::normalise(oldImage, pointers ? c.oldBase : 0xFFFFFFFFu);
    const QByteArray normNew = Thumb2Model::normalise(newImage, pointers ? c.newBase : 0xFFFFFFFFu);
    const std::vector<qint32> sa = buildSuffixArray(normOld);
    for (int gain : kMinGains) {
        PayloadInput in{oldImage, newImage, matchImages(normOld, normNew, sa, gain), {}};
        in.map = Thumb2Model::displacementMap(in.ops);
        in.mode = OTAD_MODE_THUMB2;
        in.oldBase = c.oldBase;
        in.newBase = c.newBase;
        in.pointers = pointers;
        PayloadStats stats;
        QByteArray payload = encodePayload(in, &stats);
        if (c.payload.isEmpty() || payload.size() < c.payload.size()) {
            c.payload = std::move(payload);
            c.stats = stats;
            c.mapEntries = quint32(in.map.size());
        }
    }
    qCDebug(lcDelta) << "thumb2: base" << Qt::hex << c.oldBase << c.newBase << Qt::dec << "map" << c.mapEntries
                     << "branches" << c.stats.predictedBranches << "pointers" << c.stats.predictedPointers;
    return c;
}

QByteArray assemble(const Candidate &c, QByteArrayView oldImage, QByteArrayView newImage, quint32 chunkSize)
{
    otad_header h{};
    h.version = OTAD_VERSION;
    h.profile = OTAD_PROFILE_S;
    h.mode = c.mode;
    h.flags = c.flags;
    h.base_size = quint32(oldImage.size());
    h.target_size = quint32(newImage.size());
    h.old_base_address = c.oldBase;
    h.new_base_address = c.newBase;
    h.payload_size = quint32(c.payload.size());
    h.chunk_size = chunkSize;
    h.map_entries = c.mapEntries;
    std::memcpy(h.base_sha256, crypto::sha256(oldImage).constData(), 32);
    std::memcpy(h.target_sha256, crypto::sha256(newImage).constData(), 32);
    std::memcpy(h.chunk_root, ChunkTree(c.payload, chunkSize).root().constData(), 32);
    QByteArray patch(OTAD_HEADER_SIZE, Qt::Uninitialized);
    otad_header_write(&h, reinterpret_cast<uint8_t *>(patch.data()));
    return patch + c.payload;
}

} // namespace

std::optional<DeltaArch> DeltaEncoder::archFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n.isEmpty() || n == QLatin1String("auto"))
        return DeltaArch::Auto;
    if (n == QLatin1String("thumb2") || n == QLatin1String("thumb-2") || n == QLatin1String("arm"))
        return DeltaArch::Thumb2;
    if (n == QLatin1String("generic"))
        return DeltaArch::Generic;
    return std::nullopt;
}

Result<DeltaResult> DeltaEncoder::create(QByteArrayView oldImage, QByteArrayView newImage, const DeltaOptions &options)
{
    if (oldImage.size() > qsizetype(OTAD_MAX_IMAGE) || newImage.size() > qsizetype(OTAD_MAX_IMAGE))
        return fail(ErrorCode::Unsupported, tr("Delta patches handle images up to 1 GiB."));
    if (options.chunkSize < OTAD_MIN_CHUNK || options.chunkSize > OTAD_MAX_CHUNK)
        return fail(ErrorCode::InvalidArgument, tr("The chunk size must be between %1 and %2 bytes.")
                                                    .arg(OTAD_MIN_CHUNK)
                                                    .arg(OTAD_MAX_CHUNK));
    DeltaResult result;
    QList<Candidate> candidates;
    if (options.arch != DeltaArch::Generic) {
        candidates.append(thumb2(oldImage, newImage, options));
        result.thumb2Size = OTAD_HEADER_SIZE + candidates.last().payload.size();
    }
    if (options.arch != DeltaArch::Thumb2) {
        candidates.append(generic(oldImage, newImage));
        result.genericSize = OTAD_HEADER_SIZE + candidates.last().payload.size();
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate &a, const Candidate &b) { return a.payload.size() < b.payload.size(); });
    candidates.append(literal(newImage));
    for (const Candidate &c : candidates) {
        QByteArray patch = assemble(c, oldImage, newImage, options.chunkSize);
        auto check = DeltaApplier::apply(oldImage, patch);
        if (!check || *check != newImage) {
            qCWarning(lcDelta) << "delta candidate mode" << c.mode << "failed verification:"
                               << (check ? QStringLiteral("different output") : check.error().message());
            result.fellBack = true;
            continue;
        }
        auto info = DeltaInfo::parse(patch);
        if (!info)
            return std::unexpected(info.error());
        result.info = *info;
        result.stats = c.stats;
        result.patch = std::move(patch);
        return result;
    }
    return fail(ErrorCode::Internal, tr("No delta encoding of these images could be verified; please report this."));
}

} // namespace otadesk::delta
