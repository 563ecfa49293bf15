#include "core/firmware/formats/ElfImage.h"

#include <limits>
#include <QHash>

namespace otadesk::firmware::elf {

namespace {

class Loader
{
    Q_DECLARE_TR_FUNCTIONS(otadesk::firmware::ElfLoader)
public:
    Loader(const File &file, QByteArrayView data, const ReadOptions &options)
        : m_file(file), m_data(data), m_options(options)
    {
    }

    Result<ReadResult> run()
    {
        for (qsizetype i = 0; i < m_file.programs.size(); ++i) {
            const ProgramHeader &p = m_file.programs.at(i);
            if (p.type == PT_LOAD && p.filesz > 0)
                m_loads.append(i);
            if ((p.type == PT_LOAD || p.type == PT_TLS) && p.filesz > 0)
                m_candidates.append(&p);
        }
        if (m_loads.isEmpty())
            return noLoadableData();
        m_useVma = allPhysicalAddressesZero();
        if (m_useVma)
            m_notes.append(tr("Every program header has p_paddr 0; sections are placed at their virtual "
                              "addresses, as objcopy does."));

        if (m_file.sections.size() > 1) {
            if (auto st = loadSections(); !st)
                return std::unexpected(st.error());
        }
        if (m_result.image.isEmpty()) {
            if (m_file.sections.size() > 1)
                m_result.warnings.append({Diagnostic::Severity::Warning,
                                          tr("No allocated section lies inside a PT_LOAD segment; the "
                                             "segments were loaded whole."),
                                          location(-1, -1)});
            if (auto st = loadSegments(); !st)
                return std::unexpected(st.error());
        }
        addNotes();
        // gABI: "If the file has no associated entry point, this member holds zero."
        if (m_file.header.entry != 0)
            m_result.image.setEntryPoint(m_file.header.entry);
        m_result.image.metadata().insert(QStringLiteral("elf"), describe(m_file, m_summary));
        return std::move(m_result);
    }

private:
    SourceLocation location(qint64 record, qint64 offset) const
    {
        return SourceLocation{m_options.fileName, -1, record, offset};
    }

    std::unexpected<Error> noLoadableData() const
    {
        const SourceLocation at = location(-1, 16);
        switch (m_file.header.type) {
        case ET_REL:
            return fail(ErrorCode::Unsupported,
                        tr("This is an object file (ET_REL), not a program: it has no load addresses yet. "
                           "Link it first and import the linked ELF."),
                        at);
        case ET_CORE:
            return fail(ErrorCode::Unsupported,
                        tr("This is a core dump (ET_CORE), not firmware: it holds no loadable data."), at);
        default:
            break;
        }
        return fail(
            ErrorCode::Format,
            tr("This ELF file has no loadable data: none of its %1 program headers is a PT_LOAD segment "
               "with bytes in the file (only zero-initialised memory, if any). Was it stripped or "
               "linked without sections?")
                .arg(m_file.programs.size()),
            location(-1, m_file.programs.isEmpty() ? 16 : qint64(m_file.header.phoff)));
    }

    bool allPhysicalAddressesZero() const
    {
        int loads = 0;
        for (const ProgramHeader &p : m_file.programs) {
            if (p.paddr != 0)
                return false;
            if (p.type == PT_LOAD && p.memsz != 0)
                ++loads;
        }
        return loads > 1;
    }

    // ELF_SECTION_IN_SEGMENT: file bytes and virtual addresses both inside the segment.
    static bool contains(const ProgramHeader &p, const Section &s)
    {
        if (s.offset < p.offset || s.offset - p.offset >= p.filesz ||
            s.size > p.filesz - (s.offset - p.offset))
            return false;
        if (s.addr < p.vaddr || s.addr - p.vaddr >= p.memsz || s.size > p.memsz - (s.addr - p.vaddr))
            return false;
        return true;
    }

    // The first PT_LOAD (or PT_TLS) holding the section, as BFD assigns section LMAs.
    const ProgramHeader *segmentOf(const Section &s, quint32 type) const
    {
        for (const ProgramHeader *p : m_candidates) {
            if (p->type == type && contains(*p, s))
                return p;
        }
        return nullptr;
    }

    Status place(quint64 address, quint64 offset, quint64 size, qint64 record)
    {
        const QByteArrayView bytes = m_data.sliced(qsizetype(offset), qsizetype(size));
        auto st =
            m_result.image.write(address, bytes, m_options.overlaps, &m_result.warnings, &m_result.overlaps);
        if (!st) {
            Error e = st.error();
            e.at(location(record, qint64(offset)));
            return std::unexpected(e);
        }
        return {};
    }

