#include "core/firmware/McubootImage.h"
#include "core/crypto/Digest.h"

#include <cstring>
#include <QtEndian>

namespace otadesk::firmware {

namespace {

using namespace mcuboot;

// End of the slot: the 16-byte boot magic (max_align 8), image_ok 8 bytes before it.
constexpr char kTrailerMagic[16] = {'\x77', '\xc2', '\x95', '\xf3', '\x60', '\xd2', '\xef', '\x7f',
                                    '\x35', '\x52', '\x50', '\x0f', '\x2c', '\xb6', '\x79', '\x80'};

class Inspector
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::firmware::McubootInspector)
public:
    explicit Inspector(QByteArrayView data) : m_d(data), m_n(data.size()) {}

    Result<McubootInfo> run()
    {
        m_info.bufferSize = m_n;
        if (auto st = parseHeader(); !st)
            return std::unexpected(st.error());
        const qint64 bodyEnd = qint64(m_info.headerSize) + qint64(m_info.imageSize);
        if (bodyEnd > m_n)
            return bad(m_n,
                       tr("The image body ends at offset 0x%1 (header size 0x%2 + image size %3), but the "
                          "data ends at 0x%4: the image is truncated.")
                           .arg(bodyEnd, 0, 16)
                           .arg(m_info.headerSize, 0, 16)
                           .arg(m_info.imageSize)
                           .arg(m_n, 0, 16));
        if (auto st = m_info.legacyFormat ? parseLegacyTlvs(bodyEnd) : parseTlvs(bodyEnd); !st)
            return std::unexpected(st.error());
        if (auto st = interpretTlvs(); !st)
            return std::unexpected(st.error());
        checkHash();
        checkTrailer();
        return std::move(m_info);
    }

private:
    std::unexpected<Error> bad(qint64 offset, const QString &message, qint64 record = -1) const
    {
        return fail(ErrorCode::Format, message, SourceLocation{{}, -1, record, offset});
    }
    quint16 u16(qint64 o) const { return qFromLittleEndian<quint16>(m_d.data() + o); }
    quint32 u32(qint64 o) const { return qFromLittleEndian<quint32>(m_d.data() + o); }

    Status parseHeader()
    {
        if (m_n < 4)
            return bad(m_n,
                       tr("The data ends after %1 bytes, before the 4-byte MCUboot header magic.").arg(m_n));
        McubootInfo &h = m_info;
        h.magic = u32(0);
        if (h.magic == 0xffffffffu)
            return bad(0, tr("The header magic is 0xffffffff: this is erased flash, not an MCUboot image."));
        if (h.magic != kImageMagic && h.magic != kImageMagicV1)
            return bad(0, tr("Not an MCUboot image: the header magic is 0x%1, expected 0x%2.")
                              .arg(h.magic, 8, 16, QLatin1Char('0'))
                              .arg(kImageMagic, 8, 16, QLatin1Char('0')));
        if (m_n < kHeaderSize)
            return bad(m_n,
                       tr("The data ends after %1 bytes, inside the 32-byte MCUboot image header.").arg(m_n));
        h.legacyFormat = h.magic == kImageMagicV1;
        if (h.legacyFormat) {
            m_legacyTlvSize = u16(4);
            h.notes.append(tr("Legacy (v1) MCUboot header, key id %1.").arg(quint8(m_d[6])));
        } else {
            h.loadAddress = u32(4);
            h.protectedTlvSize = u16(10);
        }
        h.headerSize = u16(8);
        h.imageSize = u32(12);
        h.flags = u32(16);
        h.versionMajor = quint8(m_d[20]);
        h.versionMinor = quint8(m_d[21]);
        h.versionRevision = u16(22);
        h.buildNumber = u32(24);
        if (h.headerSize < kHeaderSize)
            return bad(8, tr("The header size ih_hdr_size = %1 is smaller than the 32-byte header itself.")
                              .arg(h.headerSize));
        return {};
    }

    QString areaName(bool prot) const { return prot ? tr("protected") : tr("unprotected"); }

