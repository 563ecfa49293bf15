#pragma once
// The parts of an ELF file OTA Desk reads and writes (ELF32/ELF64, either byte order), as plain structs with
// the values widened to 64 bits, plus the constants of the System V gABI that the reader and writer use.
#include <QByteArray>
#include <QList>
#include <QString>

namespace otadesk::firmware::elf {

// e_ident
inline constexpr char kMagic[4] = {'\x7f', 'E', 'L', 'F'};
inline constexpr int kIdentSize = 16;
enum : quint8
{
    ELFCLASS32 = 1,
    ELFCLASS64 = 2,
    ELFDATA2LSB = 1,
    ELFDATA2MSB = 2,
    EV_CURRENT = 1
};

// e_type
enum : quint16
{
    ET_NONE = 0,
    ET_REL = 1,
    ET_EXEC = 2,
    ET_DYN = 3,
    ET_CORE = 4
};

// Program header types and flags
enum : quint32
{
    PT_NULL = 0,
    PT_LOAD = 1,
    PT_DYNAMIC = 2,
    PT_INTERP = 3,
    PT_NOTE = 4,
    PT_PHDR = 6,
    PT_TLS = 7
};
enum : quint32
{
    PF_X = 1,
    PF_W = 2,
    PF_R = 4
};
inline constexpr quint16 PN_XNUM = 0xffff;

// Section header types, flags and special indices
enum : quint32
{
    SHT_NULL = 0,
    SHT_PROGBITS = 1,
    SHT_SYMTAB = 2,
    SHT_STRTAB = 3,
    SHT_RELA = 4,
    SHT_HASH = 5,
    SHT_DYNAMIC = 6,
    SHT_NOTE = 7,
    SHT_NOBITS = 8,
    SHT_REL = 9,
    SHT_DYNSYM = 11,
};
enum : quint64
{
    SHF_WRITE = 0x1,
    SHF_ALLOC = 0x2,
    SHF_EXECINSTR = 0x4,
    SHF_TLS = 0x400
};
enum : quint32
{
    SHN_UNDEF = 0,
    SHN_LORESERVE = 0xff00,
    SHN_ABS = 0xfff1,
    SHN_COMMON = 0xfff2,
    SHN_XINDEX = 0xffff
};

// Fixed structure sizes
inline constexpr quint64 kEhdrSize32 = 52, kEhdrSize64 = 64;
inline constexpr quint64 kPhdrSize32 = 32, kPhdrSize64 = 56;
inline constexpr quint64 kShdrSize32 = 40, kShdrSize64 = 64;
inline constexpr quint64 kSymSize32 = 16, kSymSize64 = 24;

// Machines the writer and the name table know by number.
enum : quint16
{
    EM_NONE = 0,
    EM_386 = 3,
    EM_68K = 4,
    EM_MIPS = 8,
    EM_PPC = 20,
    EM_PPC64 = 21,
    EM_ARM = 40,
    EM_SH = 42,
    EM_SPARCV9 = 43,
    EM_X86_64 = 62,
    EM_AVR = 83,
    EM_MSP430 = 105,
    EM_XTENSA = 94,
    EM_AARCH64 = 183,
    EM_RISCV = 243,
    EM_LOONGARCH = 258,
};

struct Header
{
    bool is64 = false;
    bool bigEndian = false;
    quint8 osAbi = 0;
    quint8 abiVersion = 0;
    quint16 type = 0;
    quint16 machine = 0;
    quint32 version = 0;
    quint32 flags = 0;
    quint64 entry = 0;
    quint64 phoff = 0;
    quint64 shoff = 0;
    quint16 ehsize = 0;
    quint16 phentsize = 0;
    quint16 shentsize = 0;
    quint64 phnum = 0;    // after PN_XNUM resolution
    quint64 shnum = 0;    // after extended-numbering resolution
    quint64 shstrndx = 0; // after SHN_XINDEX resolution
};

struct ProgramHeader
{
    quint32 type = 0;
    quint32 flags = 0;
    quint64 offset = 0;
    quint64 vaddr = 0;
    quint64 paddr = 0;
    quint64 filesz = 0;
    quint64 memsz = 0;
    quint64 align = 0;
};

struct Section
{
    QString name;
    quint32 nameOffset = 0;
    quint32 type = 0;
    quint64 flags = 0;
    quint64 addr = 0;
    quint64 offset = 0;
    quint64 size = 0;
    quint32 link = 0;
    quint32 info = 0;
    quint64 addralign = 0;
    quint64 entsize = 0;
    bool hasFileData() const { return type != SHT_NOBITS && type != SHT_NULL && size > 0; }
};

struct Symbol
{
    QString name;
    quint64 value = 0;
    quint64 size = 0;
    quint8 info = 0;
    quint8 other = 0;
    quint32 shndx = 0;
    quint8 type() const { return info & 0xf; }
    quint8 binding() const { return info >> 4; }
};

struct File
{
    Header header;
    QList<ProgramHeader> programs;
    QList<Section> sections;
    QList<Symbol> symbols;
    QString symbolTable; // ".symtab" / ".dynsym" / empty
    bool symbolsTruncated = false;
};

inline constexpr qsizetype kMaxSymbols = 20000;

// Overflow-safe "does [offset, offset+size) lie inside a buffer of `total` bytes".
inline bool fits(quint64 offset, quint64 size, quint64 total)
{
    return offset <= total && size <= total - offset;
}

} // namespace otadesk::firmware::elf
