// Writes a MemoryImage as a minimal little-endian ELF executable that objcopy, readelf, gdb and flashing
// tools accept: [ELF header][program headers][segment bytes...][.shstrtab][section headers].
#include "core/firmware/formats/ElfImage.h"

#include <QSet>
#include <QtEndian>

namespace otadesk::firmware::elf {

namespace {

class Writer
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::firmware::ElfWriter)
public:
    Writer(const MemoryImage &image, const Progress &progress) : m_image(image), m_progress(progress) {}

    Result<QByteArray> run()
    {
        const quint64 limit32 = quint64(1) << 32;
        const auto entry = m_image.entryPoint();
        m_is64 = m_image.extent().end > limit32 || (entry && *entry >= limit32);
        chooseSectionNames();
        if (auto st = layout(); !st)
            return std::unexpected(st.error());
        QByteArray out;
        out.reserve(qsizetype(m_fileSize));
        writeHeader(out);
        writeProgramHeaders(out);
        const auto &segments = m_image.segments();
        for (qsizetype i = 0; i < segments.size(); ++i) {
            if (m_progress.isCancelled())
                return fail(ErrorCode::Cancelled, tr("Writing was cancelled."));
            padTo(out, m_dataOffsets.at(i));
            out.append(segments.at(i).data);
            if (m_progress.report)
                m_progress.report(i + 1, segments.size());
        }
        padTo(out, m_strtabOffset);
        out.append(m_strtab);
        padTo(out, m_shoff);
        writeSectionHeaders(out);
        return out;
    }

private:
    quint64 word() const { return m_is64 ? 8 : 4; }

    void chooseSectionNames()
    {
        const QVariantMap elfMeta = m_image.metadata().value(QStringLiteral("elf")).toMap();
        const QVariantList known = elfMeta.value(QStringLiteral("sections")).toList();
        QSet<QString> used;
        const auto &segments = m_image.segments();
        for (qsizetype i = 0; i < segments.size(); ++i) {
            const Segment &seg = segments.at(i);
            QString name = QStringLiteral(".data%1").arg(i);
            quint64 flags = SHF_ALLOC | SHF_WRITE | SHF_EXECINSTR;
            for (const QVariant &v : known) {
                const QVariantMap s = v.toMap();
                const QString candidate = s.value(QStringLiteral("name")).toString();
                if (!s.contains(QStringLiteral("loadAddress")) || candidate.isEmpty() ||
                    candidate.contains(QChar(0)) || used.contains(candidate) ||
                    candidate == QStringLiteral(".shstrtab"))
                    continue;
                if (s.value(QStringLiteral("loadAddress")).toULongLong() == seg.address &&
                    s.value(QStringLiteral("size")).toULongLong() == quint64(seg.data.size())) {
                    name = candidate;
                    flags =
                        (s.value(QStringLiteral("flagBits")).toULongLong() & (SHF_WRITE | SHF_EXECINSTR)) |
                        SHF_ALLOC;
                    break;
                }
            }
            used.insert(name);
            m_names.append(name);
            m_flags.append(flags);
        }
        bool ok = false;
        int machine = elfMeta.value(QStringLiteral("machineNumber")).toInt(&ok);
        if (!ok)
            machine = elfMeta.value(QStringLiteral("machine")).toInt(&ok);
        m_machine = ok && machine >= 0 && machine <= 0xffff ? quint16(machine) : quint16(EM_NONE);
    }

    Status layout()
    {
        const quint64 ehdr = m_is64 ? kEhdrSize64 : kEhdrSize32;
        const quint64 phdr = m_is64 ? kPhdrSize64 : kPhdrSize32;
        const auto &segments = m_image.segments();
        quint64 offset = ehdr + phdr * quint64(segments.size());
        for (const Segment &seg : segments) {
            offset += (seg.address - offset) & 3; // file offset congruent to the address modulo p_align 4
            m_dataOffsets.append(offset);
            offset += quint64(seg.data.size());
        }
        m_strtab.append('\0');
        for (const QString &name : std::as_const(m_names)) {
            m_nameOffsets.append(quint32(m_strtab.size()));
            m_strtab.append(name.toUtf8()).append('\0');
        }
        m_shstrtabName = quint32(m_strtab.size());
        m_strtab.append(".shstrtab").append('\0');
        m_strtabOffset = offset;
        offset += quint64(m_strtab.size());
        offset = (offset + word() - 1) & ~(word() - 1);
        m_shoff = offset;
        const quint64 shdr = m_is64 ? kShdrSize64 : kShdrSize32;
        m_fileSize = offset + shdr * (quint64(segments.size()) + 2);
        if (!m_is64 && m_fileSize > 0xffffffffu)
            return fail(ErrorCode::Unsupported,
                        tr("The image is too large for an ELF32 file (%1 bytes).").arg(m_fileSize));
        return {};
    }

