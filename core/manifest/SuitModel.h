#pragma once
// The decoded form of a SUIT envelope (draft-ietf-suit-manifest-37 §8, trust-domains, update-management).
// Raw bytes are kept wherever a digest or signature is computed over them.
#include "core/manifest/CborValue.h"
#include "core/manifest/CharacteristicExtension.h"
#include "core/manifest/SuitDigest.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QUuid>
#include <optional>
#include <vector>

namespace otadesk::manifest {

// One parameter of override-parameters / set-parameters, plus typed views of the well-known ones.
struct SuitParameters
{
    std::vector<std::pair<qint64, CborValue>> all; // in manifest order
    std::optional<QUuid> vendorId;                 // 16-byte UUID form (CBOR-PEN vendor ids stay in `all`)
    std::optional<QUuid> classId;
    std::optional<QUuid> deviceId;
    std::optional<SuitDigest> imageDigest;
    std::optional<quint64> imageSize;
    std::optional<quint64> componentSlot;
    std::optional<quint64> sourceComponent;
    std::optional<QString> uri;
    std::optional<bool> strictOrder;
    std::optional<bool> softFailure;
    std::optional<QByteArray> content;
    std::optional<QByteArray> encryptionInfo;
};

struct SuitCommand
{
    qint64 code = 0;
    CborValue argument;
    qint64 offset = -1;                   // byte offset of the command code in the envelope
    std::optional<SuitParameters> parameters; // override-parameters (20) / set-parameters (19)
    std::vector<std::vector<SuitCommand>> nested; // try-each alternatives, run-sequence body
    bool known = true;                    // false: not in the IANA registry / extensions we know
    QString name() const;
};
using SuitSequence = std::vector<SuitCommand>;

// A manifest member that may be severed: either the bstr itself is in the manifest, or a digest of it is and
// the bstr travels in the envelope.
struct SuitSeverable
{
    bool inManifest = false;             // member present as a bstr inside the manifest
    std::optional<SuitDigest> digest;    // manifest holds a digest: member severed
    QByteArray severedBytes;             // the envelope's bstr with its header (what the digest covers)
    bool presentInEnvelope = false;
    CborValue value;                     // decoded content (from whichever place holds it)
};

struct SuitManifest
{
    quint64 version = 0;
    std::optional<quint64> sequenceNumber;
    QList<QList<QByteArray>> components;     // component identifiers
    QMap<quint64, QByteArray> dependencies;  // component index -> dependency prefix (trust domains)
    SuitSequence sharedSequence;
    std::optional<QString> referenceUri;
    QMap<qint64, SuitSequence> sequences;    // key 7 validate, 8 load, 9 invoke, 16 fetch, 20 install, ...
    QMap<qint64, SuitSeverable> severable;   // 16, 20, 23 (and 14 coswid)
    CborValue text;                          // text map (key 23), possibly from the severed member
    CborValue raw;                           // the manifest map as decoded
    // OTA Desk's characteristic definition (custom parameter -257 in the shared sequence), when present and
    // well-formed; SuitVerifier reports a malformed one as the failed check "characteristics".
    std::optional<CharacteristicDefinition> characteristics;
    QList<qint64> unknownKeys;
};

struct SuitAuthBlock
{
    enum class Kind { Sign1, Mac0, Sign, Mac, Unknown };
    Kind kind = Kind::Unknown;
    CborValue value;   // decoded block (offsets relative to the envelope)
    qint64 offset = -1;
};

struct SuitEnvelope
{
    QByteArray bytes;                 // the whole envelope as received
    bool tagged = false;              // tag 107 present
    QByteArray digestBstr;            // first element of the authentication wrapper, content (SUIT_Digest encoding)
    std::optional<SuitDigest> manifestDigest;
    QList<SuitAuthBlock> authBlocks;
    QByteArray manifestBstr;          // envelope key 3 including its bstr header (what the digest covers)
    CborValue manifestBstrValue;
    QMap<qint64, CborValue> severedMembers;      // envelope keys 16/20/23/14 (rawIn(bytes) = bstr incl. header)
    QMap<QString, QByteArray> integratedPayloads; // tstr keys such as "#firmware"
    bool key2BeforeKey3 = true;
};

} // namespace otadesk::manifest
