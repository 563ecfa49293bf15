#pragma once
// What an agent needs from a verified SUIT manifest: per component its identifier (the name is the first
// identifier part as UTF-8, as ManifestSpec writes it), vendor and class IDs, the signed image digest and size,
// the version from the text section; the sequence number and the characteristic definition. Parameters are
// collected from every sequence the way a SUIT processor sets them (set-component-index + override-parameters).
#include "core/manifest/SuitModel.h"

#include <QList>
#include <QString>
#include <QUuid>

namespace otadesk::agent {

struct ManifestComponent
{
    QString name;
    std::optional<QUuid> vendorId, classId;
    QByteArray imageSha256; // empty when the manifest signs no SHA-256 digest for it
    qint64 imageSize = -1;
    QString version;
};

struct ManifestFacts
{
    quint64 sequenceNumber = 0;
    QList<ManifestComponent> components;
    std::optional<manifest::CharacteristicDefinition> characteristics;
    QString version; // release version (text "update-description" is not a version; empty when absent)

    static ManifestFacts from(const manifest::SuitManifest &m);
    int indexOf(const QString &name) const;
};

} // namespace otadesk::agent