    // Walks the TLV entries in [from, end).
    Status walk(qint64 from, qint64 end, bool prot)
    {
        qint64 o = from;
        while (o < end) {
            const qint64 record = m_info.tlvs.size() + 1;
            if (end - o < 4)
                return bad(o,
                           tr("TLV %1 at offset 0x%2: its 4-byte header runs past the end of the %3 TLV area "
                              "(0x%4).")
                               .arg(record)
                               .arg(o, 0, 16)
                               .arg(areaName(prot))
                               .arg(end, 0, 16),
                           record);
            McubootTlv t;
            t.isProtected = prot;
            t.offset = o;
            t.type = m_info.legacyFormat ? quint8(m_d[o]) : u16(o);
            const qint64 length = u16(o + 2);
            if (length > end - o - 4)
                return bad(o + 2,
                           tr("TLV %1 (%2) at offset 0x%3 has length %4, which runs past the end of the %5 "
                              "TLV area at 0x%6.")
                               .arg(record)
                               .arg(tlvName(t.type, m_info.legacyFormat))
                               .arg(o, 0, 16)
                               .arg(length)
                               .arg(areaName(prot))
                               .arg(end, 0, 16),
                           record);
            t.value = m_d.sliced(o + 4, length).toByteArray();
            m_info.tlvs.append(std::move(t));
            o += 4 + length;
        }
        return {};
    }

    // Reads a TLV info header {magic, tlv_tot} at `at` and walks its entries; returns tlv_tot.
    Result<quint16> area(qint64 at, quint16 magic, bool prot)
    {
        if (m_n - at < 4)
            return bad(
                at, prot ? tr("The protected TLV area header at offset 0x%1 runs past the end of the data "
                              "(0x%2).")
                               .arg(at, 0, 16)
                               .arg(m_n, 0, 16)
                         : tr("There is no TLV area after the image at offset 0x%1 (the data ends at 0x%2): "
                              "the image is unsigned or truncated.")
                               .arg(at, 0, 16)
                               .arg(m_n, 0, 16));
        const quint16 found = u16(at);
        if (found != magic)
            return bad(at, tr("Expected the %1 TLV area magic 0x%2 at offset 0x%3, found 0x%4.")
                               .arg(areaName(prot))
                               .arg(magic, 4, 16, QLatin1Char('0'))
                               .arg(at, 0, 16)
                               .arg(found, 4, 16, QLatin1Char('0')));
        const quint16 total = u16(at + 2);
        if (total < 4)
            return bad(at + 2, tr("The %1 TLV area size tlv_tot = %2 is smaller than its own 4-byte header.")
                                   .arg(areaName(prot))
                                   .arg(total));
        if (prot && total != m_info.protectedTlvSize)
            return bad(at + 2,
                       tr("The protected TLV area size tlv_tot = %1 disagrees with ih_protect_tlv_size = "
                          "%2 in the header.")
                           .arg(total)
                           .arg(m_info.protectedTlvSize));
        if (total > m_n - at)
            return bad(at + 2, tr("The %1 TLV area size tlv_tot = %2 at offset 0x%3 runs past the end of the "
                                  "data (0x%4): the image is truncated or the size is wrong.")
                                   .arg(areaName(prot))
                                   .arg(total)
                                   .arg(at, 0, 16)
                                   .arg(m_n, 0, 16));
        if (auto st = walk(at + 4, at + total, prot); !st)
            return std::unexpected(st.error());
        return total;
    }

    Status parseTlvs(qint64 bodyEnd)
    {
        if (m_info.protectedTlvSize > 0) {
            auto total = area(bodyEnd, kProtectedTlvInfoMagic, true);
            if (!total)
                return std::unexpected(total.error());
            m_info.protectedTlvOffset = bodyEnd;
            m_info.protectedTlvTotal = *total;
        } else if (m_n - bodyEnd >= 2 && u16(bodyEnd) == kProtectedTlvInfoMagic) {
            return bad(bodyEnd, tr("A protected TLV area starts at offset 0x%1, but the header's "
                                   "ih_protect_tlv_size is 0.")
                                    .arg(bodyEnd, 0, 16));
        }
        const qint64 at = bodyEnd + m_info.protectedTlvSize;
        auto total = area(at, kTlvInfoMagic, false);
        if (!total)
            return std::unexpected(total.error());
        m_info.tlvInfoOffset = at;
        m_info.tlvTotal = *total;
        m_info.endOfTlvs = at + *total;
        return {};
    }

