// The "elf" metadata map stored with an image read from ELF. Keys are stable (the library stores them, the
// GUI shows them as a tree, the writer reads machineNumber and sections back); numbers are unsigned 64-bit.
#include "core/firmware/formats/ElfImage.h"

#include "core/firmware/formats/ElfNames.h"

#include <QVariantList>

namespace otadesk::firmware::elf {

namespace {

QVariant u64(quint64 v)
{
    return QVariant::fromValue<qulonglong>(v);
}

QVariantList segmentList(const File &file)
{
    QVariantList out;
    for (qsizetype i = 0; i < file.programs.size(); ++i) {
        const ProgramHeader &p = file.programs.at(i);
        out.append(QVariantMap{
            {QStringLiteral("index"), int(i)},
            {QStringLiteral("type"), segmentTypeName(p.type)},
            {QStringLiteral("typeNumber"), u64(p.type)},
            {QStringLiteral("flags"), segmentFlagString(p.flags)},
            {QStringLiteral("offset"), u64(p.offset)},
            {QStringLiteral("virtualAddress"), u64(p.vaddr)},
            {QStringLiteral("physicalAddress"), u64(p.paddr)},
            {QStringLiteral("fileSize"), u64(p.filesz)},
            {QStringLiteral("memorySize"), u64(p.memsz)},
            {QStringLiteral("align"), u64(p.align)},
        });
    }
    return out;
}

QVariantList sectionList(const File &file, const LoadSummary &summary)
{
    QVariantList out;
    for (qsizetype i = 0; i < file.sections.size(); ++i) {
        const Section &s = file.sections.at(i);
        QVariantMap m{
            {QStringLiteral("index"), int(i)},
            {QStringLiteral("name"), s.name},
            {QStringLiteral("type"), sectionTypeName(s.type)},
            {QStringLiteral("typeNumber"), u64(s.type)},
            {QStringLiteral("address"), u64(s.addr)},
            {QStringLiteral("size"), u64(i == 0 ? 0 : s.size)},
            {QStringLiteral("offset"), u64(s.offset)},
            {QStringLiteral("flags"), sectionFlagString(s.flags)},
            {QStringLiteral("flagBits"), u64(s.flags)},
        };
        if (auto it = summary.loadAddresses.constFind(i); it != summary.loadAddresses.cend())
            m.insert(QStringLiteral("loadAddress"), u64(*it));
        out.append(m);
    }
    return out;
}

QString sectionNameOf(const File &file, quint32 shndx)
{
    switch (shndx) {
    case SHN_UNDEF:
        return QStringLiteral("UND");
    case SHN_ABS:
        return QStringLiteral("ABS");
    case SHN_COMMON:
        return QStringLiteral("COMMON");
    default:
        break;
    }
    if (shndx < quint32(file.sections.size()))
        return file.sections.at(qsizetype(shndx)).name;
    return QStringLiteral("0x%1").arg(shndx, 0, 16);
}

QVariantList symbolList(const File &file)
{
    QVariantList out;
    out.reserve(file.symbols.size());
    for (const Symbol &s : file.symbols) {
        out.append(QVariantMap{
            {QStringLiteral("name"), s.name},
            {QStringLiteral("value"), u64(s.value)},
            {QStringLiteral("size"), u64(s.size)},
            {QStringLiteral("type"), symbolTypeName(s.type())},
            {QStringLiteral("binding"), symbolBindingName(s.binding())},
            {QStringLiteral("section"), sectionNameOf(file, s.shndx)},
        });
    }
    return out;
}

} // namespace

QVariantMap describe(const File &file, const LoadSummary &summary)
{
    const Header &h = file.header;
    return QVariantMap{
        {QStringLiteral("class"), h.is64 ? QStringLiteral("ELF64") : QStringLiteral("ELF32")},
        {QStringLiteral("endianness"), h.bigEndian ? QStringLiteral("big") : QStringLiteral("little")},
        {QStringLiteral("machine"), machineName(h.machine)},
        {QStringLiteral("machineNumber"), int(h.machine)},
        {QStringLiteral("type"), fileTypeName(h.type)},
        {QStringLiteral("typeNumber"), int(h.type)},
        {QStringLiteral("osAbi"), int(h.osAbi)},
        {QStringLiteral("flags"), u64(h.flags)},
        {QStringLiteral("entry"), u64(h.entry)},
        {QStringLiteral("segments"), segmentList(file)},
        {QStringLiteral("sections"), sectionList(file, summary)},
        {QStringLiteral("symbolTable"), file.symbolTable},
        {QStringLiteral("symbols"), symbolList(file)},
        {QStringLiteral("symbolsTruncated"), file.symbolsTruncated},
        {QStringLiteral("bssBytes"), u64(summary.bssBytes)},
        {QStringLiteral("bytesOutsideSections"), u64(summary.bytesOutsideSections)},
        {QStringLiteral("usedVirtualAddresses"), summary.usedVirtualAddresses},
        {QStringLiteral("notes"), summary.notes},
    };
}

} // namespace otadesk::firmware::elf
