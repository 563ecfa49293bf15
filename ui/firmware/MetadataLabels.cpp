#include "ui/firmware/MetadataLabels.h"

#include <QCoreApplication>
#include <optional>

namespace otadesk::ui {

namespace {
constexpr char kContext[] = "otadesk::ui::MetadataLabels";

struct Label
{
    const char *key;
    const char *text;
};

// clang-format off
constexpr Label kLabels[] = {
    // top-level maps
    {"mcuboot", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "MCUboot image")},
    {"elf", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "ELF file")},
    // Intel HEX / S-record
    {"header", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "S0 header text")},
    {"headerBytes", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "S0 header bytes")},
    {"startSegment", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Start segment address (CS:IP)")},
    // MCUboot header and TLVs
    {"magic", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Magic")},
    {"legacyFormat", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Legacy TLV format")},
    {"baseAddress", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Base address")},
    {"bufferSize", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Buffer size")},
    {"loadAddress", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Load address")},
    {"headerSize", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Header size")},
    {"protectedTlvSize", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Protected TLV size")},
    {"imageSize", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Image size")},
    {"flags", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Flags")},
    {"flagNames", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Flag names")},
    {"version", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Version")},
    {"protectedTlvOffset", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Protected TLV offset")},
    {"protectedTlvTotal", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Protected TLV total")},
    {"tlvInfoOffset", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "TLV info offset")},
    {"tlvTotal", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "TLV total")},
    {"endOfTlvs", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "End of TLVs")},
    {"tlvs", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "TLVs")},
    {"hashAlgorithm", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Hash algorithm")},
    {"hash", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Stored hash")},
    {"computedHash", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Computed hash")},
    {"hashValid", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Hash check")},
    {"signedDigest", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Signed digest")},
    {"signatureType", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Signature type")},
    {"signature", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Signature")},
    {"keyHash", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Key hash")},
    {"securityCounter", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Security counter")},
    {"dependencies", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Dependencies")},
    {"imageId", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Image id")},
    {"trailerPresent", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Trailer present")},
    {"paddingBytes", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Padding bytes")},
    {"notes", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Notes")},
    {"area", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Area")},
    {"type", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Type")},
    {"name", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Name")},
    {"description", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Description")},
    {"offset", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Offset")},
    {"length", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Length")},
    {"value", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Value")},
    // ELF header, segments, sections, symbols
    {"class", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Class")},
    {"endianness", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Byte order")},
    {"machine", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Machine")},
    {"machineNumber", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Machine number")},
    {"typeNumber", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Type number")},
    {"osAbi", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "OS ABI")},
    {"entry", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Entry point")},
    {"segments", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Program headers")},
    {"sections", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Sections")},
    {"symbolTable", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Symbol table")},
    {"symbols", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Symbols")},
    {"symbolCount", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Symbols in the file")},
    {"symbolsTruncated", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Symbols truncated")},
    {"bssBytes", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "BSS bytes")},
    {"bytesOutsideSections", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Bytes outside sections")},
    {"usedVirtualAddresses", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Uses virtual addresses")},
    {"index", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Index")},
    {"virtualAddress", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Virtual address")},
    {"physicalAddress", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Physical address")},
    {"fileSize", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "File size")},
    {"memorySize", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Memory size")},
    {"align", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Alignment")},
    {"address", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Address")},
    {"size", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Size")},
    {"flagBits", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Flag bits")},
    {"binding", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Binding")},
    {"section", QT_TRANSLATE_NOOP("otadesk::ui::MetadataLabels", "Section")},
};
// clang-format on

const Label *find(const QString &key)
{
    for (const Label &l : kLabels)
        if (key == QLatin1String(l.key))
            return &l;
    return nullptr;
}
} // namespace

QString metadataLabel(const QString &key)
{
    const Label *l = find(key);
    return l ? QCoreApplication::translate(kContext, l->text) : key;
}

bool hasMetadataLabel(const QString &key) { return find(key) != nullptr; }

QString hashCheckText(bool valid)
{
    return valid ? QCoreApplication::translate(kContext, "valid")
                 : QCoreApplication::translate(kContext, "MISMATCH");
}

std::optional<quint32> mcubootSecurityCounter(const QVariantMap &mcuboot)
{
    const QVariantList tlvs = mcuboot.value(QStringLiteral("tlvs")).toList();
    for (const QVariant &v : tlvs) {
        const QVariantMap tlv = v.toMap();
        if (tlv.value(QStringLiteral("name")).toString() != QLatin1String("SEC_CNT"))
            continue;
        const QByteArray bytes = QByteArray::fromHex(tlv.value(QStringLiteral("value")).toString().toLatin1());
        if (bytes.isEmpty() || bytes.size() > 4)
            return std::nullopt;
        quint32 counter = 0;
        for (qsizetype i = bytes.size() - 1; i >= 0; --i)
            counter = (counter << 8) | quint8(bytes[i]);
        return counter;
    }
    return std::nullopt;
}

} // namespace otadesk::ui
