#pragma once
// From a parsed ELF file to a MemoryImage and back.
//
// Reading follows what `objcopy -O binary` produces: the bytes of every allocated section with file contents
// (not .bss) that lies inside a PT_LOAD segment, placed at its load address (LMA = p_paddr + offset inside
// the segment). Bytes of a segment that belong to no section (the ELF header in the first segment of a hosted
// program, padding) are left out and counted in the metadata. Files without section headers load whole
// PT_LOAD segments (p_filesz bytes at p_paddr). Bytes between p_filesz and p_memsz are zero-initialised RAM,
// not data.
#include "core/common/Error.h"
#include "core/firmware/formats/ElfTypes.h"
#include "core/firmware/ImageFormat.h"

#include <QHash>
#include <QStringList>

namespace otadesk::firmware::elf {

// `data` is the whole file that `file` was parsed from.
Result<ReadResult> loadImage(const File &file, QByteArrayView data, const ReadOptions &options);

// What loading decided, for the metadata.
struct LoadSummary
{
    QHash<qsizetype, quint64> loadAddresses; // LMA of each section placed in the image, by section index
    QStringList notes;                       // human-readable remarks (VMA != LMA, .bss, left-out bytes)
    quint64 bssBytes = 0;                    // PT_LOAD memory beyond the file bytes
    quint64 bytesOutsideSections = 0;        // PT_LOAD file bytes that belong to no section
    bool usedVirtualAddresses = false;       // all p_paddr were 0: VMAs used, as objcopy does
};

// The "elf" metadata map (class, endianness, machine, type, entry, segments, sections, symbols, notes).
QVariantMap describe(const File &file, const LoadSummary &summary);

// ELF32 when every address fits in 32 bits, else ELF64; little endian; one PT_LOAD and one PROGBITS section
// per image segment plus .shstrtab.
Result<QByteArray> writeImage(const MemoryImage &image, const Progress &progress);

} // namespace otadesk::firmware::elf
