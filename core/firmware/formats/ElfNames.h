#pragma once
// Names for ELF numbers as readelf prints them (machine, file type, section/segment types and flags, symbol
// type and binding). Unknown values come back as hex so nothing is ever hidden.
#include <QString>

namespace otadesk::firmware::elf {

QString machineName(quint16 machine);      // "ARM", "AArch64", "RISC-V", "x86-64", "Xtensa", ... or "0x1234"
QString fileTypeName(quint16 type);        // "EXEC", "DYN", "REL", "CORE", "NONE"
QString segmentTypeName(quint32 type);     // "LOAD", "NOTE", "GNU_STACK", ...
QString segmentFlagString(quint32 flags);  // "RWE" style as in readelf ("R E")
QString sectionTypeName(quint32 type);     // "PROGBITS", "NOBITS", "SYMTAB", ...
QString sectionFlagString(quint64 flags);  // "WAX" style as in readelf
QString symbolTypeName(quint8 type);       // "NOTYPE", "OBJECT", "FUNC", ...
QString symbolBindingName(quint8 binding); // "LOCAL", "GLOBAL", "WEAK", ...

} // namespace otadesk::firmware::elf
