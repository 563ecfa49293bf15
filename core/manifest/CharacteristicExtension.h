#pragma once
// OTA Desk's characteristic-definition extension to SUIT (docs/suit-characteristics.md). It travels as one
// custom parameter (private-use key -257) in the first directive-override-parameters of the shared sequence:
//   bstr .cbor { 1 => tstr resource-request URI, 2 => [+ code / [code, argument]] }
// No command consumes it, so a standard SUIT processor sets it and carries on; an OTA Desk device reads it
// and reports the listed characteristics to the URI (a CBOR map, see Report) before it is given its payload.
#include "core/common/Error.h"
#include "core/manifest/CborValue.h"

#include <optional>
#include <QCoreApplication>
#include <QList>
#include <QString>

namespace otadesk::manifest {

namespace otadeskExtension {
inline constexpr qint64 CharacteristicsParameter = -257; // SUIT custom parameter (nint < -256)
inline constexpr qint64 KeyUri = 1;
inline constexpr qint64 KeyList = 2;
inline constexpr qint64 ReportManifestDigest = 0; // report key: the manifest's SUIT_Digest bstr
} // namespace otadeskExtension

// Codes of the characteristics (the argument column says what follows the code in a [code, argument] pair).
enum class CharacteristicCode : quint8
{
    VendorId = 1,         // none          value: bstr(16) UUID
    ClassId = 2,          // none          value: bstr(16) UUID
    DeviceId = 3,         // none          value: bstr(16) UUID
    HardwareRevision = 4, // none          value: tstr
    Serial = 5,           // none          value: tstr
    ComponentVersion = 6, // component index (uint)   value: tstr version
    ComponentDigest = 7,  // component index (uint)   value: SUIT_Digest
    Attribute = 8,        // attribute key (tstr)     value: tstr / int / bstr / bool
};

struct CharacteristicRequest
{
    CharacteristicCode code = CharacteristicCode::VendorId;
    std::optional<quint64> componentIndex; // ComponentVersion / ComponentDigest
    QString attribute;                     // Attribute
    CborValue toCbor() const;              // code, or [code, argument]
    bool operator==(const CharacteristicRequest &) const = default;
};

struct CharacteristicDefinition
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::manifest::CharacteristicDefinition)
public:
    QString resourceRequestUri;
    QList<CharacteristicRequest> requests;

    CborValue toCbor() const;  // the map
    QByteArray encode() const; // deterministic encoding of the map (the content of the parameter's bstr)
    CborValue parameterValue() const { return CborValue::fromBytes(encode()); }
    // Checks everything (types, codes, arguments, component indices < componentCount when >= 0). Errors
    // carry the byte offset of the offending item.
    static Result<CharacteristicDefinition> fromCbor(const CborValue &map, qsizetype componentCount = -1);
    // The parameter value as found in a manifest: a bstr holding the map (`input` is the buffer it came
    // from).
    static Result<CharacteristicDefinition> fromParameter(const CborValue &bstr, QByteArrayView input,
                                                          qsizetype componentCount = -1);
    bool operator==(const CharacteristicDefinition &) const = default;
};

// Names used in ManifestSpec::characteristics: "vendor-id", ..., "component-version:<component name>",
// "component-digest:<component name>", "attribute:<key>".
struct CharacteristicName
{
    CharacteristicCode code = CharacteristicCode::VendorId;
    QString argument; // component name or attribute key; empty for codes without argument
    static std::optional<CharacteristicName> parse(const QString &name);
    static QString codeName(CharacteristicCode code); // "vendor-id", "component-version", ...
    static bool takesComponent(CharacteristicCode code);
};

// What a device sends to the resource-request URI: { 0 => bstr SUIT_Digest of the manifest,
// + (code / [code, argument]) => value }, encoded deterministically.
struct CharacteristicReport
{
    static QByteArray encode(const QByteArray &manifestDigestBstr,
                             const QList<std::pair<CharacteristicRequest, CborValue>> &values);
};

} // namespace otadesk::manifest