    static void padTo(QByteArray &out, quint64 offset)
    {
        if (quint64(out.size()) < offset)
            out.append(qsizetype(offset - quint64(out.size())), '\0');
    }
    template <typename T> static void put(QByteArray &out, T value)
    {
        char buf[sizeof(T)];
        qToLittleEndian<T>(value, buf);
        out.append(buf, sizeof(T));
    }
    void putWord(QByteArray &out, quint64 value) const
    {
        if (m_is64)
            put<quint64>(out, value);
        else
            put<quint32>(out, quint32(value));
    }

    void writeHeader(QByteArray &out) const
    {
        const quint64 count = quint64(m_image.segmentCount());
        const quint64 shnum = count + 2;
        out.append(kMagic, 4);
        out.append(char(m_is64 ? ELFCLASS64 : ELFCLASS32)).append(char(ELFDATA2LSB)).append(char(EV_CURRENT));
        out.append(qsizetype(kIdentSize - 7), '\0');
        put<quint16>(out, ET_EXEC);
        put<quint16>(out, m_machine);
        put<quint32>(out, EV_CURRENT);
        putWord(out, m_image.entryPoint().value_or(0));
        putWord(out, count ? (m_is64 ? kEhdrSize64 : kEhdrSize32) : 0);
        putWord(out, m_shoff);
        put<quint32>(out, 0); // e_flags
        put<quint16>(out, quint16(m_is64 ? kEhdrSize64 : kEhdrSize32));
        put<quint16>(out, quint16(m_is64 ? kPhdrSize64 : kPhdrSize32));
        put<quint16>(out, count >= PN_XNUM ? PN_XNUM : quint16(count));
        put<quint16>(out, quint16(m_is64 ? kShdrSize64 : kShdrSize32));
        put<quint16>(out, shnum >= SHN_LORESERVE ? 0 : quint16(shnum));
        put<quint16>(out, count + 1 >= SHN_LORESERVE ? quint16(SHN_XINDEX) : quint16(count + 1));
    }

    void writeProgramHeaders(QByteArray &out) const
    {
        const auto &segments = m_image.segments();
        for (qsizetype i = 0; i < segments.size(); ++i) {
            const Segment &seg = segments.at(i);
            const quint64 size = quint64(seg.data.size());
            put<quint32>(out, PT_LOAD);
            if (m_is64)
                put<quint32>(out, PF_R | PF_W | PF_X);
            putWord(out, m_dataOffsets.at(i));
            putWord(out, seg.address);
            putWord(out, seg.address);
            putWord(out, size);
            putWord(out, size);
            if (!m_is64)
                put<quint32>(out, PF_R | PF_W | PF_X);
            putWord(out, 4);
        }
    }

    void putSection(QByteArray &out, quint32 name, quint32 type, quint64 flags, quint64 addr, quint64 offset,
                    quint64 size, quint32 link, quint32 info, quint64 align) const
    {
        put<quint32>(out, name);
        put<quint32>(out, type);
        putWord(out, flags);
        putWord(out, addr);
        putWord(out, offset);
        putWord(out, size);
        put<quint32>(out, link);
        put<quint32>(out, info);
        putWord(out, align);
        putWord(out, 0); // entsize
    }

    void writeSectionHeaders(QByteArray &out) const
    {
        const quint64 count = quint64(m_image.segmentCount());
        const quint64 shnum = count + 2;
        // Section 0 carries the real counts when they do not fit the 16-bit header fields.
        putSection(out, 0, SHT_NULL, 0, 0, 0, shnum >= SHN_LORESERVE ? shnum : 0,
                   count + 1 >= SHN_LORESERVE ? quint32(count + 1) : 0, count >= PN_XNUM ? quint32(count) : 0,
                   0);
        const auto &segments = m_image.segments();
        for (qsizetype i = 0; i < segments.size(); ++i) {
            const Segment &seg = segments.at(i);
            putSection(out, m_nameOffsets.at(i), SHT_PROGBITS, m_flags.at(i), seg.address,
                       m_dataOffsets.at(i), quint64(seg.data.size()), 0, 0, 1);
        }
        putSection(out, m_shstrtabName, SHT_STRTAB, 0, 0, m_strtabOffset, quint64(m_strtab.size()), 0, 0, 1);
    }

    const MemoryImage &m_image;
    const Progress &m_progress;
    bool m_is64 = false;
    quint16 m_machine = EM_NONE;
    QStringList m_names;
    QList<quint64> m_flags;
    QList<quint64> m_dataOffsets;
    QList<quint32> m_nameOffsets;
    QByteArray m_strtab;
    quint32 m_shstrtabName = 0;
    quint64 m_strtabOffset = 0;
    quint64 m_shoff = 0;
    quint64 m_fileSize = 0;
};

} // namespace

Result<QByteArray> writeImage(const MemoryImage &image, const Progress &progress)
{
    return Writer(image, progress).run();
}

} // namespace otadesk::firmware::elf
