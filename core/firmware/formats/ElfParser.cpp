#include "core/firmware/formats/ElfParser.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <QtEndian>

namespace otadesk::firmware::elf {

bool hasElfMagic(QByteArrayView head)
{
    return head.size() >= 4 && std::memcmp(head.data(), kMagic, 4) == 0;
}

namespace {

class Parser
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::firmware::ElfParser)
public:
    Parser(QByteArrayView data, const QString &fileName, const Progress *progress)
        : m_data(reinterpret_cast<const uchar *>(data.data())), m_size(quint64(data.size())),
          m_fileName(fileName), m_progress(progress)
    {
    }

    Result<File> run()
    {
        if (auto st = parseIdent(); !st)
            return std::unexpected(st.error());
        if (auto st = parseHeader(); !st)
            return std::unexpected(st.error());
        if (auto st = parseProgramHeaders(); !st)
            return std::unexpected(st.error());
        if (auto st = parseSections(); !st)
            return std::unexpected(st.error());
        if (auto st = parseSymbols(); !st)
            return std::unexpected(st.error());
        return std::move(m_file);
    }

private:
    std::unexpected<Error> bad(quint64 offset, const QString &message, qint64 record = -1,
                               ErrorCode code = ErrorCode::Format) const
    {
        const qint64 off = offset > quint64(std::numeric_limits<qint64>::max()) ? -1 : qint64(offset);
        return fail(code, message, SourceLocation{m_fileName, -1, record, off});
    }

    // Callers check bounds first.
    quint16 u16(quint64 o) const
    {
        return m_big ? qFromBigEndian<quint16>(m_data + o) : qFromLittleEndian<quint16>(m_data + o);
    }
    quint32 u32(quint64 o) const
    {
        return m_big ? qFromBigEndian<quint32>(m_data + o) : qFromLittleEndian<quint32>(m_data + o);
    }
    quint64 u64(quint64 o) const
    {
        return m_big ? qFromBigEndian<quint64>(m_data + o) : qFromLittleEndian<quint64>(m_data + o);
    }
    quint64 word(quint64 o) const { return m_file.header.is64 ? u64(o) : u32(o); }

    Status parseIdent()
    {
        if (m_size < 4 || !hasElfMagic(QByteArrayView(reinterpret_cast<const char *>(m_data), 4)))
            return bad(0, tr("This is not an ELF file (the 0x7f 'E' 'L' 'F' magic is missing)."));
        if (m_size < quint64(kIdentSize))
            return bad(
                m_size,
                tr("The file ends after %1 bytes, inside the 16-byte ELF identification.").arg(m_size));
        Header &h = m_file.header;
        const quint8 cls = m_data[4];
        const quint8 data = m_data[5];
        if (cls != ELFCLASS32 && cls != ELFCLASS64)
            return bad(4, tr("Invalid ELF class byte %1 (expected 1 for ELF32 or 2 for ELF64).").arg(cls));
        if (data != ELFDATA2LSB && data != ELFDATA2MSB)
            return bad(5, tr("Invalid ELF data encoding byte %1 (expected 1 for little endian or 2 for big "
                             "endian).")
                              .arg(data));
        if (m_data[6] != EV_CURRENT)
            return bad(6, tr("Unsupported ELF identification version %1 (expected 1).").arg(m_data[6]));
        h.is64 = cls == ELFCLASS64;
        h.bigEndian = data == ELFDATA2MSB;
        h.osAbi = m_data[7];
        h.abiVersion = m_data[8];
        m_big = h.bigEndian;
        return {};
    }

