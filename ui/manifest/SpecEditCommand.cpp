#include "ui/manifest/SpecEditCommand.h"

#include "ui/manifest/ManifestDocument.h"

namespace otadesk::ui {

SpecEditCommand::SpecEditCommand(ManifestDocument *document, manifest::ManifestSpec before,
                                 manifest::ManifestSpec after, QString field, const QString &text,
                                 bool mergeable)
    : QUndoCommand(text), m_document(document), m_before(std::move(before)), m_after(std::move(after)),
      m_field(std::move(field)), m_mergeable(mergeable)
{
}

void SpecEditCommand::undo()
{
    m_document->apply(m_before, m_field);
}

void SpecEditCommand::redo()
{
    m_document->apply(m_after, m_field);
}

bool SpecEditCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const SpecEditCommand *>(other);
    if (!m_mergeable || !o->m_mergeable || o->m_field != m_field)
        return false;
    m_after = o->m_after;
    if (m_after == m_before)
        setObsolete(true); // typed and deleted again: no step at all
    return true;
}

} // namespace otadesk::ui
