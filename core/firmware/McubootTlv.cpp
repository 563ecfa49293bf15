// Names of MCUboot TLVs and flags, and McubootInfo's presentation (version string, variant map).
#include "core/firmware/McubootImage.h"

#include <QUuid>
#include <QVariantList>

namespace otadesk::firmware {

namespace mcuboot {

namespace {
class Names
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::firmware::Mcuboot)
public:
    static QString description(quint16 type, bool legacy)
    {
        if (legacy) {
            switch (type) {
            case 1:
                return tr("SHA-256 image hash");
            case 2:
                return tr("RSA-2048 PKCS#1 v1.5 signature");
            case 3:
                return tr("ECDSA P-224 signature");
            case 4:
                return tr("ECDSA P-256 signature");
            default:
                return tr("Unknown TLV");
            }
        }
        switch (type) {
        case KeyHash:
            return tr("SHA-256 of the signing public key");
        case PublicKey:
            return tr("Signing public key");
        case Sha256:
            return tr("SHA-256 image hash");
        case Sha384:
            return tr("SHA-384 image hash");
        case Sha512:
            return tr("SHA-512 image hash");
        case Rsa2048Pss:
            return tr("RSA-2048 PSS signature");
        case Ecdsa224:
            return tr("ECDSA P-224 signature (obsolete)");
        case EcdsaSig:
            return tr("ECDSA signature (ASN.1 DER)");
        case Rsa3072Pss:
            return tr("RSA-3072 PSS signature");
        case Ed25519:
            return tr("Ed25519 signature over the image hash");
        case SigPure:
            return tr("Signature over the whole image (no hash)");
        case EncRsa2048:
            return tr("Encryption key wrapped with RSA-OAEP");
        case EncKw:
            return tr("Encryption key wrapped with AES-KW");
        case EncEc256:
            return tr("Encryption key wrapped with ECIES P-256");
        case EncX25519:
            return tr("Encryption key wrapped with ECIES X25519");
        case EncX25519Sha512:
            return tr("Encryption key wrapped with ECIES X25519 (SHA-512)");
        case Dependency:
            return tr("Dependency on another image");
        case SecurityCounter:
            return tr("Security counter (anti-rollback)");
        case BootRecord:
            return tr("Measured-boot record (CBOR)");
        case DecompSize:
            return tr("Size of the decompressed image");
        case DecompSha:
            return tr("Hash of the decompressed image");
        case DecompSignature:
            return tr("Signature of the decompressed image");
        case CompDecSize:
            return tr("Compressed image: decompressed size");
        case UuidVid:
            return tr("Vendor UUID");
        case UuidCid:
            return tr("Image class UUID");
        default:
            break;
        }
        if ((type & 0xff) >= 0xa0)
            return tr("Vendor-specific TLV");
        return tr("Unknown TLV");
    }
};
} // namespace

QString tlvName(quint16 type, bool legacy)
{
    if (legacy) {
        switch (type) {
        case 1:
            return QStringLiteral("SHA256");
        case 2:
            return QStringLiteral("RSA2048");
        case 3:
            return QStringLiteral("ECDSA224");
        case 4:
            return QStringLiteral("ECDSA256");
        default:
            return QStringLiteral("UNKNOWN_0x%1").arg(type, 0, 16);
        }
    }
    switch (type) {
    case KeyHash:
        return QStringLiteral("KEYHASH");
    case PublicKey:
        return QStringLiteral("PUBKEY");
    case Sha256:
        return QStringLiteral("SHA256");
    case Sha384:
        return QStringLiteral("SHA384");
    case Sha512:
        return QStringLiteral("SHA512");
    case Rsa2048Pss:
        return QStringLiteral("RSA2048_PSS");
    case Ecdsa224:
        return QStringLiteral("ECDSA224");
    case EcdsaSig:
        return QStringLiteral("ECDSA_SIG");
    case Rsa3072Pss:
        return QStringLiteral("RSA3072_PSS");
    case Ed25519:
        return QStringLiteral("ED25519");
    case SigPure:
        return QStringLiteral("SIG_PURE");
    case EncRsa2048:
        return QStringLiteral("ENC_RSA2048");
    case EncKw:
        return QStringLiteral("ENC_KW");
    case EncEc256:
        return QStringLiteral("ENC_EC256");
    case EncX25519:
        return QStringLiteral("ENC_X25519");
    case EncX25519Sha512:
        return QStringLiteral("ENC_X25519_SHA512");
    case Dependency:
        return QStringLiteral("DEPENDENCY");
    case SecurityCounter:
        return QStringLiteral("SEC_CNT");
    case BootRecord:
        return QStringLiteral("BOOT_RECORD");
    case DecompSize:
        return QStringLiteral("DECOMP_SIZE");
    case DecompSha:
        return QStringLiteral("DECOMP_SHA");
    case DecompSignature:
        return QStringLiteral("DECOMP_SIGNATURE");
    case CompDecSize:
        return QStringLiteral("COMP_DEC_SIZE");
    case UuidVid:
        return QStringLiteral("UUID_VID");
    case UuidCid:
        return QStringLiteral("UUID_CID");
    default:
        break;
    }
    if ((type & 0xff) >= 0xa0)
        return QStringLiteral("VENDOR_0x%1").arg(type, 4, 16, QLatin1Char('0'));
    return QStringLiteral("UNKNOWN_0x%1").arg(type, 0, 16);
}

QString tlvDescription(quint16 type, bool legacy)
{
    return Names::description(type, legacy);
}