    Status parseHeader()
    {
        Header &h = m_file.header;
        const quint64 ehdrSize = h.is64 ? kEhdrSize64 : kEhdrSize32;
        if (m_size < ehdrSize)
            return bad(
                m_size,
                tr("The file ends after %1 bytes, inside the %2-byte ELF header.").arg(m_size).arg(ehdrSize));
        const quint64 w = h.is64 ? 8 : 4;
        h.type = u16(16);
        h.machine = u16(18);
        h.version = u32(20);
        h.entry = word(24);
        h.phoff = word(24 + w);
        h.shoff = word(24 + 2 * w);
        quint64 o = 24 + 3 * w;
        h.flags = u32(o);
        h.ehsize = u16(o + 4);
        h.phentsize = u16(o + 6);
        const quint16 phnum = u16(o + 8);
        h.shentsize = u16(o + 10);
        const quint16 shnum = u16(o + 12);
        const quint16 shstrndx = u16(o + 14);
        m_phentsizeOffset = o + 6;
        m_shentsizeOffset = o + 10;
        h.phnum = phnum;
        h.shnum = shnum;
        h.shstrndx = shstrndx;

        const quint64 shdrSize = h.is64 ? kShdrSize64 : kShdrSize32;
        if (h.shoff == 0) {
            if (shnum != 0)
                return bad(24 + 2 * w, tr("The header lists %1 sections but no section header table offset "
                                          "(e_shoff is 0).")
                                           .arg(shnum));
            if (phnum == PN_XNUM)
                return bad(o + 8, tr("e_phnum is PN_XNUM (0xffff) but there is no section header 0 holding "
                                     "the real count."));
            h.shstrndx = 0;
            return {};
        }
        if (h.shentsize < shdrSize)
            return bad(m_shentsizeOffset, tr("Section header entries are %1 bytes (e_shentsize); ELF%2 needs "
                                             "at least %3.")
                                              .arg(h.shentsize)
                                              .arg(h.is64 ? 64 : 32)
                                              .arg(shdrSize));
        if (!fits(h.shoff, shdrSize, m_size))
            return bad(h.shoff <= m_size ? h.shoff : 24 + 2 * w,
                       tr("The section header table at offset 0x%1 lies past the end of the "
                          "%2-byte file.")
                           .arg(h.shoff, 0, 16)
                           .arg(m_size));
        // Extended numbering lives in section header 0.
        const Section s0 = readSection(h.shoff);
        if (shnum == 0)
            h.shnum = s0.size;
        if (phnum == PN_XNUM)
            h.phnum = s0.info;
        if (shstrndx == SHN_XINDEX)
            h.shstrndx = s0.link;
        return {};
    }

    Section readSection(quint64 o) const
    {
        Section s;
        s.nameOffset = u32(o);
        s.type = u32(o + 4);
        if (m_file.header.is64) {
            s.flags = u64(o + 8);
            s.addr = u64(o + 16);
            s.offset = u64(o + 24);
            s.size = u64(o + 32);
            s.link = u32(o + 40);
            s.info = u32(o + 44);
            s.addralign = u64(o + 48);
            s.entsize = u64(o + 56);
        } else {
            s.flags = u32(o + 8);
            s.addr = u32(o + 12);
            s.offset = u32(o + 16);
            s.size = u32(o + 20);
            s.link = u32(o + 24);
            s.info = u32(o + 28);
            s.addralign = u32(o + 32);
            s.entsize = u32(o + 36);
        }
        return s;
    }

    ProgramHeader readProgram(quint64 o) const
    {
        ProgramHeader p;
        p.type = u32(o);
        if (m_file.header.is64) {
            p.flags = u32(o + 4);
            p.offset = u64(o + 8);
            p.vaddr = u64(o + 16);
            p.paddr = u64(o + 24);
            p.filesz = u64(o + 32);
            p.memsz = u64(o + 40);
            p.align = u64(o + 48);
        } else {
            p.offset = u32(o + 4);
            p.vaddr = u32(o + 8);
            p.paddr = u32(o + 12);
            p.filesz = u32(o + 16);
            p.memsz = u32(o + 20);
            p.flags = u32(o + 24);
            p.align = u32(o + 28);
        }
        return p;
    }

    // Checks that a table of `count` entries of `entsize` bytes at `offset` lies inside the file.
    // Errors point at the table if it starts inside the file, else at the header field holding its offset.
    Status checkTable(quint64 offset, quint64 count, quint64 entsize, quint64 fieldOffset,
                      const QString &what)
    {
        if (count > m_size / entsize || !fits(offset, count * entsize, m_size))
            return bad(offset < m_size ? offset : fieldOffset,
                       tr("The %1 (%2 entries of %3 bytes at offset 0x%4) runs past the end of "
                          "the %5-byte file.")
                           .arg(what)
                           .arg(count)
                           .arg(entsize)
                           .arg(offset, 0, 16)
                           .arg(m_size));
        return {};
    }

