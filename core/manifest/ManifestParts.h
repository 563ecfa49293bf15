#pragma once
// Internal to ManifestBuilder: how a ManifestSpec maps onto SUIT components, and the pieces the builder
// assembles (manifest map, severed members, integrated payloads).
#include "core/manifest/CborValue.h"
#include "core/manifest/ManifestSpec.h"

#include <QList>
#include <vector>

namespace otadesk::manifest::builder {

// One SUIT component (an entry of common.components).
struct PlannedComponent
{
    QList<QByteArray> identifier;
    QList<int> images;    // indices into spec.components (several = one image per slot)
    int dependency = -1;  // index into spec.dependencies for a dependency manifest component
    bool slotted() const; // the images carry slots
};

QList<QByteArray> effectiveIdentifier(const ComponentSpec &c);
QList<PlannedComponent> plan(const ManifestSpec &spec);
int plannedIndexOf(const QList<PlannedComponent> &plan, const QString &componentName,
                   const ManifestSpec &spec);
QString integratedKey(const ComponentSpec &c); // "#main", "#main.1" for a slotted image

struct Parts
{
    CborValue manifest;
    std::vector<std::pair<qint64, CborValue>> severed;    // envelope key -> bstr
    std::vector<std::pair<QString, QByteArray>> payloads; // "#name" -> bytes
};

// Sequences and text (ManifestSequences.cpp / SuitText.cpp).
CborValue sharedSequence(const ManifestSpec &spec, const QList<PlannedComponent> &plan);
CborValue validateSequence(const ManifestSpec &spec, const QList<PlannedComponent> &plan);
CborValue installSequence(const ManifestSpec &spec, const QList<PlannedComponent> &plan);
CborValue invokeSequence(const QList<PlannedComponent> &plan);
CborValue dependencyResolutionSequence(const ManifestSpec &spec, const QList<PlannedComponent> &plan);
CborValue textMap(const ManifestSpec &spec, const QList<PlannedComponent> &plan);
// update-management suit-set-version: "2.3.0-rc.1" -> [2,3,0,-1,1]; empty when the text is not of that form.
std::vector<qint64> semanticVersion(const QString &version);

// Deterministic encoding wrapped in a bstr.
CborValue wrap(const CborValue &value);
CborValue digestOf(const QByteArray &bytes); // SUIT_Digest [-16, sha256(bytes)]

} // namespace otadesk::manifest::builder
