#pragma once
// Parses and validates the structure of an ELF file: header, program headers, section headers with names and
// one symbol table. Every offset and size is checked against the file size before it is used; a malformed
// file yields an Error whose SourceLocation names the byte offset and, for table entries, the 1-based entry
// number in `record` (readelf's [index] + 1).
#include "core/common/Error.h"
#include "core/firmware/formats/ElfTypes.h"
#include "core/firmware/ImageFormat.h"

#include <QByteArrayView>

namespace otadesk::firmware::elf {

bool hasElfMagic(QByteArrayView head);

Result<File> parseElf(QByteArrayView data, const QString &fileName = {}, const Progress *progress = nullptr);

} // namespace otadesk::firmware::elf