    Status parseProgramHeaders()
    {
        const Header &h = m_file.header;
        if (h.phnum == 0)
            return {};
        const quint64 phdrSize = h.is64 ? kPhdrSize64 : kPhdrSize32;
        if (h.phentsize < phdrSize)
            return bad(m_phentsizeOffset, tr("Program header entries are %1 bytes (e_phentsize); ELF%2 needs "
                                             "at least %3.")
                                              .arg(h.phentsize)
                                              .arg(h.is64 ? 64 : 32)
                                              .arg(phdrSize));
        if (auto st = checkTable(h.phoff, h.phnum, h.phentsize, h.is64 ? 32 : 28, tr("program header table"));
            !st)
            return st;
        const quint64 addressLimit = h.is64 ? std::numeric_limits<quint64>::max() : 0xffffffffu;
        m_file.programs.reserve(qsizetype(h.phnum));
        for (quint64 i = 0; i < h.phnum; ++i) {
            const quint64 at = h.phoff + i * h.phentsize;
            const ProgramHeader p = readProgram(at);
            const qint64 record = qint64(i) + 1;
            if (p.filesz > 0 && !fits(p.offset, p.filesz, m_size))
                return bad(p.offset < m_size ? p.offset : at,
                           tr("Program header [%1]: its %2 file bytes at offset 0x%3 run past the "
                              "end of the %4-byte file (truncated file?).")
                               .arg(i)
                               .arg(p.filesz)
                               .arg(p.offset, 0, 16)
                               .arg(m_size),
                           record);
            if (p.type == PT_LOAD) {
                if (p.filesz > p.memsz)
                    return bad(at,
                               tr("Program header [%1]: the file size 0x%2 is larger than the memory size "
                                  "0x%3.")
                                   .arg(i)
                                   .arg(p.filesz, 0, 16)
                                   .arg(p.memsz, 0, 16),
                               record);
                if (p.filesz > 0 &&
                    (p.paddr > addressLimit - (p.filesz - 1) || p.vaddr > addressLimit - (p.filesz - 1)))
                    return bad(at,
                               tr("Program header [%1]: 0x%2 bytes at address 0x%3 run past the end of "
                                  "the address space.")
                                   .arg(i)
                                   .arg(p.filesz, 0, 16)
                                   .arg(p.paddr, 0, 16),
                               record);
            }
            m_file.programs.append(p);
        }
        return {};
    }

    Result<QString> stringAt(const Section &table, quint64 nameOffset, quint64 entryOffset, qint64 record,
                             const QString &what) const
    {
        if (nameOffset >= table.size)
            return bad(entryOffset,
                       tr("The name of %1 starts at 0x%2, past the end of its %3-byte string "
                          "table.")
                           .arg(what)
                           .arg(nameOffset, 0, 16)
                           .arg(table.size),
                       record);
        const char *start = reinterpret_cast<const char *>(m_data + table.offset + nameOffset);
        const quint64 room = table.size - nameOffset;
        const void *nul = std::memchr(start, 0, room);
        if (!nul)
            return bad(table.offset + nameOffset,
                       tr("The name of %1 is not terminated inside its string table.").arg(what), record);
        // Absurdly long names (hostile files) are cut so that 20000 symbols cannot exhaust memory.
        constexpr qsizetype kMaxName = 1024;
        return QString::fromUtf8(start,
                                 std::min<qsizetype>(static_cast<const char *>(nul) - start, kMaxName));
    }

    Status parseSections()
    {
        const Header &h = m_file.header;
        if (h.shnum == 0)
            return {};
        if (auto st = checkTable(h.shoff, h.shnum, h.shentsize, h.is64 ? 40 : 32, tr("section header table"));
            !st)
            return st;
        m_file.sections.reserve(qsizetype(h.shnum));
        for (quint64 i = 0; i < h.shnum; ++i) {
            if ((i & 1023) == 0 && m_progress && m_progress->isCancelled())
                return bad(0, tr("Reading was cancelled."), -1, ErrorCode::Cancelled);
            const quint64 at = h.shoff + i * h.shentsize;
            const Section s = readSection(at);
            if (i > 0 && s.hasFileData() && !fits(s.offset, s.size, m_size))
                return bad(s.offset < m_size ? s.offset : at,
                           tr("Section [%1]: its %2 bytes at offset 0x%3 run past the end of the "
                              "%4-byte file (truncated file?).")
                               .arg(i)
                               .arg(s.size)
                               .arg(s.offset, 0, 16)
                               .arg(m_size),
                           qint64(i) + 1);
            m_file.sections.append(s);
        }
        if (h.shstrndx == SHN_UNDEF)
            return {};
        if (h.shstrndx >= h.shnum)
            return bad(h.is64 ? 62 : 50, tr("The section name table index e_shstrndx = %1 is out of range "
                                            "(the file has %2 sections).")
                                             .arg(h.shstrndx)
                                             .arg(h.shnum));
        const Section names = m_file.sections.at(qsizetype(h.shstrndx));
        if (names.type == SHT_NOBITS || names.type == SHT_NULL)
            return bad(
                h.is64 ? 62 : 50,
                tr("The section name table (section [%1]) holds no bytes in the file.").arg(h.shstrndx));
        for (qsizetype i = 0; i < m_file.sections.size(); ++i) {
            Section &s = m_file.sections[i];
            if (i == 0 && s.nameOffset == 0)
                continue;
            auto name = stringAt(names, s.nameOffset, h.shoff + quint64(i) * h.shentsize, i + 1,
                                 tr("section [%1]").arg(i));
            if (!name)
                return std::unexpected(name.error());
            s.name = *name;
        }
        return {};
    }

