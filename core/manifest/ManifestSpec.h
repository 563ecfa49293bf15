#pragma once
// The editable description of a SUIT manifest: what the Manifest editor's form and `otactl manifest create`
// fill in, and what ManifestBuilder turns into CBOR. It is plain data with a JSON form (a "manifest spec" file,
// *.suitspec.json) so a draft can be saved, diffed and rebuilt byte-identically.
#include "core/common/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUuid>
#include <optional>

namespace otadesk::manifest {

// The shapes OTA Desk can author. Each fills a ManifestSpec with sensible defaults (ManifestBuilder::fromTemplate).
enum class ManifestTemplate {
    SingleImage,        // one component, fetch + check digest + install + invoke
    ABSlots,            // one component with two slots; try-each picks the inactive slot (component-slot 0 / 1)
    ImageWithAuxiliary, // main image plus auxiliary files (e.g. a filesystem image, a config blob)
    MultiComponent,     // several independent components (e.g. application core + network core + modem)
};
QString templateName(ManifestTemplate t); // stable: "single-image", "ab-slots", "image-aux", "multi-component"
QString templateTitle(ManifestTemplate t); // translated, for the GUI
std::optional<ManifestTemplate> templateFromName(const QString &name);
QList<ManifestTemplate> allTemplates();

// One component (image) the manifest installs.
struct ComponentSpec
{
    QString name;                 // e.g. "main", "net", "fs"; the component identifier is [name-utf8] unless
    QList<QByteArray> identifier; // ...given here explicitly
    QString firmwareId;           // firmware library id the image came from (informational, kept in JSON)
    QByteArray digest;            // SHA-256 of the image bytes (32 bytes)
    quint64 size = 0;             // image size in bytes
    QString uri;                  // where the device fetches it (payload-fetch); may be empty when integrated
    QString version;              // component version text, e.g. "2.3.0" (text section; characteristics)
    bool integrated = false;      // payload travels in the envelope under "#<name>"
    QByteArray payload;           // the image bytes, required when integrated (not stored in the JSON)
    QString payloadFile;          // where `payload` was read from (stored in the JSON; re-read by loadPayloads)
    // A/B slots (draft example 3): entries with the same name (identifier) are the images of ONE SUIT component,
    // one per slot; the manifest selects the slot with try-each [override slot, condition-component-slot].
    std::optional<quint64> slot;
    bool operator==(const ComponentSpec &) const = default;
};

// Another manifest this one depends on (trust-domains dependency): its manifest digest and where to get it.
struct DependencySpec
{
    QByteArray digest; // SHA-256 over the dependency envelope's manifest bstr (its SUIT_Digest bytes)
    QString uri;       // where the dependency envelope is fetched from
    QList<QByteArray> prefix; // dependency prefix (component identifier prefix); empty = none
    bool operator==(const DependencySpec &) const = default;
};

// OTA Desk's characteristic-definition extension (docs/suit-characteristics.md): the device characteristics a
// device must report to `resourceRequestUri` before it is given its payload (full image or delta).
// Names: "vendor-id", "class-id", "device-id", "hardware-revision", "serial",
// "component-version:<component name>", "component-digest:<component name>", "attribute:<key>".
bool isValidCharacteristicName(const QString &name);
QStringList standardCharacteristicNames(); // the ones without an argument, for pickers

struct ManifestSpec
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::manifest::ManifestSpec)
public:
    ManifestTemplate templateKind = ManifestTemplate::SingleImage;
    QString product;       // product code: sequence numbers and default signing keys are per product
    QString vendorDomain;  // vendor-id = UUIDv5(NameSpace_DNS, vendorDomain)
    QString modelName;     // class-id  = UUIDv5(vendor-id, modelName)
    quint64 sequenceNumber = 0;
    QString version;       // release version text (text section)
    QString description;   // free text (text section, "manifest-description")
    QString vendorName;    // text section "vendor-name" (optional)
    QList<ComponentSpec> components;
    QList<DependencySpec> dependencies;
    QStringList characteristics;  // see isValidCharacteristicName; empty = extension not used
    QString resourceRequestUri;   // required when characteristics is not empty
    bool severText = true;        // put the text section in the envelope, its digest in the manifest
    bool severInstall = false;    // same for the install sequence

    QUuid vendorId() const;
    QUuid classId() const;

    QJsonObject toJson() const; // stable key order, digests as lower-case hex, payload bytes never included
    static Result<ManifestSpec> fromJson(const QJsonObject &json); // precise error naming the bad field
    // Reads the payloadFile of each integrated component into payload (paths relative to baseDir).
    Status loadPayloads(const QString &baseDir);

    bool operator==(const ManifestSpec &) const = default;
};

} // namespace otadesk::manifest
