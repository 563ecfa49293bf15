#include "core/delta/DeltaInfo.h"

#include "core/crypto/Digest.h"

namespace otadesk::delta {

QString DeltaInfo::modeName() const
{
    return header.mode == OTAD_MODE_THUMB2 ? QStringLiteral("thumb2") : QStringLiteral("generic");
}

QString DeltaInfo::profileName() const
{
    return header.profile == OTAD_PROFILE_S ? QStringLiteral("S") : QString::number(header.profile);
}

Result<DeltaInfo> DeltaInfo::parse(QByteArrayView patch, bool requireWholePatch)
{
    DeltaInfo info;
    const int rc = otad_header_parse(reinterpret_cast<const uint8_t *>(patch.data()), size_t(patch.size()),
                                     &info.header);
    if (rc < 0)
        return fail(rc == OTAD_E_HEADER ? ErrorCode::Format : ErrorCode::Unsupported, statusMessage(rc),
                    SourceLocation{{}, -1, -1, 0});
    const qint64 expected = qint64(OTAD_HEADER_SIZE) + info.header.payload_size;
    if (requireWholePatch && patch.size() != expected)
        return fail(ErrorCode::Format,
                    tr("The patch is %1 bytes long but its header announces %2 bytes; the file is truncated or "
                       "has trailing data. Download it again.")
                        .arg(patch.size())
                        .arg(expected),
                    SourceLocation{{}, -1, -1, qMin(patch.size(), expected)});
    const auto raw = [](const uint8_t *p) { return QByteArray(reinterpret_cast<const char *>(p), 32); };
    info.baseSha256 = raw(info.header.base_sha256);
    info.targetSha256 = raw(info.header.target_sha256);
    info.chunkRoot = raw(info.header.chunk_root);
    info.headerSha256 = crypto::sha256(patch.first(OTAD_HEADER_SIZE));
    info.chunkCount = otad_chunk_count(&info.header);
    info.patchSize = expected;
    return info;
}

QString DeltaInfo::statusMessage(int status)
{
    switch (status) {
    case OTAD_E_HEADER: return tr("This is not an OTA Desk delta patch (bad magic or header field).");
    case OTAD_E_VERSION:
        return tr("The delta patch uses a format version this program does not know; update OTA Desk.");
    case OTAD_E_PROFILE:
        return tr("The delta patch needs a decoder profile or mode this program does not implement.");
    case OTAD_E_CORRUPT: return tr("The delta patch payload is corrupt (an invalid length, offset or code).");
    case OTAD_E_TRUNCATED: return tr("The delta patch payload ends early; the file is truncated.");
    case OTAD_E_TRAILING: return tr("The delta patch has more data than its header announces.");
    case OTAD_E_IO: return tr("Reading the old image or writing the new one failed.");
    case OTAD_E_TARGET_DIGEST:
        return tr("The patched image does not have the target SHA-256 from the patch header; nothing was written.");
    case OTAD_E_BASE:
        return tr("The old image is not the base this patch was made for (size or SHA-256 differs); use the "
                  "exact image the patch was created from.");
    case OTAD_E_STATE: return tr("The saved decoder state is invalid; restart the update from the beginning.");
    default: return tr("The delta decoder failed (status %1).").arg(status);
    }
}

} // namespace otadesk::delta