    Status parseSymbols()
    {
        const Header &h = m_file.header;
        qsizetype index = -1;
        for (quint32 wanted : {quint32(SHT_SYMTAB), quint32(SHT_DYNSYM)}) {
            for (qsizetype i = 1; i < m_file.sections.size() && index < 0; ++i) {
                if (m_file.sections.at(i).type == wanted)
                    index = i;
            }
        }
        if (index < 0)
            return {};
        const Section &table = m_file.sections.at(index);
        const quint64 headerAt = h.shoff + quint64(index) * h.shentsize;
        const quint64 minEntry = h.is64 ? kSymSize64 : kSymSize32;
        const quint64 entsize = table.entsize == 0 ? minEntry : table.entsize;
        if (entsize < minEntry)
            return bad(headerAt,
                       tr("Symbol table section [%1] has %2-byte entries; ELF%3 needs at least %4.")
                           .arg(index)
                           .arg(entsize)
                           .arg(h.is64 ? 64 : 32)
                           .arg(minEntry),
                       index + 1);
        if (table.link == 0 || table.link >= quint64(m_file.sections.size()))
            return bad(headerAt,
                       tr("Symbol table section [%1] links to string table [%2], which does not "
                          "exist.")
                           .arg(index)
                           .arg(table.link),
                       index + 1);
        const Section &strings = m_file.sections.at(qsizetype(table.link));
        if (strings.type == SHT_NOBITS || strings.type == SHT_NULL)
            return bad(headerAt,
                       tr("Symbol table section [%1] links to section [%2], which is not a string "
                          "table with bytes in the file.")
                           .arg(index)
                           .arg(table.link),
                       index + 1);
        m_file.symbolTable = table.name;
        const quint64 count = table.size / entsize;
        for (quint64 i = 1; i < count; ++i) {
            if (m_file.symbols.size() >= kMaxSymbols) {
                m_file.symbolsTruncated = true;
                break;
            }
            const quint64 o = table.offset + i * entsize;
            Symbol sym;
            quint32 nameOffset = u32(o);
            if (h.is64) {
                sym.info = m_data[o + 4];
                sym.other = m_data[o + 5];
                sym.shndx = u16(o + 6);
                sym.value = u64(o + 8);
                sym.size = u64(o + 16);
            } else {
                sym.value = u32(o + 4);
                sym.size = u32(o + 8);
                sym.info = m_data[o + 12];
                sym.other = m_data[o + 13];
                sym.shndx = u16(o + 14);
            }
            if (nameOffset != 0) {
                auto name = stringAt(strings, nameOffset, o, qint64(i) + 1, tr("symbol %1").arg(i));
                if (!name)
                    return std::unexpected(name.error());
                sym.name = *name;
            }
            m_file.symbols.append(std::move(sym));
        }
        return {};
    }

    const uchar *m_data;
    quint64 m_size;
    QString m_fileName;
    const Progress *m_progress;
    bool m_big = false;
    quint64 m_phentsizeOffset = 0;
    quint64 m_shentsizeOffset = 0;
    File m_file;
};

} // namespace

Result<File> parseElf(QByteArrayView data, const QString &fileName, const Progress *progress)
{
    return Parser(data, fileName, progress).run();
}

} // namespace otadesk::firmware::elf
