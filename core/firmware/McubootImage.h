#pragma once
// MCUboot image inspector: the 32-byte image header, the protected and unprotected TLV areas, the image hash
// (recomputed and compared), what signs the image, and the slot trailer if the data reaches it.
// Layout (STANDARDS.md §3.1): [header][pad to hdr_size][body][0x6908 protected TLVs][0x6907
// TLVs][pad][trailer]. Signatures are not verified here; signedDigest() and signature are what a verifier
// needs.
#include "core/common/Error.h"
#include "core/firmware/MemoryImage.h"

#include <optional>
#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QStringList>
#include <QVariantMap>

namespace otadesk::firmware {

namespace mcuboot {
inline constexpr quint32 kImageMagic = 0x96f3b83d;
inline constexpr quint32 kImageMagicV1 = 0x96f3b83c; // legacy header/TLV layout
inline constexpr quint16 kTlvInfoMagic = 0x6907;
inline constexpr quint16 kProtectedTlvInfoMagic = 0x6908;
inline constexpr qsizetype kHeaderSize = 32;

enum TlvType : quint16
{
    KeyHash = 0x01,
    PublicKey = 0x02,
    Sha256 = 0x10,
    Sha384 = 0x11,
    Sha512 = 0x12,
    Rsa2048Pss = 0x20,
    Ecdsa224 = 0x21,
    EcdsaSig = 0x22,
    Rsa3072Pss = 0x23,
    Ed25519 = 0x24,
    SigPure = 0x25,
    EncRsa2048 = 0x30,
    EncKw = 0x31,
    EncEc256 = 0x32,
    EncX25519 = 0x33,
    EncX25519Sha512 = 0x34,
    Dependency = 0x40,
    SecurityCounter = 0x50,
    BootRecord = 0x60,
    DecompSize = 0x70,
    DecompSha = 0x71,
    DecompSignature = 0x72,
    CompDecSize = 0x73,
    UuidVid = 0x74,
    UuidCid = 0x75,
};

// image.h names ("SHA256", "ECDSA_SIG", "SEC_CNT", ...); "VENDOR_0x12a0" / "UNKNOWN_0x99" otherwise.
// `legacy` selects the v1 numbering (1 SHA256, 2 RSA2048, 3 ECDSA224, 4 ECDSA256).
QString tlvName(quint16 type, bool legacy = false);
QString tlvDescription(quint16 type, bool legacy = false); // translated, for people
QStringList flagNames(quint32 flags);                      // "PIC", "ENCRYPTED_AES128", "RAM_LOAD", ...
} // namespace mcuboot

struct McubootTlv
{
    bool isProtected = false;
    quint16 type = 0;
    qint64 offset = 0; // of the 4-byte TLV header, from the start of the image header
    QByteArray value;
};

struct McubootDependency
{
    quint8 imageId = 0;
    QString version; // "maj.min.rev+build"
};

struct McubootInfo
{
    quint64 baseAddress = 0; // address of the header (the MemoryImage's lowest address; 0 for a buffer)
    qint64 bufferSize = 0;

    // Header
    quint32 magic = 0;
    bool legacyFormat = false;
    quint32 loadAddress = 0;
    quint16 headerSize = 0;
    quint16 protectedTlvSize = 0;
    quint32 imageSize = 0;
    quint32 flags = 0;
    quint8 versionMajor = 0;
    quint8 versionMinor = 0;
    quint16 versionRevision = 0;
    quint32 buildNumber = 0;

    // TLV areas (offsets from the header start; -1 when absent)
    qint64 protectedTlvOffset = -1;
    quint16 protectedTlvTotal = 0;
    qint64 tlvInfoOffset = -1;
    quint16 tlvTotal = 0;
    qint64 endOfTlvs = 0;
    QList<McubootTlv> tlvs;

    // Hash and signature
    QString hashAlgorithm;   // "SHA256" / "SHA384" / "SHA512", empty without hash TLV
    QByteArray storedHash;   // value of the hash TLV
    QByteArray computedHash; // over header + body + protected TLVs
    bool hashValid = false;
    QString signatureType; // "ECDSA P-256 (DER)", "Ed25519", "RSA-2048 PSS", ...; empty if unsigned
    quint16 signatureTlvType = 0;
    QByteArray signature; // raw bytes of the signature TLV
    QByteArray keyHash;   // KEYHASH TLV
    QByteArray publicKey; // PUBKEY TLV
    std::optional<quint32> securityCounter;
    QList<McubootDependency> dependencies;
    QByteArray vendorUuid; // UUID_VID, 16 bytes
    QByteArray classUuid;  // UUID_CID, 16 bytes

    // Slot trailer (only if the data reaches the end of the slot)
    bool trailerPresent = false;
    qint64 trailerOffset = -1;     // of the 16-byte trailer magic
    std::optional<quint8> imageOk; // byte at trailer magic - 8 (max_align 8)
    qint64 paddingBytes = 0;       // bytes after the TLVs (slot padding and trailer)

    QStringList notes; // oddities that do not stop inspection (translated)

    QString version() const; // "1.2.3+4"
    // The digest the signature signs (the recomputed image hash); empty for SIG_PURE / unsigned images.
    QByteArray signedDigest() const;
    const McubootTlv *findTlv(quint16 type) const;
    // Stable keys, hex strings for byte values; stored by the library as entry metadata "mcuboot".
    QVariantMap toVariantMap() const;
};

// True if the data starts with an MCUboot header magic (current or legacy).
bool looksLikeMcuboot(QByteArrayView data);
Result<McubootInfo> inspectMcuboot(QByteArrayView data);
// The header is expected at the image's lowest address; gaps up to the end of the TLVs read as 0xFF.
Result<McubootInfo> inspectMcuboot(const MemoryImage &image);

} // namespace otadesk::firmware
