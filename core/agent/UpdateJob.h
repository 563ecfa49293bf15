#pragma once
// The transient context of one update on one agent: it exists only while the device works on an update, so an
// idle agent costs nothing of it. Everything needed after a power cut is rebuilt from the files and the server.
#include "core/agent/ManifestFacts.h"
#include "core/delta/DeltaApplier.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <memory>

namespace otadesk::agent {

struct JobPart
{
    int index = 0;
    QString name;
    QString action;      // "full" or "delta" (skipped components are not listed)
    QByteArray url;      // path on the server
    qint64 size = 0;     // bytes served (image or patch)
    QByteArray imageSha; // signed digest of the resulting image
    qint64 imageSize = 0;
    quint32 chunkSize = 0;
    QList<QByteArray> leaves;
    QByteArray baseSha; // delta: the image the patch applies to
    QString version;
};

struct UpdateJob
{
    qint64 id = 0;
    QByteArray manifestPath;
    bool downloadOnly = false;
    QByteArray digestBstr; // the manifest's SUIT_Digest (key 0 of the characteristics report)
    ManifestFacts facts;
    QList<JobPart> parts;
    qsizetype current = -1;
    quint32 nextChunk = 0;
    int chunkTries = 0; // bad copies of the current chunk
    qint64 bytes = 0;   // payload bytes received for this update
    bool reportedDownloading = false;
    // delta
    std::unique_ptr<delta::DeltaApplier> applier;
    QByteArray baseImage;
    QByteArray deltaHeader;
};

} // namespace otadesk::agent