    Status parseLegacyTlvs(qint64 bodyEnd)
    {
        if (m_legacyTlvSize > m_n - bodyEnd)
            return bad(4, tr("The legacy TLV size %1 runs past the end of the data (0x%2).")
                              .arg(m_legacyTlvSize)
                              .arg(m_n, 0, 16));
        m_info.tlvInfoOffset = bodyEnd;
        m_info.tlvTotal = m_legacyTlvSize;
        m_info.endOfTlvs = bodyEnd + m_legacyTlvSize;
        return walk(bodyEnd, m_info.endOfTlvs, false);
    }

    Status expectLength(const McubootTlv &t, qsizetype length) const
    {
        if (t.value.size() == length)
            return {};
        return bad(t.offset + 2, tr("The %1 TLV at offset 0x%2 has %3 bytes; it must have %4.")
                                     .arg(tlvName(t.type, m_info.legacyFormat))
                                     .arg(t.offset, 0, 16)
                                     .arg(t.value.size())
                                     .arg(length));
    }

    void setSignature(const McubootTlv &t, const QString &type)
    {
        if (!m_info.signatureType.isEmpty()) {
            m_info.notes.append(
                tr("More than one signature TLV; only the first (%1) is shown.").arg(m_info.signatureType));
            return;
        }
        m_info.signatureType = type;
        m_info.signatureTlvType = t.type;
        m_info.signature = t.value;
    }

    Status interpretTlvs()
    {
        McubootInfo &i = m_info;
        for (const McubootTlv &t : std::as_const(i.tlvs)) {
            if (i.legacyFormat) {
                switch (t.type) {
                case 1:
                    setHash(t, QStringLiteral("SHA256"));
                    break;
                case 2:
                    setSignature(t, tr("RSA-2048 PKCS#1 v1.5"));
                    break;
                case 3:
                    setSignature(t, tr("ECDSA P-224"));
                    break;
                case 4:
                    setSignature(t, tr("ECDSA P-256 (DER)"));
                    break;
                default:
                    break;
                }
                continue;
            }
            const bool mustBeProtected = t.type == SecurityCounter || t.type == Dependency ||
                                         t.type == BootRecord || t.type == UuidVid || t.type == UuidCid;
            if (mustBeProtected && !t.isProtected)
                i.notes.append(
                    tr("The %1 TLV at offset 0x%2 is in the unprotected area, where MCUboot ignores it.")
                        .arg(tlvName(t.type))
                        .arg(t.offset, 0, 16));
            switch (t.type) {
            case KeyHash:
                i.keyHash = t.value;
                break;
            case PublicKey:
                i.publicKey = t.value;
                break;
            case Sha256:
                setHash(t, QStringLiteral("SHA256"));
                break;
            case Sha384:
                setHash(t, QStringLiteral("SHA384"));
                break;
            case Sha512:
                setHash(t, QStringLiteral("SHA512"));
                break;
            case Rsa2048Pss:
                setSignature(t, tr("RSA-2048 PSS"));
                break;
            case Rsa3072Pss:
                setSignature(t, tr("RSA-3072 PSS"));
                break;
            case Ecdsa224:
                setSignature(t, tr("ECDSA P-224 (obsolete)"));
                break;
            case EcdsaSig:
                setSignature(t, i.findTlv(Sha384) ? tr("ECDSA P-384 (DER)") : tr("ECDSA P-256 (DER)"));
                break;
            case Ed25519:
                setSignature(t, tr("Ed25519"));
                break;
            case SigPure:
                setSignature(t, tr("Ed25519, pure (over the image)"));
                break;
            case SecurityCounter:
                if (auto st = expectLength(t, 4); !st)
                    return st;
                i.securityCounter = qFromLittleEndian<quint32>(t.value.constData());
                break;
            case Dependency: {
                if (auto st = expectLength(t, 12); !st)
                    return st;
                const char *v = t.value.constData();
                i.dependencies.append({quint8(v[0]), QStringLiteral("%1.%2.%3+%4")
                                                         .arg(quint8(v[4]))
                                                         .arg(quint8(v[5]))
                                                         .arg(qFromLittleEndian<quint16>(v + 6))
                                                         .arg(qFromLittleEndian<quint32>(v + 8))});
                break;
            }
            case UuidVid:
            case UuidCid:
                if (auto st = expectLength(t, 16); !st)
                    return st;
                (t.type == UuidVid ? i.vendorUuid : i.classUuid) = t.value;
                break;
            default:
                break;
            }
        }
        if (!m_hashTlv)
            return {};
        const qsizetype expected = m_hashLength;
        return expectLength(*m_hashTlv, expected);
    }