    Status loadSections()
    {
        const qint64 total = qint64(m_file.sections.size());
        for (qsizetype i = 1; i < m_file.sections.size(); ++i) {
            if (m_options.progress.isCancelled())
                return fail(ErrorCode::Cancelled, tr("Reading was cancelled."));
            const Section &s = m_file.sections.at(i);
            if (!(s.flags & SHF_ALLOC) || !s.hasFileData())
                continue;
            const bool tls = (s.flags & SHF_TLS) != 0;
            const ProgramHeader *p = segmentOf(s, tls ? PT_TLS : PT_LOAD);
            if (!p) {
                m_result.warnings.append(
                    {Diagnostic::Severity::Warning,
                     tr("Section [%1] %2 is allocated but lies in no PT_LOAD segment; it was left out.")
                         .arg(i)
                         .arg(s.name),
                     location(i + 1, qint64(s.offset))});
                continue;
            }
            if (m_useVma && s.addr > std::numeric_limits<quint64>::max() - s.size)
                return fail(ErrorCode::Format,
                            tr("Section [%1] %2 runs past the end of the address space.").arg(i).arg(s.name),
                            location(i + 1, qint64(s.offset)));
            const quint64 lma = m_useVma ? s.addr : p->paddr + (s.offset - p->offset);
            if (auto st = place(lma, s.offset, s.size, i + 1); !st)
                return st;
            m_summary.loadAddresses.insert(i, lma);
            if (const ProgramHeader *load = tls ? segmentOf(s, PT_LOAD) : p)
                m_covered[load] += s.size;
            if (m_options.progress.report)
                m_options.progress.report(i, total);
        }
        return {};
    }

    Status loadSegments()
    {
        for (qsizetype i : std::as_const(m_loads)) {
            const ProgramHeader &p = m_file.programs.at(i);
            if (m_useVma && p.vaddr > std::numeric_limits<quint64>::max() - p.filesz)
                return fail(ErrorCode::Format,
                            tr("Program header [%1] runs past the end of the address space.").arg(i),
                            location(i + 1, qint64(p.offset)));
            if (auto st = place(m_useVma ? p.vaddr : p.paddr, p.offset, p.filesz, i + 1); !st)
                return st;
            m_covered[&p] = p.filesz;
        }
        return {};
    }

    void addNotes()
    {
        quint64 bss = 0;
        quint64 outside = 0;
        for (qsizetype i : std::as_const(m_loads)) {
            const ProgramHeader &p = m_file.programs.at(i);
            bss += p.memsz - p.filesz;
            // Sections may overlap inside a segment in broken files: never count below zero.
            const quint64 covered = std::min(p.filesz, m_covered.value(&p));
            outside += p.filesz - covered;
            if (p.vaddr != p.paddr && !m_useVma)
                m_notes.append(
                    tr("Segment [%1] runs at virtual address %2 but is loaded at %3 (LMA); the image "
                       "uses the load address.")
                        .arg(i)
                        .arg(formatAddress(p.vaddr), formatAddress(p.paddr)));
        }
        for (const ProgramHeader &p : m_file.programs) {
            if (p.type == PT_LOAD && p.filesz == 0 && p.memsz > 0)
                bss += p.memsz;
        }
        if (bss > 0)
            m_notes.append(
                tr("%1 bytes of PT_LOAD memory beyond the file contents (.bss, zero-initialised at "
                   "run time) are not part of the image.")
                    .arg(bss));
        if (outside > 0)
            m_notes.append(tr("%1 bytes of PT_LOAD segments belong to no section (ELF headers, padding) and "
                              "were left out, as objcopy does.")
                               .arg(outside));
        m_summary.bssBytes = bss;
        m_summary.bytesOutsideSections = outside;
        m_summary.usedVirtualAddresses = m_useVma;
        for (const QString &n : std::as_const(m_notes))
            m_result.warnings.append({Diagnostic::Severity::Info, n, location(-1, -1)});
    }

    const File &m_file;
    QByteArrayView m_data;
    const ReadOptions &m_options;
    QList<qsizetype> m_loads;                  // PT_LOAD with file bytes
    QList<const ProgramHeader *> m_candidates; // PT_LOAD and PT_TLS with file bytes
    bool m_useVma = false;
    ReadResult m_result;
    QHash<const ProgramHeader *, quint64> m_covered;
    LoadSummary m_summary;
    QStringList &m_notes = m_summary.notes;
};

} // namespace

Result<ReadResult> loadImage(const File &file, QByteArrayView data, const ReadOptions &options)
{
    return Loader(file, data, options).run();
}

} // namespace otadesk::firmware::elf
