#pragma once
// What the device update routes need from a stored SUIT envelope, decoded once per manifest and kept (a
// manifest row never changes): the digest bstr a device echoes in its resolve request, vendor and class, and
// per component its name, the image digest(s) the author signed (one per slot for A/B manifests) and size.
// Dependency components (trust domains) carry a manifest digest, not an image, and are marked as such.
#include "core/common/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QUuid>
#include <memory>
#include <optional>

namespace otadesk::server {

struct SignedImage
{
    QByteArray sha256;            // 32 bytes
    std::optional<quint64> slot;  // A/B manifests: the slot this image is linked for
    std::optional<quint64> size;
};

struct ManifestComponent
{
    int index = 0;
    QString name; // the first identifier element as text (what devices report as the component name)
    bool dependency = false;
    QList<SignedImage> images; // SHA-256 only; empty when the manifest signs none for this component
};

struct ManifestFacts
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::server::ManifestFacts)
public:
    QByteArray envelope;
    QByteArray digestBstr; // content of the authentication wrapper's first element
    quint64 sequenceNumber = 0;
    std::optional<QUuid> vendorId;
    std::optional<QUuid> classId;
    QList<ManifestComponent> components;

    static Result<ManifestFacts> fromEnvelope(const QByteArray &envelope);
    // The images a device must run afterwards (non-dependency components with a signed digest).
    bool digestsMatch(const QHash<QString, QByteArray> &installedByName) const;
};

// A small cache keyed by manifest id (envelopes are immutable once stored).
class ManifestFactsCache
{
public:
    std::shared_ptr<const ManifestFacts> find(qint64 manifestId) const { return m_facts.value(manifestId); }
    void insert(qint64 manifestId, std::shared_ptr<const ManifestFacts> facts);
    static constexpr int kMaxEntries = 256;

private:
    QHash<qint64, std::shared_ptr<const ManifestFacts>> m_facts;
};

} // namespace otadesk::server