    void setHash(const McubootTlv &t, const QString &algorithm)
    {
        if (m_hashTlv)
            return;
        m_hashTlv = &t;
        m_info.hashAlgorithm = algorithm;
        m_info.storedHash = t.value;
        m_hashLength = algorithm == QStringLiteral("SHA512")   ? 64
                       : algorithm == QStringLiteral("SHA384") ? 48
                                                               : 32;
    }

    void checkHash()
    {
        McubootInfo &i = m_info;
        // Hashed: header + body + protected TLVs = everything before the unprotected TLV info header.
        const QByteArrayView hashed = m_d.first(i.tlvInfoOffset);
        const auto algorithm = m_hashLength == 64   ? crypto::DigestAlgorithm::Sha512
                               : m_hashLength == 48 ? crypto::DigestAlgorithm::Sha384
                                                    : crypto::DigestAlgorithm::Sha256;
        i.computedHash = crypto::Digest::hash(hashed, algorithm);
        i.hashValid = m_hashTlv && i.computedHash == i.storedHash;
        if (!m_hashTlv && i.signatureTlvType != SigPure)
            i.notes.append(tr("The image has no hash TLV; MCUboot will not boot it."));
        if (i.signatureType.isEmpty())
            i.notes.append(tr("The image is not signed."));
    }

    void checkTrailer()
    {
        McubootInfo &i = m_info;
        i.paddingBytes = m_n - i.endOfTlvs;
        if (i.paddingBytes < 16 || std::memcmp(m_d.data() + m_n - 16, kTrailerMagic, 16) != 0)
            return;
        i.trailerPresent = true;
        i.trailerOffset = m_n - 16;
        if (m_n - 24 >= i.endOfTlvs)
            i.imageOk = quint8(m_d[m_n - 24]);
    }

    QByteArrayView m_d;
    qint64 m_n;
    McubootInfo m_info;
    quint16 m_legacyTlvSize = 0;
    const McubootTlv *m_hashTlv = nullptr;
    qsizetype m_hashLength = 32;
};

} // namespace

bool looksLikeMcuboot(QByteArrayView data)
{
    if (data.size() < 4)
        return false;
    const quint32 magic = qFromLittleEndian<quint32>(data.data());
    return magic == mcuboot::kImageMagic || magic == mcuboot::kImageMagicV1;
}

Result<McubootInfo> inspectMcuboot(QByteArrayView data)
{
    return Inspector(data).run();
}

Result<McubootInfo> inspectMcuboot(const MemoryImage &image)
{
    if (image.isEmpty())
        return fail(ErrorCode::Format,
                    Error::tr("The image is empty; there is no MCUboot header to inspect."));
    const Segment &first = image.segments().first();
    QByteArray flat;
    if (image.segmentCount() > 1) {
        // A signed image is contiguous; gaps (if any) read as erased flash. Keep the buffer bounded.
        if (auto f = image.flatten(image.extent(), 0xFF, quint64(64) << 20))
            flat = *f;
    }
    auto info = inspectMcuboot(flat.isEmpty() ? QByteArrayView(first.data) : QByteArrayView(flat));
    if (info)
        info->baseAddress = first.address;
    return info;
}

} // namespace otadesk::firmware
