#include "core/firmware/formats/ElfNames.h"

#include "core/firmware/formats/ElfTypes.h"

namespace otadesk::firmware::elf {

namespace {
QString hex(quint64 v)
{
    return QStringLiteral("0x%1").arg(v, 0, 16);
}
} // namespace

QString machineName(quint16 machine)
{
    switch (machine) {
    case EM_NONE:
        return QStringLiteral("None");
    case EM_386:
        return QStringLiteral("x86");
    case EM_68K:
        return QStringLiteral("M68K");
    case EM_MIPS:
        return QStringLiteral("MIPS");
    case EM_PPC:
        return QStringLiteral("PowerPC");
    case EM_PPC64:
        return QStringLiteral("PowerPC64");
    case EM_ARM:
        return QStringLiteral("ARM");
    case EM_SH:
        return QStringLiteral("SuperH");
    case EM_SPARCV9:
        return QStringLiteral("SPARC v9");
    case EM_X86_64:
        return QStringLiteral("x86-64");
    case EM_AVR:
        return QStringLiteral("AVR");
    case EM_XTENSA:
        return QStringLiteral("Xtensa");
    case EM_MSP430:
        return QStringLiteral("MSP430");
    case EM_AARCH64:
        return QStringLiteral("AArch64");
    case EM_RISCV:
        return QStringLiteral("RISC-V");
    case EM_LOONGARCH:
        return QStringLiteral("LoongArch");
    case 2:
        return QStringLiteral("SPARC");
    case 7:
        return QStringLiteral("i860");
    case 50:
        return QStringLiteral("IA-64");
    case 93:
        return QStringLiteral("ARC Compact");
    case 164:
        return QStringLiteral("Hexagon");
    case 190:
        return QStringLiteral("CUDA");
    case 195:
        return QStringLiteral("ARCv2");
    case 247:
        return QStringLiteral("BPF");
    }
    return hex(machine);
}

QString fileTypeName(quint16 type)
{
    switch (type) {
    case ET_NONE:
        return QStringLiteral("NONE");
    case ET_REL:
        return QStringLiteral("REL");
    case ET_EXEC:
        return QStringLiteral("EXEC");
    case ET_DYN:
        return QStringLiteral("DYN");
    case ET_CORE:
        return QStringLiteral("CORE");
    }
    return hex(type);
}

QString segmentTypeName(quint32 type)
{
    switch (type) {
    case PT_NULL:
        return QStringLiteral("NULL");
    case PT_LOAD:
        return QStringLiteral("LOAD");
    case PT_DYNAMIC:
        return QStringLiteral("DYNAMIC");
    case PT_INTERP:
        return QStringLiteral("INTERP");
    case PT_NOTE:
        return QStringLiteral("NOTE");
    case 5:
        return QStringLiteral("SHLIB");
    case PT_PHDR:
        return QStringLiteral("PHDR");
    case PT_TLS:
        return QStringLiteral("TLS");
    case 0x6474e550:
        return QStringLiteral("GNU_EH_FRAME");
    case 0x6474e551:
        return QStringLiteral("GNU_STACK");
    case 0x6474e552:
        return QStringLiteral("GNU_RELRO");
    case 0x6474e553:
        return QStringLiteral("GNU_PROPERTY");
    case 0x70000001:
        return QStringLiteral("EXIDX");
    case 0x70000003:
        return QStringLiteral("RISCV_ATTRIBUTES");
    }
    return hex(type);
}

QString segmentFlagString(quint32 flags)
{
    QString s;
    s += (flags & PF_R) ? QLatin1Char('R') : QLatin1Char(' ');
    s += (flags & PF_W) ? QLatin1Char('W') : QLatin1Char(' ');
    s += (flags & PF_X) ? QLatin1Char('E') : QLatin1Char(' ');
    return s;
}

QString sectionTypeName(quint32 type)
{
    switch (type) {
    case SHT_NULL:
        return QStringLiteral("NULL");
    case SHT_PROGBITS:
        return QStringLiteral("PROGBITS");
    case SHT_SYMTAB:
        return QStringLiteral("SYMTAB");
    case SHT_STRTAB:
        return QStringLiteral("STRTAB");
    case SHT_RELA:
        return QStringLiteral("RELA");
    case SHT_HASH:
        return QStringLiteral("HASH");
    case SHT_DYNAMIC:
        return QStringLiteral("DYNAMIC");
    case SHT_NOTE:
        return QStringLiteral("NOTE");
    case SHT_NOBITS:
        return QStringLiteral("NOBITS");
    case SHT_REL:
        return QStringLiteral("REL");
    case SHT_DYNSYM:
        return QStringLiteral("DYNSYM");
    case 14:
        return QStringLiteral("INIT_ARRAY");
    case 15:
        return QStringLiteral("FINI_ARRAY");
    case 16:
        return QStringLiteral("PREINIT_ARRAY");
    case 17:
        return QStringLiteral("GROUP");
    case 18:
        return QStringLiteral("SYMTAB_SHNDX");
    case 0x6ffffff6:
        return QStringLiteral("GNU_HASH");
    case 0x6ffffffd:
        return QStringLiteral("VERDEF");
    case 0x6ffffffe:
        return QStringLiteral("VERNEED");
    case 0x6fffffff:
        return QStringLiteral("VERSYM");
    case 0x70000001:
        return QStringLiteral("ARM_EXIDX");
    case 0x70000003:
        return QStringLiteral("ARM_ATTRIBUTES");
    }
    return hex(type);
}

QString sectionFlagString(quint64 flags)
{
    static constexpr struct
    {
        quint64 bit;
        char letter;
    } kFlags[] = {
        {0x1, 'W'},  {0x2, 'A'},   {0x4, 'X'},   {0x10, 'M'},  {0x20, 'S'},  {0x40, 'I'},
        {0x80, 'L'}, {0x100, 'O'}, {0x200, 'G'}, {0x400, 'T'}, {0x800, 'C'},
    };
    QString s;
    for (const auto &f : kFlags) {
        if (flags & f.bit)
            s += QLatin1Char(f.letter);
    }
    return s;
}

QString symbolTypeName(quint8 type)
{
    switch (type) {
    case 0:
        return QStringLiteral("NOTYPE");
    case 1:
        return QStringLiteral("OBJECT");
    case 2:
        return QStringLiteral("FUNC");
    case 3:
        return QStringLiteral("SECTION");
    case 4:
        return QStringLiteral("FILE");
    case 5:
        return QStringLiteral("COMMON");
    case 6:
        return QStringLiteral("TLS");
    case 10:
        return QStringLiteral("IFUNC");
    }
    return hex(type);
}

QString symbolBindingName(quint8 binding)
{
    switch (binding) {
    case 0:
        return QStringLiteral("LOCAL");
    case 1:
        return QStringLiteral("GLOBAL");
    case 2:
        return QStringLiteral("WEAK");
    case 10:
        return QStringLiteral("UNIQUE");
    }
    return hex(binding);
}

} // namespace otadesk::firmware::elf
