#pragma once
// What a delta patch's header says, for otactl delta info, the server's cache key (base digest, target digest)
// and the device agent (chunk count, root, header digest to bind in a manifest).
#include "core/common/Error.h"
#include "core/delta/decoder/otad_format.h"

#include <QByteArray>
#include <QString>

namespace otadesk::delta {

struct DeltaInfo
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::delta::DeltaInfo)
public:
    otad_header header{};
    QByteArray baseSha256;
    QByteArray targetSha256;
    QByteArray chunkRoot;
    QByteArray headerSha256; // SHA-256 of the 140 header bytes: binds the chunk root to the target digest
    quint32 chunkCount = 0;
    qint64 patchSize = 0;    // header + payload

    QString modeName() const;
    QString profileName() const;
    // Parses and checks the header of a complete patch (or at least its header when the size is unknown).
    static Result<DeltaInfo> parse(QByteArrayView patch, bool requireWholePatch = true);
    // A translated message for a decoder status (otad_status).
    static QString statusMessage(int status);
};

} // namespace otadesk::delta