QStringList flagNames(quint32 flags)
{
    static constexpr struct
    {
        quint32 bit;
        const char *name;
    } kFlags[] = {
        {0x1, "PIC"},
        {0x2, "NON_BOOTABLE_OLD"},
        {0x4, "ENCRYPTED_AES128"},
        {0x8, "ENCRYPTED_AES256"},
        {0x10, "NON_BOOTABLE"},
        {0x20, "RAM_LOAD"},
        {0x100, "ROM_FIXED"},
        {0x200, "COMPRESSED_LZMA1"},
        {0x400, "COMPRESSED_LZMA2"},
        {0x800, "COMPRESSED_ARM_THUMB"},
    };
    QStringList out;
    quint32 known = 0;
    for (const auto &f : kFlags) {
        known |= f.bit;
        if (flags & f.bit)
            out.append(QLatin1String(f.name));
    }
    if (flags & ~known)
        out.append(QStringLiteral("0x%1").arg(flags & ~known, 8, 16, QLatin1Char('0')));
    return out;
}

} // namespace mcuboot

namespace {
QString hex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex());
}
QString uuidText(const QByteArray &bytes)
{
    return bytes.size() == 16 ? QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces) : hex(bytes);
}
QVariant u64(quint64 v)
{
    return QVariant::fromValue<qulonglong>(v);
}
} // namespace

QString McubootInfo::version() const
{
    return QStringLiteral("%1.%2.%3+%4")
        .arg(versionMajor)
        .arg(versionMinor)
        .arg(versionRevision)
        .arg(buildNumber);
}

QByteArray McubootInfo::signedDigest() const
{
    return signatureTlvType == mcuboot::SigPure || hashAlgorithm.isEmpty() ? QByteArray() : computedHash;
}

const McubootTlv *McubootInfo::findTlv(quint16 type) const
{
    for (const McubootTlv &t : tlvs) {
        if (t.type == type)
            return &t;
    }
    return nullptr;
}

QVariantMap McubootInfo::toVariantMap() const
{
    QVariantList tlvList;
    for (const McubootTlv &t : tlvs) {
        tlvList.append(QVariantMap{
            {QStringLiteral("area"),
             t.isProtected ? QStringLiteral("protected") : QStringLiteral("unprotected")},
            {QStringLiteral("type"), int(t.type)},
            {QStringLiteral("name"), mcuboot::tlvName(t.type, legacyFormat)},
            {QStringLiteral("description"), mcuboot::tlvDescription(t.type, legacyFormat)},
            {QStringLiteral("offset"), t.offset},
            {QStringLiteral("length"), int(t.value.size())},
            {QStringLiteral("value"), hex(t.value)},
        });
    }
    QVariantList deps;
    for (const McubootDependency &d : dependencies)
        deps.append(
            QVariantMap{{QStringLiteral("imageId"), int(d.imageId)}, {QStringLiteral("version"), d.version}});

    QVariantMap m{
        {QStringLiteral("magic"), QStringLiteral("0x%1").arg(magic, 8, 16, QLatin1Char('0'))},
        {QStringLiteral("legacyFormat"), legacyFormat},
        {QStringLiteral("baseAddress"), u64(baseAddress)},
        {QStringLiteral("bufferSize"), bufferSize},
        {QStringLiteral("loadAddress"), u64(loadAddress)},
        {QStringLiteral("headerSize"), int(headerSize)},
        {QStringLiteral("protectedTlvSize"), int(protectedTlvSize)},
        {QStringLiteral("imageSize"), u64(imageSize)},
        {QStringLiteral("flags"), u64(flags)},
        {QStringLiteral("flagNames"), mcuboot::flagNames(flags)},
        {QStringLiteral("version"), version()},
        {QStringLiteral("protectedTlvOffset"), protectedTlvOffset},
        {QStringLiteral("protectedTlvTotal"), int(protectedTlvTotal)},
        {QStringLiteral("tlvInfoOffset"), tlvInfoOffset},
        {QStringLiteral("tlvTotal"), int(tlvTotal)},
        {QStringLiteral("endOfTlvs"), endOfTlvs},
        {QStringLiteral("tlvs"), tlvList},
        {QStringLiteral("hashAlgorithm"), hashAlgorithm},
        {QStringLiteral("hash"), hex(storedHash)},
        {QStringLiteral("computedHash"), hex(computedHash)},
        {QStringLiteral("hashValid"), hashValid},
        {QStringLiteral("signedDigest"), hex(signedDigest())},
        {QStringLiteral("signatureType"), signatureType},
        {QStringLiteral("signature"), hex(signature)},
        {QStringLiteral("keyHash"), hex(keyHash)},
        {QStringLiteral("dependencies"), deps},
        {QStringLiteral("trailerPresent"), trailerPresent},
        {QStringLiteral("paddingBytes"), paddingBytes},
        {QStringLiteral("notes"), notes},
    };
    if (!publicKey.isEmpty())
        m.insert(QStringLiteral("publicKey"), hex(publicKey));
    if (securityCounter)
        m.insert(QStringLiteral("securityCounter"), u64(*securityCounter));
    if (!vendorUuid.isEmpty())
        m.insert(QStringLiteral("vendorUuid"), uuidText(vendorUuid));
    if (!classUuid.isEmpty())
        m.insert(QStringLiteral("classUuid"), uuidText(classUuid));
    if (trailerPresent)
        m.insert(QStringLiteral("trailerOffset"), trailerOffset);
    if (imageOk)
        m.insert(QStringLiteral("imageOk"), int(*imageOk));
    return m;
}

} // namespace otadesk::firmware
